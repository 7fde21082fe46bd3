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
import stat
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from kollegial.errors import KollegialError
from kollegial.i18n import Msg
from kollegial.paths import data_dir
from kollegial.protocols.model import Protocol, from_data, to_data
from kollegial.session import events as ev
from kollegial.session.clock import Clock
from kollegial.session.session import Session
from kollegial.session.summary import Summary, fold, summarize

if TYPE_CHECKING:
    from kollegial.session.outcome import Outcome
    from kollegial.session.team import FollowUp
from kollegial.store.folders import make_private, writable_by_others
from kollegial.store.schema import MIGRATIONS, SCHEMA_VERSION, statements
from kollegial.store.summaries import DB_NAME, SessionInfo, count_sql, listing_sql
from kollegial.store.summaries import info as _info

SNAPSHOT_EVERY = 1000
"""Events between snapshots of a meeting's state: resuming replays fewer than this."""


class StoreError(KollegialError):
    """The data folder or database cannot be used."""


def _backfill_summaries(conn: sqlite3.Connection) -> None:
    """Migration 5: every stored meeting's summary, from one replay of its log.

    A meeting whose row or log cannot be read gets a row that says so (``events``
    -1): ``sessions`` lists it from its log as before, as damaged when that fails.
    """
    adapter = ev.event_adapter()
    for (session_id,) in conn.execute("SELECT id FROM sessions ORDER BY id").fetchall():
        protocol_id, started = "?", ""
        try:
            row = conn.execute(
                "SELECT protocol_id, created_at FROM sessions WHERE id = ?", (session_id,)
            ).fetchone()
            created_at = datetime.fromisoformat(row[1])
            protocol_id, started = row[0], _started(created_at)
            rows = conn.execute(
                "SELECT data FROM events WHERE session_id = ? ORDER BY seq", (session_id,)
            ).fetchall()
            summary = summarize(adapter.validate_json(data) for (data,) in rows)
            _insert_summary(conn, session_id, row[0], created_at, summary)
        except (sqlite3.DatabaseError, ValueError, TypeError):
            conn.execute(  # events = -1: no summary, read the log
                "INSERT OR REPLACE INTO summaries VALUES"
                " (?, ?, ?, -1, '[]', 0, 0, 0, 0, '[]', '[]')",
                (session_id, protocol_id, started),
            )


BACKFILL: dict[int, Callable[[sqlite3.Connection], None]] = {5: _backfill_summaries}
"""Work a migration does beyond its SQL, in the same transaction."""


def _private_dir(path: Path) -> None:
    """A folder for kollegial's files: made 0700 when missing, refused when others can write it.

    Raises:
        StoreError: group or others may write in the folder.
        OSError: it cannot be made or looked at.
    """
    make_private(path)
    if writable_by_others(path):
        mode = oct(stat.S_IMODE(path.stat().st_mode))[2:]
        raise StoreError("err.store_shared", folder=path, mode=mode)


