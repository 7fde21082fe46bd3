"""Every benchmark in one command, each figure beside its baseline from the same run.

    python bench/run.py [--quick] [--check] [--long] [--only NAME[,NAME]] [--markdown]

Prints one table (figure, value, baseline, ratio, target, verdict, note) and
the machine line, and exits non-zero when a target is missed or a benchmark
crashes. ``--check`` is CI's mode: a figure fails only beyond its target times
a generous margin (ratios × 1.5, absolute times and CPU × 2, memory × 1.25;
see ``common.py``). ``--quick`` runs fewer repetitions and a 10-second timer
(CI runs ``--quick --check``); ``--long`` runs the timer for 60 minutes.

Needs the package installed into this interpreter's venv (``pip install -e
'.[test]'``): the start-up figures run its ``kollegial`` console script. Uses
hyperfine when it is on PATH (``BENCH_NO_HYPERFINE=1`` forces the suite's own loop).

The package is byte-compiled first, as pip compiles an installed wheel: with
``PYTHONDONTWRITEBYTECODE`` set (as on some CI machines) an editable checkout
would otherwise be compiled from source at every start, which no user's
installation does, while the baselines' libraries are compiled.
"""

from __future__ import annotations

import argparse
import compileall
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    ABSOLUTE_MARGIN,
    MEMORY_MARGIN,
    RATIO_MARGIN,
    Figure,
    machine_line,
    table,
    timing_tool,
)


@dataclass(frozen=True)
class Settings:
    """How many repetitions each benchmark makes."""

    startup_runs: int  # --help and list, each against its baseline
    validate_runs: int
    first_frame_runs: int
    presses: int
    import_presses: int  # keys typed during the 10,000-file import
    idle_seconds: float
    timer_seconds: float
    notes: int
    exports: int
    growth_runs: int  # each size of the growth figures (issue 21)
    growth_quick: bool  # only the smallest and the largest size
    warmup: int  # rounds dropped before the validate and growth commands' measured ones
    unjudged: bool  # figures no target judges that cost runs of their own


DEFAULT = Settings(15, 5, 15, 100, 40, 10.0, 60.0, 1000, 15, 7, False, 1, True)
# Quick: no warm-up round where the files are warm already (validate's were
# just written; each growth size gets one cold run first) and the median of
# 4 drops an odd first run anyway; a 10 s timer still sees 2–4 presses; the
# first frame without its no-argument baseline, which no target judges.
QUICK = Settings(7, 2, 5, 30, 20, 4.0, 10.0, 300, 5, 4, True, 0, False)
LONG_TIMER = 3600.0


@dataclass(frozen=True)
class Bench:
    name: str
    what: str
    run: Callable[[Settings, Path, Path], list[Figure]]  # settings, fresh home, scratch dir


def _help(s: Settings, home: Path, tmp: Path) -> list[Figure]:
    from bench_cli import bench_help

    return bench_help(str(home), s.startup_runs)


def _list(s: Settings, home: Path, tmp: Path) -> list[Figure]:
    from bench_cli import bench_list

    return bench_list(str(home), tmp, s.startup_runs)


def _validate(s: Settings, home: Path, tmp: Path) -> list[Figure]:
    from bench_cli import bench_validate

    return bench_validate(str(home), tmp, s.validate_runs, s.warmup)


def _validate_big(s: Settings, home: Path, tmp: Path) -> list[Figure]:
    from bench_cli import bench_validate_big

    return bench_validate_big(str(home), tmp, s.validate_runs, s.warmup)


def _first_frame(s: Settings, home: Path, tmp: Path) -> list[Figure]:
    from bench_tui import bench_first_frame

    return bench_first_frame(str(home), s.first_frame_runs, bare=s.unjudged)


def _keypress(s: Settings, home: Path, tmp: Path) -> list[Figure]:
    from bench_tui import bench_keypress

    return bench_keypress(str(home), s.presses)


