"""Numbers that pass validation and break everything else (issue 16, item 5).

`minutes: 1e308` passed `validate`, then `list` failed for every protocol,
`show` and `run` crashed; `scale: {max: 100000000}` made `sheet` take 4 GB; an
imported `timer_adjusted` of 1.7e308 or a `created_at` of
`9999-12-31T23:59:59Z` overflowed later. Each is now refused where it is
written, with a positioned message in Swedish and English.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from kollegial.errors import KollegialError, ProtocolInvalidError
from kollegial.export import parse_session_json, render_json
from kollegial.protocols.discovery import resolve
from kollegial.protocols.loader import load_text
from kollegial.session import FakeClock, Session
from kollegial.store import Store
from tests.conftest import ROOT, Result

Cli = Callable[..., Result]


def problems(text: str) -> list[str]:
    with pytest.raises(ProtocolInvalidError) as exc:
        load_text(text, Path("p.yaml"))
    return [p.render() for p in exc.value.problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "title: T\nsteps:\n  - title: A\n    mode: discussion\n    minutes: 1e308\n",
            "p.yaml:5:14: `minutes` får vara högst 480 minuter, alltså 8 timmar (det är 1e308).",
        ),
        (
            "title: T\nsteps:\n  - title: A\n    minutes: 481\n    steps:\n"
            "      - {title: B, mode: info}\n",
            "p.yaml:4:14: `minutes` får vara högst 480 minuter",
        ),
        (
            "title: T\nsteps:\n  - title: R\n    for_each: participant\n"
            "    minutes_per_person: 1e308\n    steps:\n      - {title: B, mode: info}\n",
            "p.yaml:5:25: `minutes_per_person` får vara högst 480 minuter",
        ),
        (
            "title: T\nsteps:\n  - {title: A, id: a, mode: info, minutes: 5}\n"
            "variants:\n  kort:\n    minutes: {a: 1e308}\n",
            "p.yaml:6:18: `a` får vara högst 480 minuter",
        ),
        (
            "title: T\nsteps:\n  - {title: A, mode: round, turn_seconds: 1e308}\n",
            "p.yaml:3:43: `turn_seconds` får vara högst 28800 (det är 1e308).",
        ),
        (
            "title: T\nscale: {max: 100000000}\nsteps:\n  - {title: A, mode: info}\n",
            "p.yaml:2:14: `max` får vara högst 100 (det är 100000000).",
        ),
        (
            "title: T\nscale: {min: -1e23}\nsteps:\n  - {title: A, mode: info}\n",
            "p.yaml:2:14: här behövs ett heltal, inte `-1e23`.",
        ),
        (
            "title: T\nscale:\n  min: 1\n  max: 20\nsteps:\n  - {title: A, mode: info}\n",
            "p.yaml:4:8: skalan 1–20 har för många steg: högst 11 (som 0–10)",
        ),
    ],
)
def test_the_format_bounds_its_numbers(text: str, expected: str) -> None:
    found = problems(text)
    assert any(p.startswith(expected) for p in found), found


def test_the_widest_scale_and_the_longest_step_are_valid() -> None:
    load_text(
        "title: T\nscale: {min: 0, max: 10}\n"
        "steps:\n  - {title: A, mode: discussion, minutes: 480}\n",
        Path("p.yaml"),
    )


def test_the_messages_exist_in_english() -> None:
    with pytest.raises(ProtocolInvalidError) as exc:
        load_text("title: T\nsteps:\n  - {title: A, mode: info, minutes: 1e308}\n", Path("p.yaml"))
    assert "may be at most 480 minutes, that is 8 hours" in exc.value.problems[0].render("en")


def test_the_committed_schema_carries_the_bounds() -> None:
    schema = json.loads((ROOT / "docs" / "protocol.schema.json").read_text(encoding="utf-8"))
    step = schema["$defs"]["Step"]["properties"]
    minutes = next(a for a in step["minutes"]["anyOf"] if a.get("type") == "number")
    assert minutes["maximum"] == 480
    scale = schema["$defs"]["Scale"]["properties"]
    assert (scale["max"]["maximum"], scale["min"]["minimum"]) == (100, -100)


# --- the import side ---


def export_of_a_meeting() -> dict[str, object]:
    session = Session.start(resolve("observationssamtal"), ["Anna", "Bo"], FakeClock())
    session.adjust(60)
    data: dict[str, object] = json.loads(render_json(session))
    return data


def test_an_imported_timer_adjustment_is_bounded() -> None:
    data = export_of_a_meeting()
    events = data["events"]
    assert isinstance(events, list)
    k = next(i for i, e in enumerate(events) if e["type"] == "timer_adjusted")
    events[k]["seconds"] = 1.7e308
    with pytest.raises(KollegialError) as exc:
        parse_session_json(json.dumps(data))
    message = exc.value.render()
    assert f"events[{k}].seconds" in message
    assert "1.7e+308 är större än det högsta tillåtna, 604800" in message


@pytest.mark.parametrize("where", ["created_at", "event"])
def test_an_imported_time_far_in_the_future_is_refused(where: str) -> None:
    data = export_of_a_meeting()
    events = data["events"]
    assert isinstance(events, list)
    if where == "created_at":
        data["created_at"] = "9999-12-31T23:59:59Z"
    else:
        events[0]["at"] = "9999-12-31T23:59:59Z"
    with pytest.raises(KollegialError) as exc:
        parse_session_json(json.dumps(data))
    message = exc.value.render()
    assert "'9999-12-31T23:59:59Z' är större än det högsta tillåtna" in message
    assert ("created_at" if where == "created_at" else "events[0].at") in message


def test_sessions_lists_a_meeting_stored_at_the_end_of_the_calendar(
    cli: Cli, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database written before imports were bounded: `sessions` overflowed for every meeting
    (in a time zone east of UTC, as a Swedish teacher's is)."""
    import time

    monkeypatch.setenv("TZ", "Europe/Stockholm")
    time.tzset()
    store = Store(isolated)
    session = Session.start(resolve("observationssamtal"), ["Anna", "Bo"], FakeClock())
    store.import_session(session.protocol, session.events, session.clock.now())
    store.close()
    with sqlite3.connect(isolated / "kollegial.db") as conn:
        conn.execute("UPDATE sessions SET created_at = '9999-12-31T23:59:59+00:00'")
    conn.close()
    try:
        r = cli("sessions")
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert r.code == 0, r.err
    assert "9999-12-31 23:59" in r.out and "observationssamtal" in r.out