def _private_file(path: Path) -> None:
    """Create the file readable by the user only; one that exists is left as it is."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    os.close(fd)
    path.chmod(0o600)  # ours: 0600 whatever the umask


class Store:
    """The session database in the data folder."""

    def __init__(
        self, folder: Path | None = None, environ: Mapping[str, str] | None = None
    ) -> None:
        self.folder = folder or data_dir(environ)
        self.path = self.folder / DB_NAME
        self._conn: sqlite3.Connection | None = None
        self._identity: tuple[int, int] | None = None
        self.lost = False
        """The database file this connection writes to was replaced or removed under it."""
        self.snapshot_every = SNAPSHOT_EVERY

    # --- opening ---

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = self._open()
        return self._conn

    def _open(self) -> sqlite3.Connection:
        try:
            _private_dir(self.folder)
            _private_file(self.path)
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            stat = os.stat(self.path)
            self._identity = (stat.st_dev, stat.st_ino)
        except (OSError, sqlite3.Error) as exc:
            raise self._unwritable(exc) from None
        try:
            # The wait first: another process may be creating the database this moment.
            conn.execute("PRAGMA busy_timeout=5000")
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
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
        return conn

    def _unwritable(self, exc: BaseException) -> StoreError:
        reason = getattr(exc, "strerror", None) or str(exc)
        return StoreError("err.store_unwritable", folder=self.folder, reason=reason)

    def _migrate(self, conn: sqlite3.Connection) -> None:
        """Bring the schema up to date: read the version and migrate in one write transaction.

        Several processes may open a new database at once (parallel imports);
        the one that gets the write lock first creates the schema, the others
        wait, then read the new version and have nothing to do.
        """
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version == SCHEMA_VERSION:
            return  # the usual case: no write lock taken
        if version > SCHEMA_VERSION:
            raise StoreError("err.store_newer", path=self.path, version=version)
        with self._transaction(conn):
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError("err.store_newer", path=self.path, version=version)
            for target in range(version + 1, SCHEMA_VERSION + 1):
                for statement in statements(MIGRATIONS[target - 1]):
                    conn.execute(statement)
                if target in BACKFILL:
                    BACKFILL[target](conn)
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

    # --- the files under an open database ---

    def files_intact(self) -> bool:
        """The database file is the one opened, and its ``-wal`` and ``-shm`` are there.

        A cleanup script or a sync client in a shared folder may remove or
        replace them while a meeting runs; SQLite goes on writing to the
        removed files without a word. Three ``stat`` calls: cheap enough for
        every timer checkpoint.
        """
        if self._conn is None:
            return True
        if not self._same_file():
            return False
        return all(os.path.exists(f"{self.path}{suffix}") for suffix in ("-wal", "-shm"))

    def _same_file(self) -> bool:
        try:
            stat = os.stat(self.path)
        except OSError:
            return False
        return (stat.st_dev, stat.st_ino) == self._identity

    def sync(self) -> None:
        """Move everything written into the database file itself, and check the files under it.

        A removed ``-wal``/``-shm`` is healed: the checkpoint copies what only
        the removed write-ahead log held into the database file, and the
        connection is opened again on real files. A replaced or removed
        database file cannot be healed (what is written reaches a file nobody
        can open): :attr:`lost` is set and ``err.store_lost`` raised.
        """
        if self._conn is None or self._conn.in_transaction:
            return  # inside the start's one transaction: its commit comes first
        if self.lost or not self._same_file():
            self.lost = True
            raise StoreError("err.store_lost", path=self.path)
        try:
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        except sqlite3.OperationalError as exc:
            raise self._unwritable(exc) from None
        if not self.files_intact():
            self.close()  # the last connection: SQLite checkpoints again as it closes
            self.conn  # noqa: B018 - open again, on new files

    def verify(self, session_id: int, types: list[str]) -> bool:
        """Read the session back through a fresh connection: are these its events, in order?

        Before anything says "sparat": the file another process would open is
        what counts, not what this connection believes it wrote. The fresh
        connection never creates a database file.
        """
        try:
            uri = f"{self.path.resolve().as_uri()}?mode=rw"
            conn = sqlite3.connect(uri, uri=True)
            try:
                rows = conn.execute(
                    "SELECT type FROM events WHERE session_id = ? ORDER BY seq", (session_id,)
                ).fetchall()
            finally:
                conn.close()
        except (OSError, ValueError, sqlite3.Error):
            return False
        return [row[0] for row in rows] == types

    # --- writing ---

    @contextlib.contextmanager
    def starting(self) -> Iterator[None]:
        """One commit for what a meeting's start writes: the session and its first events.

        The meeting is on disk whole or not at all, and one commit instead of
        one per event brings the first frame ~2 ms sooner. A failure
        inside is raised and nothing is kept: nothing has been typed yet.
        """
        try:
            with self._transaction(self.conn):
                yield
        except sqlite3.OperationalError as exc:
            raise self._unwritable(exc) from None

    def create(
        self, protocol: Protocol, clock: Clock, *, demo: bool = False, team: str | None = None
    ) -> int:
        """A new, empty session for ``protocol``; returns its id.

        ``demo``: a try-out (``run --demo``), which ``resume`` and ``export``
        never pick unless asked for by its id. ``team``: whose meeting it is.
        """
        with self._atomic():
            return _insert_session(self.conn, protocol, clock.now(), demo=demo, team=team)

    def set_team(self, session_id: int, team: str | None) -> None:
        """Give a meeting to a team afterwards (None: to no team)."""
        self._write("UPDATE sessions SET team = ? WHERE id = ?", (team, session_id))

    def append(self, session_id: int, event: ev.Event) -> None:
        """Commit one event to the session's log, and its summary with it: both or neither."""
        self.append_many(session_id, [event])

    @contextlib.contextmanager
    def _atomic(self) -> Iterator[None]:
        """One transaction for several statements; part of the one going on when there is one."""
        try:
            if self.conn.in_transaction:
                yield  # inside starting(): its commit is the one
            else:
                with self._transaction(self.conn):
                    yield
        except sqlite3.OperationalError as exc:
            raise self._unwritable(exc) from None

    def append_many(self, session_id: int, events: list[ev.Event]) -> None:
        """Commit several events to the session's log in one transaction, the meeting's
        summary folded with them: all or none."""
        with self._atomic():
            conn = self.conn
            summary = _read_summary(conn, session_id)
            for event in events:
                conn.execute(
                    "INSERT INTO events (session_id, seq, type, data) VALUES "
                    "(?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM events WHERE session_id = ?),"
                    " ?, ?)",
                    (session_id, session_id, event.type, ev.to_json(event)),
                )
                if summary is not None:  # None: a meeting migration 5 could not read
                    summary = fold(summary, event)
            if summary is not None and events:
                _update_summary(conn, session_id, summary)

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
        row = self.conn.execute(
            "SELECT m.events, COALESCE(p.seq, 0) FROM summaries m"
            " LEFT JOIN snapshots p ON p.session_id = m.session_id WHERE m.session_id = ?",
            (session_id,),
        ).fetchone()
        # Only when the store holds every event the session applied: the snapshot
        # stands for exactly the first ``applied`` of them.
        if row and row[0] == session.applied and row[0] - row[1] >= self.snapshot_every:
            self.save_snapshot(session_id, session)

    def save_snapshot(self, session_id: int, session: Session) -> None:
        """Keep the state of ``session`` after its ``applied`` events, unless a later one is.

        A state this engine cannot write as text is not kept: a snapshot only
        saves time, and a meeting must never stop for one.
        """
        from kollegial.session.snapshot import ENGINE, SnapshotError, dump

        try:
            state = dump(session)
        except SnapshotError:
            return
        self._write(
            "INSERT INTO snapshots (session_id, seq, engine, state) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (session_id) DO UPDATE SET"
            " seq = excluded.seq, engine = excluded.engine, state = excluded.state"
            " WHERE excluded.seq > snapshots.seq OR excluded.engine != snapshots.engine",
            (session_id, session.applied, ENGINE, state),
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
        self,
        protocol: Protocol,
        events: list[ev.Event],
        created_at: datetime,
        check: Callable[[], None] | None = None,
        team: str | None = None,
    ) -> int:
        """Store a whole session at once (from an export); returns its new id.

        ``check`` runs inside the write transaction, before anything is written,
        and refuses by raising: what it reads cannot change until the commit
        (two imports of one file at once store it once).
        """
        conn = self.conn
        outcome = _outcome_row(protocol, events)
        try:
            with self._transaction(conn):
                if check is not None:
                    check()
                session_id = _insert_session(conn, protocol, created_at, events=events, team=team)
                if outcome is not None:  # what `report` reads of it, kept with it
                    conn.execute(
                        "INSERT INTO outcomes (session_id, events, engine, outcome)"
                        " VALUES (?, ?, ?, ?)",
                        (session_id, *outcome),
                    )
        except sqlite3.OperationalError as exc:
            # Like _write: a read-only or full disk is the folder's problem, said so.
            raise self._unwritable(exc) from None
        return session_id

    def delete(self, session_id: int) -> bool:
        """Remove a meeting for good: its rows, and every page of the files that held its text.

        ``secure_delete`` zeroes the freed space as the rows go; the checkpoint
        then empties the ``-wal`` (where the latest notes may still be), and
        ``VACUUM`` rewrites the database file without the free pages. The
        caller holds the meeting's lock, so no one is leading it meanwhile.

        Returns:
            True when nothing of it is left in the files; False when another
            open kollegial kept the ``-wal`` from being emptied (the rows are
            gone all the same).
        """
        conn = self.conn
        try:
            conn.execute("PRAGMA secure_delete=ON")
            with self._transaction(conn):
                conn.execute("DELETE FROM events WHERE session_id = ?", (session_id,))
                conn.execute("DELETE FROM summaries WHERE session_id = ?", (session_id,))
                conn.execute("DELETE FROM snapshots WHERE session_id = ?", (session_id,))
                conn.execute("DELETE FROM outcomes WHERE session_id = ?", (session_id,))
                conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.execute("VACUUM")
            busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        except sqlite3.OperationalError as exc:
            raise self._unwritable(exc) from None
        with contextlib.suppress(OSError):
            (self.folder / "locks" / f"{session_id}.lock").unlink()
        return not busy

    # --- reading ---

    _SESSIONS = """
        SELECT s.id, s.protocol_id, s.title, s.created_at,
               (SELECT json_group_array(json_extract(e.data, '$.name')) FROM events e
                 WHERE e.session_id = s.id AND e.type = 'participant_added'
                 AND json_valid(e.data)),
               (SELECT e.type FROM events e WHERE e.session_id = s.id
                 AND e.type IN ('session_ended', 'step_entered') ORDER BY e.seq DESC LIMIT 1),
               s.demo, s.team
        FROM sessions s
    """

    def sessions(
        self, limit: int | None = None, protocol_id: str | None = None, team: str | None = None
    ) -> list[SessionInfo]:
        """The meetings, newest first: the ``limit`` newest (all with None), of one protocol
        and one team when given (``team=""``: the meetings of no team).

        Read from the summaries, never from the logs, except for a
        meeting migration 5 could not read. One on a damaged page is listed as
        damaged, the others as usual.
        """
        sql, params = listing_sql(protocol_id, team, limit)
        try:
            rows = self.conn.execute(sql, params).fetchall()
            return [self._from_log(row[0]) if row[11] < 0 else _info(row) for row in rows]
        except (sqlite3.DatabaseError, ValueError) as exc:
            if isinstance(exc, sqlite3.OperationalError) and not _damage(exc):
                raise
            reason = _reason(exc)
        infos = self._sessions_one_by_one(reason)
        infos = [
            i
            for i in infos
            if (protocol_id is None or i.protocol_id == protocol_id)
            and (team is None or (i.team or "") == team)
        ]
        return infos[::-1][:limit]

    def count_sessions(self, protocol_id: str | None = None, team: str | None = None) -> int:
        """How many meetings :meth:`sessions` would list without a limit."""
        sql, params = count_sql(protocol_id, team)
        try:
            return int(self.conn.execute(sql, params).fetchone()[0])
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and not _damage(exc):
                raise
            return len(self.sessions(protocol_id=protocol_id, team=team))

    def _from_log(self, session_id: int) -> SessionInfo:
        """One meeting read from its log (the way before summaries), or listed as damaged."""
        try:
            row = self.conn.execute(self._SESSIONS + " WHERE s.id = ?", (session_id,)).fetchone()
            return _info(row)
        except (sqlite3.DatabaseError, ValueError, TypeError):
            return SessionInfo(session_id, "?", "", None, (), False, damaged=True)

    def _sessions_one_by_one(self, reason: object) -> list[SessionInfo]:
        """Each meeting read on its own, so a damaged page costs only the meetings on it."""
        from kollegial.store.rescue import session_ids

        infos = [self._from_log(session_id) for session_id in session_ids(self.conn)]
        if not infos:
            raise StoreError("err.store_corrupt", path=self.path, reason=reason)
        return infos

    def decided_before(self, team: str, before: int | None = None, limit: int = 5) -> list[int]:
        """The team's latest real meetings that wrote a decision, newest first.

        ``before``: only meetings older than this id (the one just started).
        A decision may have been cleared afterwards: the caller loads and looks.
        """
        rows = self._read(
            "SELECT s.id FROM sessions s WHERE s.team = ? AND s.demo = 0 AND s.id < ?"
            " AND EXISTS (SELECT 1 FROM events e WHERE e.session_id = s.id"
            " AND e.type = 'decision_set') ORDER BY s.id DESC LIMIT ?",
            (team, before if before is not None else 2**63 - 1, limit),
        )
        return [row[0] for row in rows]

    def last_agreed(self, team: str, before: int | None = None) -> FollowUp | None:
        """What ``team`` agreed at its latest meeting with a decision (before ``before``)."""
        from kollegial.session.clock import FakeClock
        from kollegial.session.team import follow_up

        for session_id in self.decided_before(team, before):
            try:
                session = Session.replay(
                    self.protocol(session_id), self.events(session_id), FakeClock()
                )
            except (StoreError, KollegialError, ValueError):
                continue  # a damaged meeting is `rescue`'s business, not the opening's
            found = follow_up(session, self.created_at(session_id))
            if found is not None:
                return found
        return None

    def replay_all(
        self,
        clock: Clock,
        team: str | None = None,
        unreadable: list[int] | None = None,
        only: set[int] | None = None,
    ) -> Iterator[tuple[int, str | None, datetime, Session]]:
        """Every real meeting (of ``team`` when given), rebuilt, in id order: one pass.

        Two queries for all of them, and each distinct protocol snapshot
        parsed once, so a year's report over a thousand meetings stays quick.
        A meeting that cannot be read is left out and its id added
        to ``unreadable``; ``kollegial rescue`` saves what it can of it.
        ``only``: these meetings alone (of those).
        """
        where = "WHERE demo = 0" + (" AND team = ?" if team is not None else "")
        params: tuple[object, ...] = (team,) if team is not None else ()
        if only is not None:
            where += f" AND id IN ({','.join(str(int(i)) for i in sorted(only))})"
        rows = self._read(
            f"SELECT id, team, created_at, protocol FROM sessions {where} ORDER BY id", params
        )
        if not rows:
            return
        logs: dict[int, list[str]] = {row[0]: [] for row in rows}
        for session_id, data in self._read(
            "SELECT session_id, data FROM events WHERE session_id IN "
            f"(SELECT id FROM sessions {where}) ORDER BY session_id, seq",
            params,
        ):
            logs[session_id].append(data)
        adapter = ev.event_list_adapter()
        protocols: dict[str, Protocol | None] = {}
        for session_id, team_of, created_at, snapshot in rows:
            if snapshot not in protocols:
                protocols[snapshot] = _protocol_of(snapshot)
            protocol = protocols[snapshot]
            try:
                if protocol is None:
                    raise ValueError(snapshot)
                events = adapter.validate_json("[" + ",".join(logs[session_id]) + "]")
                session = Session.replay(protocol, events, clock)
                created = datetime.fromisoformat(created_at)
            except (ValueError, TypeError, KollegialError):
                if unreadable is not None:
                    unreadable.append(session_id)
                continue
            yield session_id, team_of, created, session

    def outcomes(
        self, clock: Clock, team: str | None = None, unreadable: list[int] | None = None
    ) -> list[tuple[int, str | None, datetime, Protocol, Outcome]]:
        """What every real meeting (of ``team`` when given) came to, in id order.

        Read from the outcomes kept for the logs as they stand; a meeting
        without one, or whose log has grown since, or kept by another engine,
        is replayed (:meth:`replay_all`) and its outcome kept for the next
        report. A meeting that cannot be read is left out and its id added to
        ``unreadable``.
        """
        from kollegial.session.outcome import dumps, loads, outcome_of

        engine = _outcome_engine()
        where = "WHERE s.demo = 0" + (" AND s.team = ?" if team is not None else "")
        rows = self._read(
            "SELECT s.id, s.team, s.created_at, s.protocol, o.outcome FROM sessions s"
            " JOIN summaries m ON m.session_id = s.id LEFT JOIN outcomes o"
            " ON o.session_id = s.id AND o.events = m.events AND o.engine = ?"
            f" {where} ORDER BY s.id",
            (engine, *((team,) if team is not None else ())),
        )
        protocols: dict[str, Protocol | None] = {}
        found: dict[int, tuple[int, str | None, datetime, Protocol, Outcome]] = {}
        stale: set[int] = set()
        for session_id, team_of, created_at, snapshot, kept in rows:
            if kept is None:
                stale.add(session_id)
                continue
            if snapshot not in protocols:
                protocols[snapshot] = _protocol_of(snapshot)
            protocol = protocols[snapshot]
            try:
                if protocol is None:
                    raise ValueError(snapshot)
                created, outcome = datetime.fromisoformat(created_at), loads(kept)
            except ValueError:
                stale.add(session_id)
                continue
            found[session_id] = (session_id, team_of, created, protocol, outcome)
        if stale:
            fresh: list[tuple[int, int, str]] = []
            for session_id, team_of, created, session in self.replay_all(
                clock, team, unreadable, only=stale
            ):
                outcome = outcome_of(session)
                found[session_id] = (session_id, team_of, created, session.protocol, outcome)
                fresh.append((session_id, len(session.events), dumps(outcome)))
            # Kept for the next report; a folder that cannot be written now only costs time.
            with contextlib.suppress(sqlite3.Error, StoreError), self._atomic():
                self.conn.executemany(
                    "INSERT OR REPLACE INTO outcomes (session_id, events, engine, outcome)"
                    " VALUES (?, ?, ?, ?)",
                    [(i, n, engine, text) for i, n, text in fresh],
                )
        return [found[i] for i in sorted(found)]

    def team(self, session_id: int) -> str | None:
        rows = self._read("SELECT team FROM sessions WHERE id = ?", (session_id,), session_id)
        return rows[0][0] if rows else None

    def latest_id(self) -> int | None:
        """The newest real meeting: a demo is never picked without its id."""
        rows = self._read("SELECT MAX(id) FROM sessions WHERE demo = 0")
        return rows[0][0] if rows else None

    def _read(
        self, sql: str, params: tuple[object, ...] = (), session_id: int | None = None
    ) -> list[tuple[Any, ...]]:
        """Rows of a query; a damaged database file is reported by name.

        A row whose text is not UTF-8 is the damage of one meeting when the
        query is about ``session_id``; the row's raw text is never quoted.
        """
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and not _damage(exc):
                raise
            reason = _reason(exc)
            if session_id is not None and isinstance(reason, Msg):
                raise StoreError(
                    "err.session_damaged", id=session_id, path=self.path, reason=reason
                ) from None
            raise StoreError("err.store_corrupt", path=self.path, reason=reason) from None

    def _damaged(self, session_id: int, exc: Exception) -> StoreError:
        errors = getattr(exc, "errors", None)  # pydantic: the first problem, without its URL
        reason = errors()[0]["msg"] if callable(errors) and errors() else str(exc)
        return StoreError("err.session_damaged", id=session_id, path=self.path, reason=reason)

    def protocol(self, session_id: int) -> Protocol:
        rows = self._read("SELECT protocol FROM sessions WHERE id = ?", (session_id,), session_id)
        if not rows:
            raise StoreError("err.no_session", id=session_id)
        try:
            return from_data(json.loads(rows[0][0]))
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise self._damaged(session_id, exc) from None

    def events(self, session_id: int, after: int = 0, upto: int | None = None) -> list[ev.Event]:
        """The log, or its part after event ``after`` up to event ``upto`` (1 is the first)."""
        rows = self._read(
            "SELECT data FROM events WHERE session_id = ? AND seq > ? AND seq <= ? ORDER BY seq",
            (session_id, after, 2**63 - 1 if upto is None else upto),
            session_id,
        )
        adapter = ev.event_adapter()
        try:
            return [adapter.validate_json(data) for (data,) in rows]
        except ValueError as exc:  # pydantic's ValidationError is a ValueError
            raise self._damaged(session_id, exc) from None

    def created_at(self, session_id: int) -> datetime:
        rows = self._read("SELECT created_at FROM sessions WHERE id = ?", (session_id,), session_id)
        if not rows:
            raise StoreError("err.no_session", id=session_id)
        return datetime.fromisoformat(rows[0][0])

    def load(self, session_id: int, clock: Clock) -> Session:
        """Rebuild a session from its log, timers paused where they stood."""
        protocol = self.protocol(session_id)
        rows = self._read("SELECT checkpoint FROM sessions WHERE id = ?", (session_id,), session_id)
        try:
            stood = json.loads(rows[0][0] or "{}")
            checkpoint = {int(k): float(v) for k, v in stood.items()}
        except (ValueError, TypeError, AttributeError):
            checkpoint = {}  # only where running timers stood: the log itself is intact
        restored = self._restore(session_id, protocol, clock)
        after = 0 if restored is None else restored.applied
        tail = self.events(session_id, after=after)
        session = Session.replay(protocol, tail, clock, checkpoint, since=restored)
        if len(tail) >= self.snapshot_every:  # an import, or a meeting of older code
            with contextlib.suppress(StoreError, sqlite3.Error):
                self.save_snapshot(session_id, session)
        return session

    def _restore(self, session_id: int, protocol: Protocol, clock: Clock) -> Session | None:
        """The meeting as its latest snapshot holds it; None to replay it in full.

        A snapshot of another engine, or one that does not read back, is
        ignored: the log is the record, the snapshot only saves time.
        """
        from kollegial.session.snapshot import ENGINE, SnapshotError, restore

        try:
            row = self.conn.execute(
                "SELECT seq, engine, state FROM snapshots WHERE session_id = ?", (session_id,)
            ).fetchone()
        except sqlite3.DatabaseError:
            return None
        if row is None or row[1] != ENGINE:
            return None
        seq = row[0]
        try:
            session = restore(protocol, row[2], clock, lambda: self.events(session_id, upto=seq))
        except SnapshotError:
            return None
        return session if session.applied == seq else None

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


