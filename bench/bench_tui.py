"""TUI benchmarks in a real pseudo-terminal, each against a baseline in the same run.

Run: ``python bench/bench_tui.py [--long] [--only first-frame|keypress|idle|timer]``.
Targets (issue 4):
- first frame of ``kollegial run`` ≤ 1.3× a minimal Textual app's first frame;
- key press → repaint: median ≤ 50 ms (100 presses);
- timer: the shown time never differs from the true remaining time by ≥ 1 s,
  with pauses and extensions, on the real clock (60 s by default, 60 min with --long);
- idle CPU ≤ 2 % of a core; RSS ≤ 60 MiB (the minimal app's RSS beside it).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pexpect

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from common import Figure, report  # noqa: E402

KOLLEGIAL = str(Path(sys.executable).parent / "kollegial")
SIZE = (35, 120)


def env(home: str) -> dict[str, str]:
    return {**os.environ, "KOLLEGIAL_HOME": home, "TERM": "xterm-256color", "KOLLEGIAL_LANG": "sv"}


def first_frame(cmd: list[str], marker: str, home: str) -> float:
    start = time.perf_counter()
    child = pexpect.spawn(cmd[0], cmd[1:], env=env(home), dimensions=SIZE, timeout=30)
    child.expect(marker)
    took = time.perf_counter() - start
    child.terminate(force=True)
    return took * 1000


def bench_first_frame(home: str, runs: int = 7) -> Figure:
    app = [KOLLEGIAL, "run", "triangulering", "--participants", "Anna,Bo,Cecilia", "--quiet"]
    base = [sys.executable, str(HERE / "minimal_app.py")]
    ours, theirs = [], []
    first_frame(app, "samtalsledare", home)  # warm the file cache for both
    first_frame(base, "minimal", home)
    for _ in range(runs):  # interleaved, so machine load hits both alike
        ours.append(first_frame(app, "samtalsledare", home))
        theirs.append(first_frame(base, "minimal", home))
    ratio = statistics.median(ours) / statistics.median(theirs)
    return Figure(
        "first frame, ratio to a minimal Textual app",
        "×",
        ratio,
        1.3,
        1.0,
        f"median {statistics.median(ours):.0f} ms vs {statistics.median(theirs):.0f} ms",
    )


def bench_keypress(home: str, presses: int = 100) -> Figure:
    child = pexpect.spawn(
        KOLLEGIAL,
        ["run", "observationssamtal", "--participants", "Anna,Bo,Cecilia,David", "--quiet"],
        env=env(home),
        dimensions=SIZE,
        timeout=30,
    )
    child.expect("TALAR NU")
    time.sleep(1.0)
    _drain(child, 0.3)
    times = []
    for _ in range(presses):
        child.send("n")
        start = time.perf_counter()
        child.read_nonblocking(1, timeout=5)  # the first byte of the repaint
        times.append((time.perf_counter() - start) * 1000)
        _drain(child, 0.08)
    child.terminate(force=True)
    return Figure(
        "key press → repaint (median of 100)",
        "ms",
        statistics.median(times),
        50.0,
        None,
        f"p95 {statistics.quantiles(times, n=20)[18]:.1f} ms",
    )


def _drain(child: pexpect.spawn, seconds: float) -> None:
    end = time.time() + seconds
    while time.time() < end:
        with contextlib.suppress(pexpect.TIMEOUT):
            child.read_nonblocking(65536, timeout=0.02)


def bench_idle(home: str, seconds: float = 10.0) -> list[Figure]:
    def measure(cmd: list[str], marker: str) -> tuple[float, float]:
        child = pexpect.spawn(cmd[0], cmd[1:], env=env(home), dimensions=SIZE, timeout=30)
        child.expect(marker)
        time.sleep(2.0)
        ticks = os.sysconf("SC_CLK_TCK")

        def cpu() -> float:
            fields = Path(f"/proc/{child.pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / ticks

        before, t0 = cpu(), time.perf_counter()
        _drain(child, seconds)
        used = (cpu() - before) / (time.perf_counter() - t0)
        rss = (
            next(
                int(line.split()[1])
                for line in Path(f"/proc/{child.pid}/status").read_text().splitlines()
                if line.startswith("VmRSS")
            )
            / 1024
        )
        child.terminate(force=True)
        return used * 100, rss

    cpu, rss = measure(
        [KOLLEGIAL, "run", "observationssamtal", "--participants", "Anna,Bo,Cecilia", "--quiet"],
        "TALAR NU",
    )
    base_cpu, base_rss = measure([sys.executable, str(HERE / "minimal_app.py")], "minimal")
    return [
        Figure("idle CPU, timer running", "%", cpu, 2.0, base_cpu, "baseline: minimal app"),
        Figure("RSS during a meeting", "MiB", rss, 60.0, base_rss, "baseline: minimal app"),
    ]


def bench_timer(duration: float, home: str) -> Figure:
    """Sample the shown timer against the session's true remaining time on the real clock."""
    from kollegial.protocols.discovery import resolve
    from kollegial.session.clock import SystemClock
    from kollegial.tui.app import make_app
    from kollegial.tui.widgets.bigtimer import BigTimer

    def parse(text: str) -> int:
        sign = -1 if text.startswith("+") else 1
        parts = [int(p) for p in text.lstrip("+").split(":")]
        seconds = 0
        for p in parts:
            seconds = seconds * 60 + p
        return sign * seconds

    worst = 0.0
    samples = 0

    async def run() -> None:
        nonlocal worst, samples
        app = make_app(
            resolve("observationssamtal"), ["Anna", "Bo"], clock=SystemClock(), quiet=True
        )
        rng = random.Random(7)
        async with app.run_test(size=(120, 35)) as pilot:
            end = time.monotonic() + duration
            next_action = time.monotonic() + rng.uniform(2, 6)
            while time.monotonic() < end:
                await asyncio.sleep(rng.uniform(0.01, 0.09))
                if time.monotonic() > next_action:
                    await pilot.press(rng.choice(["space", "space", "plus", "minus"]))
                    next_action = time.monotonic() + rng.uniform(2, 6)
                    await asyncio.sleep(0.05)  # the press's repaint is part of the key figure
                    continue
                shown = parse(app.screen.query_one("#timer", BigTimer).value)
                remaining = app.session.remaining()
                assert remaining is not None
                worst = max(worst, abs(shown - remaining))
                samples += 1

    asyncio.run(run())
    return Figure(
        f"timer: worst |shown − true| over {duration:.0f} s ({samples} samples)",
        "s",
        worst,
        0.999,
        None,
        "pauses and ±minute at random times",
    )


def main() -> int:
    long = "--long" in sys.argv
    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else None
    with tempfile.TemporaryDirectory() as home:
        benches = {
            "first-frame": lambda: [bench_first_frame(home)],
            "keypress": lambda: [bench_keypress(home)],
            "idle": lambda: bench_idle(home),
            "timer": lambda: [bench_timer(3600.0 if long else 60.0, home)],
        }
        figures = [f for name, run in benches.items() if only in (None, name) for f in run()]
    return report(figures)


if __name__ == "__main__":
    raise SystemExit(main())
