"""`kollegial report` over a generated data folder of 1,000 meetings, and how its cost grows.

Run through ``python bench/run.py --only report``; ``python bench/bench_report.py``
is a shortcut for exactly that. Targets (issue 19): the whole command over
1,000 meetings in under 2 s, and a cost that grows linearly: the time per
meeting at 1,000 meetings at most 1.3 × the time per meeting at 250.

Baselines from the same run: ``kollegial sessions`` over the same folder (a
command that reads every meeting's row and participants), and for the growth
figure the bare read of the same event rows (``sqlite3`` and ``json.loads``).

The folder is made by ``Store.import_session``, as ``kollegial import`` makes a
principal's: each meeting's outcome (what the report reads of it) is kept with
it, so the figure is the report as it runs after the imports. The first report
over a database of older code replays every log once (BENCHMARKS.md).
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from common import Figure, bench_env, kollegial_command, median, time_commands

from kollegial.protocols.discovery import resolve
from kollegial.session import FakeClock, Session
from kollegial.session.events import Event
from kollegial.store import Store

TEAMS = ("Åk 1–3", "Åk 4–6", "Åk 7–9", "Fritids")
PEOPLE = ["Anna", "Bo", "Cecilia", "David", "Eva"]
START = datetime(2020, 8, 17, 14, 0, tzinfo=UTC)


def _triangulation() -> list[Event]:
    clock = FakeClock(START)
    s = Session.start(resolve("triangulering"), PEOPLE, clock)
    s.appoint("samtalsledare", "Anna")
    s.next_step()
    for i, person in enumerate(PEOPLE):
        for j, statement in enumerate(s.rated_statements()):
            s.set_rating(person, statement, 1 + (i * 7 + j * 3) % 4)
        clock.advance(120)
    while not s.ended:
        clock.advance(290)
        s.next_step()
    return list(s.events)


def _observation() -> list[Event]:
    clock = FakeClock(START)
    s = Session.start(resolve("observationssamtal"), PEOPLE[:4], clock, focus="Övergångar")
    for _ in range(5):
        s.add_note("Eleverna börjar arbeta direkt efter genomgången.")
        clock.advance(300)
        s.next_step()
    s.set_decision("Tydliga mål och en tydlig övergång till eget arbete.")
    clock.advance(300)
    s.next_step()
    return list(s.events)


def make_folder(folder: Path, meetings: int) -> Path:
    """A data folder of ``meetings`` meetings of four teams, over years: 3 in 5 triangulations."""
    store = Store(folder)
    store.conn.execute("PRAGMA synchronous=OFF")  # generating only: the report reads
    templates = [
        (resolve("triangulering"), _triangulation()),
        (resolve("observationssamtal"), _observation()),
    ]
    for n in range(meetings):
        protocol, events = templates[0 if n % 5 < 3 else 1]
        shift = timedelta(days=2 * n)
        moved = [dataclasses.replace(e, at=e.at + shift) for e in events]
        store.import_session(protocol, moved, START + shift, team=TEAMS[n % len(TEAMS)])
    store.close()
    return folder


def first_meetings(big: Path, folder: Path, meetings: int) -> Path:
    """The data folder ``make_folder(folder, meetings)`` makes, cut out of a bigger one.

    Meetings are imported in order, so the first ``meetings`` of ``big`` are
    the same; a copy of its database without the rest, compacted, costs a
    fraction of importing them again.
    """
    store = Store(folder)
    store.conn.close()  # opened: the folder as the store lays it out, then replaced
    db = folder / "kollegial.db"
    for path in folder.glob("kollegial.db*"):
        path.unlink()
    src = sqlite3.connect(big / "kollegial.db")
    src.execute("VACUUM INTO ?", (str(db),))
    src.close()
    db.chmod(0o600)
    conn = sqlite3.connect(db, isolation_level=None)
    tables = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    conn.execute("BEGIN")
    for table in tables:
        columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
        key = "id" if table == "sessions" else "session_id"
        if key in columns:
            conn.execute(f"DELETE FROM {table} WHERE {key} > ?", (meetings,))
    conn.execute("COMMIT")
    conn.execute("VACUUM")
    assert conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == meetings
    conn.close()
    return folder


def _in_process(folder: Path) -> float:
    """Seconds for reading, building and rendering the HTML report, in this process."""
    from kollegial.export.report import StoredMeeting, build_report
    from kollegial.export.report_render import render_report_html

    t0 = time.perf_counter()
    store = Store(folder)
    meetings = [
        StoredMeeting(id=i, team=team, created_at=created, protocol=protocol, outcome=outcome)
        for i, team, created, protocol, outcome in store.outcomes(FakeClock())
    ]
    render_report_html(build_report(meetings), "sv")
    store.close()
    return time.perf_counter() - t0


def _bare_read(folder: Path) -> float:
    t0 = time.perf_counter()
    conn = sqlite3.connect(folder / "kollegial.db")
    for (data,) in conn.execute("SELECT data FROM events ORDER BY session_id, seq"):
        json.loads(data)
    conn.close()
    return time.perf_counter() - t0


def bench_report(tmp: Path, runs: int) -> list[Figure]:
    big = make_folder(tmp / "report-1000", 1000)
    times = time_commands(
        {
            "report": [kollegial_command(), "report", "-o", str(tmp / "rapport.html")],
            "sessions": [kollegial_command(), "sessions"],
        },
        bench_env(str(big)),
        runs=runs,
        warmup=1,
    )
    small = first_meetings(big, tmp / "report-250", 250)
    per: dict[str, list[float]] = {"250": [], "1000": [], "bare250": [], "bare1000": []}
    for _ in range(max(3, runs // 2)):  # interleaved, so a busy moment hits both sizes
        per["250"].append(_in_process(small) / 250)
        per["1000"].append(_in_process(big) / 1000)
        per["bare250"].append(_bare_read(small) / 250)
        per["bare1000"].append(_bare_read(big) / 1000)
    growth = statistics.median(per["1000"]) / statistics.median(per["250"])
    bare_growth = statistics.median(per["bare1000"]) / statistics.median(per["bare250"])
    return [
        Figure(
            "`kollegial report`, 1,000 meetings (4 teams, HTML)",
            median(times["report"]) / 1000,
            "s",
            baseline=median(times["sessions"]) / 1000,
            target=2.0,
            # On a loaded machine both commands slow down alike: the ratio judges the code.
            ci_ratio=2.5,
            note=f"whole command, median of {runs}; baseline: `kollegial sessions`, same folder",
        ),
        Figure(
            "report: time per meeting at 1,000 ÷ at 250",
            growth,
            "×",
            baseline=bare_growth,
            target=1.3,
            note=(
                f"in process, median of {len(per['250'])}: "
                f"{statistics.median(per['250']) * 1e3:.2f} ms vs "
                f"{statistics.median(per['1000']) * 1e3:.2f} ms a meeting; "
                "baseline: the same ratio for the bare read of the event rows"
            ),
        ),
    ]


if __name__ == "__main__":
    import run

    raise SystemExit(run.main(["--only", "report", *sys.argv[1:]]))
