"""When the surroundings fail: a full disk mid-meeting, a corrupt or damaged database.

The full disk is real, not mocked: SQLite's own ``PRAGMA max_page_count`` caps
the store's connection at the pages the database already has, so sqlite3
itself raises ``OperationalError: database or disk is full`` (SQLITE_FULL) for
any write that needs a new page, exactly as on a full disk; raising the cap
again is the leader freeing space.
"""

from __future__ import annotations

import os
import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input

from kollegial.protocols.discovery import resolve
from kollegial.session.clock import FakeClock
from kollegial.session.session import Session
from kollegial.store import Store, StoreError
from kollegial.store.journal import Journal
from kollegial.tui.app import KollegialApp, make_app
from tests.tui.conftest import MakeApp, text_of

SIZE = (120, 35)
TRACEBACK = "Traceback"

# A pasted paragraph: bigger than a database page, so it needs new pages and
# cannot slip into the free space left in one.
PASTED = "Vi såg att eleverna " + "väntade länge på hjälp och " * 200


pytestmark = pytest.mark.usefixtures("deadline")


def home() -> Path:
    return Path(os.environ["KOLLEGIAL_HOME"])


def fill_disk(store: Store) -> None:
    """No page more than the database has now: the next growing write fails in sqlite3."""
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count={pages}")


def free_disk(store: Store) -> None:
    store.conn.execute("PRAGMA max_page_count=1073741823")


def messages(app: KollegialApp) -> list[str]:
    """The notifications the app has put up (the toasts on screen)."""
    return [str(n.message) for n in app._notifications]


async def write_note(pilot, text: str, *, paste: bool = False) -> None:  # type: ignore[no-untyped-def]
    """i, the text (typed, or set at once like a paste), enter, escape."""
    await pilot.press("i")
    if paste:
        pilot.app.screen.query_one("#note-input", Input).value = text
        await pilot.pause()
    else:
        await pilot.press(*text)
    await pilot.press("enter", "escape")


async def test_a_full_disk_mid_meeting_warns_keeps_going_and_catches_up(
    meeting: MakeApp, clock: FakeClock, tmp_path: Path
) -> None:
    """Writes fail for real; the screen warns, notes go on in memory, all is written in order."""
    app = meeting("observationssamtal")
    async with app.run_test(size=SIZE) as pilot:
        journal = app.journal
        assert journal is not None
        store = journal.store
        await write_note(pilot, "före felet")
        assert not journal.pending

        fill_disk(store)
        await write_note(pilot, PASTED, paste=True)
        await pilot.pause()
        assert journal.pending and journal.error is not None
        assert "database or disk is full" in journal.error.render()
        warned = [m for m in messages(app) if m.startswith("Kunde inte spara")]
        assert len(warned) == 1 and str(store.folder) in warned[0]

        # The meeting goes on: turns, more notes, all kept in memory in order.
        await pilot.press("n")
        assert app.session.speaker == "Bo"
        await write_note(pilot, "under felet 1")
        clock.advance(20)
        await pilot.press("p")
        await write_note(pilot, "under felet 2 🙂", paste=True)
        assert [n.text for n in app.session.notes.values()] == [
            "före felet",
            PASTED.strip(),
            "under felet 1",
            "under felet 2 🙂",
        ]
        assert "under felet 2 🙂" in text_of(app.screen.query_one("#notes"))
        assert len(journal.pending) >= 4  # note, turn, note, pass, note ...
        # One warning, not one per key press.
        assert len([m for m in messages(app) if m.startswith("Kunde inte spara")]) == 1

        # The leader can still export everything to another folder.
        await pilot.press("e")
        (export,) = (tmp_path / "out").glob("*.md")
        assert "under felet 2 🙂" in export.read_text(encoding="utf-8")

        free_disk(store)
        await pilot.press("n")  # the next change writes everything waiting
        await pilot.pause()
        assert not journal.pending and journal.error is None
        assert "Allt är sparat igen." in messages(app)
        session_id = journal.session_id
        in_memory = list(app.session.events)

    stored = Store(home())
    assert stored.events(session_id) == in_memory
    again = stored.load(session_id, FakeClock())
    assert [n.text for n in again.notes.values()] == [n.text for n in app.session.notes.values()]
    assert [(n.speaker, n.column) for n in again.notes.values()] == [
        (n.speaker, n.column) for n in app.session.notes.values()
    ]


async def test_the_draft_and_the_quit_dialog_while_the_disk_is_full(meeting: MakeApp) -> None:
    """While writing fails, the draft stays in the field and quitting warns of unsaved work."""
    app = meeting("observationssamtal")
    async with app.run_test(size=SIZE) as pilot:
        assert app.journal is not None
        fill_disk(app.journal.store)
        await write_note(pilot, PASTED, paste=True)
        await pilot.press("i", *"halvskrivet")
        assert app.screen.query_one("#note-input", Input).value == "halvskrivet"
        await pilot.press("escape", "q")
        dialog = app.screen
        assert type(dialog).__name__ == "ConfirmQuit"
        await pilot.press("n")
        free_disk(app.journal.store)
        await pilot.press("space")
        assert not app.journal.pending
        session_id = app.journal.session_id
    stored = Store(home())
    assert PASTED.strip() in [n.text for n in stored.load(session_id, FakeClock()).notes.values()]


# --- the start of a meeting ---


def test_a_meeting_starts_in_one_commit(isolated: Path) -> None:
    """The session and its first events are written together: whole or not at all."""
    store = Store(home())
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    app = make_app(resolve("observationssamtal"), ["Anna", "Bo", "Cia"], store=store)
    store.conn.set_trace_callback(None)
    writes = [s.split()[0] for s in statements]
    assert writes[0] == "BEGIN" and writes[-1] == "COMMIT"
    assert "COMMIT" not in writes[:-1]
    # The session's row and its summary, then its events (issue 21).
    assert writes.count("INSERT") == 2 + len(app.session.events)
    assert store.events(app.session_id or 0) == app.session.events


