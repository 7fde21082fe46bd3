"""Teams (issue 19): a meeting's team in the store, remembered, listed, set afterwards, exported."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kollegial.errors import UsageError
from kollegial.export import render_json
from kollegial.protocols.discovery import resolve
from kollegial.session import FakeClock, Session
from kollegial.session.team import clean_team, follow_up
from kollegial.store import Store
from kollegial.store.db import MIGRATIONS, SCHEMA_VERSION
from kollegial.views.meeting import team_for_run
from tests.conftest import Result

PEOPLE = ["Anna", "Bo", "Cia"]


def observed(store: Store, team: str | None, day: int, decision: str | None) -> int:
    """An observation talk of ``team`` on November ``day``, its development area ``decision``."""
    clock = FakeClock(datetime(2026, 11, day, 8, 30, tzinfo=UTC))
    protocol = resolve("observationssamtal")
    session_id = store.create(protocol, clock, team=team)
    session = Session.start(protocol, PEOPLE, clock, listeners=[store.listener(session_id)])
    session.goto(len(session.plan) - 1)
    if decision is not None:
        session.set_decision(decision)
    session.end()
    return session_id


def test_a_version_4_database_gets_the_team_column_and_keeps_its_meetings(
    tmp_path: Path,
) -> None:
    conn = sqlite3.connect(tmp_path / "kollegial.db")
    for script in MIGRATIONS[:4]:
        conn.executescript(script)
    conn.execute(
        "INSERT INTO sessions (protocol_id, title, protocol, created_at) VALUES (?, ?, ?, ?)",
        ("x", "X", "{}", "2026-01-01T00:00:00+00:00"),
    )
    conn.execute("PRAGMA user_version=4")
    conn.commit()
    conn.close()
    store = Store(tmp_path)
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 6
    assert store.conn.execute("SELECT id, team FROM sessions").fetchall() == [(1, None)]


def test_a_meeting_keeps_its_team_and_can_be_given_one_afterwards(isolated: Path) -> None:
    store = Store()
    first = observed(store, "Åk 4–6", 2, "Tydliga mål")
    second = observed(store, None, 3, None)
    # newest first
    assert [(i.id, i.team) for i in store.sessions()] == [(second, None), (first, "Åk 4–6")]
    store.set_team(second, "Åk 1–3")
    assert store.team(second) == "Åk 1–3"


def test_last_agreed_is_the_teams_latest_decision_before_the_meeting(isolated: Path) -> None:
    store = Store()
    observed(store, "Åk 4–6", 2, "Tydliga mål")
    observed(store, "Åk 1–3", 9, "Positiv återkoppling")  # another team's
    later = observed(store, "Åk 4–6", 16, "Övergången till eget arbete")
    observed(store, "Åk 4–6", 23, None)  # no decision: not what is followed up
    now = observed(store, "Åk 4–6", 30, None)
    found = store.last_agreed("Åk 4–6", before=now)
    assert found is not None
    assert found.at == datetime(2026, 11, 16, 8, 30, tzinfo=UTC)
    assert found.title == "Lärande samtal efter observation"
    assert [(a.label, a.text) for a in found.agreed] == [
        ("Utvecklingsområde", "Övergången till eget arbete")
    ]
    assert store.last_agreed("Åk 4–6", before=later) is not None
    assert store.last_agreed("Åk 4–6", before=later).agreed[0].text == "Tydliga mål"  # type: ignore[union-attr]
    assert store.last_agreed("Åk 7–9") is None


def test_follow_up_of_a_meeting_without_decisions_is_none() -> None:
    session = Session.start(resolve("observationssamtal"), PEOPLE, FakeClock())
    assert follow_up(session) is None


def test_team_names_are_tidied_and_bad_ones_refused() -> None:
    assert clean_team("  Åk   4–6 ") == "Åk 4–6"
    assert clean_team("   ") is None
    with pytest.raises(UsageError):
        clean_team("Åk\x1b[2J")
    with pytest.raises(UsageError):
        clean_team("x" * 101)


def test_run_remembers_the_team_per_data_folder(isolated: Path) -> None:
    assert team_for_run(None, demo=False) is None
    assert team_for_run("Åk 4–6", demo=False) == "Åk 4–6"
    assert team_for_run(None, demo=False) == "Åk 4–6"
    assert team_for_run(None, demo=True) is None  # a demo is nobody's meeting
    assert team_for_run("Demo", demo=True) == "Demo"
    assert team_for_run(None, demo=False) == "Åk 4–6"  # ... and changes no default
    assert team_for_run("", demo=False) is None
    assert team_for_run(None, demo=False) is None
    assert (isolated / "settings.json").stat().st_mode & 0o777 == 0o600


def test_sessions_shows_and_filters_by_team(isolated: Path, cli: Callable[..., Result]) -> None:
    store = Store()
    a = observed(store, "Åk 4–6", 2, "Tydliga mål")
    b = observed(store, "Åk 1–3", 3, None)
    store.close()
    listed = cli("sessions")
    assert listed.code == 0
    assert "lag" in listed.out.splitlines()[0]
    assert "Åk 4–6" in listed.out and "Åk 1–3" in listed.out
    only = cli("sessions", "--team", "Åk 4–6")
    ids = [line.split()[0] for line in only.out.splitlines()[1:]]
    assert ids == [str(a)]
    none = cli("sessions", "--team", "Åk 7–9")
    assert none.code == 0 and "Inga sparade möten för laget Åk 7–9" in none.out
    moved = cli("sessions", "--set-team", str(b), "--team", "Åk 4–6")
    assert moved.code == 0 and f"Möte {b} hör nu till laget Åk 4–6" in moved.out
    ids = [line.split()[0] for line in cli("sessions", "--team", "Åk 4–6").out.splitlines()[1:]]
    assert ids == [str(b), str(a)]  # newest first
    missing = cli("sessions", "--set-team", str(b))
    assert missing.code == 2 and "--team" in missing.err and "Traceback" not in missing.err
    cleared = cli("sessions", "--set-team", str(b), "--team", "")
    assert cleared.code == 0 and Store().team(b) is None


def test_json_export_and_import_carry_the_team(
    isolated: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    store = Store()
    observed(store, "Åk 4–6", 2, "Tydliga mål")
    store.close()
    path = tmp_path / "mote.json"
    assert cli("export", "-f", "json", "-o", str(path)).code == 0
    assert json.loads(path.read_text(encoding="utf-8"))["team"] == "Åk 4–6"
    other = tmp_path / "other"
    other.mkdir()
    imported = Store(other)
    from kollegial.views.sessions import import_file

    import_file(imported, path)
    assert [i.team for i in imported.sessions()] == ["Åk 4–6"]


def test_an_import_with_a_bad_team_says_where(tmp_path: Path, cli: Callable[..., Result]) -> None:
    session = Session.start(resolve("observationssamtal"), PEOPLE, FakeClock())
    data = json.loads(render_json(session))
    data["team"] = 42
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = cli("import", str(path))
    assert result.code != 0 and "team" in result.err and "Traceback" not in result.err


def test_run_says_a_bad_team_name_first_and_remembers_nothing_from_a_refused_start(
    isolated: Path, cli: Callable[..., Result]
) -> None:
    bad = cli("run", "observationssamtal", "--participants", "Anna,Bo", "--team", "Åk\x1b[2J")
    assert bad.code == 2 and "Lagets namn" in bad.err and "Traceback" not in bad.err
    few = cli("run", "observationssamtal", "--participants", "Anna", "--team", "Åk 4–6")
    assert few.code != 0
    assert team_for_run(None, demo=False) is None  # the refused start left no default
