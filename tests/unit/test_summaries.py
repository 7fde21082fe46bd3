"""Issue 21: each meeting's summary, kept with its events, always equals a full replay.

``sessions`` reads these summaries instead of the logs; they are written in the
same transaction as each event, and migration 5 fills them in once for the
meetings of an older database.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kollegial.errors import KollegialError
from kollegial.protocols.discovery import resolve
from kollegial.session import events as ev
from kollegial.session.clock import FakeClock
from kollegial.session.session import Session
from kollegial.session.summary import Summary, of_session, summarize
from kollegial.store import Store
from kollegial.store.db import MIGRATIONS, _read_summary
from tests.conftest import Result

Cli = Callable[..., Result]
PEOPLE = ["Anna", "Bo", "Cia"]
PROTOCOL = "kapacitet"  # rating and decision steps both

ACTIONS = ("note", "delete", "rate", "unrate", "decide", "undecide", "next", "back", "end", "join")
OPS = st.lists(
    st.tuples(
        st.sampled_from(ACTIONS),
        st.integers(0, 40),
    ),
    max_size=40,
)


def play(session: Session, ops: list[tuple[str, int]]) -> None:
    """Drive the real engine; what it refuses at that point is simply skipped."""
    statements = [s.id for g in session.protocol.groups for s in g.statement_list()]
    for op, n in ops:
        try:
            if op == "note":
                session.add_note(f"anteckning {n}")
            elif op == "delete" and session.notes:
                session.delete_note(sorted(session.notes)[n % len(session.notes)])
            elif op in ("rate", "unrate") and statements:
                rater = session.participants[n % len(session.participants)]
                statement = statements[n % len(statements)]
                session.set_rating(rater, statement, None if op == "unrate" else 1 + n % 3)
            elif op == "decide":
                session.set_decision(f"beslut {n}")
            elif op == "undecide":
                session.set_decision("")
            elif op == "next":
                session.goto(n % len(session.plan.steps))
            elif op == "back":
                session.previous_step()
            elif op == "end":
                session.end()
            elif op == "join":
                session.add_participant(f"Ny {n}")
        except KollegialError:
            pass


def stored_summary(store: Store, session_id: int) -> Summary | None:
    return _read_summary(store.conn, session_id)


# Slow: 40 generated meetings, each through a real store and replayed (2 s or more).
@pytest.mark.slow
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=OPS)
def test_the_stored_summary_equals_a_full_replay(ops: list[tuple[str, int]]) -> None:
    """After any sequence of what a meeting does, event by event through the store."""
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp))
        protocol = resolve(PROTOCOL)
        clock = FakeClock()
        session_id = store.create(protocol, clock)
        with store.starting():
            session = Session.start(protocol, PEOPLE, clock, listeners=[store.listener(session_id)])
        play(session, ops)
        replayed = Session.replay(protocol, store.events(session_id), clock)
        assert (
            stored_summary(store, session_id) == of_session(replayed) == summarize(session.events)
        )
        summary = of_session(replayed)  # how far examples get: --hypothesis-show-statistics
        event(f"ratings: {summary.ratings > 0}, decisions: {summary.decisions > 0}")
        event(f"notes: {summary.notes > 0}, ended: {summary.ended}")
        (info,) = store.sessions()
        assert (info.participants, info.ended) == (tuple(replayed.participants), replayed.ended)
        assert (info.notes, info.ratings, info.decisions) == (
            len(replayed.notes),
            sum(len(v) for v in replayed.ratings.values()),
            len(replayed.decisions),
        )
        store.close()


def test_the_summary_is_written_with_the_event_or_not_at_all(isolated: Path) -> None:
    """A summary write that fails refuses the event too: the log and its summary agree."""
    store = Store()
    protocol = resolve(PROTOCOL)
    session_id = store.create(protocol, FakeClock())
    session = Session.start(protocol, PEOPLE, FakeClock(), listeners=[store.listener(session_id)])
    before = (store.events(session_id), stored_summary(store, session_id))
    store.conn.execute(
        "CREATE TRIGGER refuse BEFORE UPDATE ON summaries BEGIN SELECT RAISE(ABORT, 'nej'); END"
    )
    with pytest.raises(sqlite3.IntegrityError):
        session.add_note("försvinner")
    assert (store.events(session_id), stored_summary(store, session_id)) == before
    store.conn.execute("DROP TRIGGER refuse")
    session.add_note("stannar")
    assert stored_summary(store, session_id) == of_session(
        Session.replay(protocol, store.events(session_id), FakeClock())
    )
    store.close()


def test_events_committed_together_fold_into_the_summary(isolated: Path) -> None:
    """The phone page commits a moment's events in one transaction (``append_many``):
    the summary follows them as it follows events committed one by one."""
    store = Store()
    protocol = resolve(PROTOCOL)
    clock = FakeClock()
    session_id = store.create(protocol, clock)
    batch: list[ev.Event] = []
    session = Session.start(protocol, PEOPLE, clock, listeners=[batch.append])
    play(session, [("note", 1), ("rate", 2), ("rate", 5), ("note", 4)])
    store.append_many(session_id, batch[:3])
    store.append_many(session_id, batch[3:])
    assert stored_summary(store, session_id) == summarize(session.events)
    (info,) = store.sessions()
    assert (info.notes, info.ratings) == (2, 2)
    store.close()


def version_4_database(home: Path, sessions: list[Session]) -> Path:
    """A database as kollegial wrote it before summaries: the first four migrations only."""
    home.mkdir(mode=0o700)
    path = home / "kollegial.db"
    conn = sqlite3.connect(path)
    for script in MIGRATIONS[:4]:
        conn.executescript(script)
    conn.execute("PRAGMA user_version=4")
    import json

    from kollegial.protocols.model import to_data
    from kollegial.session import events as ev

    for n, session in enumerate(sessions):
        when = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=n)
        cur = conn.execute(
            "INSERT INTO sessions (protocol_id, title, protocol, created_at) VALUES (?, ?, ?, ?)",
            (
                session.protocol.id,
                session.protocol.title,
                json.dumps(to_data(session.protocol)),
                when.isoformat(),
            ),
        )
        conn.executemany(
            "INSERT INTO events VALUES (?, ?, ?, ?)",
            [(cur.lastrowid, i, e.type, ev.to_json(e)) for i, e in enumerate(session.events, 1)],
        )
    conn.commit()
    conn.close()
    path.chmod(0o600)
    return path


def test_migration_5_backfills_every_meeting_from_one_replay(isolated: Path, cli: Cli) -> None:
    """An older database gets a summary per meeting equal to its replay; a log that cannot
    be read gets none and is listed from the log as before."""
    sessions = []
    for n in range(5):
        session = Session.start(resolve(PROTOCOL), [*PEOPLE, f"Person {n}"], FakeClock())
        play(session, [("note", k) for k in range(n)] + [("decide", n)] * (n % 2))
        if n == 3:
            session.end()
        sessions.append(session)
    path = version_4_database(isolated, sessions)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE events SET data = 'inte json' WHERE session_id = 5 AND seq = 2")
    conn.close()

    store = Store()
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    for session_id, session in enumerate(sessions[:4], 1):
        assert stored_summary(store, session_id) == of_session(session), session_id
    assert stored_summary(store, 5) is None
    assert store.conn.execute("SELECT events FROM summaries WHERE session_id = 5").fetchone() == (
        -1,
    )
    store.close()

    listing = cli("sessions")
    assert listing.code == 0, listing
    ids = [line.split()[0] for line in listing.out.splitlines()[1:]]
    assert ids == ["5", "4", "3", "2", "1"]  # newest first
    assert "Person 4" in listing.out and "avslutad" in listing.out


def meetings(count: int, protocols: tuple[str, ...] = ("observationssamtal",)) -> None:
    store = Store()
    for n in range(count):
        clock = FakeClock(datetime(2026, 1, 1, tzinfo=UTC) + timedelta(hours=n))
        protocol = resolve(protocols[n % len(protocols)])
        session_id = store.create(protocol, clock)
        Session.start(protocol, ["Anna", f"P{n}"], clock, listeners=[store.listener(session_id)])
    store.close()


def test_sessions_lists_the_newest_and_says_how_many_more(isolated: Path, cli: Cli) -> None:
    meetings(23)
    listing = cli("sessions")
    rows = listing.out.splitlines()[1:-1]
    assert [r.split()[0] for r in rows] == [str(i) for i in range(23, 3, -1)]
    assert listing.out.splitlines()[-1] == (
        "Äldre möten som inte visas: 3. Visa alla med `--limit 0`."
    )
    assert len(cli("sessions", "--limit", "0").out.splitlines()) == 1 + 23
    few = cli("sessions", "-n", "2", "--lang", "en").out.splitlines()
    assert [r.split()[0] for r in few[1:3]] == ["23", "22"]
    assert few[-1] == "Older meetings not shown: 21. Show them all with `--limit 0`."
    bad = cli("sessions", "--limit", "-3")
    assert bad.code == 2 and "`--limit`" in bad.err and "'-3'" in bad.err


def test_sessions_of_one_protocol(isolated: Path, cli: Cli) -> None:
    meetings(6, ("observationssamtal", "triangulering"))
    listing = cli("sessions", "--protocol", "triangulering", "-n", "2")
    rows = listing.out.splitlines()[1:]
    assert [r.split()[:2] for r in rows[:2]] == [["6", "triangulering"], ["4", "triangulering"]]
    assert rows[-1].startswith("Äldre möten som inte visas: 1.")
    none = cli("sessions", "--protocol", "analys")
    assert none.code == 0 and none.out.strip() == "Inga sparade möten med protokollet analys."


def test_counting_without_a_team_reads_the_summaries_alone(isolated: Path) -> None:
    """Issue 21: "older meetings not shown: N" joined every summary to its session even
    when no team was asked for (20–30 ms at 10,000 meetings); a team filter still joins."""
    meetings(4, ("observationssamtal", "triangulering"))
    store = Store()
    store.set_team(2, "Åk 4–6")
    read: set[str] = set()

    def note_reads(action: int, table: str | None, *_: object) -> int:
        if action == sqlite3.SQLITE_READ and table is not None:
            read.add(table)
        return sqlite3.SQLITE_OK

    store.conn.set_authorizer(note_reads)
    assert store.count_sessions() == 4
    assert store.count_sessions("triangulering") == 2
    assert read == {"summaries"}
    assert store.count_sessions(team="Åk 4–6") == 1
    assert store.count_sessions("observationssamtal", team="") == 2
    assert read == {"summaries", "sessions"}
    store.conn.set_authorizer(None)
    store.close()


def test_the_quick_listing_answers_as_the_store(isolated: Path) -> None:
    """`sessions` reads the summaries through its own light connection (no engine, no
    pydantic); it lists and counts exactly what the store does, for every filter."""
    from kollegial.store.summaries import Summaries

    meetings(7, ("observationssamtal", "triangulering"))
    store = Store()
    store.set_team(3, "Åk 4–6")
    store.set_team(6, "Åk 4–6")
    quick = Summaries()
    for limit in (None, 2):
        for protocol_id in (None, "triangulering", "analys"):
            for team in (None, "Åk 4–6", ""):
                expected = store.sessions(limit, protocol_id, team)
                assert quick.sessions(limit, protocol_id, team) == expected
                assert quick.count_sessions(protocol_id, team) == store.count_sessions(
                    protocol_id, team
                )
    assert quick._store is None  # answered from the summaries alone
    quick.close()
    store.close()
