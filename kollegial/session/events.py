"""What happens in a session, as a log of events.

Every command the leader gives becomes one or more events. The store appends
each event the moment it happens; replaying the log rebuilds the session
exactly, which is how a session is resumed after a crash and how an exported
session is imported on another laptop.

Events are frozen dataclasses (``@frozen``): the engine makes them from values it has
already checked, so creating one costs nothing, and the meeting screen appears
sooner. Reading events back from disk or from an export goes through a pydantic
``TypeAdapter``, built on first use, which checks every field.
"""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import UTC, datetime
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from kollegial.values import Value, frozen

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, TypeAdapter
    from pydantic_core import CoreSchema


@frozen(kw_only=True)
class Limits(Value):
    """A field's limits, applied when pydantic checks events read back.

    pydantic reads ``__get_pydantic_core_schema__`` from ``Annotated`` metadata,
    so the limits need no pydantic import here: creating events stays free of it.
    """

    ge: Any = None
    le: Any = None
    min_length: int | None = None
    max_length: int | None = None
    finite: bool = False

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        schema: Any = handler(source)
        for key in ("ge", "le", "min_length", "max_length"):
            if (value := getattr(self, key)) is not None:
                schema[key] = value
        if self.finite:
            schema["allow_inf_nan"] = False
        return schema  # type: ignore[no-any-return]


MAX_NAME_LENGTH = 200
Name = Annotated[str, Limits(min_length=1, max_length=MAX_NAME_LENGTH)]
Index = Annotated[int, Limits(ge=0)]
MAX_SECONDS = 7 * 24 * 3600
"""No step's clock runs a week, nor is moved by more: bounds on what an import
may say, so that nothing later overflows (a `timer_adjusted` of 1.7e308 did)."""
Seconds = Annotated[float, Limits(ge=0, le=MAX_SECONDS, finite=True)]
Shift = Annotated[float, Limits(ge=-MAX_SECONDS, le=MAX_SECONDS, finite=True)]
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(2999, 12, 31, tzinfo=UTC)
At = Annotated[datetime, Limits(ge=EARLIEST, le=LATEST)]
"""A time between 1970 and 2999: `9999-12-31T23:59:59Z` overflowed in local time."""


# ``@frozen`` (kollegial.values): frozen dataclasses that define quickly, so
# the meeting screen starts sooner (docs/architecture.md, start-up).
@frozen(kw_only=True)
class _Event(Value):
    """What every event has: when it happened."""

    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}

    at: At
    """Wall-clock time it happened."""


@frozen(kw_only=True)
class ParticipantAdded(_Event):
    """A person joined the meeting (``late`` when after it began)."""

    type: Literal["participant_added"] = "participant_added"
    name: Name
    late: bool = False


@frozen(kw_only=True)
class PresenceChanged(_Event):
    """A person stepped out of the room or came back."""

    type: Literal["presence_changed"] = "presence_changed"
    name: Name
    present: bool


@frozen(kw_only=True)
class FocusSet(_Event):
    """The meeting's focus (e.g. the lesson observed) was written down."""

    type: Literal["focus_set"] = "focus_set"
    text: str


@frozen(kw_only=True)
class RoleAssigned(_Event):
    """A role went to a person, or was left open (``name`` None)."""

    type: Literal["role_assigned"] = "role_assigned"
    role: str
    name: str | None


@frozen(kw_only=True)
class StepEntered(_Event):
    """The meeting moved to the step at ``index``."""

    type: Literal["step_entered"] = "step_entered"
    index: Index


@frozen(kw_only=True)
class TimerStarted(_Event):
    """The step's clock started or resumed, ``elapsed`` seconds in."""

    type: Literal["timer_started"] = "timer_started"
    index: Index
    elapsed: Seconds


@frozen(kw_only=True)
class TimerPaused(_Event):
    """The step's clock stopped, ``elapsed`` seconds in."""

    type: Literal["timer_paused"] = "timer_paused"
    index: Index
    elapsed: Seconds


@frozen(kw_only=True)
class TimerAdjusted(_Event):
    """The step was given more time (positive ``seconds``) or less."""

    type: Literal["timer_adjusted"] = "timer_adjusted"
    index: Index
    seconds: Shift


@frozen(kw_only=True)
class TurnTaken(_Event):
    """The current speaker had their say; the turn moves on."""

    type: Literal["turn_taken"] = "turn_taken"
    index: Index
    name: str


@frozen(kw_only=True)
class TurnPassed(_Event):
    """The current speaker passed (*stod över*)."""

    type: Literal["turn_passed"] = "turn_passed"
    index: Index
    name: str


@frozen(kw_only=True)
class NoteAdded(_Event):
    """The leader wrote a note under a step (and column, and speaker)."""

    type: Literal["note_added"] = "note_added"
    id: Annotated[int, Limits(ge=1)]
    index: Index
    column: str | None = None
    text: str
    speaker: str | None = None


@frozen(kw_only=True)
class NoteEdited(_Event):
    """A note's text was changed."""

    type: Literal["note_edited"] = "note_edited"
    id: int
    text: str


@frozen(kw_only=True)
class NoteAttributed(_Event):
    """A note was put under a speaker, or under no one."""

    type: Literal["note_attributed"] = "note_attributed"
    id: int
    speaker: str | None


@frozen(kw_only=True)
class NoteDeleted(_Event):
    """A note was removed."""

    type: Literal["note_deleted"] = "note_deleted"
    id: int


@frozen(kw_only=True)
class RatingSet(_Event):
    """A person rated a statement (1–4), or cleared their rating."""

    type: Literal["rating_set"] = "rating_set"
    participant: str
    statement: str
    value: int | None
    """None clears the rating."""


@frozen(kw_only=True)
class DecisionSet(_Event):
    """The decision of a decision step was written or changed."""

    type: Literal["decision_set"] = "decision_set"
    index: Index
    text: str


@frozen(kw_only=True)
class SubgroupsFormed(_Event):
    """The room split into small groups for a ``subgroups`` step, in this order."""

    type: Literal["subgroups_formed"] = "subgroups_formed"
    index: Index
    groups: tuple[tuple[Name, ...], ...]


@frozen(kw_only=True)
class StepSkipped(_Event):
    """The leader skipped an optional step; it is marked as such in the exports."""

    type: Literal["step_skipped"] = "step_skipped"
    index: Index


@frozen(kw_only=True)
class SessionEnded(_Event):
    """The leader ended the meeting."""

    type: Literal["session_ended"] = "session_ended"


@frozen(kw_only=True)
class RatingsAnonymous(_Event):
    """Ratings in this session are kept under numbers, never under names."""

    type: Literal["ratings_anonymous"] = "ratings_anonymous"


@frozen(kw_only=True)
class PhoneNumbered(_Event):
    """A phone in an anonymous meeting got its rater number (kept when it sends again).

    ``phone`` is a digest of the phone's own random id, never a name: a
    resumed meeting knows whose number is whose without knowing who.
    """

    phone: Annotated[str, Limits(min_length=1, max_length=64)]
    rater: Name
    type: Literal["phone_numbered"] = "phone_numbered"


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
    | PhoneNumbered
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
