"""What the benchmarks share: a figure and its verdict, timing loops, the table.

A figure either has an absolute target (``note added ≤ 5 ms``) or a target on
its ratio to a baseline measured in the same run (``first frame ≤ 1.3× a
minimal Textual app``). ``--check`` (CI) only fails a figure beyond a generous
margin over its target, so that machine noise cannot flake CI while a real
regression still does: see ``RATIO_MARGIN`` and ``ABSOLUTE_MARGIN``.
"""

from __future__ import annotations

import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

# --check fails a figure only when it is beyond its target times a margin.
# Ratios are already corrected for the machine's speed, so a smaller margin
# suffices; absolute times and CPU shares carry the machine's speed and the
# noise of a shared runner. Memory hardly varies from run to run, so its
# margin is tighter (a figure sets it with ``ci_margin``).
RATIO_MARGIN = 1.5
ABSOLUTE_MARGIN = 2.0
MEMORY_MARGIN = 1.25

HERE = Path(__file__).resolve().parent


@dataclass
class Figure:
    """One measured figure; ``baseline`` is in the same unit, from the same run."""

    name: str
    value: float
    unit: str
    baseline: float | None = None
    target: float | None = None
    on_ratio: bool = False  # the target applies to value / baseline
    note: str = ""
    ci_margin: float | None = None  # overrides RATIO_MARGIN / ABSOLUTE_MARGIN
    # An absolute figure beyond its CI limit still passes --check when its
    # ratio to the baseline is within this: the machine was slow, not the code
    # (a loaded disk makes every fsync slow, the bare insert's too).
    ci_ratio: float | None = None
    per_item: str = ""  # growth figures (issue 21): the cost of one more item, formatted

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline <= 0:
            return None
        return self.value / self.baseline

    @property
    def judged(self) -> float | None:
        """The number the target applies to."""
        return self.ratio if self.on_ratio else self.value

    @property
    def margin(self) -> float:
        if self.ci_margin is not None:
            return self.ci_margin
        return RATIO_MARGIN if self.on_ratio else ABSOLUTE_MARGIN

    def verdict(self, check: bool = False) -> tuple[str, bool]:
        """The verdict's text, and whether it fails the run.

        Without ``check`` a missed target fails. With ``check`` a figure fails
        only beyond ``target × margin``; a miss within the margin is reported.
        """
        judged = self.judged
        if self.target is None or judged is None:
            return "—", False
        if judged <= self.target:
            return "ok", False
        if not check:
            return "MISSED", True
        limit = self.target * self.margin
        if judged <= limit:
            return f"missed (CI limit {self._fmt_target(limit)})", False
        ratio = self.ratio
        if self.ci_ratio is not None and ratio is not None and ratio <= self.ci_ratio:
            return f"missed (slow machine: ratio within CI limit {self.ci_ratio:g}×)", False
        return f"REGRESSED (CI limit {self._fmt_target(limit)})", True

    def _fmt_target(self, x: float) -> str:
        return f"{x:.4g}×" if self.on_ratio else f"{x:.4g} {self.unit}"

    def cells(self, check: bool = False) -> list[str]:
        ratio = self.ratio
        return [
            self.name,
            fmt(self.value, self.unit),
            fmt(self.baseline, self.unit) if self.baseline is not None else "—",
            f"{ratio:.2f}×" if ratio is not None else "—",
            self.per_item or "—",
            f"≤ {self._fmt_target(self.target)}" if self.target is not None else "—",
            self.verdict(check)[0],
            self.note,
        ]


def fmt(value: float, unit: str) -> str:
    """A value with about three significant digits, never in exponent form."""
    if unit == "s":
        return f"{value:.3f} s"
    digits = 0 if abs(value) >= 100 else 1 if abs(value) >= 10 else 2
    return f"{value:.{digits}f} {unit}"


COLUMNS = ["figure", "value", "baseline", "ratio", "per item", "target", "verdict", "note"]


