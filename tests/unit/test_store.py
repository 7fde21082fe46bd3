"""The SQLite store, for real: round trips, resume, permissions, locks, damage, migrations."""

from __future__ import annotations

import ctypes
import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kollegial.i18n import Lang
from kollegial.protocols.discovery import resolve
from kollegial.protocols.loader import load_protocol
from kollegial.protocols.model import Protocol, to_data
from kollegial.session import FakeClock, Session
from kollegial.session import events as ev
from kollegial.store import Store, StoreError
from kollegial.store.db import DB_NAME, MIGRATIONS, SCHEMA_VERSION
from kollegial.store.journal import Journal
from tests.conftest import ROOT

PEOPLE = ["Anna", "Bo", "Cia"]


@pytest.fixture
def store(isolated: Path) -> Iterator[Store]:
    """The store in this test's KOLLEGIAL_HOME."""
    s = Store()
    assert s.folder == isolated
    yield s
    s.close()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def started(
    store: Store, clock: FakeClock, name: str = "observationssamtal"
) -> tuple[int, Session]:
    protocol = resolve(name)
    session_id = store.create(protocol, clock)
    session = Session.start(protocol, PEOPLE, clock, listeners=[store.listener(session_id)])
    return session_id, session


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- round trip and resume ---


def test_round_trip_restores_everything(store: Store, clock: FakeClock) -> None:
    """Participants, presence, roles, focus, turns, notes, ratings, decisions and step survive."""
    protocol = resolve("triangulering")
    session_id = store.create(protocol, clock)
    session = Session.start(
        protocol, PEOPLE, clock, focus="Läsning", listeners=[store.listener(session_id)]
    )
    session.appoint("samtalsledare", "Bo")
    session.next_step()
    session.set_rating("Anna", "kvalitetsarbete-1", 4)
    session.set_rating("Bo", "kvalitetsarbete-1", 2)
    session.set_rating("Bo", "kvalitetsarbete-2", 1)
    session.next_step()
    session.appoint("tidshallare", "Cia")
    session.appoint("samtalsledare", "Anna")
    session.next_step()  # first corner's round
    session.add_participant("Dan")
    session.set_present("Cia", False)
    note = session.add_note("Anna börjar")
    session.next_speaker()
    session.edit_note(note.id, "Anna började")
    gone = session.add_note("strykes")
    session.delete_note(gone.id)
    session.next_step()
    session.add_note("diskussion")
    store.close()

    loaded = Store().load(session_id, clock)
    assert loaded.current == session.current == 4
    assert loaded.participants == [*PEOPLE, "Dan"]
    assert loaded.present == {"Anna": True, "Bo": True, "Cia": False, "Dan": True}
    assert loaded.roles == {"samtalsledare": "Anna", "tidshallare": "Cia"}
    assert loaded.focus == "Läsning"
    assert loaded.ratings == session.ratings
    assert loaded.notes == session.notes
    assert [n.text for n in loaded.notes.values()] == ["Anna började", "diskussion"]
    assert loaded.rounds == session.rounds
    assert loaded.events == session.events
    assert loaded.protocol == protocol


def test_resume_restores_turns_and_decision(store: Store, clock: FakeClock) -> None:
    """A reloaded round continues with the same speaker and lap; the decision is kept."""
    session_id, session = started(store, clock)
    session.next_speaker()
    session.pass_turn()
    session.goto(5)
    session.set_decision("Muntliga resonemang")
    session.goto(0)
    loaded = Store().load(session_id, clock)
    assert loaded.current == 0
    assert loaded.speaker == "Cia"
    assert loaded.round is not None and loaded.round.passed == ["Bo"]
    assert loaded.decisions == {5: "Muntliga resonemang"}


def test_resume_pauses_each_timer_at_its_checkpoint(store: Store, clock: FakeClock) -> None:
    """Reloaded, every step's timer stands at the time it had; the running one at its checkpoint."""
    session_id, session = started(store, clock)
    clock.advance(100)
    session.next_step()
    clock.advance(20)
    session.adjust(60)
    clock.advance(20)
    store.checkpoint(session_id, session)  # 40 s into step 2
    clock.advance(13)  # then the laptop dies: these seconds are lost

    later = FakeClock()
    later.advance(10_000)
    loaded = Store().load(session_id, later)
    assert loaded.current == 1
    assert not loaded.running
    assert loaded.elapsed(0) == 100
    assert loaded.elapsed(1) == 40
    assert loaded.remaining() == 300 + 60 - 40
    later.advance(500)
    assert loaded.remaining() == 320  # paused
    loaded.resume()
    later.advance(20)
    assert loaded.remaining() == 300