def _import_keys(s: Settings, home: Path, tmp: Path) -> list[Figure]:
    from bench_tui import bench_import_keys

    return bench_import_keys(str(home), tmp, s.import_presses)


def _phone_keys(s: Settings, home: Path, tmp: Path) -> list[Figure]:
    from bench_phones import bench_phone_keys

    return bench_phone_keys(str(home), 4 if s.growth_quick else 12, s.import_presses)


def _idle(s: Settings, home: Path, tmp: Path) -> list[Figure]:
    from bench_tui import bench_idle

    return bench_idle(str(home), s.idle_seconds)


def _timer(s: Settings, home: Path, tmp: Path) -> list[Figure]:
    from bench_tui import bench_timer

    return bench_timer(s.timer_seconds)


def _note(s: Settings, home: Path, tmp: Path) -> list[Figure]:
    from bench_engine import bench_note_commit

    return bench_note_commit(tmp, s.notes)


def _export(s: Settings, home: Path, tmp: Path) -> list[Figure]:
    from bench_engine import bench_export

    return bench_export(s.exports)


def _report(s: Settings, home: Path, tmp: Path) -> list[Figure]:
    from bench_report import bench_report

    return bench_report(tmp, s.validate_runs)


def _list_growth(s: Settings, home: Path, tmp: Path) -> list[Figure]:
    from bench_growth import bench_list_growth

    return bench_list_growth(str(home), tmp, s.growth_runs, s.growth_quick, s.warmup)


def _sessions_growth(s: Settings, home: Path, tmp: Path) -> list[Figure]:
    from bench_growth import bench_sessions_growth

    return bench_sessions_growth(str(home), tmp, s.growth_runs, s.growth_quick, s.warmup)


def _resume_growth(s: Settings, home: Path, tmp: Path) -> list[Figure]:
    from bench_growth import bench_resume_growth

    return bench_resume_growth(str(home), tmp, s.growth_runs, s.growth_quick)


def _export_growth(s: Settings, home: Path, tmp: Path) -> list[Figure]:
    from bench_growth import bench_export_growth

    return bench_export_growth(s.growth_runs, s.growth_quick)


BENCHES = [
    Bench("help", "`kollegial --help` vs a minimal Typer app", _help),
    Bench("list", "`kollegial list`, 100 protocols, vs `kollegial --help`", _list),
    Bench("validate", "`kollegial validate` of 1,000 files", _validate),
    Bench("validate-big", "`kollegial validate` of one file of 20,000 steps", _validate_big),
    Bench(
        "first-frame",
        "first frame of `kollegial run` vs Typer starting a one-widget Textual app",
        _first_frame,
    ),
    Bench("keypress", "key press → repaint in a pty", _keypress),
    Bench("import-keys", "key press → repaint during a 10,000-file ratings import", _import_keys),
    Bench("phone-keys", "key press → repaint while 30 phones send at once", _phone_keys),
    Bench("idle", "idle CPU and RSS during a meeting", _idle),
    Bench("timer", "shown vs true remaining time on the real clock", _timer),
    Bench("note", "note added incl. commit", _note),
    Bench("export", "markdown export of a big session", _export),
    Bench("report", "`kollegial report` over 1,000 meetings, and its growth", _report),
    Bench("list-growth", "`kollegial list` at 10/100/1,000 protocols vs `--help`", _list_growth),
    Bench(
        "sessions-growth",
        "`kollegial sessions` at 100/1,000/10,000 meetings vs `--help`",
        _sessions_growth,
    ),
    Bench(
        "resume-growth",
        "first frame of `kollegial resume` at 1k/10k/100k events vs a new meeting",
        _resume_growth,
    ),
    Bench("export-growth", "md and json exports at 1k/10k/100k notes", _export_growth),
]
NAMES = [b.name for b in BENCHES]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="python bench/run.py",
        description="Run kollegial's benchmarks and judge each figure against its target.",
        epilog="benchmarks: " + ", ".join(NAMES),
    )
    p.add_argument("--quick", action="store_true", help="fewer runs and a 10 s timer (CI)")
    p.add_argument(
        "--check",
        action="store_true",
        help=(
            f"fail only beyond target × {RATIO_MARGIN:g} (ratios), × {ABSOLUTE_MARGIN:g} "
            f"(times, CPU) or × {MEMORY_MARGIN:g} (memory): catches regressions, not noise"
        ),
    )
    p.add_argument("--long", action="store_true", help="run the timer for 60 minutes")
    p.add_argument("--only", metavar="NAME[,NAME]", type=_names, help="run only these benchmarks")
    p.add_argument("--markdown", action="store_true", help="print the table as markdown")
    return p.parse_args(argv)


