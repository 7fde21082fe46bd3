"""What ``kollegial sessions`` shows of a meeting, kept up to date one event at a time.

The store keeps a :class:`Summary` per meeting and folds each event into it in
the same transaction that commits the event: listing 10,000 meetings must
not replay or decode them. :func:`of_session` says the same from a
replayed session; the two agree for every log the engine writes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from kollegial.session import events as ev
from kollegial.session.session import Session


@dataclass(frozen=True)
class Summary:
    """One meeting in brief: who took part, whether it ended, what it produced."""

    events: int = 0
    participants: tuple[str, ...] = ()
    ended: bool = False
    notes: int = 0
    rated: frozenset[tuple[str, str]] = frozenset()
    """(participant, statement) pairs that hold a rating."""
    decided: frozenset[int] = frozenset()
    """Plan steps that hold a decision."""

    @property
    def ratings(self) -> int:
        return len(self.rated)

    @property
    def decisions(self) -> int:
        return len(self.decided)


def fold(summary: Summary, event: ev.Event) -> Summary:
    """``summary`` after ``event``, as :meth:`Session.replay` would apply it.

    Note ids are never reused in a log (the engine numbers them past the
    highest, and an import's log is replayed strictly), so notes are counted.
    """
    change: dict[str, object] = {"events": summary.events + 1}
    match event:
        case ev.ParticipantAdded(name=name):
            change["participants"] = (*summary.participants, name)
        case ev.StepEntered():
            change["ended"] = False
        case ev.SessionEnded():
            change["ended"] = True
        case ev.NoteAdded():
            change["notes"] = summary.notes + 1
        case ev.NoteDeleted():
            change["notes"] = summary.notes - 1
        case ev.RatingSet(participant=p, statement=s, value=value):
            pair = {(p, s)}
            change["rated"] = summary.rated - pair if value is None else summary.rated | pair
        case ev.DecisionSet(index=index, text=text):
            step = {index}
            change["decided"] = summary.decided | step if text else summary.decided - step
    return dataclasses.replace(summary, **change)  # type: ignore[arg-type]


def summarize(events: Iterable[ev.Event], summary: Summary | None = None) -> Summary:
    """The summary of a whole log (or of ``summary`` followed by ``events``)."""
    out = summary or Summary()
    for event in events:
        out = fold(out, event)
    return out


def of_session(session: Session) -> Summary:
    """The same summary, read off a replayed session."""
    return Summary(
        events=len(session.events),
        participants=tuple(session.participants),
        ended=session.ended,
        notes=len(session.notes),
        rated=frozenset((p, s) for p, values in session.ratings.items() for s in values),
        decided=frozenset(session.decisions),
    )