def table(figures: Sequence[Figure], check: bool = False, markdown: bool = False) -> str:
    rows = [f.cells(check) for f in figures]
    if markdown:
        lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in rows]
        return "\n".join(lines)
    widths = [max(len(r[i]) for r in [COLUMNS, *rows]) for i in range(len(COLUMNS))]
    right = {1, 2, 3, 4}  # numbers line up on the right

    def line(cells: list[str]) -> str:
        pairs = enumerate(zip(cells, widths, strict=True))
        return "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in pairs).rstrip()

    return "\n".join([line(COLUMNS), line(["-" * w for w in widths]), *map(line, rows)])


def machine_line() -> str:
    return (
        f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}; {date.today().isoformat()}"
    )


# -- timing ---------------------------------------------------------------


def timed(fn: Callable[[], object], repeat: int, warmup: int = 2) -> list[float]:
    """Wall times in milliseconds of ``repeat`` calls after ``warmup`` unmeasured ones."""
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[98] if len(values) >= 100 else max(values)


def hyperfine() -> str | None:
    """The hyperfine binary, unless absent or disabled with ``BENCH_NO_HYPERFINE=1``."""
    if os.environ.get("BENCH_NO_HYPERFINE"):
        return None
    return shutil.which("hyperfine")


def timing_tool() -> str:
    exe = hyperfine()
    if exe is None:
        return "own loop (hyperfine not found)"
    version = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout
    return version.strip() or "hyperfine"


def interleaved_plan(names: Sequence[str], warmup: int, runs: int) -> list[str]:
    """The order to run commands in: every command once per round, rotating which goes first.

    Interleaving spreads machine load over the measured command and its
    baseline alike; rotating keeps one from always running right after the other.
    """
    plan = []
    for r in range(warmup + runs):
        k = r % len(names)
        plan += list(names[k:]) + list(names[:k])
    return plan


def time_commands(
    commands: Mapping[str, Sequence[str]],
    env: Mapping[str, str],
    runs: int,
    warmup: int = 1,
) -> dict[str, list[float]]:
    """Wall times in ms of each command (stdout and stderr discarded), interleaved.

    With hyperfine (``-N``, no shell in between) one hyperfine call runs the
    whole interleaved plan, one run per listed command; without it, the same
    plan runs in this process's own loop. The first ``warmup`` rounds are dropped.
    """
    names = list(commands)
    plan = interleaved_plan(names, warmup, runs)
    exe = hyperfine()
    if exe is not None:
        times = _hyperfine_times(exe, [commands[n] for n in plan], env)
    else:
        times = [_own_time(commands[n], env) for n in plan]
    skip = warmup * len(names)
    out: dict[str, list[float]] = {n: [] for n in names}
    for name, ms in zip(plan[skip:], times[skip:], strict=True):
        out[name].append(ms)
    return out


def _own_time(cmd: Sequence[str], env: Mapping[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        list(cmd),
        env=dict(env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
    )
    return (time.perf_counter() - start) * 1000


def _hyperfine_times(exe: str, cmds: list[Sequence[str]], env: Mapping[str, str]) -> list[float]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "hyperfine.json"
        argv = [exe, "-N", "--runs", "1", "--style", "none", "--export-json", str(out)]
        argv += [shlex.join(c) for c in cmds]
        done = subprocess.run(argv, env=dict(env), capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"hyperfine failed:\n{done.stderr.strip()}")
        results = json.loads(out.read_text())["results"]
    return [r["times"][0] * 1000 for r in results]


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def fmt_per_item(ms: float) -> str:
    """The time of one item, in the unit that keeps it readable."""
    if abs(ms) >= 1:
        return f"{ms:.2f} ms"
    return f"{ms * 1000:.1f} µs"


def bench_env(home: str, **extra: str) -> dict[str, str]:
    """The environment for every command: a private data folder, Swedish, a real terminal type."""
    env = {**os.environ, "KOLLEGIAL_HOME": home, "TERM": "xterm-256color", "KOLLEGIAL_LANG": "sv"}
    env.pop("KOLLEGIAL_PATH", None)
    env.update(extra)
    return env


def kollegial_command() -> str:
    """The installed ``kollegial`` console script beside this interpreter."""
    script = Path(sys.executable).parent / "kollegial"
    if not script.exists():
        raise SystemExit(f"{script} not found: install kollegial into this venv (pip install -e .)")
    return str(script)
