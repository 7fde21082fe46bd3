"""How each command's cost grows with the data: a municipality's folder (issue 21).

Each figure is measured at three sizes, interleaved with its baseline in the
same run, and shows the cost of one more item beyond the baseline (the "per
item" column). Targets (issue 21), on the largest size unless said:
- ``kollegial list``, warm cache, 1,000 protocols ≤ 3× ``kollegial --help``;
- ``kollegial sessions``, 10,000 meetings ≤ 0.5 s;
- first frame of ``kollegial resume`` of a 10,000-event meeting ≤ 1.3× that of
  a new meeting; at 100,000 events ≤ 2× (a guard on the growth: a meeting
  has hundreds of events);
- exports stay linear: the time per note at 100,000 notes ≤ 1.5× that at 1,000.

The fixtures are made fast through the store (one meeting copied with plain
``INSERT … SELECT`` in one transaction; long meetings imported whole), once per
run in its scratch directory. ``--quick`` measures the smallest and the
largest size only.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from bench_cli import make_protocols
from common import Figure, bench_env, fmt_per_item, kollegial_command, median, time_commands

LIST_SIZES = (10, 100, 1000)
SESSION_SIZES = (100, 1000, 10_000)
EVENT_SIZES = (1000, 10_000, 100_000)
NOTE_SIZES = (1000, 10_000, 100_000)
PEOPLE = ["Anna", "Bo", "Cecilia"]


def sizes(all_sizes: tuple[int, ...], quick: bool) -> tuple[int, ...]:
    return (all_sizes[0], all_sizes[-1]) if quick else all_sizes


def _env_cmd(cmd: list[str], **env: str) -> list[str]:
    """``cmd`` with its own environment variables, by ``env`` (the baseline runs the same way)."""
    return ["/usr/bin/env", *(f"{k}={v}" for k, v in env.items()), *cmd]


def _per_item(value: float, baseline: float, items: int) -> str:
    return fmt_per_item((value - baseline) / items)


# --- list ---------------------------------------------------------------


def bench_list_growth(
    home: str, tmp: Path, runs: int, quick: bool, warmup: int = 1
) -> list[Figure]:
    """``list`` with a warm cache at each size, against ``--help``, in the same rounds."""
    kollegial = kollegial_command()
    env = bench_env(home)
    commands = {"help": _env_cmd([kollegial, "--help"], KOLLEGIAL_PATH="")}
    chosen = sizes(LIST_SIZES, quick)
    for n in chosen:
        folder = make_protocols(tmp / f"protocols-{n}", n)
        commands[f"list {n}"] = _env_cmd([kollegial, "list"], KOLLEGIAL_PATH=str(folder))
    # The first list of each folder validates and caches every file.
    cold = time_commands({n: commands[f"list {n}"] for n in chosen[::-1]}, env, runs=1, warmup=0)[
        chosen[-1]
    ][0]
    times = time_commands(commands, env, runs=runs, warmup=warmup)
    help_ms = median(times["help"])
    figures = []
    for n in chosen:
        value = median(times[f"list {n}"])
        largest = n == chosen[-1]
        figures.append(
            Figure(
                f"`kollegial list`, warm cache, {n:,} protocols",
                value,
                "ms",
                baseline=help_ms,
                target=3.0 if largest else None,
                on_ratio=True,
                per_item=_per_item(value, help_ms, n),
                note=f"baseline: `kollegial --help`; medians of {runs}",
            )
        )
    figures.append(
        Figure(
            f"`kollegial list`, cold cache, {chosen[-1]:,} protocols",
            cold,
            "ms",
            baseline=help_ms,
            per_item=_per_item(cold, help_ms, chosen[-1]),
            note="one run: every file validated and cached",
        )
    )
    return figures


# --- sessions -----------------------------------------------------------


def one_meeting(store: object, notes: int = 5) -> None:
    """Meeting 1: three people, a few notes, ended; through the store as a meeting writes it."""
    from kollegial.protocols.discovery import resolve
    from kollegial.session.clock import FakeClock
    from kollegial.session.session import Session

    protocol = resolve("observationssamtal")
    clock = FakeClock()
    session_id = store.create(protocol, clock)  # type: ignore[attr-defined]
    session = Session.start(
        protocol,
        PEOPLE,
        clock,
        listeners=[store.listener(session_id)],  # type: ignore[attr-defined]
    )
    for k in range(notes):
        session.add_note(f"Eleverna frågade om {k}")
    session.end()


def copy_meeting(store: object, count: int) -> None:
    """Meeting 1 copied until there are ``count``: every table keyed by meeting, one transaction.

    The tables are read from the database, so the same code makes the fixture
    for any schema version (a "before" run on older code included).
    """
    conn = store.conn  # type: ignore[attr-defined]
    tables = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name != 'sessions'"
        )
    ]
    conn.execute("BEGIN IMMEDIATE")
    for table in tables:
        columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
        key = "id" if table == "sessions" else "session_id"
        if key not in columns:
            continue
        select = ", ".join(f"{c} + k.n" if c == key else c for c in columns)
        conn.execute(
            "WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < ?) "
            f"INSERT INTO {table} ({', '.join(columns)}) "
            f"SELECT {select} FROM {table}, k WHERE {key} = 1",
            (count - 1,),
        )
    conn.execute("COMMIT")


def meetings_home(folder: Path, count: int) -> Path:
    from kollegial.store import Store

    store = Store(folder)
    one_meeting(store)
    copy_meeting(store, count)
    assert store.conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == count
    store.close()
    return folder


def bench_sessions_growth(
    home: str, tmp: Path, runs: int, quick: bool, warmup: int = 1
) -> list[Figure]:
    """``sessions`` (as a teacher types it) at each size, against ``--help``."""
    kollegial = kollegial_command()
    commands = {"help": _env_cmd([kollegial, "--help"], KOLLEGIAL_HOME=home)}
    chosen = sizes(SESSION_SIZES, quick)
    for n in chosen:
        folder = meetings_home(tmp / f"meetings-{n}", n)
        commands[f"sessions {n}"] = _env_cmd([kollegial, "sessions"], KOLLEGIAL_HOME=str(folder))
    times = time_commands(commands, bench_env(home), runs=runs, warmup=warmup)
    help_ms = median(times["help"])
    figures = []
    for n in chosen:
        value = median(times[f"sessions {n}"])
        figures.append(
            Figure(
                f"`kollegial sessions`, {n:,} meetings",
                value,
                "ms",
                baseline=help_ms,
                target=500.0 if n == chosen[-1] else None,
                # A machine so loaded that `--help` alone takes seconds: the ratio decides.
                ci_ratio=2.0,
                per_item=_per_item(value, help_ms, n),
                note=f"baseline: `kollegial --help`; medians of {runs}",
            )
        )
    return figures


# --- resume ---------------------------------------------------------------


def long_meetings(folder: Path, counts: tuple[int, ...]) -> dict[int, int]:
    """A new meeting (its start only) and one meeting of each event count; their ids.

    One session is played to the largest count (notes, a step every 100);
    each meeting is a prefix of its log, imported whole.
    """
    from kollegial.protocols.discovery import resolve
    from kollegial.session.clock import FakeClock
    from kollegial.session.session import Session
    from kollegial.store import Store

    protocol = resolve("triangulering")
    clock = FakeClock()
    session = Session.start(protocol, PEOPLE, clock)
    start = len(session.events)
    while len(session.events) < max(counts):
        session.add_note(f"Eleverna frågade om {len(session.events)}")
        if len(session.events) % 100 == 0 and session.current < len(session.plan.steps) - 1:
            session.next_step()
    events = session.events
    store = Store(folder)
    store.conn.execute("PRAGMA synchronous=OFF")  # generating only: resume reads
    ids = {n: store.import_session(protocol, events[:n], clock.now()) for n in (start, *counts)}
    store.close()
    return {0: ids[start], **{n: ids[n] for n in counts}}


def bench_resume_growth(home: str, tmp: Path, runs: int, quick: bool) -> list[Figure]:
    """First frame of ``resume`` for long meetings against that of a new meeting, in a pty."""
    from bench_tui import first_frame

    chosen = sizes(EVENT_SIZES, quick)
    folder = tmp / "resume-home"
    ids = long_meetings(folder, chosen)
    kollegial = kollegial_command()
    marker = "samtalsledare"

    def resume(n: int) -> list[str]:
        return [kollegial, "resume", str(ids[n])]

    # The first resume of an imported meeting replays it all (and keeps a snapshot
    # as it leaves: stopped cleanly).
    first = {n: first_frame(resume(n), marker, str(folder), clean=True) for n in (0, *chosen)}
    times: dict[int, list[float]] = {n: [] for n in (0, *chosen)}
    order = [0, *chosen]
    for i in range(runs):  # interleaved, rotating who goes first
        k = i % len(order)
        for n in order[k:] + order[:k]:
            times[n].append(first_frame(resume(n), marker, str(folder)))
    new = statistics.median(times[0])
    figures = []
    for n in chosen:
        value = statistics.median(times[n])
        target = {10_000: 1.3, 100_000: 2.0}.get(n)
        figures.append(
            Figure(
                f"first frame of `kollegial resume`, {n:,} events",
                value,
                "ms",
                baseline=new,
                target=target,
                on_ratio=True,
                per_item=_per_item(value, new, n),
                note=f"baseline: `resume` of a new meeting; medians of {runs}",
            )
        )
    largest = chosen[-1]
    figures.append(
        Figure(
            f"first frame of `kollegial resume`, {largest:,} events, first after import",
            first[largest],
            "ms",
            baseline=new,
            per_item=_per_item(first[largest], new, largest),
            note="one run: the whole log replayed, a snapshot kept",
        )
    )
    return figures


# --- exports --------------------------------------------------------------


def bench_export_growth(repeat: int, quick: bool) -> list[Figure]:
    """Markdown and JSON exports in-process at each size; the time per note."""
    from kollegial.export import render_json, render_markdown
    from kollegial.protocols.discovery import resolve
    from kollegial.session.clock import FakeClock
    from kollegial.session.session import Session

    chosen = sizes(NOTE_SIZES, quick)
    # (CSV holds the ratings, not the notes: it does not grow with them.)
    formats = {"md": render_markdown, "json": render_json}
    per_note: dict[tuple[str, int], float] = {}
    figures = []
    for n in chosen:
        session = Session.start(resolve("triangulering"), PEOPLE, FakeClock())
        while len(session.notes) < n:
            session.add_note(f"Eleverna frågade om {len(session.notes)} och fick svar")
            if len(session.notes) % 1000 == 0 and session.current < len(session.plan.steps) - 1:
                session.next_step()
        runs = repeat if n < 100_000 else 1 if quick else min(repeat, 3)
        for name, render in formats.items():
            took = []
            for _ in range(runs):
                start = time.perf_counter()
                render(session)
                took.append((time.perf_counter() - start) * 1000)
            value = statistics.median(took)
            per_note[name, n] = value / n
            figures.append(
                Figure(
                    f"{name} export, {n:,} notes",
                    value,
                    "ms",
                    per_item=fmt_per_item(value / n),
                    note=f"in-process, median of {runs}",
                )
            )
    small, large = chosen[0], chosen[-1]
    for name in formats:
        figures.append(
            Figure(
                f"{name} export: time per note at {large:,} notes vs at {small:,}",
                per_note[name, large] * 1000,
                "µs",
                baseline=per_note[name, small] * 1000,
                target=1.5,
                on_ratio=True,
                note="linear growth: ratio about 1",
            )
        )
    return figures


if __name__ == "__main__":
    import run

    growth = "list-growth,sessions-growth,resume-growth,export-growth"
    raise SystemExit(run.main(["--only", growth, *sys.argv[1:]]))