def test_reload_twice_keeps_the_checkpointed_time(store: Store, clock: FakeClock) -> None:
    """After a reload, checkpointing and moving on keep the time the timer had (no fallback)."""
    session_id, session = started(store, clock)
    clock.advance(250)
    store.checkpoint(session_id, session)

    first = Store().load(session_id, clock)
    journal = Journal(store, session_id)
    first.listeners.append(journal)
    journal.checkpoint(first)  # the reloaded, still-paused timer stays in the checkpoint
    assert Store().load(session_id, clock).elapsed(0) == 250
    first.next_step()
    assert Store().load(session_id, clock).elapsed(0) == 250


def test_every_change_is_committed_the_moment_it_happens(store: Store, clock: FakeClock) -> None:
    """Another connection sees each event right after the command, with no close or flush."""
    session_id, session = started(store, clock)
    other = sqlite3.connect(store.path)

    def count() -> int:
        return int(
            other.execute(
                "SELECT COUNT(*) FROM events WHERE session_id = ?", (session_id,)
            ).fetchone()[0]
        )

    for command in (
        lambda: session.add_note("x"),
        session.next_speaker,
        lambda: session.set_present("Cia", False),
        session.pause,
    ):
        before = count()
        command()
        assert count() == before + 1
    other.close()


def test_the_session_keeps_a_snapshot_of_its_protocol(
    store: Store, clock: FakeClock, tmp_path: Path
) -> None:
    """Changing the protocol file later does not change a stored session."""
    path = tmp_path / "egen.yaml"
    path.write_text("title: Före\nsteps:\n  - {title: A, mode: discussion, minutes: 5}\n")
    protocol = load_protocol(path)
    session_id = store.create(protocol, clock)
    path.write_text("title: Efter\nsteps:\n  - {title: B, mode: silent, minutes: 1}\n")
    assert load_protocol(path).title == "Efter"
    loaded = store.protocol(session_id)
    assert loaded == protocol
    assert loaded.title == "Före" and loaded.steps[0].title == "A"


def test_sessions_lists_people_and_state(store: Store, clock: FakeClock) -> None:
    """The session list shows protocol, participants and whether each meeting ended."""
    first, session = started(store, clock)
    session.end()
    second, _ = started(store, clock, "triangulering")
    infos = store.sessions()
    assert [(i.id, i.protocol_id, i.participants, i.ended) for i in infos] == [
        (second, "triangulering", tuple(PEOPLE), False),  # newest first
        (first, "observationssamtal", tuple(PEOPLE), True),
    ]
    assert store.resolve_id(None) == second
    assert store.resolve_id(str(first)) == first


@pytest.mark.parametrize("ref", ["99", "abc"])
def test_unknown_session_is_a_clear_error(store: Store, clock: FakeClock, ref: str) -> None:
    """Asking for a session that does not exist is a StoreError, not a crash."""
    started(store, clock)
    with pytest.raises(StoreError) as info:
        store.resolve_id(ref)
    assert info.value.key == "err.no_session"
    with pytest.raises(StoreError):
        store.load(99, clock)


def test_import_stores_a_whole_session(store: Store, clock: FakeClock) -> None:
    """An imported event log loads as the same session."""
    _, session = started(store, clock)
    session.add_note("importerad")
    new_id = store.import_session(session.protocol, session.events, clock.now())
    assert store.load(new_id, clock).notes == session.notes