def _names(text: str) -> list[str]:
    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in NAMES]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown benchmark {', '.join(unknown) or '(none)'}; choose from {', '.join(NAMES)}"
        )
    return names


def settings_for(args: argparse.Namespace) -> Settings:
    s = QUICK if args.quick else DEFAULT
    if args.long:
        s = Settings(**{**vars(s), "timer_seconds": LONG_TIMER})
    return s


def _run_all(
    chosen: list[Bench], settings: Settings, tmp: Path
) -> tuple[list[Figure], list[str], dict[str, float]]:
    """Each benchmark with its own fresh data folder and scratch directory; its seconds."""
    figures: list[Figure] = []
    errors: list[str] = []
    took: dict[str, float] = {}
    for bench in chosen:
        print(f"… {bench.name}: {bench.what}", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        scratch = tmp / bench.name
        scratch.mkdir()
        try:
            figures += bench.run(settings, scratch / "home", scratch)
        except Exception as exc:  # one broken benchmark must not hide the others
            traceback.print_exc()
            errors.append(f"{bench.name}: {type(exc).__name__}: {exc}")
        took[bench.name] = time.perf_counter() - t0
        print(f"  {took[bench.name]:.1f} s", file=sys.stderr, flush=True)
    return figures, errors, took


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    settings = settings_for(args)
    chosen = [b for b in BENCHES if args.only is None or b.name in args.only]
    started = time.perf_counter()
    import kollegial  # the installed package the console script runs

    for folder in (Path(kollegial.__file__).parent, Path(__file__).resolve().parent):
        compileall.compile_dir(folder, quiet=1)
    saved = {k: os.environ.get(k) for k in ("KOLLEGIAL_HOME", "KOLLEGIAL_PATH")}
    with tempfile.TemporaryDirectory(prefix="kollegial-bench-") as tmp:
        # The in-process benchmarks (timer, note, export) resolve protocols and
        # must not see the user's own folders either.
        os.environ["KOLLEGIAL_HOME"] = str(Path(tmp) / "home-in-process")
        os.environ.pop("KOLLEGIAL_PATH", None)
        try:
            figures, errors, per_bench = _run_all(chosen, settings, Path(tmp))
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
    took = time.perf_counter() - started

    print(table(figures, check=args.check, markdown=args.markdown))
    mode = ["quick" if args.quick else "default", *(["long timer"] if args.long else [])]
    if args.check:
        mode.append(
            f"check: CI limit = target × {RATIO_MARGIN:g} (ratios), × {ABSOLUTE_MARGIN:g} "
            f"(times, CPU), × {MEMORY_MARGIN:g} (memory)"
        )
    print()
    print(f"{machine_line()}; timing: {timing_tool()}; {', '.join(mode)}; took {took:.0f} s")
    print("seconds per benchmark: " + ", ".join(f"{n} {t:.1f}" for n, t in per_bench.items()))
    for err in errors:
        print(f"ERROR {err}")
    failed = [f.name for f in figures if f.verdict(args.check)[1]]
    if failed or errors:
        print(f"\nfailed: {', '.join(failed + [e.split(':')[0] for e in errors])}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
