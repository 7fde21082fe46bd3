"""The session engine: one meeting run from a protocol, with no UI and no I/O.

Every command turns into events; :meth:`Session._apply` is the only code that
changes state, so replaying the stored events rebuilds a session exactly. Each
event goes to the listeners (the store) the moment it happens.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta

from kollegial.display import quoted
from kollegial.errors import KollegialError
from kollegial.i18n import Msg
from kollegial.protocols.model import Mode, Protocol
from kollegial.session import events as ev
from kollegial.session.clock import Clock
from kollegial.session.plan import Plan, PlanStep, build_plan
from kollegial.session.ratings import GroupStats, compute
from kollegial.session.timer import Timer
from kollegial.session.turns import Round
from kollegial.values import Record, Value, frozen, record

Listener = Callable[[ev.Event], None]

MIN_PARTICIPANTS = 2


@record
class Note(Record):
    """A note as it stands now, after any edits."""

    id: int
    index: int
    """The plan step it belongs to."""
    column: str | None
    text: str
    speaker: str | None
    at: datetime
    edited_at: datetime | None = None


@record
class Visit(Record):
    """One stay on a step: entered, and left (None while still there)."""

    entered: datetime
    left: datetime | None = None


@frozen
class Pause(Value):
    """The leader stopped the clock while the step stayed on screen."""

    at: datetime
    until: datetime | None
    """When the clock started again or the step was left; None: still paused."""


@frozen
class Adjustment(Value):
    """A step's time made longer (positive seconds) or shorter."""

    at: datetime
    seconds: float


@frozen
class StepReport(Value):
    """Planned next to actual, for one plan step."""

    step: PlanStep
    planned: float | None
    used: float
    adjusted: float
    visits: tuple[Visit, ...]
    pauses: tuple[Pause, ...] = ()
    adjustments: tuple[Adjustment, ...] = ()
    left_out: bool = False
    """The leader skipped this optional step (:meth:`Session.skip_step`)."""

    @property
    def skipped(self) -> bool:
        """Never visited, or skipped by the leader as optional."""
        return self.left_out or not self.visits


def clean_name(name: str) -> str:
    """The name with its whitespace tidied; refused (not a crash) when too long to store."""
    name = " ".join(name.split())
    if len(name) > ev.MAX_NAME_LENGTH:
        raise KollegialError("err.name_too_long", max=ev.MAX_NAME_LENGTH)
    return name


def name_taken(name: str, names: Iterable[str]) -> bool:
    """Whether ``name`` is one of ``names``: case does not tell two people apart.

    The one duplicate-name rule: the live session, a replayed log and the
    prompts before a meeting all ask it.
    """
    key = name.casefold()
    return any(other.casefold() == key for other in names)


