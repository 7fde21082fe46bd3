"""Teams: a team's name, and what it agreed last time, to open the next meeting with.

A meeting's decision steps (an observation talk's *Utvecklingsområde*, an
analysis's *Det här prövar vi*) are what the next meeting of the same team
should follow up. This module says what those are; the store finds the
meeting, the screen shows it on the first step.
"""

from __future__ import annotations

from datetime import datetime

from kollegial.errors import UsageError
from kollegial.session.session import Session
from kollegial.values import Value, frozen

MAX_TEAM_LENGTH = 100


def clean_team(team: str) -> str | None:
    """A team's name as stored: spaces tidied; None for an empty one.

    Raises:
        UsageError: too long, or with control characters.
    """
    name = " ".join(team.split())
    if len(name) > MAX_TEAM_LENGTH or any(not ch.isprintable() for ch in name):
        raise UsageError("err.bad_team", max=MAX_TEAM_LENGTH)
    return name or None


@frozen
class Agreed(Value):
    """One decision of a meeting: the step's label and the text written."""

    label: str
    text: str


@frozen
class FollowUp(Value):
    """The decisions of a team's previous meeting, with when and which meeting it was."""

    at: datetime
    title: str
    """The protocol's title: *Lärande samtal efter observation*."""
    agreed: tuple[Agreed, ...]


def follow_up(session: Session, created_at: datetime | None = None) -> FollowUp | None:
    """The decisions ``session`` wrote, in plan order; None when it wrote none."""
    agreed = tuple(
        Agreed(label=session.plan[index].step.decision or session.plan[index].title, text=text)
        for index, text in sorted(session.decisions.items())
        if text.strip()
    )
    if not agreed:
        return None
    at = session.started_at or created_at or session.clock.now()
    return FollowUp(at=at, title=session.protocol.title, agreed=agreed)
