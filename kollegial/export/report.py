"""A team's meetings over time, for the school's quality report (*kvalitetsrapport*): the data.

:func:`build_report` turns stored meetings into one :class:`Report`: the
ratings of each rated protocol per meeting (mean and spread per statement and
per corner, and which statements moved most), the decisions in date order and
whether a later meeting of the team followed them up, the time planned against
the time used per protocol, and counts per protocol and term. The HTML,
markdown and Excel forms (:mod:`kollegial.export.report_render`) only show it.

Only aggregates of ratings ever leave a meeting: no person's rating is
followed from one meeting to the next, and ratings kept anonymously are
treated as any others (they were never linked to a name). With ``anonymize``
no participant's name appears at all, decisions included.

Pure: no I/O, no UI, no clock; the caller passes the meetings.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, datetime

from kollegial.export.anonymize import Names
from kollegial.i18n import Lang, t
from kollegial.protocols.model import Protocol
from kollegial.session.outcome import Outcome, outcome_of
from kollegial.session.ratings import compute
from kollegial.session.session import Session
from kollegial.values import Value, frozen

MOVED_AT_LEAST = 0.5
"""A statement has moved when its mean changed by half a scale step or more."""
MOVED_MOST = 3
FITS_WITHIN = 60.0
"""A meeting fits its slot when it used at most a minute more than planned."""


@frozen
class StoredMeeting(Value):
    """One meeting as the store has it: the facts a report starts from."""

    id: int
    team: str | None
    created_at: datetime
    protocol: Protocol
    outcome: Outcome
    """What it came to (:mod:`kollegial.session.outcome`): all the report reads of its log."""

    @classmethod
    def replayed(
        cls, id: int, team: str | None, created_at: datetime, session: Session
    ) -> StoredMeeting:
        """The meeting of a replayed ``session``."""
        return cls(id, team, created_at, session.protocol, outcome_of(session))

    @property
    def at(self) -> datetime:
        return self.outcome.started_at or self.created_at

    @property
    def day(self) -> date:
        """The meeting's date where it was held (its clock's zone, as the minutes show it)."""
        return self.at.date()


@frozen
class Point(Value):
    """A statement's (or a corner's) ratings at one meeting."""

    mean: float | None
    spread: float | None
    n: int


@frozen
class Series(Value):
    """One statement or corner over the meetings: a point per meeting (None: not rated there)."""

    key: str
    title: str
    corner: str
    """The corner's title (for a corner: its own)."""
    points: tuple[Point | None, ...]

    @property
    def rated(self) -> list[tuple[int, Point]]:
        return [(i, p) for i, p in enumerate(self.points) if p is not None and p.mean is not None]

    @property
    def change(self) -> float | None:
        """The last mean less the first; None with fewer than two rated meetings."""
        rated = self.rated
        if len(rated) < 2:
            return None
        return rated[-1][1].mean - rated[0][1].mean  # type: ignore[operator]


@frozen
class Moved(Value):
    """A statement that moved, in words: from what to what, between which meetings."""

    series: Series
    first: float
    last: float
    first_day: date
    last_day: date


@frozen
class Rated(Value):
    """A protocol's ratings over time (the triangulation's 18 statements in three corners)."""

    protocol_id: str
    title: str
    scale: tuple[int, int]
    days: tuple[date, ...]
    """One per rated meeting, in date order."""
    raters: tuple[int, ...]
    """How many rated at each meeting."""
    corners: tuple[Series, ...]
    statements: tuple[Series, ...]
    moved: tuple[Moved, ...]


@frozen
class Decision(Value):
    """A decision or development area, the meeting it came from, and its follow-up."""

    day: date
    meeting: int
    title: str
    label: str
    text: str
    followed_up: date | None
    """The date of the team's next meeting, which opened with it; None: not yet."""


@frozen
class Timing(Value):
    """A protocol's meetings against their slot: planned and used minutes (ended meetings)."""

    protocol_id: str
    title: str
    meetings: int
    planned: float
    """Mean planned minutes."""
    used: float
    """Mean used minutes."""
    fitting: int
    """Meetings that used at most a minute more than planned."""


