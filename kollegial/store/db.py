"""Sessions in one SQLite database, every event committed the moment it happens.

A session is stored as a snapshot of its protocol plus its event log; loading
replays the log (see :meth:`kollegial.session.Session.replay`). The database
runs in WAL mode with ``synchronous=FULL``, so a committed event survives a
crash or a power cut. Files are created readable by the user only.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from kollegial.errors import KollegialError
from kollegial.paths import data_dir
from kollegial.protocols.model import Protocol, from_data, to_data
from kollegial.session import events as ev
from kollegial.session.clock import Clock
from kollegial.session.session import Session
from kollegial.values import Value, frozen

DB_NAME = "kollegial.db"

# Each entry moves the schema one version up; PRAGMA user_version records where
# a database stands. Never edit a released entry: add a new one.
MIGRATIONS: list[str] = [
    # 1: sessions with a protocol snapshot, and their event logs
    """
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        protocol_id TEXT NOT NULL,
        title TEXT NOT NULL,
        protocol TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE TABLE events (
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        type TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (session_id, seq)
    ) WITHOUT ROWID;
    """,
    # 2: where running timers stood, saved every few seconds during a meeting
    """
    ALTER TABLE sessions ADD COLUMN checkpoint TEXT;
    """,
    # 3: the text being typed in the note field, saved with every keystroke
    """
    ALTER TABLE sessions ADD COLUMN draft TEXT;
    """,
    # 4: demo meetings (`run --demo`), kept out of the way of real ones
    """
    ALTER TABLE sessions ADD COLUMN demo INTEGER NOT NULL DEFAULT 0;
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(KollegialError):
    """The data folder or database cannot be used."""


@frozen
class SessionInfo(Value):
    """One saved meeting, as `kollegial sessions` lists it."""

    id: int
    protocol_id: str
    title: str
    created_at: datetime
    participants: tuple[str, ...]
    ended: bool
    demo: bool = False
    """Made by ``run --demo``: never picked without its id."""


def _private_dir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.chmod(0o700)


def _private_file(path: Path) -> None:
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)
    path.chmod(0o600)


