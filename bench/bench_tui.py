"""The meeting screen in a real pseudo-terminal, each figure against a baseline where one fits.

Targets (issues 4 and 7):
- first frame of ``kollegial run`` ≤ 1.3× a Typer command starting a one-widget
  Textual app (issue 15);
- key press → repaint: median ≤ 50 ms (100 presses);
- timer: the shown time never differs from the true remaining time by ≥ 1 s,
  with pauses and extensions, on the real clock;
- idle CPU ≤ 2 % of a core; RSS ≤ 60 MiB (the minimal app's beside them).

Run through ``python bench/run.py`` (``--only first-frame,keypress,idle,timer``);
``python bench/bench_tui.py`` is a shortcut for exactly that.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import signal
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import pexpect
from common import HERE, MEMORY_MARGIN, Figure, bench_env, kollegial_command

SIZE = (35, 120)
PARTICIPANTS = "Anna,Bo,Cecilia"


def first_frame(cmd: list[str], marker: str, home: str, clean: bool = False) -> float:
    """Milliseconds from spawning ``cmd`` in a pty until ``marker`` shows (``clean``: ``stop``)."""
    start = time.perf_counter()
    child = pexpect.spawn(cmd[0], cmd[1:], env=bench_env(home), dimensions=SIZE, timeout=30)
    child.expect(marker)
    took = time.perf_counter() - start
    stop(child, clean)
    return took * 1000


def stop(child: pexpect.spawn, clean: bool = False) -> None:
    """End ``child`` and reap it, without pexpect's fixed waits (no figure measures this).

    pexpect's ``terminate`` waits 0.1 s after each of SIGHUP, SIGCONT and
    SIGINT in turn, and ``close`` 0.1 s more: about 0.4 s a run. Killed
    outright instead; ``clean``: as a closed terminal window (SIGHUP), waited
    for until the app has left (it saves the meeting's checkpoint and snapshot).
    """
    if clean:
        with contextlib.suppress(ProcessLookupError):
            child.kill(signal.SIGHUP)
        end = time.perf_counter() + 10
        while child.isalive() and time.perf_counter() < end:
            with contextlib.suppress(pexpect.TIMEOUT, pexpect.EOF):
                child.read_nonblocking(65536, timeout=0.01)  # a full pty would block its exit
    if child.isalive():
        child.kill(signal.SIGKILL)
        child.wait()
    child.ptyproc.delayafterclose = 0  # reaped already: nothing to wait for
    child.close(force=True)


def bench_first_frame(home: str, runs: int, bare: bool = True) -> list[Figure]:
    """``kollegial run`` against ``minimal_typer_app.py``, interleaved, after one warm-up each.

    The baseline is Typer starting a one-widget Textual app with one argument
    (``run ID``); with ``bare``, the same app with no argument to convert is
    measured in the same rounds and reported beside it (no target judges it:
    CI's quick form leaves it out). ``home`` must be
    fresh: the warm-up run of ``kollegial run`` is also reported on its own,
    as the first run in a new data folder.
    """
    app = [kollegial_command(), "run", "triangulering", "--participants", PARTICIPANTS, "--quiet"]
    minimal = [sys.executable, str(HERE / "minimal_typer_app.py")]
    base = [*minimal, "run", "triangulering"]
    no_argument = [*minimal, "bare"]
    cold = first_frame(app, "samtalsledare", home)  # also warms the file cache for all
    ours: list[float] = []
    theirs: list[float] = []
    bares: list[float] = []
    group = [(app, "samtalsledare", ours), (base, "minimal", theirs)]
    if bare:
        group.append((no_argument, "minimal", bares))
    for cmd, marker, _ in group[1:]:
        first_frame(cmd, marker, home)
    for i in range(runs):  # interleaved, rotating who goes first, so load hits all alike
        k = i % len(group)
        for cmd, marker, out in group[k:] + group[:k]:
            out.append(first_frame(cmd, marker, home))
    figures = [
        Figure(
            "first frame of `kollegial run` in a pty",
            statistics.median(ours),
            "ms",
            baseline=statistics.median(theirs),
            target=1.3,
            on_ratio=True,
            note=f"baseline: Typer command (one argument) starting a one-widget Textual app; "
            f"medians of {runs}",
        ),
    ]
    if bare:
        figures.append(
            Figure(
                "first frame, against the baseline without an argument",
                statistics.median(ours),
                "ms",
                baseline=statistics.median(bares),
                note=f"baseline: the same Typer + Textual app, no parameter to convert; "
                f"medians of {runs}",
            )
        )
    figures.append(
        Figure(
            "first frame, first run in a fresh KOLLEGIAL_HOME",
            cold,
            "ms",
            baseline=statistics.median(ours),
            note="one run, before the warm-up; baseline: the warm median",
        )
    )
    return figures


def bench_keypress(home: str, presses: int) -> list[Figure]:
    """``n`` (next speaker) in a round step: key written to the pty → first byte of the repaint."""
    child = pexpect.spawn(
        kollegial_command(),
        ["run", "observationssamtal", "--participants", "Anna,Bo,Cecilia,David", "--quiet"],
        env=bench_env(home),
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
    stop(child)
    return [
        Figure(
            f"key press → repaint, median of {presses}",
            statistics.median(times),
            "ms",
            target=50.0,
            note=f"p95 {statistics.quantiles(times, n=20)[18]:.1f} ms",
        )
    ]


RATINGS = HERE.parent / "tests" / "data" / "ratings" / "anna-triangulering.ratings.yaml"


def many_ratings_files(folder: Path, count: int) -> Path:
    """``count`` well-formed ratings files for triangulering, one person each."""
    folder.mkdir(parents=True, exist_ok=True)
    text = RATINGS.read_text(encoding="utf-8")
    for i in range(count):
        (folder / f"p{i:05}.ratings.yaml").write_text(
            text.replace("name: Anna", f"name: Person {i}"), encoding="utf-8"
        )
    return folder


def bench_import_keys(home: str, tmp: Path, presses: int, files: int = 10_000) -> list[Figure]:
    """Key → repaint while the room's ratings are imported from ``files`` files (issue 16).

    In a pty, read by a terminal emulator (pyte): the import dialog reads the
    folder; meanwhile a Q is typed into its field and taken out again with
    backspace, each key timed from writing it to the pty until the emulated
    screen shows the change. Keys go on until the import's summary is on
    screen, so the taking in at the end counts too. The baseline is the same
    keys in the same dialog before the import starts.
    """
    import pyte

    folder = many_ratings_files(tmp / "ratings", files)
    child = pexpect.spawn(
        kollegial_command(),
        ["run", "triangulering", "--participants", PARTICIPANTS, "--quiet"],
        env=bench_env(home),
        dimensions=SIZE,
        timeout=60,
    )
    term = _Terminal(child, pyte.Screen(SIZE[1], SIZE[0]))
    term.wait_for("Steg 1 av")
    time.sleep(1.0)
    child.send("\x1b[C")  # → to the rating step
    time.sleep(0.5)
    child.send("f")
    term.wait_for("Importera värderingar")
    time.sleep(0.3)
    child.send("\x15")  # ctrl+u: an empty field
    time.sleep(0.3)
    idle = [term.key_to_screen(key, want) for _ in range(presses) for key, want in _Q_AND_BACK]
    child.send(str(folder))
    time.sleep(0.3)
    cpu_before = _cpu_seconds(child.pid)
    child.send("\r")
    time.sleep(0.3)
    term.wait_for("Läst")
    times: list[float] = []
    while "filer importerade" not in term.text():
        times += [term.key_to_screen(key, want) for key, want in _Q_AND_BACK]
        if len(times) > 4000:
            raise RuntimeError("the import did not end")
    cpu = _cpu_seconds(child.pid) - cpu_before
    stop(child)
    if len(times) < 20:
        raise RuntimeError(f"the import ended after {len(times)} keys: too few to measure")
    return [
        Figure(
            f"key → repaint during a {files:,}-file ratings import, slowest of {len(times)}",
            max(times),
            "ms",
            baseline=max(idle),
            target=100.0,
            # The slowest of a few dozen keys moves with the machine's load (a
            # busy runner: 160-280 ms before and after the same change). An
            # import back on the screen's loop stalls keys for seconds: that
            # still fails.
            ci_ratio=3.0,
            note=f"median {statistics.median(times):.1f} ms, p90 "
            f"{statistics.quantiles(times, n=10)[8]:.1f} ms; baseline: {len(idle)} keys before "
            f"the import (slowest; median {statistics.median(idle):.1f} ms); pty + pyte; "
            f"the screen's process used {cpu:.1f} s of CPU during the import",
        )
    ]


_Q_AND_BACK = (("Q", 1), ("\x7f", 0))
"""A Q typed, then erased: the count of Qs on screen each key must lead to."""


class _Terminal:
    """A pexpect child's output fed into a pyte screen."""

    def __init__(self, child: pexpect.spawn, screen: Any) -> None:
        import pyte

        self.child, self.screen, self.stream = child, screen, pyte.ByteStream(screen)

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def read(self, timeout: float) -> None:
        with contextlib.suppress(pexpect.TIMEOUT):
            self.stream.feed(self.child.read_nonblocking(65536, timeout=timeout))

    def wait_for(self, text: str, seconds: float = 60.0) -> None:
        end = time.perf_counter() + seconds
        while text not in self.text():
            if time.perf_counter() > end:
                raise RuntimeError(f"{text!r} did not show")
            self.read(0.05)

    def key_to_screen(self, key: str, qs: int) -> float:
        """ms from writing ``key`` until the screen shows ``qs`` Qs."""
        end = time.perf_counter() + 0.05
        while time.perf_counter() < end:  # whatever was still coming
            self.read(0.01)
        self.child.send(key)
        start = time.perf_counter()
        while self.text().count("Q") != qs:
            if time.perf_counter() - start > 30:
                raise RuntimeError(f"{key!r} never showed")
            self.read(0.005)
        return (time.perf_counter() - start) * 1000


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time of process ``pid`` so far (Linux: /proc), not its children's."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _drain(child: pexpect.spawn, seconds: float) -> None:
    end = time.time() + seconds
    while time.time() < end:
        with contextlib.suppress(pexpect.TIMEOUT):
            child.read_nonblocking(65536, timeout=0.02)


def bench_idle(home: str, seconds: float) -> list[Figure]:
    """CPU share and RSS over ``seconds`` while the step's timer runs, beside the minimal app.

    Both apps run at once, measured over the same window: each one's CPU is
    its own process's (``/proc``), and two idle apps leave a core each plenty.
    """
    ticks = os.sysconf("SC_CLK_TCK")

    def start(cmd: list[str], marker: str) -> pexpect.spawn:
        child = pexpect.spawn(cmd[0], cmd[1:], env=bench_env(home), dimensions=SIZE, timeout=30)
        child.expect(marker)
        return child

    def cpu(child: pexpect.spawn) -> float:
        fields = Path(f"/proc/{child.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / ticks

    def rss(child: pexpect.spawn) -> float:
        status = Path(f"/proc/{child.pid}/status").read_text().splitlines()
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024

    app = [kollegial_command(), "run", "observationssamtal", "--participants", PARTICIPANTS]
    ours = start([*app, "--quiet"], "TALAR NU")
    base = start([sys.executable, str(HERE / "minimal_app.py")], "minimal")
    time.sleep(2.0)
    before, t0 = [cpu(ours), cpu(base)], time.perf_counter()
    end = t0 + seconds
    while time.perf_counter() < end:  # both screens read, so neither waits on a full pty
        for child in (ours, base):
            _drain(child, 0.02)
    took = time.perf_counter() - t0
    used = [(cpu(c) - b) / took * 100 for c, b in zip((ours, base), before, strict=True)]
    sizes = [rss(ours), rss(base)]
    stop(ours)
    stop(base)
    note = f"over {seconds:.0f} s, both at once; baseline: minimal Textual app"
    return [
        Figure("idle CPU, step timer running", used[0], "%", used[1], target=2.0, note=note),
        Figure(
            "RSS during a meeting",
            sizes[0],
            "MiB",
            sizes[1],
            target=60.0,
            note=note,
            ci_margin=MEMORY_MARGIN,
        ),
    ]


def bench_timer(duration: float) -> list[Figure]:
    """Sample the shown timer against the session's true remaining time on the real clock.

    The app runs headless in this process, sampled every 10–90 ms for
    ``duration`` seconds while space, + and - are pressed at random moments.
    """
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
    return [
        Figure(
            f"timer: worst |shown − true| over {_duration(duration)}",
            worst,
            "s",
            target=0.999,
            note=f"{samples} samples; pauses and ±minute at random times",
        )
    ]


def _duration(seconds: float) -> str:
    return f"{seconds / 60:.0f} min" if seconds >= 120 else f"{seconds:.0f} s"


if __name__ == "__main__":
    import run

    raise SystemExit(run.main(["--only", "first-frame,keypress,idle,timer", *sys.argv[1:]]))