def test_journal_keeps_events_while_the_disk_fails(
    store: Store, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When writing fails, events wait in order and are written once it works again."""
    session_id = store.create(resolve("observationssamtal"), clock)
    journal = Journal(store, session_id)
    session = Session.start(resolve("observationssamtal"), PEOPLE, clock, listeners=[journal])
    real_append = store.append

    def broken(sid: int, event: ev.Event) -> None:
        raise StoreError("err.store_unwritable", folder=store.folder, reason="disk full")

    monkeypatch.setattr(store, "append", broken)
    session.add_note("väntar")
    session.next_speaker()
    assert len(journal.pending) == 2 and journal.error is not None
    monkeypatch.setattr(store, "append", real_append)
    assert journal.flush()
    assert store.events(session_id) == session.events


# --- files and permissions ---


def test_files_are_private(isolated: Path, clock: FakeClock) -> None:
    """Data folder and locks folder 0700; database, -wal, -shm and lock files 0600, any umask."""
    old = os.umask(0)
    try:
        store = Store()
        session_id, session = started(store, clock)
        session.add_note("hemligt")
        with store.lock(session_id) as lock:
            assert mode(lock.path) == 0o600
            assert mode(lock.path.parent) == 0o700
        files = [store.path, Path(f"{store.path}-wal"), Path(f"{store.path}-shm")]
        assert all(f.exists() for f in files)
        assert {f.name: mode(f) for f in files} == {f.name: 0o600 for f in files}
        assert mode(isolated) == 0o700
        store.close()
    finally:
        os.umask(old)


def test_fresh_database_is_wal_at_the_current_schema_version(store: Store) -> None:
    """A new database runs in WAL mode with user_version at SCHEMA_VERSION."""
    conn = store.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == len(MIGRATIONS)


# --- locks ---

HOLD_LOCK = """
import sys
from pathlib import Path
from kollegial.store import Store
lock = Store(Path(sys.argv[1])).lock(int(sys.argv[2]))
lock.acquire()
print("locked", flush=True)
sys.stdin.read()
"""


@pytest.fixture
def holder(isolated: Path) -> Iterator[Callable[[int], subprocess.Popen[str]]]:
    """Start a second process that takes a session's lock and holds it."""
    procs: list[subprocess.Popen[str]] = []

    def start(session_id: int) -> subprocess.Popen[str]:
        proc = subprocess.Popen(
            [sys.executable, "-c", HOLD_LOCK, str(isolated), str(session_id)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        procs.append(proc)
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "locked"
        return proc

    yield start
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
        proc.wait()


@pytest.mark.slow
def test_a_session_in_use_by_another_process_is_refused(
    store: Store, holder: Callable[[int], subprocess.Popen[str]]
) -> None:
    """While another process leads the session, opening it is refused, naming that process."""
    proc = holder(1)
    with pytest.raises(StoreError) as info:
        store.lock(1).acquire()
    assert info.value.key == "err.session_locked"
    assert str(proc.pid) in str(info.value.params["holder"])
    store.lock(2).acquire()  # other sessions are free


@pytest.mark.slow
def test_a_stale_lock_from_a_killed_process_is_taken_over(
    store: Store, holder: Callable[[int], subprocess.Popen[str]]
) -> None:
    """After the holder dies by SIGKILL, the lock file is still there but the lock is free."""
    proc = holder(1)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    lock = store.lock(1)
    assert lock.path.exists()
    lock.acquire()
    assert lock.path.read_text().startswith(f"{os.getpid()}@")
    lock.release()


def test_a_released_lock_can_be_taken_again(store: Store) -> None:
    """Releasing the lock (or leaving the with-block) frees the session."""
    with store.lock(1), pytest.raises(StoreError):
        store.lock(1).acquire()
    with store.lock(1):
        pass


# --- a folder that cannot be written ---


def assert_unwritable(error: StoreError, folder: Path) -> None:
    assert error.key == "err.store_unwritable"
    langs: tuple[Lang, ...] = ("sv", "en")
    for lang in langs:
        text = error.render(lang)
        assert str(folder) in text and "KOLLEGIAL_HOME" in text


def test_data_folder_under_a_file_is_a_clear_error(tmp_path: Path) -> None:
    """A data folder that cannot be created (a file is in the way) is a StoreError naming it."""
    (tmp_path / "afile").write_text("x")
    folder = tmp_path / "afile" / "home"
    with pytest.raises(StoreError) as info:
        Store(folder).sessions()
    assert_unwritable(info.value, folder)
    with pytest.raises(StoreError) as info:
        Store(folder).lock(1).acquire()
    assert_unwritable(info.value, folder)


def _no_permission_override() -> None:
    """In the child: give up root's power to ignore file permissions (as root only).

    Drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the bounding set; the
    exec that follows then runs without them, so mode bits apply as for anyone.
    """
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    pr_capbset_drop = 24
    for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(pr_capbset_drop, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


OPEN_STORE = """
import sys
from kollegial.store import Store, StoreError
try:
    Store().sessions()
except StoreError as exc:
    print(exc.key)
    print(exc.render("en"))
else:
    print("opened")
"""


@pytest.mark.slow
def test_read_only_parent_folder_is_a_clear_error(tmp_path: Path) -> None:
    """A parent folder without write permission gives a StoreError, not a traceback.

    Run in a child process; as root the child first gives up the capability to
    override permissions, so the 0500 folder really is read-only for it.
    """
    parent = tmp_path / "readonly"
    parent.mkdir()
    folder = parent / "home"
    parent.chmod(0o500)
    try:
        result = subprocess.run(
            [sys.executable, "-c", OPEN_STORE],
            env={**os.environ, "KOLLEGIAL_HOME": str(folder)},
            preexec_fn=_no_permission_override,
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        )
    finally:
        parent.chmod(0o700)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    key, message = result.stdout.splitlines()[:2]
    assert key == "err.store_unwritable"
    assert str(folder) in message and "KOLLEGIAL_HOME" in message
    assert not folder.exists()


# --- damaged and foreign databases ---


def test_corrupt_database_is_a_store_error_and_is_left_alone(isolated: Path) -> None:
    """Garbage in kollegial.db gives err.store_corrupt naming the file; the file is untouched."""
    isolated.mkdir()
    garbage = bytes(range(256)) * 64
    (isolated / DB_NAME).write_bytes(garbage)
    with pytest.raises(StoreError) as info:
        Store().sessions()
    assert info.value.key == "err.store_corrupt"
    assert str(isolated / DB_NAME) in str(info.value)
    assert (isolated / DB_NAME).read_bytes() == garbage


def test_truncated_sqlite_header_is_a_store_error(isolated: Path) -> None:
    """A file that starts like SQLite but is broken is also reported, not raised raw."""
    isolated.mkdir()
    (isolated / DB_NAME).write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)
    with pytest.raises(StoreError) as info:
        Store().sessions()
    assert info.value.key == "err.store_corrupt"


# Keys the protocol snapshot gained after the first release (issue 8).
_LATER_KEYS = {"as", "speaker", "exclude", "optional", "minutes_per_person", "size", "variants"}


def _v1_snapshot(protocol: Protocol) -> str:
    """The protocol as the first release stored it: without the keys added since."""

    def strip(value: object) -> object:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in _LATER_KEYS}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return json.dumps(strip(to_data(protocol)))


def version_1_database(path: Path, protocol: Protocol, events: list[ev.Event]) -> int:
    """A database as the first release wrote it: only MIGRATIONS[0], user_version 1."""
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0])
    conn.execute("PRAGMA user_version=1")
    cur = conn.execute(
        "INSERT INTO sessions (protocol_id, title, protocol, created_at) VALUES (?, ?, ?, ?)",
        (protocol.id, protocol.title, _v1_snapshot(protocol), "2026-11-24T14:00:00+00:00"),
    )
    session_id = cur.lastrowid
    assert session_id is not None
    conn.executemany(
        "INSERT INTO events (session_id, seq, type, data) VALUES (?, ?, ?, ?)",
        [(session_id, i, e.type, ev.to_json(e)) for i, e in enumerate(events, 1)],
    )
    conn.commit()
    conn.close()
    return session_id


