"""Reading a damaged database: whatever can still be read, session by session, event by event.

A damaged page in an SQLite file makes every query that touches it fail, and a
query over the whole table touches them all. Here each session, and when
needed each event, is read on its own, so one bad page costs only the rows on
it. The database is never written: ``rescue`` works on a copy.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kollegial.errors import KollegialError
from kollegial.values import Value, frozen

if TYPE_CHECKING:
    from kollegial.protocols.model import Protocol

MAX_MISSES = 200
"""Ids (or event numbers) tried one by one past a damaged spot before giving up."""

_DAMAGE = (sqlite3.DatabaseError,)  # malformed pages and undecodable text alike


@frozen
class Rescued(Value):
    """One meeting as ``rescue`` found it."""

    session_id: int
    title: str
    text: str | None
    """The meeting as a JSON export for ``kollegial import``; None when nothing could be saved."""
    saved: int
    lost: int
    """Events that could not be read, or that did not fit once others were lost."""
    problem: str | None = None
    """Why the meeting could not be saved at all."""
    protocol_from: int | str | None = None
    """Where the protocol came from when the meeting's own copy was damaged: the id of
    another meeting of the same protocol, or ``"library"`` (the protocol as installed)."""


def _decode(value: object) -> str:
    """A text column read as bytes: invalid UTF-8 becomes U+FFFD rather than losing the row."""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return "" if value is None else str(value)


def _step(next_key: Callable[[int], int | None], first: int = 0) -> Iterator[int]:
    """Keys in order via ``next_key(after)``, stepping one by one past keys that cannot be read."""
    after, misses = first, 0
    while misses <= MAX_MISSES:
        try:
            key = next_key(after)
        except (*_DAMAGE, TypeError, ValueError):
            after, misses = after + 1, misses + 1
            continue
        if key is None:
            return
        if key <= after:  # a damaged index out of order: never go round in circles
            after, misses = after + 1, misses + 1
            continue
        yield key
        after, misses = key, 0


def session_ids(conn: sqlite3.Connection) -> list[int]:
    """Every session id that can be found: in the sessions table, or only in the events."""
    try:
        rows = conn.execute("SELECT id FROM sessions ORDER BY id").fetchall()
        return [row[0] for row in rows if isinstance(row[0], int)]
    except _DAMAGE:
        pass

    def next_session(after: int) -> int | None:
        row = conn.execute(
            "SELECT id FROM sessions WHERE id > ? ORDER BY id LIMIT 1", (after,)
        ).fetchone()
        return None if row is None else int(row[0])

    def next_logged(after: int) -> int | None:
        row = conn.execute(
            "SELECT session_id FROM events WHERE session_id > ? ORDER BY session_id LIMIT 1",
            (after,),
        ).fetchone()
        return None if row is None else int(row[0])

    return sorted(set(_step(next_session)) | set(_step(next_logged)))


def _event_rows(conn: sqlite3.Connection, session_id: int) -> tuple[list[Any], int]:
    """The session's event data in order, and how many rows could not be read."""
    try:
        rows = conn.execute(
            "SELECT seq, data FROM events WHERE session_id = ? ORDER BY seq", (session_id,)
        ).fetchall()
        return [data for _, data in rows], 0
    except _DAMAGE:
        pass
    found: dict[int, Any] = {}
    unreadable = 0

    def next_seq(after: int) -> int | None:
        row = conn.execute(
            "SELECT seq FROM events WHERE session_id = ? AND seq > ? ORDER BY seq LIMIT 1",
            (session_id, after),
        ).fetchone()
        return None if row is None else int(row[0])

    last = 0
    for seq in _step(next_seq):
        unreadable += max(seq - last - 1, 0)  # numbers stepped over: rows on a damaged page
        last = seq
        try:
            (data,) = conn.execute(
                "SELECT data FROM events WHERE session_id = ? AND seq = ?", (session_id, seq)
            ).fetchone()
        except _DAMAGE:
            unreadable += 1
            continue
        found[seq] = data
    return [found[seq] for seq in sorted(found)], unreadable


_BROKEN = (sqlite3.DatabaseError, ValueError, TypeError, KeyError, AttributeError, LookupError)


def _field(conn: sqlite3.Connection, column: str, session_id: int) -> str:
    row = conn.execute(f"SELECT {column} FROM sessions WHERE id = ?", (session_id,)).fetchone()
    if row is None:
        raise LookupError(session_id)
    return _decode(row[0])


def _snapshot(conn: sqlite3.Connection, session_id: int) -> Protocol:
    from kollegial.protocols.model import from_data

    return from_data(json.loads(_field(conn, "protocol", session_id)))


def _protocols(
    conn: sqlite3.Connection, session_id: int, ids: list[int]
) -> Iterator[tuple[Protocol, int | str | None]]:
    """The meeting's own copy of its protocol, then what stands in when that copy is damaged:
    another meeting's copy of the same protocol (the nearest in time first), else the
    protocol as installed. Each with where it came from (None: its own)."""
    with contextlib.suppress(*_BROKEN):
        yield _snapshot(conn, session_id), None
    try:
        protocol_id = _field(conn, "protocol_id", session_id)
    except _BROKEN:
        return
    for other in sorted(ids, key=lambda i: abs(i - session_id)):
        if other == session_id:
            continue
        try:
            if _field(conn, "protocol_id", other) == protocol_id:
                stand_in = _snapshot(conn, other)
            else:
                continue
        except _BROKEN:
            continue
        yield stand_in, other
    from kollegial.protocols.discovery import resolve

    with contextlib.suppress(KollegialError):
        yield resolve(protocol_id), "library"