class Store:
    """The session database in the data folder."""

    def __init__(
        self, folder: Path | None = None, environ: Mapping[str, str] | None = None
    ) -> None:
        self.folder = folder or data_dir(environ)
        self.path = self.folder / DB_NAME
        self._conn: sqlite3.Connection | None = None

    # --- opening ---

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = self._open()
        return self._conn

    def _open(self) -> sqlite3.Connection:
        try:
            _private_dir(self.folder)
            if not self.path.exists():
                _private_file(self.path)
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        except (OSError, sqlite3.Error) as exc:
            raise self._unwritable(exc) from None
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA busy_timeout=5000")
            self._migrate(conn)
        except StoreError:
            conn.close()
            raise
        except sqlite3.DatabaseError as exc:
            conn.close()
            if isinstance(exc, sqlite3.OperationalError) and "readonly" in str(exc).lower():
                raise self._unwritable(exc) from None
            if isinstance(exc, sqlite3.OperationalError) and "disk" in str(exc).lower():
                raise self._unwritable(exc) from None
            raise StoreError("err.store_corrupt", path=self.path, reason=str(exc)) from None
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(OSError):
                Path(f"{self.path}{suffix}").chmod(0o600)
        return conn

    def _unwritable(self, exc: BaseException) -> StoreError:
        reason = getattr(exc, "strerror", None) or str(exc)
        return StoreError("err.store_unwritable", folder=self.folder, reason=reason)

    def _migrate(self, conn: sqlite3.Connection) -> None:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError("err.store_newer", path=self.path, version=version)
        for target in range(version + 1, SCHEMA_VERSION + 1):
            with self._transaction(conn):
                for statement in _statements(MIGRATIONS[target - 1]):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version={target}")

    @staticmethod
    @contextlib.contextmanager
    def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            conn.execute("COMMIT")
        except BaseException:
            # Also when COMMIT failed; SQLite may have rolled back already,
            # and that must not hide the error that got us here.
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    # --- writing ---

    @contextlib.contextmanager
    def starting(self) -> Iterator[None]:
        """One commit for what a meeting's start writes: the session and its first events.

        The meeting is on disk whole or not at all, and one commit instead of
        one per event brings the first frame ~2 ms sooner (issue 7). A failure
        inside is raised and nothing is kept: nothing has been typed yet.
        """
        try:
            with self._transaction(self.conn):
                yield
        except sqlite3.OperationalError as exc:
            raise self._unwritable(exc) from None

    def create(self, protocol: Protocol, clock: Clock, *, demo: bool = False) -> int:
        """A new, empty session for ``protocol``; returns its id.

        ``demo``: a try-out (``run --demo``), which ``resume`` and ``export``
        never pick unless asked for by its id.
        """
        cur = self._write(
            "INSERT INTO sessions (protocol_id, title, protocol, created_at, demo)"
            " VALUES (?, ?, ?, ?, ?)",
            (
                protocol.id,
                protocol.title,
                json.dumps(to_data(protocol), ensure_ascii=False),
                clock.now().isoformat(),
                int(demo),
            ),
        )
        assert cur.lastrowid is not None
        return cur.lastrowid

    def append(self, session_id: int, event: ev.Event) -> None:
        """Commit one event to the session's log."""
        self._write(
            "INSERT INTO events (session_id, seq, type, data) VALUES "
            "(?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM events WHERE session_id = ?), ?, ?)",
            (session_id, session_id, event.type, ev.to_json(event)),
        )

    def listener(self, session_id: int) -> Callable[[ev.Event], None]:
        return lambda event: self.append(session_id, event)

    def checkpoint(self, session_id: int, session: Session) -> None:
        """Save where running timers stand, so a crash costs only the time since."""
        mono = session.clock.monotonic()
        # ``t.running``, not ``t.since``: a timer a reload left standing is still
        # running in the log, and its checkpointed time must not be dropped.
        running = {str(i): t.elapsed(mono) for i, t in enumerate(session.timers) if t.running}
        self._write(
            "UPDATE sessions SET checkpoint = ? WHERE id = ?",
            (json.dumps(running) if running else None, session_id),
        )

    def save_draft(self, session_id: int, text: str) -> None:
        """Keep what is being typed, so a crash loses at most the last keystroke."""
        self._write("UPDATE sessions SET draft = ? WHERE id = ?", (text or None, session_id))

    def draft(self, session_id: int) -> str:
        row = self.conn.execute("SELECT draft FROM sessions WHERE id = ?", (session_id,)).fetchone()
        return (row[0] or "") if row else ""

    def _write(self, sql: str, params: tuple[object, ...]) -> sqlite3.Cursor:
        try:
            return self.conn.execute(sql, params)
        except sqlite3.OperationalError as exc:
            raise self._unwritable(exc) from None

    def import_session(
        self, protocol: Protocol, events: list[ev.Event], created_at: datetime
    ) -> int:
        """Store a whole session at once (from an export); returns its new id."""
        conn = self.conn
        try:
            with self._transaction(conn):
                cur = conn.execute(
                    "INSERT INTO sessions (protocol_id, title, protocol, created_at) "
                    "VALUES (?, ?, ?, ?)",
                    (
                        protocol.id,
                        protocol.title,
                        json.dumps(to_data(protocol), ensure_ascii=False),
                        created_at.isoformat(),
                    ),
                )
                session_id = cur.lastrowid
                conn.executemany(
                    "INSERT INTO events (session_id, seq, type, data) VALUES (?, ?, ?, ?)",
                    [(session_id, i, e.type, ev.to_json(e)) for i, e in enumerate(events, 1)],
                )
        except sqlite3.OperationalError as exc:
            # Like _write: a read-only or full disk is the folder's problem, said so.
            raise self._unwritable(exc) from None
        assert session_id is not None
        return session_id

    # --- reading ---

    def sessions(self) -> list[SessionInfo]:
        rows = self._read(
            """
            SELECT s.id, s.protocol_id, s.title, s.created_at,
                   (SELECT json_group_array(json_extract(e.data, '$.name')) FROM events e
                     WHERE e.session_id = s.id AND e.type = 'participant_added'
                     AND json_valid(e.data)),
                   (SELECT e.type FROM events e WHERE e.session_id = s.id
                     AND e.type IN ('session_ended', 'step_entered') ORDER BY e.seq DESC LIMIT 1),
                   s.demo
            FROM sessions s ORDER BY s.id
            """
        )
        return [
            SessionInfo(
                id=row[0],
                protocol_id=row[1],
                title=row[2],
                created_at=datetime.fromisoformat(row[3]),
                participants=tuple(json.loads(row[4] or "[]")),
                ended=row[5] == "session_ended",
                demo=bool(row[6]),
            )
            for row in rows
        ]

    def latest_id(self) -> int | None:
        """The newest real meeting: a demo is never picked without its id."""
        rows = self._read("SELECT MAX(id) FROM sessions WHERE demo = 0")
        return rows[0][0] if rows else None

    def _read(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
        """Rows of a query; a damaged database file is reported by name."""
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and "malformed" not in str(exc):
                raise
            raise StoreError("err.store_corrupt", path=self.path, reason=str(exc)) from None

    def _damaged(self, session_id: int, exc: Exception) -> StoreError:
        errors = getattr(exc, "errors", None)  # pydantic: the first problem, without its URL
        reason = errors()[0]["msg"] if callable(errors) and errors() else str(exc)
        return StoreError("err.session_damaged", id=session_id, path=self.path, reason=reason)

    def protocol(self, session_id: int) -> Protocol:
        rows = self._read("SELECT protocol FROM sessions WHERE id = ?", (session_id,))
        if not rows:
            raise StoreError("err.no_session", id=session_id)
        try:
            return from_data(json.loads(rows[0][0]))
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise self._damaged(session_id, exc) from None

    def events(self, session_id: int) -> list[ev.Event]:
        rows = self._read(
            "SELECT data FROM events WHERE session_id = ? ORDER BY seq", (session_id,)
        )
        adapter = ev.event_adapter()
        try:
            return [adapter.validate_json(data) for (data,) in rows]
        except ValueError as exc:  # pydantic's ValidationError is a ValueError
            raise self._damaged(session_id, exc) from None

    def created_at(self, session_id: int) -> datetime:
        rows = self._read("SELECT created_at FROM sessions WHERE id = ?", (session_id,))
        if not rows:
            raise StoreError("err.no_session", id=session_id)
        return datetime.fromisoformat(rows[0][0])

    def load(self, session_id: int, clock: Clock) -> Session:
        """Rebuild a session from its log, timers paused where they stood."""
        protocol = self.protocol(session_id)
        rows = self._read("SELECT checkpoint FROM sessions WHERE id = ?", (session_id,))
        try:
            stood = json.loads(rows[0][0] or "{}")
            checkpoint = {int(k): float(v) for k, v in stood.items()}
        except (ValueError, TypeError, AttributeError):
            checkpoint = {}  # only where running timers stood: the log itself is intact
        return Session.replay(protocol, self.events(session_id), clock, checkpoint)

    def resolve_id(self, ref: str | None) -> int:
        """A session id from the command line; the latest session when none is given."""
        if ref is None:
            latest = self.latest_id() if self.path.exists() else None
            if latest is None:
                demo = self._read("SELECT MAX(id) FROM sessions") if self.path.exists() else []
                if demo and demo[0][0] is not None:
                    raise StoreError("err.only_demos", id=demo[0][0])
                raise StoreError("err.no_sessions")
            return latest
        try:
            session_id = int(ref)
        except ValueError:
            raise StoreError("err.no_session", id=ref) from None
        if not 0 < session_id < 2**63:  # beyond SQLite's integers: no such session
            raise StoreError("err.no_session", id=ref)
        if not self.path.exists() or not self._read(
            "SELECT 1 FROM sessions WHERE id = ?", (session_id,)
        ):
            raise StoreError("err.no_session", id=ref)
        return session_id

    # --- locking ---

    def lock(self, session_id: int) -> SessionLock:
        return SessionLock(self.folder / "locks" / f"{session_id}.lock", session_id, self.folder)


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


class SessionLock:
    """Only one process leads a session at a time.

    The lock is an OS file lock (``flock``), which the kernel releases when the
    holding process dies, however it dies: a lock left by a crash is simply
    free again. The file holds the holder's pid and host for the message.
    """

    def __init__(self, path: Path, session_id: int, folder: Path | None = None) -> None:
        self.path = path
        self.session_id = session_id
        self.folder = folder or path.parent
        """The data folder, named when the lock cannot be written."""
        self._fd: int | None = None

    def acquire(self) -> None:
        import fcntl

        try:
            _private_dir(self.path.parent)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise StoreError("err.store_unwritable", folder=self.folder, reason=reason) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 200).decode("utf-8", "replace").strip() or "?"
            os.close(fd)
            raise StoreError("err.session_locked", id=self.session_id, holder=holder) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}@{socket.gethostname()}".encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> SessionLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()
