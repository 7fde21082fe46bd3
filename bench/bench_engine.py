"""Engine benchmarks: adding a note including its commit, and the markdown export.

Run through ``python bench/run.py`` (``--only note,export``); ``python
bench/bench_engine.py`` is a shortcut for exactly that. Targets (issue 3): note added incl.
commit p99 ≤ 5 ms; markdown export of a session with 20 participants, 2,000
notes and 18×20 ratings ≤ 100 ms. Each figure stands beside a baseline measured
in the same run: a bare SQLite insert with the same durability for the note
(interleaved with the notes),
and a plain ``json.dumps`` of the same notes and ratings for the export.
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import sys
import time
from pathlib import Path

from common import Figure, p99, timed

from kollegial.protocols.discovery import resolve
from kollegial.session import FakeClock, Session
from kollegial.store import Store

PARTICIPANTS = [f"Deltagare {i}" for i in range(1, 21)]


def big_session(store: Store | None = None) -> Session:
    """A triangulation with 20 people, all 18×20 ratings and 2,000 notes."""
    protocol = resolve("triangulering")
    clock = FakeClock()
    listeners = []
    if store is not None:
        sid = store.create(protocol, clock)
        listeners.append(store.listener(sid))
    session = Session.start(protocol, PARTICIPANTS, clock, listeners=listeners)
    session.next_step()
    statements = session.rated_statements()
    for i, person in enumerate(PARTICIPANTS):
        for j, st in enumerate(statements):
            session.set_rating(person, st, 1 + (i + j) % 4)
    for n in range(2000):
        if n % 250 == 0 and session.current + 1 < len(session.plan):
            session.next_step()
        clock.advance(1)
        session.add_note(f"Anteckning {n}: eleverna | *visade* <b>{n}</b> och # frågade")
    return session


def bench_note_commit(folder: Path, n: int) -> list[Figure]:
    """``Session.add_note`` through the real store, against a bare insert, same durability."""
    store = Store(folder / "store")
    protocol = resolve("observationssamtal")
    clock = FakeClock()
    sid = store.create(protocol, clock)
    session = Session.start(protocol, PARTICIPANTS[:6], clock, listeners=[store.listener(sid)])
    counter = iter(range(10**9))

    # Baseline: the same durability (WAL, synchronous=FULL), one bare insert + commit.
    raw = sqlite3.connect(folder / "raw.db", isolation_level=None)
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("PRAGMA synchronous=FULL")
    raw.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, data TEXT)")
    payload = json.dumps({"text": "Eleverna frågade om 1", "speaker": "Anna"})

    def note() -> None:
        session.add_note(f"Eleverna frågade om {next(counter)}")

    def bare() -> None:
        raw.execute("INSERT INTO t (data) VALUES (?)", (payload,))

    # Interleaved, so a stall of the disk hits both alike.
    times: list[float] = []
    base: list[float] = []
    for i in range(20 + n):
        for fn, out in ((note, times), (bare, base)) if i % 2 else ((bare, base), (note, times)):
            start = time.perf_counter()
            fn()
            if i >= 20:  # the first 20 of each warm up
                out.append((time.perf_counter() - start) * 1000)
    store.close()
    raw.close()
    return [
        Figure(
            f"note added incl. commit, p99 of {n}",
            p99(times),
            "ms",
            baseline=p99(base),
            target=5.0,
            note="baseline: bare SQLite insert, WAL, synchronous=FULL",
            ci_ratio=3.0,
        ),
        Figure(
            f"note added incl. commit, median of {n}",
            statistics.median(times),
            "ms",
            baseline=statistics.median(base),
            note="baseline: the same bare insert",
        ),
    ]


def bench_export(repeat: int) -> list[Figure]:
    """``render_markdown`` of a big session, against ``json.dumps`` of its notes and ratings."""
    from kollegial.export import render_markdown

    session = big_session()
    assert len(session.notes) == 2000
    times = timed(lambda: render_markdown(session), repeat)
    data = {
        "notes": [vars(n) | {"at": n.at.isoformat()} for n in session.notes.values()],
        "ratings": session.ratings,
    }
    base = timed(lambda: json.dumps(data, ensure_ascii=False), repeat)
    return [
        Figure(
            "markdown export, 20 people, 2,000 notes, 18×20 ratings",
            statistics.median(times),
            "ms",
            baseline=statistics.median(base),
            target=100.0,
            note=f"median of {repeat}; baseline: json.dumps of notes and ratings",
        )
    ]


if __name__ == "__main__":
    import run

    raise SystemExit(run.main(["--only", "note,export", *sys.argv[1:]]))