def rescue_session(
    conn: sqlite3.Connection, session_id: int, ids: list[int] | None = None
) -> Rescued:
    """One meeting read as far as it goes, made into an importable JSON export.

    ``ids`` are the other meetings, whose copy of the same protocol stands in
    when this meeting's copy is damaged.
    """
    from kollegial.export.jsonfmt import parse_session_json, render_json
    from kollegial.session import events as ev
    from kollegial.session.clock import SystemClock
    from kollegial.session.session import Session

    datas, unreadable = _event_rows(conn, session_id)
    title = ""
    with contextlib.suppress(*_BROKEN):
        title = _field(conn, "title", session_id)
    try:
        created_at = datetime.fromisoformat(_field(conn, "created_at", session_id))
    except _BROKEN:
        created_at = datetime.now(UTC)
    everything = len(datas) + unreadable  # lost, when no protocol can be had
    adapter = ev.event_adapter()
    events: list[ev.Event] = []
    for data in datas:
        try:
            events.append(adapter.validate_json(_decode(data)))
        except ValueError:
            unreadable += 1
    refused: KollegialError | None = None
    for protocol, source in _protocols(conn, session_id, ids or []):
        session, misfits = Session.salvage(protocol, events, SystemClock())
        text = render_json(session, created_at=created_at)
        try:
            parse_session_json(text)  # what is written must import: checked here, not hoped
        except KollegialError as exc:
            # A copy damaged and yet readable (a flipped letter in an id): the next one.
            refused = refused or exc
            continue
        return Rescued(
            session_id,
            title or protocol.title,
            text,
            len(session.events),
            unreadable + misfits,
            protocol_from=source,
        )
    if refused is not None:
        raise refused
    return Rescued(session_id, title, None, 0, everything, "protocol")


def _rescue_one(conn: sqlite3.Connection, session_id: int, ids: list[int]) -> Rescued:
    try:
        return rescue_session(conn, session_id, ids)
    # Damage can surface anywhere (a value that parses and yet breaks the
    # replay): one meeting failing must never cost the others.
    except Exception as exc:
        return Rescued(session_id, "", None, 0, 0, f"{type(exc).__name__}: {exc}")


def _mend_schema(copy: Path) -> None:
    """Put back the schema's text in ``copy`` as kollegial writes it.

    A flipped byte in a table's ``CREATE`` text (page 1) makes SQLite refuse
    the whole file, though every table's own pages are whole. The text is
    known: the migrations up to the file's version (its header, which a
    damaged page does not reach, keeps the version at offset 60). Rows are
    matched by their order, so a damaged name is mended too; the root pages
    stay the file's own. Only the copy is changed, never the original.
    """
    from kollegial.store.schema import schema_rows

    with copy.open("rb") as file:
        version = int.from_bytes(file.read(64)[60:64], "big")
    conn = sqlite3.connect(copy, isolation_level=None)
    try:
        conn.execute("PRAGMA writable_schema=ON")
        rowids = [row[0] for row in conn.execute("SELECT rowid FROM sqlite_master ORDER BY rowid")]
        canonical = schema_rows(version)
        if len(rowids) != len(canonical):
            return  # not a schema kollegial wrote: left as it is, and refused as before
        for rowid, (kind, name, table, sql) in zip(rowids, canonical, strict=True):
            conn.execute(
                "UPDATE sqlite_master SET type = ?, name = ?, tbl_name = ?, sql = ?"
                " WHERE rowid = ?",
                (kind, name, table, sql, rowid),
            )
    finally:
        conn.close()


def rescue(db: Path) -> list[Rescued]:
    """Every meeting that can be found in ``db``, read as far as it goes.

    The file (and its ``-wal``, which may hold the latest events) is copied
    aside first, so the damaged original is never changed.

    Raises:
        sqlite3.DatabaseError: the file is no SQLite database at all.
        OSError: it cannot be read.
    """
    with tempfile.TemporaryDirectory(prefix="kollegial-rescue-") as tmp:
        copy = Path(tmp) / db.name
        shutil.copyfile(db, copy)
        wal = Path(f"{db}-wal")
        if wal.exists():
            shutil.copyfile(wal, Path(f"{copy}-wal"))
        conn = sqlite3.connect(copy, isolation_level=None)
        conn.text_factory = bytes
        try:
            conn.execute("PRAGMA query_only=ON")
            try:
                conn.execute("SELECT name FROM sqlite_master").fetchall()  # no database: raised
            except sqlite3.DatabaseError as exc:
                if "malformed database schema" not in str(exc):
                    raise
                conn.close()
                _mend_schema(copy)
                conn = sqlite3.connect(copy, isolation_level=None)
                conn.text_factory = bytes
                conn.execute("PRAGMA query_only=ON")
            ids = session_ids(conn)
            return [_rescue_one(conn, sid, ids) for sid in ids]
        finally:
            conn.close()