@frozen
class Report(Value):
    team: str | None
    first: date | None
    last: date | None
    meetings: int
    terms: tuple[str, ...]
    per_term: tuple[tuple[str, str, tuple[int, ...]], ...]
    """(protocol id, title, meetings in each of ``terms``)."""
    participants: tuple[tuple[str, int], ...]
    """(name, meetings attended), most first; empty when anonymized."""
    people: int
    """How many different participants."""
    mean_people: float | None
    rated: tuple[Rated, ...]
    decisions: tuple[Decision, ...]
    timing: tuple[Timing, ...]
    anonymized: bool


def term_of(day: date, lang: Lang) -> tuple[tuple[int, int], str]:
    """The school term of a date: spring (*VT*, January–June) or autumn (*HT*); key and name."""
    spring = day.month <= 6
    key = (day.year, 0 if spring else 1)
    return key, t("report.term_spring" if spring else "report.term_autumn", lang, year=day.year)


def select(
    meetings: Iterable[StoredMeeting],
    *,
    team: str | None = None,
    start: date | None = None,
    end: date | None = None,
) -> list[StoredMeeting]:
    """The meetings of ``team`` (all when None) between ``start`` and ``end``, in date order."""
    chosen = [
        m
        for m in meetings
        if (team is None or m.team == team)
        and (start is None or m.day >= start)
        and (end is None or m.day <= end)
    ]
    return sorted(chosen, key=lambda m: (m.at, m.id))


def build_report(
    meetings: Iterable[StoredMeeting],
    *,
    team: str | None = None,
    start: date | None = None,
    end: date | None = None,
    anonymize: bool = False,
    lang: Lang = "sv",
) -> Report:
    """The report over the meetings of ``team`` from ``start`` to ``end`` (both included)."""
    chosen = select(meetings, team=team, start=start, end=end)
    terms: dict[tuple[int, int], str] = {}
    counts: dict[str, Counter[tuple[int, int]]] = defaultdict(Counter)
    titles: dict[str, str] = {}
    attended: Counter[str] = Counter()
    for m in chosen:
        key, name = term_of(m.day, lang)
        terms[key] = name
        pid = m.protocol.id or m.protocol.title
        counts[pid][key] += 1
        titles[pid] = m.protocol.title
        attended.update(set(m.outcome.participants))
    order = sorted(terms)
    per_term = tuple(
        (pid, titles[pid], tuple(counts[pid][k] for k in order))
        for pid in sorted(counts, key=lambda p: (-sum(counts[p].values()), p))
    )
    sizes = [len(m.outcome.participants) for m in chosen]
    return Report(
        team=team,
        first=chosen[0].day if chosen else None,
        last=chosen[-1].day if chosen else None,
        meetings=len(chosen),
        terms=tuple(terms[k] for k in order),
        per_term=per_term,
        participants=()
        if anonymize
        else tuple(sorted(attended.items(), key=lambda item: (-item[1], item[0]))),
        people=len(attended),
        mean_people=statistics.fmean(sizes) if sizes else None,
        rated=tuple(_rated(chosen)),
        decisions=tuple(_decisions(chosen, anonymize, lang)),
        timing=tuple(_timing(chosen)),
        anonymized=anonymize,
    )


# --- ratings over time ---


def _rated(meetings: list[StoredMeeting]) -> list[Rated]:
    by_protocol: dict[str, list[StoredMeeting]] = defaultdict(list)
    for m in meetings:
        if m.protocol.groups and any(m.outcome.ratings.values()):
            by_protocol[m.protocol.id or m.protocol.title].append(m)
    return [_over_time(pid, group) for pid, group in sorted(by_protocol.items())]


