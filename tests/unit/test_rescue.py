"""Damaged databases (issue 16, item 9): clear messages, the other meetings still listed,
and ``kollegial rescue`` saving what can be read into files ``import`` accepts.

The damage is real: bytes of the SQLite file truncated or flipped at seeded
random offsets, or a row's text made invalid UTF-8 through SQLite itself.
"""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from kollegial.export import parse_session_json
from kollegial.protocols.discovery import resolve
from kollegial.session.clock import FakeClock
from kollegial.session.session import Session
from kollegial.store import Store
from kollegial.store.journal import Journal
from kollegial.store.rescue import Rescued, rescue
from tests.conftest import Result

Cli = Callable[..., Result]
MEETINGS = 12
NOTES = 15


def note(i: int, k: int) -> str:
    return f"anteckning{i}x{k}y" + " text" * 15


def saved_meetings(home: Path, count: int = MEETINGS) -> Store:
    """``count`` meetings of three with NOTES notes each, checkpointed into the main file."""
    store = Store(home)
    for i in range(1, count + 1):
        protocol = resolve("observationssamtal")
        journal = Journal(store, store.create(protocol, FakeClock()))
        session = Session.start(
            protocol, ["Anna", "Bo", f"Person {i}"], FakeClock(), listeners=[journal]
        )
        for k in range(NOTES):
            session.add_note(note(i, k))
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return store


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One healthy database, copied by every test that damages it."""
    return saved_meetings(tmp_path_factory.mktemp("pristine")).path


def damaged_copy(pristine: Path, home: Path) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    db = home / pristine.name
    shutil.copyfile(pristine, db)
    return db


def page_of(db: Path, text: str) -> int:
    """The offset of the 4 KB page holding ``text``."""
    return db.read_bytes().index(text.encode()) // 4096 * 4096


def break_page(db: Path, offset: int) -> None:
    """Garbage over a page's header: SQLite reports it as malformed."""
    data = bytearray(db.read_bytes())
    data[offset : offset + 12] = b"\xff" * 12
    db.write_bytes(bytes(data))


def assert_importable(text: str, home: Path) -> int:
    """The rescued JSON goes through the real import; returns how many events it holds."""
    protocol, events, created_at = parse_session_json(text)
    store = Store(home)
    try:
        store.import_session(protocol, events, created_at)
    finally:
        store.close()
    return len(events)


# --- invalid UTF-8 in a row ---


def invalid_utf8(db: Path, session_id: int, event_type: str) -> None:
    conn = sqlite3.connect(db)
    with conn:
        conn.execute(
            "UPDATE events SET data = CAST(CAST(data AS BLOB) || X'FFFE80' AS TEXT) "
            "WHERE session_id = ? AND seq = (SELECT MIN(seq) FROM events "
            "WHERE session_id = ? AND type = ?)",
            (session_id, session_id, event_type),
        )
    conn.close()


@pytest.mark.parametrize("event_type", ["participant_added", "note_added"])
def test_invalid_utf8_in_a_row_is_a_clear_message_without_raw_json(
    pristine: Path, isolated: Path, cli: Cli, event_type: str
) -> None:
    """export/resume of that meeting: a message naming it, exit 1, none of the row's JSON."""
    db = damaged_copy(pristine, isolated)
    invalid_utf8(db, 2, event_type)
    for args in (("export", "2"), ("export", "2", "--format", "json"), ("resume", "2")):
        result = cli(*args)
        assert result.code == 1, (args, result)
        assert "Mötet 2" in result.err and "UTF-8" in result.err, result.err
        assert "{" not in result.err and "anteckning" not in result.err, result.err
        assert "oväntat" not in result.err and "Traceback" not in result.err
    listing = cli("sessions")
    ids = [line.split()[0] for line in listing.out.splitlines()[1:]]
    assert ids == [str(i) for i in range(MEETINGS, 0, -1)], listing  # newest first
    assert "anteckning3x0y" in cli("export", "3").out


# --- one damaged page ---


def test_one_damaged_page_of_a_log_is_named_when_the_meeting_is_opened(
    pristine: Path, isolated: Path, cli: Cli
) -> None:
    """``sessions`` lists every meeting from its summary (issue 21: it reads no log), the
    damaged log's too; opening that meeting names it and the file, exit 1, no traceback."""
    db = damaged_copy(pristine, isolated)
    break_page(db, page_of(db, note(6, 7)))
    listing = cli("sessions")
    assert listing.code == 0, listing
    rows = {line.split()[0]: line for line in listing.out.splitlines()[1:]}
    assert sorted(rows, key=int) == [str(i) for i in range(1, MEETINGS + 1)]
    assert "Person 6" in rows["6"] and f"Person {MEETINGS}" in rows[str(MEETINGS)]
    opened = cli("export", "6")
    assert opened.code == 1, opened
    assert str(db) in opened.err and "Traceback" not in opened.err
    assert "anteckning1x0y" in cli("export", "1").out


def test_a_damaged_page_of_summaries_lists_from_the_logs(
    pristine: Path, isolated: Path, cli: Cli
) -> None:
    """When the summaries cannot be read, ``sessions`` reads each meeting's log instead."""
    db = damaged_copy(pristine, isolated)
    break_page(db, page_of(db, json.dumps(["Anna", "Bo", "Person 6"])))  # as summaries keep it
    with sqlite3.connect(db) as conn, pytest.raises(sqlite3.DatabaseError):
        conn.execute("SELECT * FROM summaries").fetchall()
    conn.close()
    listing = cli("sessions", "--limit", "0")
    assert listing.code == 0, listing
    rows = {line.split()[0]: line for line in listing.out.splitlines()[1:]}
    assert sorted(rows, key=int) == [str(i) for i in range(1, MEETINGS + 1)]
    assert all(f"Person {i}" in rows[str(i)] for i in range(1, MEETINGS + 1)), listing.out
    assert "Traceback" not in listing.err


