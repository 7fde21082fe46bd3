"""Engine benchmarks: adding a note including its commit, and the markdown export.

Run: ``python bench/bench_engine.py``. Targets (issue 3): note added incl.
commit p99 ≤ 5 ms; markdown export of a session with 20 participants, 2,000
notes and 18×20 ratings ≤ 100 ms. Each figure stands beside a baseline measured
in the same run: a bare SQLite insert with the same durability for the note,
and a plain ``json.dumps`` of the same notes and ratings for the export.
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import Figure, p99, report, timed

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


def bench_note_commit(folder: Path, n: int = 1000) -> list[Figure]:
    store = Store(folder / "store")
    protocol = resolve("observationssamtal")
    clock = FakeClock()
    sid = store.create(protocol, clock)
    session = Session.start(protocol, PARTICIPANTS[:6], clock, listeners=[store.listener(sid)])
    counter = iter(range(10**9))
    times = timed(lambda: session.add_note(f"Eleverna frågade om {next(counter)}"), n, warmup=20)

    # Baseline: the same durability (WAL, synchronous=FULL), one bare insert + commit.
    raw = sqlite3.connect(folder / "raw.db", isolation_level=None)
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("PRAGMA synchronous=FULL")
    raw.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, data TEXT)")
    payload = json.dumps({"text": "Eleverna frågade om 1", "speaker": "Anna"})
    base = timed(lambda: raw.execute("INSERT INTO t (data) VALUES (?)", (payload,)), n, warmup=20)
    store.close()
    raw.close()
    return [
        Figure(
            "note added incl. commit, p99",
            "ms",
            p99(times),
            5.0,
            p99(base),
            "baseline: bare insert",
        ),
        Figure(
            "note added incl. commit, median",
            "ms",
            statistics.median(times),
            None,
            statistics.median(base),
        ),
    ]


def bench_export() -> list[Figure]:
    from kollegial.export import render_markdown

    session = big_session()
    assert len(session.notes) == 2000
    times = timed(lambda: render_markdown(session), 15)
    data = {
        "notes": [vars(n) | {"at": n.at.isoformat()} for n in session.notes.values()],
        "ratings": session.ratings,
    }
    base = timed(lambda: json.dumps(data, ensure_ascii=False), 15)
    return [
        Figure(
            "markdown export, 20 people, 2,000 notes, 18×20 ratings (median)",
            "ms",
            statistics.median(times),
            100.0,
            statistics.median(base),
            "baseline: json.dumps of notes+ratings",
        )
    ]


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        figures = bench_note_commit(Path(tmp)) + bench_export()
    return report(figures)


if __name__ == "__main__":
    raise SystemExit(main())