def test_a_meeting_that_cannot_be_saved_as_it_starts_is_refused_whole(isolated: Path) -> None:
    """Its first events cannot be written: a clear error, and no half-saved meeting left."""
    saved_sessions(1)
    store = Store(home())
    # SQLite itself refuses the events (a trigger), after the session row went in.
    store.conn.execute(
        "CREATE TEMP TRIGGER refuse BEFORE INSERT ON events "
        "BEGIN SELECT RAISE(ABORT, 'database disk image is malformed'); END"
    )
    with pytest.raises(StoreError) as caught:
        make_app(resolve("observationssamtal"), ["Anna", "Bo", "Cia"], store=store)
    assert "malformed" in caught.value.render("en")
    other = sqlite3.connect(store.path)
    assert other.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 1
    other.close()


# --- a corrupt database file at start ---


def saved_sessions(count: int) -> Store:
    """``count`` meetings of three with one note each, in the data folder."""
    store = Store(home())
    for i in range(count):
        protocol = resolve("observationssamtal")
        journal = Journal(store, store.create(protocol, FakeClock()))
        session = Session.start(
            protocol, ["Anna", "Bo", "Cecilia"], FakeClock(), listeners=[journal]
        )
        session.add_note(f"anteckning {i + 1} " + "text " * 200)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return store


def garbage(db: Path) -> None:
    db.write_bytes(b"this is not a database\n" * 500)


def truncated(db: Path) -> None:
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 3])


def scribbled(db: Path) -> None:
    """Random bytes over every page but the header page: the schema and rows are gone."""
    data = bytearray(db.read_bytes())
    rnd = random.Random(6)
    for page in range(4096, len(data), 4096):
        for k in range(page + 8, min(page + 4096, len(data)), 5):
            data[k] = rnd.randrange(256)
    db.write_bytes(bytes(data))


DAMAGE: dict[str, Callable[[Path], None]] = {
    "garbage": garbage,
    "truncated": truncated,
    "scribbled": scribbled,
}
COMMANDS = [("sessions",), ("export",), ("export", "2"), ("resume",), ("resume", "1")]


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_corrupt_database_is_named_never_a_traceback(
    damage: str, cli: Callable[..., object]
) -> None:
    """sessions, export and resume on a damaged file: a message naming it, a non-zero exit."""
    store = saved_sessions(3)
    for suffix in ("-wal", "-shm"):
        Path(f"{store.path}{suffix}").unlink(missing_ok=True)
    DAMAGE[damage](store.path)
    for args in COMMANDS:
        result = cli(*args)
        assert result.code != 0, (args, result)  # type: ignore[attr-defined]
        err = result.err  # type: ignore[attr-defined]
        assert TRACEBACK not in err + result.out, (args, err)  # type: ignore[attr-defined]
        assert str(store.path) in err, (args, err)
        assert "skadad" in err, (args, err)
        assert "oväntat" not in err, (args, err)


# --- one session's data damaged ---


def damage_row(db: Path, session_id: int, event_type: str) -> None:
    conn = sqlite3.connect(db)
    with conn:
        conn.execute(
            "UPDATE events SET data = '{not json' WHERE session_id = ? AND type = ? AND seq = "
            "(SELECT MIN(seq) FROM events WHERE session_id = ? AND type = ?)",
            (session_id, event_type, session_id, event_type),
        )
    conn.close()


@pytest.mark.parametrize("event_type", ["participant_added", "note_added"])
def test_one_damaged_session_leaves_the_others_readable(
    event_type: str, cli: Callable[..., object]
) -> None:
    """A broken event row in meeting 2: 1 and 3 list and export; 2 gets a clear message."""
    store = saved_sessions(3)
    damage_row(store.path, 2, event_type)

    listing = cli("sessions")
    assert listing.code == 0, listing  # type: ignore[attr-defined]
    lines = listing.out.splitlines()  # type: ignore[attr-defined]
    assert [line.split()[0] for line in lines[1:]] == ["3", "2", "1"]  # newest first
    for session_id in ("1", "3"):
        result = cli("export", session_id)
        assert result.code == 0, result  # type: ignore[attr-defined]
        assert f"anteckning {session_id}" in result.out  # type: ignore[attr-defined]

    for args in (("export", "2"), ("export", "2", "--format", "json"), ("resume", "2")):
        result = cli(*args)
        err = result.err  # type: ignore[attr-defined]
        assert result.code != 0, (args, result)  # type: ignore[attr-defined]
        assert TRACEBACK not in err and "oväntat" not in err, (args, err)
        assert "Mötet 2" in err and str(store.path) in err, (args, err)
        assert "https://" not in err, err


def test_a_damaged_protocol_snapshot_is_reported_for_that_session_only(
    cli: Callable[..., object],
) -> None:
    """The stored protocol of meeting 1 broken: a clear message for 1, meeting 2 exports."""
    store = saved_sessions(2)
    conn = sqlite3.connect(store.path)
    with conn:
        conn.execute("UPDATE sessions SET protocol = '{\"id\": 5}' WHERE id = 1")
    conn.close()
    bad = cli("export", "1")
    assert bad.code != 0 and "Mötet 1" in bad.err  # type: ignore[attr-defined]
    assert TRACEBACK not in bad.err and "oväntat" not in bad.err  # type: ignore[attr-defined]
    good = cli("export", "2")
    assert good.code == 0 and "anteckning 2" in good.out  # type: ignore[attr-defined]
