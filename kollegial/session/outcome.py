"""What a meeting came to, as the report over time reads it: kept so it need not replay.

``kollegial report`` over a thousand meetings replayed every log each time
(most of its 2.7 s). The :class:`Outcome` of a meeting is all the report reads
of it: when it started, who took part, the ratings, the decisions with their
step's label, whether it ended, and the time planned and used. The engine
derives it from a replayed session (:func:`outcome_of`); the store keeps it
with the number of events it was derived from and the engine that derived it,
and derives it again when the log has grown or the engine changed. Only the
log is the record: an outcome is a convenience, equal to a full replay (a
property test says so).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from kollegial.session.session import Session
from kollegial.values import Value, frozen

FORMAT = "1"


@frozen
class Outcome(Value):
    """A meeting's facts for the report over time, derived from its replayed log."""

    started_at: datetime | None
    participants: tuple[str, ...]
    ratings: dict[str, dict[str, int]]
    """Each person's ratings by statement, as :attr:`Session.ratings` holds them (in order)."""
    decisions: tuple[tuple[int, str, str | None], ...]
    """(plan step, text, the step's own label for its decision), in step order."""
    ended: bool
    planned: float
    """The plan's seconds."""
    used: float
    """Seconds used over all steps (of an ended meeting; 0 for one still going)."""

    @property
    def raters(self) -> list[str]:
        """Who rated without being a participant (a rating from a phone's number)."""
        return sorted(set(self.ratings) - set(self.participants))


def outcome_of(session: Session) -> Outcome:
    """The outcome of a replayed ``session``."""
    return Outcome(
        started_at=session.started_at,
        participants=tuple(session.participants),
        ratings={person: dict(values) for person, values in session.ratings.items()},
        decisions=tuple(
            (index, text, session.plan[index].step.decision)
            for index, text in sorted(session.decisions.items())
        ),
        ended=session.ended,
        planned=session.plan.planned_seconds,
        used=sum(r.used for r in session.reports()) if session.ended else 0.0,
    )


def dumps(outcome: Outcome) -> str:
    """An outcome as the store keeps it."""
    started = outcome.started_at.isoformat() if outcome.started_at is not None else None
    return json.dumps(
        [
            started,
            outcome.participants,
            outcome.ratings,
            outcome.decisions,
            outcome.ended,
            outcome.planned,
            outcome.used,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def loads(text: str) -> Outcome:
    """An outcome :func:`dumps` wrote.

    Raises:
        ValueError: the text is not one (the caller derives it again from the log).
    """
    try:
        data: list[Any] = json.loads(text)
        started, participants, ratings, decisions, ended, planned, used = data
        return Outcome(
            started_at=datetime.fromisoformat(started) if started is not None else None,
            participants=tuple(participants),
            ratings=ratings,
            decisions=tuple((index, text, label) for index, text, label in decisions),
            ended=ended,
            planned=planned,
            used=used,
        )
    except (TypeError, ValueError) as exc:
        raise ValueError(f"not an outcome: {exc}") from None
