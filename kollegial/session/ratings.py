"""Rating statistics: what the room needs to see about its ratings."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from kollegial.protocols.model import Group, Protocol, Statement
from kollegial.values import Value, frozen

if TYPE_CHECKING:
    from types import ModuleType


def _stats() -> ModuleType:
    """``statistics``, imported when the first rating is counted, not when a meeting starts."""
    import statistics

    return statistics


def round_half_up(value: float, places: int = 1) -> Decimal:
    """``value`` to ``places`` decimals, halves rounded up, as a teacher checks by hand.

    2,25 is 2,3 and 3,25 is 3,3 (Python's ``round`` and ``format`` give 2,2:
    halves to even). The float is first read to 9 decimals, so that a mean
    like 3,35 that binary floating point holds as 3,34999… still counts as
    the half it is. Every figure of the ratings is shown through this one rule.
    """
    exact = Decimal(repr(value)).quantize(Decimal("1e-9"), rounding=ROUND_HALF_UP)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@frozen
class StatementStats(Value):
    """The distribution of one statement's ratings."""

    statement: Statement
    group: Group
    number: int
    """1-based position within its group."""
    values: tuple[int, ...]
    counts: dict[int, int]

    @property
    def n(self) -> int:
        return len(self.values)

    @property
    def mean(self) -> float | None:
        return _stats().fmean(self.values) if self.values else None

    @property
    def median(self) -> float | None:
        return _stats().median(self.values) if self.values else None

    @property
    def min(self) -> int | None:
        return min(self.values) if self.values else None

    @property
    def max(self) -> int | None:
        return max(self.values) if self.values else None

    @property
    def spread(self) -> float:
        """Population standard deviation: how far apart the room's views are."""
        return _stats().pstdev(self.values) if len(self.values) > 1 else 0.0

    @property
    def range(self) -> int:
        return (self.max - self.min) if self.values else 0  # type: ignore[operator]


@frozen
class GroupStats(Value):
    """The statements of one group (a corner of the triangle), each with its distribution."""

    group: Group
    statements: tuple[StatementStats, ...]

    @property
    def mean(self) -> float | None:
        """The mean of the statement means (statements nobody rated are left out)."""
        means = [s.mean for s in self.statements if s.mean is not None]
        return _stats().fmean(means) if means else None

    def by_spread(self) -> list[StatementStats]:
        """Statements where views differ most first: the best places to start talking."""
        return rank_by_spread(self.statements)

    def standing_out(self, most: int = 3) -> list[StatementStats]:
        """The statements where views differ clearly more than elsewhere, widest first.

        Those whose spread is within a quarter of a scale step of the widest
        (ties and near-ties), and never more than ``most``: a list of every
        statement says nothing about where to start.
        """
        ranked = [s for s in self.by_spread() if s.spread > 0]
        if not ranked:
            return []
        widest = ranked[0].spread
        return [s for s in ranked if s.spread >= widest - 0.25][:most]

    def start_here(self) -> StatementStats | None:
        """The one statement to start talking about: where views differ most, if they differ."""
        ranked = self.by_spread()
        return ranked[0] if ranked and ranked[0].spread > 0 else None


def rank_by_spread(stats: Iterable[StatementStats]) -> list[StatementStats]:
    rated = [s for s in stats if s.n > 1]
    return sorted(rated, key=lambda s: (-s.spread, -s.range, s.group.id, s.number))


def compute(
    protocol: Protocol,
    ratings: Mapping[str, Mapping[str, int]],
    groups: Iterable[str] | None = None,
) -> list[GroupStats]:
    """Statistics per group from ``ratings`` (participant -> statement id -> value)."""
    wanted = set(groups) if groups is not None else None
    out = []
    for group in protocol.groups:
        if wanted is not None and group.id not in wanted:
            continue
        stats = []
        for number, st in enumerate(group.statement_list(), start=1):
            values = tuple(
                sorted(
                    v for person in ratings.values() if (v := person.get(st.id or "")) is not None
                )
            )
            counts = {v: values.count(v) for v in protocol.scale.values}
            stats.append(StatementStats(st, group, number, values, counts))
        out.append(GroupStats(group, tuple(stats)))
    return out


def example_ratings(protocol: Protocol, participants: Iterable[str]) -> dict[str, dict[str, int]]:
    """Made-up ratings for a demo meeting, the same every time: something to look at.

    Each person rates each statement of the scale, some alike and some far
    apart, so the corners of a demo show bars, means and where to start.
    """
    scale = protocol.scale.values
    low, high = scale[0], scale[-1]
    out: dict[str, dict[str, int]] = {}
    for p, person in enumerate(participants):
        values: dict[str, int] = {}
        for g, group in enumerate(protocol.groups):
            for s, st in enumerate(group.statement_list()):
                # A statement's "view" of the room, then each person a step off it.
                centre = low + (s * 2 + g) % len(scale)
                offset = ((p + s) % 3 - 1) * (1 + s % 2)
                values[st.id or ""] = max(low, min(high, centre + offset))
        out[person] = values
    return out