def _over_time(protocol_id: str, meetings: list[StoredMeeting]) -> Rated:
    latest = meetings[-1].protocol  # titles as the team words them now
    corners: dict[str, list[Point | None]] = {g.id: [] for g in latest.groups}
    statements: dict[str, list[Point | None]] = {
        st.id or "": [] for g in latest.groups for st in g.statement_list()
    }
    raters = []
    for m in meetings:
        stats = {g.group.id: g for g in compute(m.protocol, m.outcome.ratings)}
        raters.append(sum(1 for values in m.outcome.ratings.values() if values))
        for group_id, points in corners.items():
            found = stats.get(group_id)
            rated_here = [st for st in found.statements if st.n] if found is not None else []
            if not rated_here:
                points.append(None)
                continue
            # As GroupStats.mean and corner_spread: the means of the statement means and spreads.
            means = [sum(st.values) / st.n for st in rated_here]
            spreads = [_spread(st.values) for st in rated_here]
            n = max(st.n for st in rated_here)
            points.append(Point(sum(means) / len(means), sum(spreads) / len(spreads), n))
        rated = {s.statement.id: s for g in stats.values() for s in g.statements}
        for statement_id, points in statements.items():
            st = rated.get(statement_id)
            if st is None or not st.n:
                points.append(None)
                continue
            points.append(Point(sum(st.values) / st.n, _spread(st.values), st.n))
    corner_series = tuple(
        Series(g.id, g.title, g.title, tuple(corners[g.id])) for g in latest.groups
    )
    statement_series = tuple(
        Series(st.id or "", st.text, g.title, tuple(statements[st.id or ""]))
        for g in latest.groups
        for st in g.statement_list()
    )
    days = tuple(m.day for m in meetings)
    return Rated(
        protocol_id=protocol_id,
        title=latest.title,
        scale=(latest.scale.min, latest.scale.max),
        days=days,
        raters=tuple(raters),
        corners=corner_series,
        statements=statement_series,
        moved=tuple(_moved(statement_series, days)),
    )


def _spread(values: tuple[int, ...]) -> float:
    """The population standard deviation, as :attr:`StatementStats.spread` gives it.

    In floats: ``statistics.pstdev`` computes exactly in fractions, a third of
    a report's time over a thousand meetings; a few ratings from 1 to 4 need
    no more than floats (the shown value is rounded to one decimal).
    """
    if len(values) < 2:
        return 0.0
    mean = sum(values) / len(values)
    return math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))


def _moved(series: Iterable[Series], days: tuple[date, ...]) -> list[Moved]:
    """The statements whose mean moved most (at least :data:`MOVED_AT_LEAST`), most first."""
    found = []
    for s in series:
        change = s.change
        if change is None or abs(change) < MOVED_AT_LEAST - 1e-9:
            continue
        (i, first), (j, last) = s.rated[0], s.rated[-1]
        assert first.mean is not None and last.mean is not None
        found.append(Moved(s, first.mean, last.mean, days[i], days[j]))
    found.sort(key=lambda m: (-abs(m.last - m.first), m.series.key))
    return found[:MOVED_MOST]


# --- decisions and their follow-up ---


def _decisions(meetings: list[StoredMeeting], anonymize: bool, lang: Lang) -> list[Decision]:
    out = []
    for i, m in enumerate(meetings):
        o = m.outcome
        if not o.decisions:
            continue
        names = Names([*o.participants, *o.raters], anonymize=anonymize, lang=lang)
        after = next((later for later in meetings[i + 1 :] if later.team == m.team), None)
        for _, text, label in o.decisions:
            if not text.strip():
                continue
            out.append(
                Decision(
                    day=m.day,
                    meeting=m.id,
                    title=m.protocol.title,
                    label=label if label and label.strip() else t("export.decision", lang),
                    text=names.text(text),
                    followed_up=after.day if after is not None else None,
                )
            )
    return out


# --- time planned against time used ---


def _timing(meetings: list[StoredMeeting]) -> list[Timing]:
    by_protocol: dict[str, list[tuple[float, float]]] = defaultdict(list)
    titles: dict[str, str] = {}
    for m in meetings:
        if not m.outcome.ended:
            continue
        pid = m.protocol.id or m.protocol.title
        titles[pid] = m.protocol.title
        by_protocol[pid].append((m.outcome.planned, m.outcome.used))
    return [
        Timing(
            protocol_id=pid,
            title=titles[pid],
            meetings=len(pairs),
            planned=statistics.fmean(p for p, _ in pairs) / 60,
            used=statistics.fmean(u for _, u in pairs) / 60,
            fitting=sum(1 for p, u in pairs if u <= p + FITS_WITHIN),
        )
        for pid, pairs in sorted(by_protocol.items())
    ]
