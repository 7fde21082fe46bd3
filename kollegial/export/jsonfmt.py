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

from kollegial.display import quoted
from kollegial.errors import KollegialError
from kollegial.export.anonymize import Names, anonymize_events
from kollegial.export.facts import StepState, furthest_step, step_state
from kollegial.i18n import Lang, Msg, get_language
from kollegial.protocols import spec
from kollegial.protocols.checks import check
from kollegial.protocols.loader import Located, Pos
from kollegial.protocols.model import Protocol, finalize, from_data, slugify, to_data
from kollegial.session import events as ev
from kollegial.session.clock import FakeClock
from kollegial.session.session import Session, StepReport

FORMAT = "kollegial-session"
VERSION = 1

_DATETIME: TypeAdapter[datetime] = TypeAdapter(datetime)
_CREATED_AT: TypeAdapter[datetime] = TypeAdapter(ev.At)
_EVENT_TYPES = frozenset(model.__dataclass_fields__["type"].default for model in get_args(ev.Event))


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


def _where(part: str, loc: tuple[int | str, ...]) -> str:
    out = part
    for segment in loc:
        if isinstance(segment, int):
            out += f"[{segment}]"
        elif segment.isidentifier():
            out += f".{segment}"
        else:
            out += f"[{quoted(segment)}]"
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
        problem = Msg("err.import_unknown_type", value=quoted(tag))
    elif kind in ("less_than_equal", "greater_than_equal"):
        ctx = first.get("ctx", {})
        bound = ctx.get("le", ctx.get("ge"))
        key = "err.import_too_large" if kind == "less_than_equal" else "err.import_too_small"
        problem = Msg(key, value=quoted(first.get("input")), bound=quoted(bound))
    else:
        problem = Msg("err.import_bad_value", value=quoted(first.get("input")))
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
        problem = Msg("err.import_bad_value", value=quoted(team))
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
        raise KollegialError("err.import_not_export", found=quoted(found))
    version = data.get("version")
    # `type(...) is int`: JSON's true would otherwise pass for version 1.
    if type(version) is not int or version != VERSION:
        newer = type(version) is int and version > VERSION
        key = "err.import_version_newer" if newer else "err.import_version"
        raise KollegialError(key, found=quoted(version), supported=VERSION)
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
    # The engine refuses an event the live session would not have made.
    Session.replay(protocol, events, FakeClock(), strict=True)
    return protocol, events, created_at