def _outcome_engine() -> str:
    """Who derives outcomes: the outcome's format and the engine (its version and code)."""
    from kollegial.session.outcome import FORMAT
    from kollegial.session.snapshot import ENGINE

    return f"{FORMAT}:{ENGINE}"


def _outcome_row(protocol: Protocol, events: list[ev.Event]) -> tuple[int, str, str] | None:
    """(events, engine, outcome) of an imported log, or None to leave it to the report."""
    from kollegial.session.clock import FakeClock
    from kollegial.session.outcome import dumps, outcome_of

    try:
        session = Session.replay(protocol, events, FakeClock())
    except (KollegialError, ValueError, LookupError, TypeError):
        return None  # checked by the import already; the report replays it, as any other
    return len(events), _outcome_engine(), dumps(outcome_of(session))


def _protocol_of(snapshot: str) -> Protocol | None:
    """A meeting's protocol from its snapshot; None when it does not read back."""
    try:
        return from_data(json.loads(snapshot))
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def _insert_session(
    conn: sqlite3.Connection,
    protocol: Protocol,
    created_at: datetime,
    *,
    demo: bool = False,
    team: str | None = None,
    events: list[ev.Event] | tuple[ev.Event, ...] = (),
) -> int:
    """A meeting's row, its log and its summary; the caller holds the transaction."""
    cur = conn.execute(
        "INSERT INTO sessions (protocol_id, title, protocol, created_at, demo, team)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (
            protocol.id,
            protocol.title,
            json.dumps(to_data(protocol), ensure_ascii=False),
            created_at.isoformat(),
            int(demo),
            team,
        ),
    )
    session_id = cur.lastrowid
    assert session_id is not None
    conn.executemany(
        "INSERT INTO events (session_id, seq, type, data) VALUES (?, ?, ?, ?)",
        [(session_id, i, e.type, ev.to_json(e)) for i, e in enumerate(events, 1)],
    )
    _insert_summary(conn, session_id, protocol.id, created_at, summarize(events))
    return session_id