class Session:
    """A meeting in progress (or finished), rebuilt from its events."""

    def __init__(self, protocol: Protocol, clock: Clock) -> None:
        self.protocol = protocol
        # Made again for each participant added before the first step is entered
        # (one pass each in a `for_each: participant` block), then fixed.
        self.plan: Plan = build_plan(protocol)
        self._plan_fixed = False
        self._plan_people = 0
        """How many participants the plan was made for (a snapshot makes it again)."""
        self.clock = clock
        self.participants: list[str] = []
        self.present: dict[str, bool] = {}
        self.roles: dict[str, str] = {}
        self.focus: str | None = None
        self.current = 0
        self.ended = False
        self.started_at: datetime | None = None
        self.ended_at: datetime | None = None
        self.timers = [Timer(s.planned_seconds) for s in self.plan.steps]
        self.rounds: dict[int, Round] = {}
        self._next_round_start = 0
        """Circle index the next round step begins from: after whoever began the last one."""
        self.notes: dict[int, Note] = {}
        self._next_note = 1
        self.ratings: dict[str, dict[str, int]] = {}
        self.decisions: dict[int, str] = {}
        self.anonymous = False
        self.phones: dict[str, str] = {}
        """Rater numbers of an anonymous meeting's phones, by the digest of each phone's id."""
        self.visits: dict[int, list[Visit]] = {}
        self.adjusted: dict[int, float] = {}
        self._subgroups: dict[int, tuple[tuple[str, ...], ...]] = {}
        self._skipped: set[int] = set()
        self._events: list[ev.Event] = []
        self._earlier: Callable[[], Iterable[ev.Event]] | None = None
        """The events a snapshot stood for, read when first needed."""
        self.applied = 0
        """Events applied so far, those a snapshot stood for included."""
        self.listeners: list[Listener] = []
        self._live = True
        # What the protocol names, for the checks of a replayed log (refusal).
        self._role_ids = {r.id for r in protocol.roles}
        self._column_ids = {c.id for c in protocol.columns}
        self._statement_ids = {st.id for g in protocol.groups for st in g.statement_list()}

    # --- creating and rebuilding ---

    @classmethod
    def start(
        cls,
        protocol: Protocol,
        participants: Iterable[str],
        clock: Clock,
        *,
        focus: str | None = None,
        roles: Mapping[str, str] | None = None,
        listeners: Iterable[Listener] = (),
        anonymous: bool = False,
    ) -> Session:
        """Begin a meeting: the participants, the focus, and the first step entered.

        With ``anonymous`` the ratings are kept under rater numbers (#1, #2 ...)
        and never linked to a name, not even on disk.
        """
        names = validate_participants(participants)
        session = cls(protocol, clock)
        session.listeners.extend(listeners)
        if anonymous:
            session._emit(ev.RatingsAnonymous(at=clock.now()))
        for name in names:
            session._emit(ev.ParticipantAdded(at=clock.now(), name=name))
        if focus and focus.strip():
            session._emit(ev.FocusSet(at=clock.now(), text=focus.strip()))
        for role, name in (roles or {}).items():
            session.appoint(role, name)
        session._enter(0)
        return session

    @classmethod
    def replay(
        cls,
        protocol: Protocol,
        events: Iterable[ev.Event],
        clock: Clock,
        checkpoint: Mapping[int, float] | None = None,
        *,
        strict: bool = False,
        since: Session | None = None,
    ) -> Session:
        """Rebuild a session from its events, every timer paused where it was.

        ``checkpoint`` holds the latest elapsed seconds of running timers, saved
        while the meeting ran, so a crash costs at most the time since then.

        ``strict`` is for a log read from a file (``import``): each event is
        first asked :meth:`refusal`, and the first one the live session would
        not have made, or that the engine cannot apply, is refused.

        ``since``: a session restored from a snapshot, which ``events`` follow.

        Raises:
            KollegialError: only when strict: ``err.import_event`` saying which
                event (its number, from 1) and what is wrong with it, or
                ``err.import_replay`` for an event the engine stumbles on.
        """
        session = since or cls(protocol, clock)
        session._live = False
        for number, event in enumerate(events, start=1):
            if strict:
                session._apply_strictly(number, event)
            else:
                session._apply(event)
            session._events.append(event)
        session._stand_still(checkpoint)
        return session

    @classmethod
    def salvage(
        cls, protocol: Protocol, events: Iterable[ev.Event], clock: Clock
    ) -> tuple[Session, int]:
        """As much of a log with gaps as fits (``kollegial rescue``), and how many events did not.

        An event :meth:`refusal` refuses (a note of a participant whose joining
        is lost) is left out, and so is one the engine stumbles on.
        """
        session = cls(protocol, clock)
        session._live = False
        left_out = 0
        for event in events:
            if session.refusal(event) is not None:
                left_out += 1
                continue
            try:
                session._apply(event)
            # Any failure means the event does not fit what came before it.
            except Exception:
                left_out += 1
                # Rare; the state may be half changed: built again without it.
                session = cls.replay(protocol, session.events, clock)
                session._live = False
                continue
            session.events.append(event)
        session._stand_still(None)
        return session, left_out

    def _stand_still(self, checkpoint: Mapping[int, float] | None) -> None:
        """After a replay: live again, each running timer standing at its last known time."""
        self._live = True
        for index, timer in enumerate(self.timers):
            if timer.running:
                # Running as far as the log goes: it stands still at its last known
                # time until resumed. It stays ``running`` in the record, so that
                # leaving the step (or pausing) writes that time into the log;
                # otherwise a second reload would fall back to an older value.
                timer.base = max(timer.base, (checkpoint or {}).get(index, 0.0))

    # --- a log from a file ---

    def refusal(self, event: ev.Event) -> Msg | None:
        """Why the live session would not have made ``event`` at this point, or None.

        Asked of a log read from a file before replaying each event: a step,
        person, note, role, column or statement the event refers to must exist
        by then (in this session's own state, the plan as it stands included),
        a skipped step must be optional, small groups and decisions belong to
        their kinds of step, and a rating lies on the scale.

        The live commands check the same state (``_require_participant``,
        ``_require_note``, ``Scale.holds``) but raise their own messages: those
        are whole sentences for the leader, these a part of "event N does not
        fit: ...", quoting the file's value.
        """
        index = getattr(event, "index", None)
        if index is not None and index >= len(self.plan):
            return Msg("err.import_step_index", number=index + 1, count=len(self.plan))
        match event:
            case ev.ParticipantAdded(name=name):
                if name_taken(name, self.participants):
                    return Msg("err.import_duplicate_name", name=quoted(name))
            case ev.SubgroupsFormed(index=index, groups=groups):
                if self.plan[index].mode is not Mode.SUBGROUPS:
                    return Msg("err.import_not_subgroups", number=index + 1)
                names = [name for group in groups for name in group]
                twice = next((n for n in names if names.count(n) > 1), None)
                if twice is not None:
                    return Msg("err.import_subgroup_twice", name=quoted(twice))
                return self._unknown(*names)
            case ev.StepSkipped(index=index):
                if not self.plan[index].optional:
                    return Msg("err.import_not_optional", number=index + 1)
            case ev.PresenceChanged(name=name) | ev.TurnTaken(name=name) | ev.TurnPassed(name=name):
                return self._unknown(name)
            case ev.RoleAssigned(role=role, name=name):
                if role not in self._role_ids:
                    return Msg("err.import_unknown_role", role=quoted(role))
                return self._unknown(name)
            case ev.NoteAdded(id=note_id, column=column, speaker=speaker):
                if note_id in self.notes:
                    return Msg("err.import_duplicate_note", id=note_id)
                if column is not None and column not in self._column_ids:
                    return Msg("err.import_unknown_column", column=quoted(column))
                return self._unknown(speaker)
            case ev.NoteEdited(id=note_id) | ev.NoteDeleted(id=note_id):
                if note_id not in self.notes:
                    return Msg("err.import_unknown_note", id=note_id)
            case ev.NoteAttributed(id=note_id, speaker=speaker):
                if note_id not in self.notes:
                    return Msg("err.import_unknown_note", id=note_id)
                return self._unknown(speaker)
            case ev.RatingSet(participant=name, statement=statement, value=value):
                if statement not in self._statement_ids:
                    return Msg("err.import_unknown_statement", statement=quoted(statement))
                scale = self.protocol.scale
                if value is not None and not scale.holds(value):
                    return Msg("err.import_rating_value", value=value, min=scale.min, max=scale.max)
                # An anonymous meeting rates under numbers, which are nobody's name.
                return None if self.anonymous else self._unknown(name)
            case ev.DecisionSet(index=index):
                if self.plan[index].mode is not Mode.DECISION:
                    return Msg("err.import_not_decision", number=index + 1)
            case ev.PhoneNumbered(rater=rater):
                if not (self.anonymous and rater.startswith("#") and rater[1:].isdigit()):
                    return Msg("err.import_not_rater_number", rater=quoted(rater))
        return None

    def _unknown(self, *names: str | None) -> Msg | None:
        """The refusal for the first of ``names`` who never joined; None is nobody."""
        for name in names:
            if name is not None and name not in self.present:
                return Msg("err.import_unknown_name", name=quoted(name))
        return None

    def _apply_strictly(self, number: int, event: ev.Event) -> None:
        problem = self.refusal(event)
        if problem is not None:
            raise KollegialError(
                "err.import_event", number=number, type=event.type, problem=problem
            )
        try:
            self._apply(event)
        # Whatever refusal() does not foresee, the engine finds here: any
        # failure means the log does not fit the protocol.
        except Exception:
            raise KollegialError("err.import_replay", number=number, type=event.type) from None

    def resume_from(self, earlier: Callable[[], Iterable[ev.Event]]) -> None:
        """This state stands for events not in :attr:`events` yet: ``earlier`` reads them."""
        self._earlier = earlier

    # --- queries ---

    @property
    def events(self) -> list[ev.Event]:
        """The whole log so far (the part a snapshot stood for is read on first use)."""
        if self._earlier is not None:
            self._events[:0] = self._earlier()  # raised (a damaged log): asked again next time
            self._earlier = None
        return self._events

    @property
    def step(self) -> PlanStep:
        return self.plan[self.current]

    @property
    def timer(self) -> Timer:
        return self.timers[self.current]

    def remaining(self) -> float | None:
        """Seconds left in the current step; negative in overtime, None without a plan."""
        return self.timer.remaining(self.clock.monotonic())

    def elapsed(self, index: int | None = None) -> float:
        i = self.current if index is None else index
        return self.timers[i].elapsed(self.clock.monotonic())

    @property
    def running(self) -> bool:
        """Whether the current step's clock runs now (a reloaded one waits for resume)."""
        return self.timer.since is not None

    def is_present(self, name: str) -> bool:
        return self.present.get(name, False)

    @property
    def present_participants(self) -> list[str]:
        return [n for n in self.participants if self.present[n]]

    @property
    def round(self) -> Round | None:
        return self.rounds.get(self.current)

    @property
    def speaker(self) -> str | None:
        """Who has the word in the current step (see :meth:`speaker_at`)."""
        return self.speaker_at(self.current)

    def speaker_at(self, index: int) -> str | None:
        """Who has the word in step ``index``.

        In a ``present`` step the holder of its ``speaker`` role (in a pass of a
        ``for_each: participant`` block, that pass's participant when the role is
        the pass's); in a ``round`` whoever has the turn now; otherwise nobody.
        """
        step = self.plan[index]
        i = index
        if step.speaker is not None:
            return self._holder(step, step.speaker)
        r = self.rounds.get(i)
        return r.current if r else None

    def subgroups(self, index: int | None = None) -> list[list[str]]:
        """The small groups of a ``subgroups`` step, once it has been entered; else []."""
        i = self.current if index is None else index
        return [list(group) for group in self._subgroups.get(i, ())]

    def skipped(self, index: int) -> bool:
        """Whether the leader skipped step ``index`` (and has not gone back to it since)."""
        return index in self._skipped

    def upcoming(self) -> list[str]:
        r = self.round
        return r.upcoming(self.participants, self.is_present) if r else []

    def notes_for(self, index: int | None = None, column: str | None = None) -> list[Note]:
        i = self.current if index is None else index
        return [
            n
            for n in self.notes.values()
            if n.index == i and (column is None or n.column == column)
        ]

    def rating_stats(self, groups: Iterable[str] | None = None) -> list[GroupStats]:
        return compute(self.protocol, self.ratings, groups)

    def shows_ratings(self, index: int | None = None) -> bool:
        """Whether the room sees the ratings on this step.

        A step that says ``show: ratings`` does, and so does every other step of
        the same corner: the group goes on needing its table once the round
        has turned into a discussion. A private step never does.
        """
        step = self.plan[self.current if index is None else index]
        if step.mode in (Mode.SILENT, Mode.RATE):
            return False
        if step.step.show == "ratings":
            return True
        if step.group is None:
            return False
        return any(
            s.step.show == "ratings"
            for s in self.plan.steps
            if s.top_index == step.top_index and s.group is not None and s.group.id == step.group.id
        )

    def rated_statements(self, index: int | None = None) -> list[str]:
        """The statement ids a ``rate`` step asks for (all groups by default)."""
        step = self.plan[self.current if index is None else index].step
        wanted = step.groups if isinstance(step.groups, list) else None
        return [
            st.id or ""
            for g in self.protocol.groups
            if wanted is None or g.id in wanted
            for st in g.statement_list()
        ]

    def raters(self, index: int | None = None) -> list[str]:
        """Who has rated every statement of the step (rater numbers when anonymous)."""
        wanted = self.rated_statements(index)
        people = list(self.ratings) if self.anonymous else self.participants
        return [p for p in people if all(s in self.ratings.get(p, {}) for s in wanted)]

    def new_rater(self) -> str:
        """The next free rater number in an anonymous session: ``#1``, ``#2`` ..."""
        raters = [*self.ratings, *self.phones.values()]
        taken = {int(r[1:]) for r in raters if r.startswith("#") and r[1:].isdigit()}
        return f"#{max(taken, default=0) + 1}"

    def phone_rater(self, phone: str) -> str:
        """The rater number of a phone in an anonymous meeting: its own, or the next free one.

        ``phone`` is a digest of the phone's random id (see
        :mod:`kollegial.session.remote`). The number is an event, so a resumed
        meeting gives a phone that comes back the number it had, and a new
        phone one nobody has.
        """
        if not self.anonymous:
            raise KollegialError("err.anonymous_rater")
        number = self.phones.get(phone)
        if number is None:
            number = self.new_rater()
            self._emit(ev.PhoneNumbered(at=self.clock.now(), phone=phone, rater=number))
        return number

    def planned_total(self) -> float:
        return self.plan.planned_seconds

    def forecast_end(self) -> datetime:
        """When the meeting will end if the rest goes to plan."""
        now = self.clock.now()
        if self.ended:
            return self.ended_at or now
        left = max(0.0, self.remaining() or 0.0)
        left += sum(
            max(0.0, self.timers[i].remaining(self.clock.monotonic()) or 0.0)
            for i in range(self.current + 1, len(self.plan))
        )
        return now + timedelta(seconds=left)

    def reports(self) -> list[StepReport]:
        """Per plan step: planned and used time, every visit, pause and adjustment."""
        mono = self.clock.monotonic()
        pauses, adjustments = self._pauses_and_adjustments()
        return [
            StepReport(
                step=s,
                planned=s.planned_seconds,
                used=self.timers[s.index].elapsed(mono),
                adjusted=self.adjusted.get(s.index, 0.0),
                visits=tuple(self.visits.get(s.index, ())),
                pauses=tuple(pauses.get(s.index, ())),
                adjustments=tuple(adjustments.get(s.index, ())),
                left_out=s.index in self._skipped,
            )
            for s in self.plan.steps
        ]

    def _pauses_and_adjustments(self) -> tuple[dict[int, list[Pause]], dict[int, list[Adjustment]]]:
        pauses: dict[int, list[Pause]] = {}
        adjustments: dict[int, list[Adjustment]] = {}
        open_pause: tuple[int, datetime] | None = None
        for k, event in enumerate(self.events):
            match event:
                case ev.TimerPaused(index=index):
                    # Leaving a step stops its clock too: that stop comes right
                    # before StepEntered or SessionEnded, at the same time (_leave).
                    following = self.events[k + 1] if k + 1 < len(self.events) else None
                    leaving = (
                        isinstance(following, ev.StepEntered | ev.SessionEnded)
                        and following.at == event.at
                    )
                    if not leaving:
                        open_pause = (index, event.at)
                case ev.TimerStarted() | ev.StepEntered() | ev.SessionEnded():
                    if open_pause is not None:
                        index, at = open_pause
                        pauses.setdefault(index, []).append(Pause(at, event.at))
                        open_pause = None
                case ev.TimerAdjusted(index=index, seconds=seconds):
                    adjustments.setdefault(index, []).append(Adjustment(event.at, seconds))
        if open_pause is not None:
            index, at = open_pause
            pauses.setdefault(index, []).append(Pause(at, None))
        return pauses, adjustments

    # --- commands: navigation and time ---

    def next_step(self) -> None:
        """Move to the next step; after the last one the meeting ends."""
        if self.ended:
            return
        if self.current + 1 < len(self.plan):
            self._enter(self.current + 1)
        else:
            self.end()

    def skip_step(self) -> None:
        """Skip the current optional step and go on to the next (or end the meeting).

        A step that is optional because its block is skips the rest of the
        block's pass with it. Each skipped step is recorded, so the exports can
        say so.

        Raises:
            KollegialError: the step is not optional, or the meeting has ended.
        """
        step = self.step
        if self.ended:
            raise KollegialError("err.session_ended")
        if not step.optional:
            raise KollegialError("err.not_optional")
        last = self.current
        if step.optional_block is not None:
            while (
                last + 1 < len(self.plan)
                and self.plan[last + 1].optional_block == step.optional_block
            ):
                last += 1
        now = self.clock.now()
        for index in range(self.current, last + 1):
            self._emit(ev.StepSkipped(at=now, index=index))
        if last + 1 < len(self.plan):
            self._enter(last + 1)
        else:
            self.end()

    def previous_step(self) -> None:
        if self.ended:
            self._enter(self.current)
        elif self.current > 0:
            self._enter(self.current - 1)

    def goto(self, index: int) -> None:
        if not 0 <= index < len(self.plan):
            raise KollegialError("err.no_such_step", number=index + 1, count=len(self.plan))
        self._enter(index)

    def end(self) -> None:
        if self.ended:
            return
        now = self.clock.now()
        self._leave(now)
        self._emit(ev.SessionEnded(at=now))

    def pause(self) -> None:
        """Stop the current step's clock (also one a reload left standing, see replay)."""
        self._pause(self.clock.now())

    def resume(self) -> None:
        if not self.running and not self.ended:
            self._emit(
                ev.TimerStarted(at=self.clock.now(), index=self.current, elapsed=self.elapsed())
            )

    def toggle_pause(self) -> None:
        if self.running:
            self.pause()
        else:
            self.resume()

    def adjust(self, seconds: float) -> None:
        """A minute more (+60) or less (-60), or any amount.

        Shortening stops at zero planned time: shortening further would be lost
        silently, and a minute more afterwards would then give nothing back.
        """
        total = self.timer.total()
        if total is None:
            raise KollegialError("err.no_timer")
        if not math.isfinite(seconds):
            raise KollegialError("err.bad_adjust")
        seconds = max(seconds, -total)
        if seconds:
            self._emit(ev.TimerAdjusted(at=self.clock.now(), index=self.current, seconds=seconds))

    # --- commands: people and turns ---

    def next_speaker(self) -> None:
        name = self._require_speaker()
        self._emit(ev.TurnTaken(at=self.clock.now(), index=self.current, name=name))

    def pass_turn(self) -> None:
        name = self._require_speaker()
        self._emit(ev.TurnPassed(at=self.clock.now(), index=self.current, name=name))

    def set_present(self, name: str, present: bool) -> None:
        self._require_participant(name)
        if self.present[name] != present:
            self._emit(ev.PresenceChanged(at=self.clock.now(), name=name, present=present))

    def add_participant(self, name: str) -> None:
        """A late arrival joins the circle (and the current lap, at its end)."""
        name = clean_name(name)
        if not name:
            raise KollegialError("err.empty_name")
        if name_taken(name, self.participants):
            raise KollegialError("err.duplicate_participant", name=name)
        self._emit(ev.ParticipantAdded(at=self.clock.now(), name=name, late=True))

    def appoint(self, role: str, name: str | None) -> None:
        if role not in self._role_ids:
            raise KollegialError("err.unknown_role_id", role=role)
        if name is not None:
            self._require_participant(name)
        self._emit(ev.RoleAssigned(at=self.clock.now(), role=role, name=name))

    def set_focus(self, text: str) -> None:
        self._emit(ev.FocusSet(at=self.clock.now(), text=text.strip()))

    # --- commands: notes, ratings, decisions ---

    def add_note(self, text: str, *, by: str | None = None) -> Note:
        """A note on the current step, in its column, by ``by`` or the speaker of the moment."""
        text = text.strip()
        if not text:
            raise KollegialError("err.empty_note")
        if by is not None:
            self._require_participant(by)
        note_id = self._next_note
        self._emit(
            ev.NoteAdded(
                at=self.clock.now(),
                id=note_id,
                index=self.current,
                column=self.step.notes_column,
                text=text,
                speaker=self.speaker if by is None else by,
            )
        )
        return self.notes[note_id]

    def capture(self, text: str) -> None:
        """What the leader typed: the agreed text in a decision step, a note otherwise."""
        if self.step.mode is Mode.DECISION:
            self.set_decision(text)
        else:
            self.add_note(text)

    @property
    def is_private(self) -> bool:
        """Silent and rating steps: the room sees no notes, names or values."""
        return self.step.mode in (Mode.SILENT, Mode.RATE)

    def edit_note(self, note_id: int, text: str) -> None:
        self._require_note(note_id)
        if not text.strip():
            raise KollegialError("err.empty_note")
        self._emit(ev.NoteEdited(at=self.clock.now(), id=note_id, text=text.strip()))

    def attribute_note(self, note_id: int, speaker: str | None) -> None:
        """Change who a note is attributed to; None leaves it unattributed."""
        self._require_note(note_id)
        if speaker is not None:
            self._require_participant(speaker)
        self._emit(ev.NoteAttributed(at=self.clock.now(), id=note_id, speaker=speaker))

    def delete_note(self, note_id: int) -> None:
        self._require_note(note_id)
        self._emit(ev.NoteDeleted(at=self.clock.now(), id=note_id))

    def set_rating(self, participant: str, statement: str, value: int | None) -> None:
        self._require_rater(participant)
        if statement not in self._statement_ids:
            raise KollegialError("err.unknown_statement", statement=statement)
        scale = self.protocol.scale
        if value is not None and not scale.holds(value):
            raise KollegialError("err.rating_scale", value=value, min=scale.min, max=scale.max)
        self._emit(
            ev.RatingSet(
                at=self.clock.now(), participant=participant, statement=statement, value=value
            )
        )

    def replace_ratings(self, participant: str, values: Mapping[str, int]) -> None:
        """Set all of a participant's ratings at once (an imported file), checked first.

        Every value is checked before any is set, so a bad value leaves the
        person's ratings as they were; statements missing from ``values`` are
        cleared, since the new set replaces the old one.
        """
        self._require_rater(participant)
        known = self._statement_ids
        scale = self.protocol.scale
        for statement, value in values.items():
            if statement not in known:
                raise KollegialError("err.unknown_statement", statement=statement)
            if not scale.holds(value):
                raise KollegialError("err.rating_scale", value=value, min=scale.min, max=scale.max)
        old = self.ratings.get(participant, {})
        for statement in [s for s in old if s not in values]:
            self._emit(
                ev.RatingSet(
                    at=self.clock.now(), participant=participant, statement=statement, value=None
                )
            )
        for statement, value in values.items():
            if old.get(statement) != value:
                self._emit(
                    ev.RatingSet(
                        at=self.clock.now(),
                        participant=participant,
                        statement=statement,
                        value=value,
                    )
                )

    def set_decision(self, text: str) -> None:
        if self.step.mode is not Mode.DECISION:
            raise KollegialError("err.not_decision")
        self._emit(ev.DecisionSet(at=self.clock.now(), index=self.current, text=text.strip()))

    # --- internals ---

    def _require_speaker(self) -> str:
        if self.step.mode is not Mode.ROUND:
            raise KollegialError("err.not_round")
        r = self.round
        name = r.current if r else None
        if name is None:
            if r and r.empty:
                raise KollegialError("err.round_empty", name=r.excluded)
            raise KollegialError("err.round_waiting" if r and r.waiting else "err.round_done")
        return name

    def _holder(self, step: PlanStep, role: str) -> str | None:
        """Who holds ``role`` in ``step``: the pass's participant for the pass's role."""
        if step.pass_role == role and step.pass_person is not None:
            return step.pass_person
        return self.roles.get(role)

    def _require_rater(self, name: str) -> None:
        """A participant's name, or in an anonymous session a rater number (and never a name)."""
        if self.anonymous:
            if not (name.startswith("#") and name[1:].isdigit()):
                raise KollegialError("err.anonymous_rater")
            return
        self._require_participant(name)

    def _require_participant(self, name: str) -> None:
        if name not in self.present:
            raise KollegialError("err.unknown_participant", name=name)

    def _require_note(self, note_id: int) -> None:
        if note_id not in self.notes:
            raise KollegialError("err.unknown_note", id=note_id)

    def _pause(self, at: datetime) -> None:
        if self.timer.running:
            self._emit(ev.TimerPaused(at=at, index=self.current, elapsed=self.elapsed()))

    def _leave(self, at: datetime) -> None:
        # The stop carries the same time as the StepEntered / SessionEnded that
        # follows it: that is how reports() tells leaving a step from a pause.
        self._pause(at)

    def _enter(self, index: int) -> None:
        now = self.clock.now()
        self._leave(now)
        self._emit(ev.StepEntered(at=now, index=index))
        self._emit(ev.TimerStarted(at=now, index=index, elapsed=self.timers[index].base))
        step = self.plan[index]
        role, person = step.pass_role, step.pass_person
        if role is not None and person is not None and self.roles.get(role) != person:
            # The role goes round with the passes: each pass's participant holds it.
            self._emit(ev.RoleAssigned(at=now, role=role, name=person))
        if step.mode is Mode.SUBGROUPS and index not in self._subgroups:
            # Formed once, from those here; with nobody here, on a later visit.
            groups = form_subgroups(self.present_participants, step.size or 2)
            if groups:
                self._emit(ev.SubgroupsFormed(at=now, index=index, groups=groups))

    def _emit(self, event: ev.Event) -> None:
        self._apply(event)
        self._events.append(event)
        for listener in self.listeners:
            listener(event)

    def _apply(self, event: ev.Event) -> None:
        self.applied += 1
        if self.started_at is None:
            self.started_at = event.at
        match event:
            case ev.ParticipantAdded(name=name):
                self.participants.append(name)
                self.present[name] = True
                for r in self.rounds.values():
                    r.joined(name)
                if not self._plan_fixed:
                    self._plan_people = len(self.participants)
                    self.plan = build_plan(self.protocol, self.participants)
                    self.timers = [Timer(s.planned_seconds) for s in self.plan.steps]
            case ev.PresenceChanged(name=name, present=present):
                self.present[name] = present
                for r in self.rounds.values():
                    r.presence_changed(self.participants, self.is_present)
            case ev.FocusSet(text=text):
                self.focus = text or None
            case ev.RoleAssigned(role=role, name=name):
                if name is None:
                    self.roles.pop(role, None)
                else:
                    self.roles[role] = name
                # A new holder of the excluded role in the round going on now.
                going = self.rounds.get(self.current)
                if going is not None and (step := self.plan[self.current]).exclude == role:
                    holder = self._holder(step, role)
                    if holder != going.excluded:
                        going.exclude(holder, self.participants, self.is_present)
            case ev.StepEntered(index=index):
                self._close_visit(self.current, event.at)
                self.current = index
                self.ended = False
                self.ended_at = None
                self.visits.setdefault(index, []).append(Visit(event.at))
                self._plan_fixed = True
                self._skipped.discard(index)
                step = self.plan[index]
                excluded = self._holder(step, step.exclude) if step.exclude else None
                if step.mode is Mode.ROUND and index not in self.rounds and self.participants:
                    r = Round.begin(
                        step.step.round_kind,
                        self.participants,
                        self._next_round_start,
                        self.is_present,
                        excluded,
                    )
                    self.rounds[index] = r
                    self._next_round_start = r.start + 1
                elif index in self.rounds and self.rounds[index].excluded != excluded:
                    self.rounds[index].exclude(excluded, self.participants, self.is_present)
            case ev.TimerStarted(index=index, elapsed=elapsed):
                self.timers[index].start(self.clock.monotonic(), elapsed, self._live)
            case ev.TimerPaused(index=index, elapsed=elapsed):
                self.timers[index].pause(elapsed)
            case ev.TimerAdjusted(index=index, seconds=seconds):
                self.timers[index].adjust += seconds
                self.adjusted[index] = self.adjusted.get(index, 0.0) + seconds
            case ev.TurnTaken(index=index) | ev.TurnPassed(index=index):
                r = self.rounds[index]
                r.advance(isinstance(event, ev.TurnPassed), self.participants, self.is_present)
            case ev.NoteAdded():
                self.notes[event.id] = Note(
                    event.id, event.index, event.column, event.text, event.speaker, event.at
                )
                self._next_note = max(self._next_note, event.id + 1)
            case ev.NoteEdited(id=note_id, text=text):
                self.notes[note_id].text = text
                self.notes[note_id].edited_at = event.at
            case ev.NoteAttributed(id=note_id, speaker=speaker):
                self.notes[note_id].speaker = speaker
            case ev.NoteDeleted(id=note_id):
                del self.notes[note_id]
            case ev.RatingSet(participant=p, statement=s, value=value):
                if value is None:
                    self.ratings.get(p, {}).pop(s, None)
                else:
                    self.ratings.setdefault(p, {})[s] = value
            case ev.DecisionSet(index=index, text=text):
                if text:
                    self.decisions[index] = text
                else:
                    self.decisions.pop(index, None)
            case ev.SubgroupsFormed(index=index, groups=groups):
                self._subgroups[index] = groups
            case ev.StepSkipped(index=index):
                self._skipped.add(index)
            case ev.RatingsAnonymous():
                self.anonymous = True
            case ev.PhoneNumbered(phone=phone, rater=rater):
                self.phones[phone] = rater
            case ev.SessionEnded():
                self.ended = True
                self.ended_at = event.at
                self._close_visit(self.current, event.at)

    def _close_visit(self, index: int, at: datetime) -> None:
        visits = self.visits.get(index)
        if visits and visits[-1].left is None:
            visits[-1].left = at


def form_subgroups(people: list[str], size: int) -> tuple[tuple[str, ...], ...]:
    """``people`` split in order into groups of ``size``; the rest join the first groups.

    There are ``len(people) // size`` groups (at least one); those left over are
    added one each to the first groups, so 7 people in pairs make groups of 3, 2
    and 2: ``[[a, b, c], [d, e], [f, g]]``. Fewer people than ``size`` make one group.
    """
    if not people:
        return ()
    count = max(1, len(people) // max(size, 1))
    sizes = [len(people) // count] * count
    for i in range(len(people) - sum(sizes)):
        sizes[i] += 1
    groups: list[tuple[str, ...]] = []
    start = 0
    for n in sizes:
        groups.append(tuple(people[start : start + n]))
        start += n
    return tuple(groups)


def validate_participants(names: Iterable[str]) -> list[str]:
    """Clean names, refuse duplicates and too few people."""
    out: list[str] = []
    for raw in names:
        name = clean_name(raw)
        if not name:
            continue
        if name_taken(name, out):
            raise KollegialError("err.duplicate_participant", name=name)
        out.append(name)
    if len(out) < MIN_PARTICIPANTS:
        raise KollegialError("err.too_few_participants", minimum=MIN_PARTICIPANTS)
    return out
