"""A meeting as one JSON document: the whole record, importable on another computer.

The document carries the protocol as it was when the meeting ran and the full
event log; that pair is the meeting (replaying the log rebuilds it). The
``derived`` part (participants, steps with their times, notes, ratings,
decisions) is there for people and programs that read the file; an import
ignores it and recomputes everything from the log.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn, get_args

from pydantic import TypeAdapter, ValidationError

from kollegial.errors import KollegialError
from kollegial.export.anonymize import Names, anonymize_events
from kollegial.export.facts import StepState, furthest_step, step_state
from kollegial.i18n import Lang, Msg, get_language
from kollegial.protocols import spec
from kollegial.protocols.checks import check
from kollegial.protocols.loader import Located, Pos
from kollegial.protocols.model import Mode, Protocol, finalize, from_data, slugify, to_data
from kollegial.session import events as ev
from kollegial.session.clock import FakeClock
from kollegial.session.plan import Plan, build_plan
from kollegial.session.session import Session, StepReport

FORMAT = "kollegial-session"
VERSION = 1

_DATETIME: TypeAdapter[datetime] = TypeAdapter(datetime)
_CREATED_AT: TypeAdapter[datetime] = TypeAdapter(ev.At)
_EVENT_TYPES = frozenset(model.__dataclass_fields__["type"].default for model in get_args(ev.Event))
_SHOWN_MAX = 60
"""How much of a bad value an error message quotes."""


# --- writing ---


def _iso(at: datetime | None) -> Any:
    # The same serializer as the event log, so every time in the file looks alike.
    return None if at is None else _DATETIME.dump_python(at, mode="json")


def _sorted(value: Any) -> Any:
    """``value`` with the keys of every mapping sorted: the same meeting, the same bytes."""
    if isinstance(value, dict):
        return {str(k): _sorted(value[k]) for k in sorted(value, key=str)}
    if isinstance(value, list | tuple):
        return [_sorted(v) for v in value]
    return value


def _derived(session: Session, names: Names, reports: list[StepReport]) -> dict[str, Any]:
    late = {e.name for e in session.events if isinstance(e, ev.ParticipantAdded) and e.late}

    def pass_person(index: int) -> str | None:
        person = session.plan[index].pass_person
        return names(person) if person is not None else None

    furthest = furthest_step(session, reports)
    return {
        "title": session.protocol.title,
        "started_at": _iso(session.started_at),
        "ended_at": _iso(session.ended_at),
        "ended": session.ended,
        "focus": names.text(session.focus) if session.focus is not None else None,
        "participants": [
            {"name": names(p), "late": p in late, "present": session.present.get(p, False)}
            # The order people joined, as in the event log this file must carry.
            for p in session.participants
        ],
        "roles": (
            {role: names(name) for role, name in session.roles.items()} if names.roles_shown else {}
        ),
        "steps": [
            {
                "index": r.step.index,
                "key": r.step.key,
                "title": r.step.title,
                "block": r.step.block.title if r.step.block else None,
                "group": r.step.group.id if r.step.group else None,
                "pass_no": r.step.pass_no or None,
                "pass_person": pass_person(r.step.index),
                "optional": r.step.optional,
                "subgroups": [
                    [names(name) for name in group] for group in session.subgroups(r.step.index)
                ]
                or None,
                "mode": r.step.mode.value,
                "planned_seconds": r.planned,
                "used_seconds": round(r.used, 3),
                "adjusted_seconds": r.adjusted,
                "skipped": step_state(r, furthest) is StepState.SKIPPED,
                "not_reached": step_state(r, furthest) is StepState.NOT_REACHED,
            }
            for r in reports
        ],
        "notes": [
            {
                "id": n.id,
                "step": n.index,
                "pass_person": pass_person(n.index),
                "column": n.column,
                "text": names.text(n.text),
                "speaker": (
                    names(speaker) if (speaker := names.speaker(n.speaker)) is not None else None
                ),
                "at": _iso(n.at),
                "edited_at": _iso(n.edited_at),
            }
            for n in sorted(session.notes.values(), key=lambda n: n.id)
        ],
        "ratings": {names(p): dict(values) for p, values in session.ratings.items() if values},
        "decisions": [
            {
                "step": index,
                "label": session.plan[index].step.decision,
                "text": names.text(text),
            }
            for index, text in sorted(session.decisions.items())
        ],
    }


def _stood(session: Session, reports: list[StepReport]) -> list[ev.Event]:
    """A pause where each still running timer stands, so that the file holds its time.

    A meeting exported while a step runs (or after the program was closed in
    the middle of one) has that step's time only in the running clock (or the
    store's checkpoint), not in the log: without this pause an import would
    start the step at 0 again. The pause is what a reload does anyway.
    """
    if session.ended:
        return []
    at = session.clock.now()
    return [
        ev.TimerPaused(at=at, index=r.step.index, elapsed=r.used)
        for r in reports
        if session.timers[r.step.index].running
    ]


def render_json(
    session: Session,
    *,
    anonymize: bool = False,
    created_at: datetime | None = None,
    lang: Lang | None = None,
    names: Names | None = None,
    team: str | None = None,
) -> str:
    """The whole meeting as a JSON document that :func:`parse_session_json` reads back.

    Args:
        session: The meeting, running or ended.
        anonymize: Replace participants' names by *Deltagare 1…N* (in the
            order they joined) everywhere, the event log included, and drop who
            said what; the anonymized log still replays into the same meeting.
            Names typed inside notes stay.
        created_at: When the meeting was created (the store knows); the time
            of its first event when None.
        lang: Language of the aliases (*Deltagare* or *Participant*); the
            current interface language when None.
        team: The team whose meeting it was (the store knows); written as
            ``team`` when there is one, read back by :func:`parse_team`.

    Returns:
        Indented JSON with sorted keys, non-ASCII text as is, ending with a newline.
    """
    names = names or Names.of(session, anonymize=anonymize, lang=lang or get_language())
    created = created_at or session.started_at or session.clock.now()
    reports = session.reports()
    events = anonymize_events([*session.events, *_stood(session, reports)], names)
    # The top level keeps a reading order (what it is, then the meeting);
    # everything below has its keys sorted.
    document = {
        "format": FORMAT,
        "version": VERSION,
        "created_at": _iso(created),
        **({"team": team} if team else {}),
        "protocol": _sorted(to_data(session.protocol)),
        "derived": _sorted(_derived(session, names, reports)),
        "events": _sorted(ev.event_list_adapter().dump_python(events, mode="json")),
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


# --- reading ---


def _shown(value: object) -> str:
    """A value from the file, quoted and cut short, safe to print on a terminal."""
    text = repr(value)  # repr escapes control characters such as ESC
    return text if len(text) <= _SHOWN_MAX else text[: _SHOWN_MAX - 1] + "…"


def _where(part: str, loc: tuple[int | str, ...]) -> str:
    out = part
    for segment in loc:
        if isinstance(segment, int):
            out += f"[{segment}]"
        elif segment.isidentifier():
            out += f".{segment}"
        else:
            out += f"[{_shown(segment)}]"
    return out


def _invalid(part: str, exc: ValidationError) -> NoReturn:
    """Raise the first problem of a validation error, saying where it is."""
    first = exc.errors()[0]
    kind = first["type"]
    loc = tuple(first["loc"])
    problem: Msg
    if kind == "missing":
        problem = Msg("err.import_missing")
    elif kind in ("extra_forbidden", "unexpected_keyword_argument"):
        problem = Msg("err.import_unknown_key")
    elif kind in ("union_tag_invalid", "union_tag_not_found"):
        tag = first.get("ctx", {}).get("tag", first.get("input"))
        problem = Msg("err.import_unknown_type", value=_shown(tag))
    elif kind in ("less_than_equal", "greater_than_equal"):
        ctx = first.get("ctx", {})
        bound = ctx.get("le", ctx.get("ge"))
        key = "err.import_too_large" if kind == "less_than_equal" else "err.import_too_small"
        problem = Msg(key, value=_shown(first.get("input")), bound=_shown(bound))
    else:
        problem = Msg("err.import_bad_value", value=_shown(first.get("input")))
    # A discriminated union puts the event type into the location: leave it out.
    if part == "events" and len(loc) > 1 and loc[1] in _EVENT_TYPES:
        loc = (loc[0], *loc[2:])
    raise KollegialError("err.import_part", where=_where(part, loc), problem=problem) from None


def _reject_constant(name: str) -> NoReturn:
    raise ValueError(name)


def _load_json(text: str) -> Any:
    # A byte order mark, as Notepad writes one, is no part of the JSON.
    text = text.removeprefix("\ufeff")
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise KollegialError("err.import_not_json", line=exc.lineno, column=exc.colno) from None
    except (ValueError, RecursionError):
        # NaN/Infinity (not JSON, and meaningless as a time) or absurd nesting.
        raise KollegialError("err.import_bad_json") from None
    try:
        # A lone surrogate (`"\ud800"`) parses but can never be written out as UTF-8.
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except (UnicodeEncodeError, RecursionError):
        raise KollegialError("err.import_bad_json") from None
    return data


def _located(data: Any) -> Located:
    """Where each key of the protocol stands, for the checks: everywhere, line 1.

    The checks ask which keys a step was written with; a value of None in the
    export means the key was not given.
    """
    located = Located(data=data)

    def walk(value: Any, path: tuple[str | int, ...]) -> None:
        located.values[path] = Pos(1, 1)
        if isinstance(value, dict):
            for key, item in value.items():
                if item is not None:
                    located.keys[(*path, key)] = Pos(1, 1)
                    walk(item, (*path, key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, (*path, i))

    walk(data, ())
    return located


def _parse_protocol(data: Any) -> Protocol:
    try:
        protocol = from_data(spec.Protocol.model_validate(data).model_dump(by_alias=True))
    except ValidationError as exc:
        _invalid("protocol", exc)
    # The same cross-reference rules as for a protocol file (columns, roles,
    # groups, unique ids, block budgets), so an import is as safe to run.
    problems = check(protocol, _located(data), Path("protocol"))
    if problems:
        p = problems[0]
        raise KollegialError("err.import_protocol", problem=Msg(p.key, **p.params))
    # Ids the file left out are filled as the loader would (a no-op for an export).
    return finalize(protocol, protocol.id or slugify(protocol.title))


class _LogChecker:
    """Checks that each event refers to what exists at that point of the log."""

    def __init__(self, protocol: Protocol) -> None:
        self.protocol = protocol
        self.plan: Plan = build_plan(protocol)
        self.started = False
        """A step was entered: the plan (one pass per participant so far) is fixed."""
        self.people: set[str] = set()
        self.in_order: list[str] = []
        self.notes: set[int] = set()
        self.roles = {r.id for r in protocol.roles}
        self.columns = {c.id for c in protocol.columns}
        self.statements = {st.id for g in protocol.groups for st in g.statement_list()}
        self.anonymous = False

    def problem(self, event: ev.Event) -> Msg | None:
        index = getattr(event, "index", None)
        if index is not None and index >= len(self.plan):
            return Msg("err.import_step_index", number=index + 1, count=len(self.plan))
        match event:
            case ev.ParticipantAdded(name=name):
                if name in self.people:
                    return Msg("err.import_duplicate_name", name=_shown(name))
                self.people.add(name)
                self.in_order.append(name)
                if not self.started:  # as the engine does: see Session._apply
                    self.plan = build_plan(self.protocol, self.in_order)
            case ev.StepEntered():
                self.started = True
            case ev.SubgroupsFormed(index=index, groups=groups):
                if self.plan[index].mode is not Mode.SUBGROUPS:
                    return Msg("err.import_not_subgroups", number=index + 1)
                names = [name for group in groups for name in group]
                twice = next((n for n in names if names.count(n) > 1), None)
                if twice is not None:
                    return Msg("err.import_subgroup_twice", name=_shown(twice))
                for name in names:
                    if (problem := self.person(name)) is not None:
                        return problem
            case ev.StepSkipped(index=index):
                if not self.plan[index].optional:
                    return Msg("err.import_not_optional", number=index + 1)
            case ev.PresenceChanged(name=name) | ev.TurnTaken(name=name) | ev.TurnPassed(name=name):
                return self.person(name)
            case ev.RoleAssigned(role=role, name=name):
                if role not in self.roles:
                    return Msg("err.import_unknown_role", role=_shown(role))
                return self.person(name)
            case ev.NoteAdded(id=note_id, column=column, speaker=speaker):
                if note_id in self.notes:
                    return Msg("err.import_duplicate_note", id=note_id)
                if column is not None and column not in self.columns:
                    return Msg("err.import_unknown_column", column=_shown(column))
                self.notes.add(note_id)
                return self.person(speaker)
            case (
                ev.NoteEdited(id=note_id)
                | ev.NoteAttributed(id=note_id)
                | ev.NoteDeleted(id=note_id)
            ):
                if note_id not in self.notes:
                    return Msg("err.import_unknown_note", id=note_id)
                if isinstance(event, ev.NoteDeleted):
                    self.notes.discard(note_id)
                if isinstance(event, ev.NoteAttributed):
                    return self.person(event.speaker)
            case ev.RatingSet(participant=name, statement=statement, value=value):
                if statement not in self.statements:
                    return Msg("err.import_unknown_statement", statement=_shown(statement))
                scale = self.protocol.scale
                if value is not None and not scale.min <= value <= scale.max:
                    return Msg("err.import_rating_value", value=value, min=scale.min, max=scale.max)
                if self.anonymous:  # rater numbers, checked by the engine on replay
                    return None
                return self.person(name)
            case ev.RatingsAnonymous():
                self.anonymous = True
            case ev.DecisionSet(index=index):
                if self.plan[index].mode is not Mode.DECISION:
                    return Msg("err.import_not_decision", number=index + 1)
        return None

    def person(self, name: str | None) -> Msg | None:
        if name is not None and name not in self.people:
            return Msg("err.import_unknown_name", name=_shown(name))
        return None


def _check_log(protocol: Protocol, events: list[ev.Event]) -> None:
    checker = _LogChecker(protocol)
    for number, event in enumerate(events, start=1):
        problem = checker.problem(event)
        if problem is not None:
            raise KollegialError(
                "err.import_event", number=number, type=event.type, problem=problem
            )
    # Whatever the checks above do not foresee, the engine finds when it replays
    # the log; find the first event it stumbles on (replaying a prefix either
    # works or fails, so a binary search is enough).
    if _replays(protocol, events):
        return
    good, bad = 0, len(events)
    while bad - good > 1:
        mid = (good + bad) // 2
        good, bad = (mid, bad) if _replays(protocol, events[:mid]) else (good, mid)
    raise KollegialError("err.import_replay", number=bad, type=events[bad - 1].type)


def fitting_events(protocol: Protocol, events: list[ev.Event]) -> tuple[list[ev.Event], int]:
    """The events an import accepts, for a log with gaps (``kollegial rescue``).

    An event that refers to what a lost one made (a note of a participant whose
    joining is gone) is left out, as is one the engine cannot replay.

    Returns:
        The events kept, in order, and how many were left out.
    """
    checker = _LogChecker(protocol)
    kept = [event for event in events if checker.problem(event) is None]
    while not _replays(protocol, kept):  # rare: find the first event replay stumbles on
        good, bad = 0, len(kept)
        while bad - good > 1:
            mid = (good + bad) // 2
            good, bad = (mid, bad) if _replays(protocol, kept[:mid]) else (good, mid)
        del kept[bad - 1]
    return kept, len(events) - len(kept)


def _replays(protocol: Protocol, events: list[ev.Event]) -> bool:
    try:
        Session.replay(protocol, events, FakeClock())
    # Any failure at all means the log does not fit the protocol; the caller
    # turns it into a message that says which event.
    except Exception:
        return False
    return True


def same_meeting(stored: list[ev.Event], imported: list[ev.Event]) -> bool:
    """Whether two event logs are one meeting: equal, or one the beginning of the other.

    An export of a meeting that went on afterwards is a beginning of its log
    (but for the pause an export writes where a timer stood, see
    :func:`_stood`); either way importing it would make a second copy of the
    same meeting.
    """
    a, b = _without_last_pauses(stored), _without_last_pauses(imported)
    shorter = min(len(a), len(b))
    return shorter > 0 and a[:shorter] == b[:shorter]


def _without_last_pauses(events: list[ev.Event]) -> list[ev.Event]:
    end = len(events)
    while end and isinstance(events[end - 1], ev.TimerPaused):
        end -= 1
    return events[:end]


def parse_team(text: str) -> str | None:
    """The team a JSON export names (None: none), for an import after :func:`parse_session_json`.

    Raises:
        KollegialError: ``team`` is there but no team's name.
    """
    from kollegial.session.team import clean_team

    data = _load_json(text)
    team = data.get("team") if isinstance(data, dict) else None
    if team is None:
        return None
    try:
        if not isinstance(team, str):
            raise ValueError(team)
        return clean_team(team)
    except (ValueError, KollegialError):
        problem = Msg("err.import_bad_value", value=_shown(team))
        raise KollegialError("err.import_part", where="team", problem=problem) from None


def parse_session_json(text: str) -> tuple[Protocol, list[ev.Event], datetime]:
    """Read a JSON export back: the protocol, the event log and when it was created.

    The document must say ``"format": "kollegial-session"`` and a version this
    kollegial reads; the protocol must pass the same checks as a protocol file;
    every event must be valid and refer to steps, people, notes, roles, columns
    and statements that exist at that point of the log, and the log must replay.

    Args:
        text: The content of an export file.

    Returns:
        ``(protocol, events, created_at)``, ready for
        :meth:`kollegial.store.Store.import_session`.

    Raises:
        KollegialError: the text is not JSON, not an export, from another
            version, or a part of it is invalid; the message says which part.
    """
    data = _load_json(text)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        found = data.get("format") if isinstance(data, dict) else None
        raise KollegialError("err.import_not_export", found=_shown(found))
    version = data.get("version")
    # `type(...) is int`: JSON's true would otherwise pass for version 1.
    if type(version) is not int or version != VERSION:
        newer = type(version) is int and version > VERSION
        key = "err.import_version_newer" if newer else "err.import_version"
        raise KollegialError(key, found=_shown(version), supported=VERSION)
    for part in ("created_at", "protocol", "events"):
        if part not in data:
            raise KollegialError("err.import_part", where=part, problem=Msg("err.import_missing"))
    protocol = _parse_protocol(data["protocol"])
    try:
        events = ev.event_list_adapter().validate_python(data["events"])
    except ValidationError as exc:
        _invalid("events", exc)
    try:
        created_at = _CREATED_AT.validate_python(data["created_at"])
    except ValidationError as exc:
        _invalid("created_at", exc)
    _check_log(protocol, events)
    return protocol, events, created_at
