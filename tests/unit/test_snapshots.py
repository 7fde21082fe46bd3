"""Issue 21: a snapshot of a meeting's state plus the events after it equals a full replay.

``resume`` of a long meeting restores the latest snapshot the store keeps and
replays only the tail; a snapshot of another engine, or one that does not read
back, is ignored and the whole log replayed.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kollegial.protocols.discovery import resolve
from kollegial.session.clock import FakeClock
from kollegial.session.session import Session
from kollegial.session.snapshot import SnapshotError, dump, restore
from kollegial.store import Store
from tests.unit.test_summaries import OPS, play

PROTOCOLS = ["kapacitet", "sista-ordet", "analys", "lararledarskap"]
"""Ratings and decisions; a pass per participant; rounds; roles passed round."""
PEOPLE = ["Anna", "Bo", "Cia"]


def state(session: Session) -> dict[str, Any]:
    """Everything a session is, its whole log included; not its clock or listeners."""
    skip = {"clock", "listeners", "_events", "_earlier", "_live"}
    out = {k: v for k, v in vars(session).items() if k not in skip}
    out["events"] = list(session.events)
    return out


def meeting(name: str, ops: list[tuple[str, int]]) -> Session:
    session = Session.start(resolve(name), PEOPLE, FakeClock())
    play(session, ops)
    return session


# Slow: 60 generated meetings, each replayed whole and from a snapshot (2 s or more).
@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(name=st.sampled_from(PROTOCOLS), ops=OPS, cut=st.floats(0, 1))
def test_snapshot_and_tail_equal_a_full_replay(
    name: str, ops: list[tuple[str, int]], cut: float
) -> None:
    """Cut the log anywhere: the state at the cut, as text, then the rest of the log."""
    live = meeting(name, ops)
    events = list(live.events)
    k = int(cut * len(events))
    protocol = live.protocol
    clock = FakeClock()
    text = dump(Session.replay(protocol, events[:k], clock))
    restored = restore(protocol, text, clock, lambda: events[:k])
    assert restored.applied == k
    resumed = Session.replay(protocol, events[k:], clock, since=restored)
    assert state(resumed) == state(Session.replay(protocol, events, clock))


def test_a_live_meetings_snapshot_is_the_replayed_state() -> None:
    """Written during the meeting, running timers and all, it reads back as replay leaves it."""
    live = meeting("analys", [("next", 2), ("note", 1), ("note", 2)])
    clock = FakeClock()
    restored = restore(live.protocol, dump(live), clock, lambda: list(live.events))
    full = Session.replay(live.protocol, live.events, clock)
    assert state(restored) == state(full)


def test_text_of_another_engine_is_refused() -> None:
    live = meeting("kapacitet", [("note", 1)])
    text = dump(live).replace('"applied"', '"gone"')
    with pytest.raises(SnapshotError):
        restore(live.protocol, text, FakeClock(), list)
    with pytest.raises(SnapshotError):
        restore(live.protocol, "{not json", FakeClock(), list)


# Slow: 15 generated meetings, each through a real store (2 s or more).
@pytest.mark.slow
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=OPS)
def test_the_store_resumes_from_its_latest_snapshot(ops: list[tuple[str, int]]) -> None:
    """Snapshots every 7 events, written at the timer checkpoints of a real meeting."""
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp))
        store.snapshot_every = 7
        protocol = resolve("kapacitet")
        clock = FakeClock()
        session_id = store.create(protocol, clock)
        session = Session.start(protocol, PEOPLE, clock, listeners=[store.listener(session_id)])
        for n in range(0, len(ops), 3):
            play(session, ops[n : n + 3])
            store.checkpoint(session_id, session)
        loaded = store.load(session_id, FakeClock())
        seq = store.conn.execute("SELECT MAX(seq) FROM snapshots").fetchone()[0] or 0
        assert seq == (0 if len(session.events) < 7 else loaded.applied - len(loaded._events))
        assert (loaded._earlier is not None) == (seq > 0)  # the part before is not read yet
        full = Session.replay(protocol, store.events(session_id), FakeClock())
        assert state(loaded) == state(full)
        store.close()


def long_meeting(store: Store, notes: int) -> tuple[int, Session]:
    protocol = resolve("kapacitet")
    session_id = store.create(protocol, FakeClock())
    session = Session.start(protocol, PEOPLE, FakeClock(), listeners=[store.listener(session_id)])
    for n in range(notes):
        session.add_note(f"anteckning {n}")
    store.checkpoint(session_id, session)
    return session_id, session


def test_a_snapshot_of_another_engine_or_damaged_is_ignored(isolated: Path) -> None:
    store = Store()
    store.snapshot_every = 10
    session_id, session = long_meeting(store, 30)
    full = state(Session.replay(session.protocol, session.events, FakeClock()))
    assert store.load(session_id, FakeClock())._earlier is not None

    store.conn.execute("UPDATE snapshots SET engine = 'kollegial 0.1'")
    loaded = store.load(session_id, FakeClock())
    assert loaded._earlier is None and state(loaded) == full
    # The load wrote this engine's snapshot in its place (the tail was long).
    assert store.load(session_id, FakeClock())._earlier is not None

    store.conn.execute('UPDATE snapshots SET state = \'{"state": {}, "notes": []}\'')
    loaded = store.load(session_id, FakeClock())
    assert loaded._earlier is None and state(loaded) == full
    store.close()


def test_an_imported_long_meeting_gets_a_snapshot_at_its_first_load(isolated: Path) -> None:
    store = Store()
    store.snapshot_every = 10
    live = meeting("kapacitet", [("note", n) for n in range(25)])
    session_id = store.import_session(live.protocol, live.events, FakeClock().now())
    assert store.load(session_id, FakeClock())._earlier is None
    again = store.load(session_id, FakeClock())
    assert again._earlier is not None
    assert state(again) == state(Session.replay(live.protocol, live.events, FakeClock()))
    store.close()


def test_deleting_a_meeting_deletes_its_snapshot(isolated: Path) -> None:
    """A snapshot holds the notes: it goes with the meeting (personal data)."""
    store = Store()
    store.snapshot_every = 10
    session_id, _ = long_meeting(store, 30)
    assert store.conn.execute("SELECT COUNT(*) FROM snapshots").fetchone()[0] == 1
    store.delete(session_id)
    assert store.conn.execute("SELECT COUNT(*) FROM snapshots").fetchone()[0] == 0
    assert b"anteckning 7" not in store.path.read_bytes()
    store.close()


def test_a_state_that_cannot_be_kept_never_stops_the_meeting(isolated: Path) -> None:
    """A value the snapshot cannot write (a newer engine's, say): no snapshot, no error."""
    store = Store()
    store.snapshot_every = 20
    session_id, session = long_meeting(store, 5)
    assert store.conn.execute("SELECT COUNT(*) FROM snapshots").fetchone()[0] == 0
    session.focus = object()  # type: ignore[assignment]
    for n in range(20):
        session.add_note(f"mer {n}")
    store.checkpoint(session_id, session)
    assert store.conn.execute("SELECT COUNT(*) FROM snapshots").fetchone()[0] == 0
    store.close()


def test_earlier_events_that_cannot_be_read_are_asked_for_again() -> None:
    """A damaged log raises where the whole log is needed, and nothing is dropped silently."""
    live = meeting("kapacitet", [("note", n) for n in range(5)])
    events = list(live.events)
    tries: list[int] = []

    def earlier() -> list[Any]:
        tries.append(1)
        if len(tries) == 1:
            raise OSError("disk")
        return events[:6]

    text = dump(Session.replay(live.protocol, events[:6], FakeClock()))
    restored = restore(live.protocol, text, FakeClock(), earlier)
    resumed = Session.replay(live.protocol, events[6:], FakeClock(), since=restored)
    with pytest.raises(OSError):
        _ = resumed.events
    assert resumed.events == events and len(tries) == 2