def _started(created_at: datetime) -> str:
    """The start as UTC text, so that text order is time order whatever the offsets."""
    try:
        return created_at.astimezone(UTC).isoformat()
    except (OverflowError, ValueError, OSError):  # the ends of the calendar
        return created_at.isoformat()


def _insert_summary(
    conn: sqlite3.Connection,
    session_id: int,
    protocol_id: str | None,
    created_at: datetime,
    summary: Summary,
) -> None:
    conn.execute(
        "INSERT INTO summaries (session_id, protocol_id, started, events, participants, ended,"
        " notes, ratings, decisions, rated, decided)"
        " VALUES (?, ?, ?, 0, '[]', 0, 0, 0, 0, '[]', '[]')",
        (session_id, protocol_id, _started(created_at)),
    )
    _update_summary(conn, session_id, summary)


def _update_summary(conn: sqlite3.Connection, session_id: int, summary: Summary) -> None:
    conn.execute(
        "UPDATE summaries SET events = ?, participants = ?, ended = ?, notes = ?, ratings = ?,"
        " decisions = ?, rated = ?, decided = ? WHERE session_id = ?",
        (
            summary.events,
            json.dumps(summary.participants, ensure_ascii=False),
            int(summary.ended),
            summary.notes,
            summary.ratings,
            summary.decisions,
            json.dumps(sorted(summary.rated), ensure_ascii=False),
            json.dumps(sorted(summary.decided)),
            session_id,
        ),
    )


def _read_summary(conn: sqlite3.Connection, session_id: int) -> Summary | None:
    row = conn.execute(
        "SELECT events, participants, ended, notes, rated, decided FROM summaries"
        " WHERE session_id = ?",
        (session_id,),
    ).fetchone()
    if row is None or row[0] < 0:
        return None
    return Summary(
        events=row[0],
        participants=tuple(json.loads(row[1])),
        ended=bool(row[2]),
        notes=row[3],
        rated=frozenset((p, s) for p, s in json.loads(row[4])),
        decided=frozenset(json.loads(row[5])),
    )


def _reason(exc: Exception) -> object:
    """SQLite's reason, without the row's raw text it quotes for text that is not UTF-8."""
    if "decode" in str(exc).lower():
        return Msg("err.row_not_utf8")
    return str(exc)


def _damage(exc: sqlite3.OperationalError) -> bool:
    """Whether SQLite's error means damaged content (a bad page, text that is not UTF-8)."""
    reason = str(exc).lower()
    return "malformed" in reason or "decode" in reason


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