# --- kollegial rescue ---


def test_rescue_of_a_healthy_database_saves_every_event_exactly(
    pristine: Path, tmp_path: Path
) -> None:
    found = rescue(pristine)
    assert [r.session_id for r in found] == list(range(1, MEETINGS + 1))
    original = Store(pristine.parent)
    for item in found:
        assert item.text is not None and item.lost == 0
        _, events, _ = parse_session_json(item.text)
        stored = original.events(item.session_id)
        # Every stored event, in order; a JSON export pauses a running timer
        # where it stood (issue 14), which is all it may add.
        assert events[: len(stored)] == stored
        assert [e.type for e in events[len(stored) :]] in ([], ["timer_paused"])
    original.close()


@pytest.mark.slow
def test_rescue_after_truncating_the_last_percent(
    pristine: Path, tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last 1 % cut off: every meeting but the last pages' is saved whole, and imports."""
    db = damaged_copy(pristine, tmp_path / "damaged")
    data = db.read_bytes()
    db.write_bytes(data[: len(data) * 99 // 100])
    monkeypatch.chdir(tmp_path)
    result = cli("rescue", str(db), "--output", str(tmp_path / "ut"))
    assert result.code == 1, result  # something was lost, and it says so
    assert "förlorade" in result.out and "Traceback" not in result.err
    files = sorted((tmp_path / "ut").glob("*.json"), key=lambda p: int(p.stem.split("-")[1]))
    assert len(files) >= MEETINGS - 1
    for path in files:
        assert path.stat().st_mode & 0o777 == 0o600
        imported = cli("import", str(path))
        assert imported.code == 0, (path, imported)
    listing = cli("sessions")
    assert listing.code == 0 and len(listing.out.splitlines()) == len(files) + 1
    # Every note of the first meetings is back, word for word.
    text = cli("export", "1").out
    assert all(f"anteckning1x{k}y" in text for k in range(NOTES))


@pytest.mark.parametrize("where", [b"protocol TEXT NOT NULL", b"TABLE events", b"summaries ("])
def test_rescue_mends_a_flipped_byte_in_the_schema_text(
    pristine: Path, tmp_path: Path, where: bytes
) -> None:
    """A flipped byte in a table's CREATE text makes SQLite refuse the whole file, though
    every meeting's pages are whole: rescue puts the known text back (on its copy) and
    finds every meeting, all of it."""
    healthy = rescue(pristine)
    db = damaged_copy(pristine, tmp_path / "damaged")
    data = bytearray(db.read_bytes())
    offset = data.index(where) + 1
    data[offset] = ord("`")  # a quote never closed: the text no longer parses
    db.write_bytes(bytes(data))
    with pytest.raises(sqlite3.DatabaseError, match="malformed database schema"):
        sqlite3.connect(db).execute("SELECT count(*) FROM sessions").fetchone()
    found = rescue(db)

    def brief(items: list[Rescued]) -> list[tuple[object, ...]]:
        return [(r.session_id, r.title, r.saved, r.lost, r.problem, r.protocol_from) for r in items]

    assert brief(found) == brief(healthy) and all(r.text for r in found)
    assert db.read_bytes() == bytes(data)  # the damaged original is never changed


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(12))
def test_rescue_survives_byte_flips_at_random_offsets(
    pristine: Path, tmp_path: Path, seed: int
) -> None:
    """Bytes flipped at seeded random offsets: no crash; what is saved imports; nothing
    is silently dropped (saved + lost accounts for every event the meeting had)."""
    db = damaged_copy(pristine, tmp_path / "damaged")
    data = bytearray(db.read_bytes())
    rnd = random.Random(seed)
    for _ in range(rnd.choice((1, 5, 50))):
        offset = rnd.randrange(100, len(data))  # the 100-byte header: see the test below
        data[offset] ^= 1 << rnd.randrange(8)
    db.write_bytes(bytes(data))
    try:
        found = rescue(db)
    except sqlite3.DatabaseError:
        pytest.fail("the schema page itself was hit: rescue must still not crash here")
    assert found, "no meeting found at all"
    for item in found:
        if item.text is None:
            continue
        events = assert_importable(item.text, tmp_path / "ny")
        # What was saved, and at most the pause a JSON export writes where a
        # timer was running (issue 14).
        assert events in (item.saved, item.saved + 1)
        assert item.saved + item.lost >= 3  # the three people at least were there
    saved = sum(1 for item in found if item.text is not None)
    assert saved >= MEETINGS // 2, [(r.session_id, r.saved, r.lost, r.problem) for r in found]


def test_rescue_of_a_file_that_is_no_database_says_so(tmp_path: Path, cli: Cli) -> None:
    db = tmp_path / "kollegial.db"
    db.write_bytes(b"not a database\n" * 500)
    result = cli("rescue", str(db))
    assert result.code == 1
    assert str(db) in result.err and "inget kunde räddas" in result.err
    assert "Traceback" not in result.err


def test_rescue_never_changes_the_damaged_file(pristine: Path, tmp_path: Path) -> None:
    db = damaged_copy(pristine, tmp_path / "damaged")
    break_page(db, page_of(db, note(3, 3)))
    before = db.read_bytes()
    found = rescue(db)
    assert db.read_bytes() == before
    assert not Path(f"{db}-wal").exists()
    assert json.loads(found[0].text or "{}")["format"] == "kollegial-session"
