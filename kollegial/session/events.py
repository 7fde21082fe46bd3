"""What happens in a session, as a log of events.

Every command the leader gives becomes one or more events. The store appends
each event the moment it happens; replaying the log rebuilds the session
exactly, which is how a session is resumed after a crash and how an exported
session is imported on another laptop.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

MAX_NAME_LENGTH = 200
Name = Annotated[str, Field(min_length=1, max_length=MAX_NAME_LENGTH)]


class _Event(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    at: datetime
    """Wall-clock time it happened."""


class ParticipantAdded(_Event):
    type: Literal["participant_added"] = "participant_added"
    name: Name
    late: bool = False


class PresenceChanged(_Event):
    type: Literal["presence_changed"] = "presence_changed"
    name: Name
    present: bool


class FocusSet(_Event):
    type: Literal["focus_set"] = "focus_set"
    text: str


class RoleAssigned(_Event):
    type: Literal["role_assigned"] = "role_assigned"
    role: str
    name: str | None


class StepEntered(_Event):
    type: Literal["step_entered"] = "step_entered"
    index: int = Field(ge=0)


class TimerStarted(_Event):
    type: Literal["timer_started"] = "timer_started"
    index: int = Field(ge=0)
    elapsed: float = Field(ge=0)


class TimerPaused(_Event):
    type: Literal["timer_paused"] = "timer_paused"
    index: int = Field(ge=0)
    elapsed: float = Field(ge=0)


class TimerAdjusted(_Event):
    type: Literal["timer_adjusted"] = "timer_adjusted"
    index: int = Field(ge=0)
    seconds: float


class TurnTaken(_Event):
    """The current speaker had their say; the turn moves on."""

    type: Literal["turn_taken"] = "turn_taken"
    index: int = Field(ge=0)
    name: str


class TurnPassed(_Event):
    """The current speaker passed (*stod över*)."""

    type: Literal["turn_passed"] = "turn_passed"
    index: int = Field(ge=0)
    name: str


class NoteAdded(_Event):
    type: Literal["note_added"] = "note_added"
    id: int = Field(ge=1)
    index: int = Field(ge=0)
    column: str | None = None
    text: str
    speaker: str | None = None


class NoteEdited(_Event):
    type: Literal["note_edited"] = "note_edited"
    id: int
    text: str


class NoteAttributed(_Event):
    type: Literal["note_attributed"] = "note_attributed"
    id: int
    speaker: str | None


class NoteDeleted(_Event):
    type: Literal["note_deleted"] = "note_deleted"
    id: int


class RatingSet(_Event):
    type: Literal["rating_set"] = "rating_set"
    participant: str
    statement: str
    value: int | None
    """None clears the rating."""


class DecisionSet(_Event):
    type: Literal["decision_set"] = "decision_set"
    index: int = Field(ge=0)
    text: str


class SessionEnded(_Event):
    type: Literal["session_ended"] = "session_ended"


Event = Annotated[
    ParticipantAdded
    | PresenceChanged
    | FocusSet
    | RoleAssigned
    | StepEntered
    | TimerStarted
    | TimerPaused
    | TimerAdjusted
    | TurnTaken
    | TurnPassed
    | NoteAdded
    | NoteEdited
    | NoteAttributed
    | NoteDeleted
    | RatingSet
    | DecisionSet
    | SessionEnded,
    Field(discriminator="type"),
]

EVENT_ADAPTER: TypeAdapter[Event] = TypeAdapter(Event)
EVENT_LIST_ADAPTER: TypeAdapter[list[Event]] = TypeAdapter(list[Event])
