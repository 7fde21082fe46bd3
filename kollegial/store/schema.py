"""The data folder's SQLite schema: every migration, in order.

Its own module so that ``rescue`` can read what the schema should be without
the store (which opens and migrates a database) and the store can reach
``rescue`` for a damaged page, without an import cycle.
"""

from __future__ import annotations

import sqlite3

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
    # 5: each meeting in brief, written with each event, so `sessions` reads no
    # log; filled for the meetings already there by BACKFILL[5].
    # The protocol id (to filter by) and the start in UTC (to sort by) are
    # copies; the title and the start as shown stay in `sessions` alone.
    # With them the latest snapshot of each long meeting's state (so that
    # `resume` replays only the events after it; see session/snapshot.py).
    """
    CREATE TABLE summaries (
        session_id INTEGER PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
        protocol_id TEXT NOT NULL,
        started TEXT NOT NULL,
        events INTEGER NOT NULL,
        participants TEXT NOT NULL,
        ended INTEGER NOT NULL,
        notes INTEGER NOT NULL,
        ratings INTEGER NOT NULL,
        decisions INTEGER NOT NULL,
        rated TEXT NOT NULL,
        decided TEXT NOT NULL
    );
    CREATE INDEX summaries_newest ON summaries (started, session_id);
    CREATE TABLE snapshots (
        session_id INTEGER PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        engine TEXT NOT NULL,
        state TEXT NOT NULL
    );
    """,
    # 6: the team a meeting belongs to (`run --team`), for follow-up and `kollegial report`
    """
    ALTER TABLE sessions ADD COLUMN team TEXT;
    CREATE INDEX sessions_team ON sessions(team, id);
    """,
    # 7: what each meeting came to, as `kollegial report` reads it (session/outcome.py),
    # derived by the engine from the first `events` events; the report derives it
    # again when the log has grown past that or another engine wrote it.
    """
    CREATE TABLE outcomes (
        session_id INTEGER PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
        events INTEGER NOT NULL,
        engine TEXT NOT NULL,
        outcome TEXT NOT NULL
    );
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)


def schema_rows(version: int) -> list[tuple[str, str, str, str | None]]:
    """The schema as kollegial writes it at ``version``: (type, name, table, sql) in the
    order SQLite keeps them, so ``rescue`` can put back a schema text a flipped byte broke."""
    conn = sqlite3.connect(":memory:")
    try:
        for script in MIGRATIONS[:version]:
            for statement in statements(script):
                conn.execute(statement)
        return conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid"
        ).fetchall()
    finally:
        conn.close()


def statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
