"""The meetings as ``kollegial sessions`` lists them, read from the summaries table alone.

Its own module, light on imports (``sqlite3``, ``json``, the schema's version):
listing meetings reads one row each (migration 5), so it needs neither the
engine nor pydantic, which the rest of the store (:mod:`kollegial.store.db`)
brings for writing and replaying. :class:`Summaries` reads the table itself
when it can and hands over to the whole store when it cannot: a database to
migrate first, a meeting whose summary migration 5 could not write, damage.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kollegial.values import Value, frozen

if TYPE_CHECKING:
    from kollegial.store.db import Store

DB_NAME = "kollegial.db"


@frozen
class SessionInfo(Value):
    """One saved meeting, as `kollegial sessions` lists it."""

    id: int
    protocol_id: str
    title: str
    created_at: datetime | None
    participants: tuple[str, ...]
    ended: bool
    damaged: bool = False
    """Its row or log lies on a damaged page: listed by id only (``kollegial rescue``)."""
    demo: bool = False
    """Made by ``run --demo``: never picked without its id."""
    team: str | None = None
    """The team whose meeting it was (``run --team``), if any."""
    notes: int = 0
    ratings: int = 0
    decisions: int = 0


SUMMARIES = """
    SELECT s.id, s.protocol_id, s.title, s.created_at, m.participants,
           CASE m.ended WHEN 1 THEN 'session_ended' END, s.demo, s.team,
           m.notes, m.ratings, m.decisions, m.events
    FROM summaries m JOIN sessions s ON s.id = m.session_id
"""
"""A row per meeting; ``m.events`` last, -1 for a meeting to read from its log."""


def where(protocol_id: str | None, team: str | None) -> tuple[str, tuple[object, ...]]:
    """The filters of ``sessions`` as SQL on the summaries table (``s``: the sessions)."""
    conditions: list[str] = []
    params: list[object] = []
    if protocol_id is not None:
        conditions.append("m.protocol_id = ?")
        params.append(protocol_id)
    if team:
        conditions.append("s.team = ?")
        params.append(team)
    elif team is not None:  # "": the meetings of no team
        conditions.append("s.team IS NULL")
    return (" WHERE " + " AND ".join(conditions) if conditions else ""), tuple(params)


def listing_sql(
    protocol_id: str | None, team: str | None, limit: int | None
) -> tuple[str, tuple[object, ...]]:
    """The newest first, ``limit`` of them (all with None)."""
    condition, params = where(protocol_id, team)
    sql = SUMMARIES + condition + " ORDER BY m.started DESC, m.session_id DESC"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return sql, params


def count_sql(protocol_id: str | None, team: str | None) -> tuple[str, tuple[object, ...]]:
    """How many a listing without a limit holds: the sessions joined only to filter by team
    (the join cost 20–30 ms at 10,000 meetings for nothing)."""
    condition, params = where(protocol_id, team)
    joined = " JOIN sessions s ON s.id = m.session_id" if team is not None else ""
    return "SELECT COUNT(*) FROM summaries m" + joined + condition, params


def info(row: tuple[Any, ...]) -> SessionInfo:
    """A row of :data:`SUMMARIES` (or of the store's read from the log, without the counts)."""
    counts = dict(zip(("notes", "ratings", "decisions"), row[8:11], strict=False))
    return SessionInfo(
        id=row[0],
        protocol_id=row[1],
        title=row[2],
        created_at=datetime.fromisoformat(row[3]),
        participants=tuple(json.loads(row[4] or "[]")),
        ended=row[5] == "session_ended",
        demo=bool(row[6]),
        team=row[7],
        **counts,
    )


class Summaries:
    """The listing of the data folder's meetings, with as little loaded as it takes.

    Reads the summaries table through its own connection, which never
    creates, migrates or writes the database; whatever it cannot answer so
    it asks :class:`~kollegial.store.db.Store`, which answers as before
    (and says what is wrong with the folder or the database).
    """

    def __init__(self, folder: Path | None = None) -> None:
        from kollegial.paths import data_dir

        self.folder = folder or data_dir()
        self.path = self.folder / DB_NAME
        self._conn: sqlite3.Connection | None = None
        self._store: Store | None = None

    def sessions(
        self, limit: int | None = None, protocol_id: str | None = None, team: str | None = None
    ) -> list[SessionInfo]:
        """As :meth:`Store.sessions <kollegial.store.db.Store.sessions>`."""
        sql, params = listing_sql(protocol_id, team, limit)
        rows = self._rows(sql, params)
        if rows is not None and all(row[11] >= 0 for row in rows):
            try:
                return [info(row) for row in rows]
            except ValueError:
                pass  # a row the store reads one by one, as damaged
        return self.store().sessions(limit, protocol_id, team)

    def count_sessions(self, protocol_id: str | None = None, team: str | None = None) -> int:
        """As :meth:`Store.count_sessions <kollegial.store.db.Store.count_sessions>`."""
        rows = self._rows(*count_sql(protocol_id, team))
        if rows is not None:
            return int(rows[0][0])
        return self.store().count_sessions(protocol_id, team)

    def store(self) -> Store:
        """The whole store, for what the summaries alone cannot answer."""
        if self._store is None:
            from kollegial.store.db import Store

            self.close()
            self._store = Store(self.folder)
        return self._store

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._store is not None:
            self._store.close()

    def _rows(self, sql: str, params: tuple[object, ...]) -> list[tuple[Any, ...]] | None:
        """The query's rows; None when the store must answer (see the class)."""
        if self._store is not None:
            return None
        try:
            if self._conn is None:
                self._conn = self._open()
            if self._conn is None:
                return None
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error:
            return None

    def _open(self) -> sqlite3.Connection | None:
        """A connection to a database at this code's schema, in a folder the store would use."""
        from kollegial.store.folders import writable_by_others
        from kollegial.store.schema import SCHEMA_VERSION

        try:
            if writable_by_others(self.folder):
                return None  # the store refuses it, and says why
        except OSError:
            return None
        uri = f"{self.path.resolve().as_uri()}?mode=rw"  # never creates a file
        conn = sqlite3.connect(uri, uri=True)
        conn.execute("PRAGMA busy_timeout=5000")
        if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            conn.close()
            return None  # to migrate first: the store does
        return conn
