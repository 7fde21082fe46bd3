"""A session's state as text, so that loading replays only the events after it.

Resuming a meeting of 10,000 events replayed them all before the first frame.
The store keeps the state after every so many events; loading restores the
latest one and replays the rest: :func:`restore` followed by the
tail equals :meth:`Session.replay` of the whole log (a property test says so).

A snapshot belongs to the engine that wrote it (:data:`ENGINE`): one written by
another version or other code is never read, and anything that does not read
back exactly is refused with :class:`SnapshotError` so the caller replays in
full. Only the event log is the record; a snapshot is a convenience.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import gc
import json
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from kollegial import __version__
from kollegial.protocols.model import Protocol, RoundKind
from kollegial.session.clock import Clock
from kollegial.session.plan import build_plan
from kollegial.session.session import Note, Session, Visit
from kollegial.session.timer import Timer
from kollegial.session.turns import Round

FORMAT = "1"

_SKIP = frozenset(
    {"protocol", "plan", "clock", "_events", "_earlier", "listeners", "_live", "notes"}
)
"""Attributes not in the generic part: given anew, rebuilt, or (notes) kept compactly."""

_RECORDS: dict[str, type[Any]] = {cls.__name__: cls for cls in (Timer, Visit, Round)}
_ENUMS: dict[str, type[enum.Enum]] = {RoundKind.__name__: RoundKind}
_NOTE = tuple(f.name for f in dataclasses.fields(Note))


def _engine() -> str:
    """The engine's identity: the version, and its files' times for a source checkout."""
    here = Path(__file__).resolve().parent
    parts = [FORMAT, __version__]
    for path in sorted(here.glob("*.py")):
        with contextlib.suppress(OSError):
            parts.append(f"{path.name}:{path.stat().st_mtime_ns}")
    parts.append(str((here.parent / "values.py").stat().st_mtime_ns))
    return "\0".join(parts)


ENGINE = _engine()


class SnapshotError(Exception):
    """The snapshot cannot be read back as this engine's state: replay in full."""


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, tuple):
        return {"t": [_encode(v) for v in value]}
    if isinstance(value, set | frozenset):
        return {"s": [_encode(v) for v in sorted(value)]}
    if isinstance(value, dict):
        return {"d": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if isinstance(value, datetime):
        return {"dt": value.isoformat()}
    if isinstance(value, enum.Enum) and type(value).__name__ in _ENUMS:
        return {"e": type(value).__name__, "v": value.value}
    if type(value).__name__ in _RECORDS and dataclasses.is_dataclass(value):
        fields = {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"r": type(value).__name__, "f": fields}
    raise SnapshotError(f"cannot keep {type(value).__name__}")


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if "t" in value:
        return tuple(_decode(v) for v in value["t"])
    if "s" in value:
        return {_decode(v) for v in value["s"]}
    if "d" in value:
        return {_decode(k): _decode(v) for k, v in value["d"]}
    if "dt" in value:
        return datetime.fromisoformat(value["dt"])
    if "e" in value:
        return _ENUMS[value["e"]](value["v"])
    if "r" in value:
        cls = _RECORDS[value["r"]]
        return cls(**{k: _decode(v) for k, v in value["f"].items()})
    raise SnapshotError("unknown value")


def _time(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def dump(session: Session) -> str:
    """The state of ``session`` after its last event, as replay would leave it.

    A live timer's start on this process's clock is left out: replay never
    sets it (a reloaded meeting waits for the leader to resume).
    """
    state = {k: _encode(v) for k, v in vars(session).items() if k not in _SKIP}
    for timer in state["timers"]:
        timer["f"]["since"] = None
    # Notes grow with the meeting: one row each, not a tagged object.
    notes = [[_note_cell(getattr(n, f)) for f in _NOTE] for n in session.notes.values()]
    return json.dumps({"state": state, "notes": notes}, ensure_ascii=False)


def _note_cell(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def _note(row: list[Any]) -> Note:
    """A note from its row, as ``Note(*row)`` builds it, without the checks (10,000 of them)."""
    note = object.__new__(Note)
    values = vars(note)
    values.update(zip(_NOTE, row, strict=True))
    values["at"] = datetime.fromisoformat(values["at"])
    if values["edited_at"] is not None:
        values["edited_at"] = datetime.fromisoformat(values["edited_at"])
    return note


def restore(
    protocol: Protocol,
    text: str,
    clock: Clock,
    earlier: Callable[[], Iterable[Any]],
) -> Session:
    """The session a snapshot holds, its events still to come (see :meth:`Session.resume_from`).

    ``earlier`` gives the events the snapshot stands for, read only when
    something needs the whole log (a report, an export, the last check).

    Raises:
        SnapshotError: the text is not a state this engine wrote.
    """
    session = Session(protocol, clock)
    collecting = gc.isenabled()
    gc.disable()  # a cycle search per 700 new objects was half the time of 100,000 notes
    try:
        data = json.loads(text)
        state = {k: _decode(v) for k, v in data["state"].items()}
        notes = {row[0]: _note(row) for row in data["notes"]}
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        raise SnapshotError(str(exc)) from None
    finally:
        if collecting:
            gc.enable()
    expected = {k for k in vars(session) if k not in _SKIP}
    if set(state) != expected:
        raise SnapshotError("another engine's state")
    vars(session).update(state)
    session.notes = notes
    people = state["_plan_people"]
    session.plan = build_plan(protocol, session.participants[:people])
    if len(session.plan.steps) != len(session.timers):
        raise SnapshotError("another plan")
    session.resume_from(earlier)
    return session