def test_migration_from_version_1_keeps_the_data(isolated: Path, clock: FakeClock) -> None:
    """A version-1 database is upgraded to SCHEMA_VERSION on opening, sessions intact."""
    protocol = resolve("observationssamtal")
    session = Session.start(protocol, PEOPLE, clock)
    session.add_note("från version 1")
    clock.advance(30)
    isolated.mkdir()
    session_id = version_1_database(isolated / DB_NAME, protocol, session.events)

    store = Store()
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    columns = {row[1] for row in store.conn.execute("PRAGMA table_info(sessions)")}
    assert "checkpoint" in columns
    loaded = store.load(session_id, clock)
    assert loaded.notes == session.notes
    assert loaded.participants == PEOPLE
    store.checkpoint(session_id, loaded)  # the new column is usable
    store.close()


def test_database_from_a_newer_version_is_refused(isolated: Path) -> None:
    """A database with a higher user_version is refused with err.store_newer, left as it is."""
    isolated.mkdir()
    conn = sqlite3.connect(isolated / DB_NAME)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError) as info:
        Store().sessions()
    assert info.value.key == "err.store_newer"
    assert info.value.params["version"] == SCHEMA_VERSION + 1
    conn = sqlite3.connect(isolated / DB_NAME)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    conn.close()
