"""What happens in a session, as a log of events.

Every command the leader gives becomes one or more events. The store appends
each event the moment it happens; replaying the log rebuilds the session
exactly, which is how a session is resumed after a crash and how an exported
session is imported on another laptop.

Events are plain frozen dataclasses: the engine makes them from values it has
already checked, so creating one costs nothing, and the meeting screen appears
sooner. Reading events back from disk or from an export goes through a pydantic
``TypeAdapter``, built on first use, which checks every field.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from kollegial.values import Value

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, TypeAdapter
    from pydantic_core import CoreSchema


@dataclass(frozen=True, slots=True)
class Limits:
    """A field's limits, applied when pydantic checks events read back.

    pydantic reads ``__get_pydantic_core_schema__`` from ``Annotated`` metadata,
    so the limits need no pydantic import here: creating events stays free of it.
    """

    ge: int | None = None
    min_length: int | None = None
    max_length: int | None = None
    finite: bool = False

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        schema: Any = handler(source)
        for key in ("ge", "min_length", "max_length"):
            if (value := getattr(self, key)) is not None:
                schema[key] = value
        if self.finite:
            schema["allow_inf_nan"] = False
        return schema  # type: ignore[no-any-return]


MAX_NAME_LENGTH = 200
Name = Annotated[str, Limits(min_length=1, max_length=MAX_NAME_LENGTH)]
Index = Annotated[int, Limits(ge=0)]
Seconds = Annotated[float, Limits(ge=0, finite=True)]


# Events compare, hash and print through Value's methods instead of each class
# generating its own (eq=False, repr=False): less for dataclasses to generate
# while the meeting screen starts (issue 7).
@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class _Event(Value):
    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}

    at: datetime
    """Wall-clock time it happened."""


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class ParticipantAdded(_Event):
    type: Literal["participant_added"] = "participant_added"
    name: Name
    late: bool = False


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class PresenceChanged(_Event):
    type: Literal["presence_changed"] = "presence_changed"
    name: Name
    present: bool


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class FocusSet(_Event):
    type: Literal["focus_set"] = "focus_set"
    text: str


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class RoleAssigned(_Event):
    type: Literal["role_assigned"] = "role_assigned"
    role: str
    name: str | None


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class StepEntered(_Event):
    type: Literal["step_entered"] = "step_entered"
    index: Index


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class TimerStarted(_Event):
    type: Literal["timer_started"] = "timer_started"
    index: Index
    elapsed: Seconds


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class TimerPaused(_Event):
    type: Literal["timer_paused"] = "timer_paused"
    index: Index
    elapsed: Seconds


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class TimerAdjusted(_Event):
    type: Literal["timer_adjusted"] = "timer_adjusted"
    index: Index
    seconds: Annotated[float, Limits(finite=True)]


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class TurnTaken(_Event):
    """The current speaker had their say; the turn moves on."""

    type: Literal["turn_taken"] = "turn_taken"
    index: Index
    name: str


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class TurnPassed(_Event):
    """The current speaker passed (*stod över*)."""

    type: Literal["turn_passed"] = "turn_passed"
    index: Index
    name: str


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class NoteAdded(_Event):
    type: Literal["note_added"] = "note_added"
    id: Annotated[int, Limits(ge=1)]
    index: Index
    column: str | None = None
    text: str
    speaker: str | None = None


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class NoteEdited(_Event):
    type: Literal["note_edited"] = "note_edited"
    id: int
    text: str


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class NoteAttributed(_Event):
    type: Literal["note_attributed"] = "note_attributed"
    id: int
    speaker: str | None


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class NoteDeleted(_Event):
    type: Literal["note_deleted"] = "note_deleted"
    id: int


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class RatingSet(_Event):
    type: Literal["rating_set"] = "rating_set"
    participant: str
    statement: str
    value: int | None
    """None clears the rating."""


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class DecisionSet(_Event):
    type: Literal["decision_set"] = "decision_set"
    index: Index
    text: str


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class SubgroupsFormed(_Event):
    """The room split into small groups for a ``subgroups`` step, in this order."""

    type: Literal["subgroups_formed"] = "subgroups_formed"
    index: Index
    groups: tuple[tuple[Name, ...], ...]


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class StepSkipped(_Event):
    """The leader skipped an optional step; it is marked as such in the exports."""

    type: Literal["step_skipped"] = "step_skipped"
    index: Index


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class SessionEnded(_Event):
    type: Literal["session_ended"] = "session_ended"


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class RatingsAnonymous(_Event):
    """Ratings in this session are kept under numbers, never under names."""

    type: Literal["ratings_anonymous"] = "ratings_anonymous"


Event = (
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
    | SubgroupsFormed
    | StepSkipped
    | SessionEnded
    | RatingsAnonymous
)


@cache
def event_adapter() -> TypeAdapter[Event]:
    """Validates one event from JSON or Python data (built on first use)."""
    from pydantic import Field, TypeAdapter

    return TypeAdapter(Annotated[Event, Field(discriminator="type")])


@cache
def event_list_adapter() -> TypeAdapter[list[Event]]:
    """Validates and dumps a whole event log (built on first use)."""
    from pydantic import Field, TypeAdapter

    return TypeAdapter(list[Annotated[Event, Field(discriminator="type")]])


def to_json(event: _Event) -> str:
    """One event as compact JSON, as the store keeps it."""
    data: dict[str, Any] = {f.name: getattr(event, f.name) for f in fields(event)}
    data["at"] = event.at.isoformat()
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
