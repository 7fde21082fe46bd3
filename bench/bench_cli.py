"""Command-line start-up: ``--help``, ``list`` and ``validate``, as separate processes.

Each command is the installed ``kollegial`` console script beside this
interpreter; its baseline runs with the same interpreter and in the same
timing plan, interleaved (see ``common.time_commands``). Targets (issue 7):
- ``kollegial --help`` ≤ 1.1× ``bench/minimal_typer.py --help``;
- ``kollegial list`` with 100 protocols in ``KOLLEGIAL_PATH`` ≤ 1.5× ``kollegial --help``;
- ``kollegial validate`` of 1,000 protocol files ≤ 2 s;
- ``kollegial validate`` of one file with 20,000 steps (under the 1 MB cap) ≤ 2 s
  (issue 16: it was quadratic, past a minute).
"""

from __future__ import annotations

import sys
from pathlib import Path

from common import HERE, Figure, bench_env, kollegial_command, median, time_commands

BUNDLED = HERE.parent / "protocols"
SOURCES = ("triangulering", "observationssamtal")


def make_protocols(folder: Path, count: int) -> Path:
    """``count`` distinct valid protocols, made from the bundled ones.

    Each gets its own id (the file name, e.g. ``triangulering-0007``) and its
    own title, so ``list`` shows them all instead of shadowing one by another.
    """
    folder.mkdir(parents=True, exist_ok=True)
    texts = {name: (BUNDLED / f"{name}.yaml").read_text(encoding="utf-8") for name in SOURCES}
    for i in range(count):
        name = SOURCES[i % len(SOURCES)]
        lines = texts[name].splitlines(keepends=True)
        at = next(n for n, line in enumerate(lines) if line.startswith("title: "))
        lines[at] = f"{lines[at].rstrip()} (variant {i:04d})\n"
        (folder / f"{name}-{i:04d}.yaml").write_text("".join(lines), encoding="utf-8")
    return folder


def bench_help(home: str, runs: int) -> list[Figure]:
    kollegial = kollegial_command()
    times = time_commands(
        {
            "kollegial": [kollegial, "--help"],
            "typer": [sys.executable, str(HERE / "minimal_typer.py"), "--help"],
        },
        bench_env(home),
        runs=runs,
        warmup=2,
    )
    return [
        Figure(
            "`kollegial --help`",
            median(times["kollegial"]),
            "ms",
            baseline=median(times["typer"]),
            target=1.1,
            on_ratio=True,
            note=f"baseline: minimal Typer app `--help`; medians of {runs}",
        )
    ]


def bench_list(home: str, tmp: Path, runs: int) -> list[Figure]:
    kollegial = kollegial_command()
    folder = make_protocols(tmp / "list-100", 100)
    times = time_commands(
        {"list": [kollegial, "list"], "help": [kollegial, "--help"]},
        bench_env(home, KOLLEGIAL_PATH=str(folder)),
        runs=runs,
        warmup=2,
    )
    return [
        Figure(
            "`kollegial list`, 100 protocols in KOLLEGIAL_PATH",
            median(times["list"]),
            "ms",
            baseline=median(times["help"]),
            target=1.5,
            on_ratio=True,
            note=f"baseline: `kollegial --help`; medians of {runs}",
        )
    ]


def bench_validate(home: str, tmp: Path, runs: int, warmup: int = 1) -> list[Figure]:
    folder = make_protocols(tmp / "validate-1000", 1000)
    times = time_commands(
        {"validate": [kollegial_command(), "validate", str(folder)]},
        bench_env(home),
        runs=runs,
        warmup=warmup,
    )["validate"]
    return [
        Figure(
            "`kollegial validate`, 1,000 protocol files",
            median(times) / 1000,
            "s",
            target=2.0,
            note=f"whole command, median of {runs}",
        )
    ]


def many_steps(path: Path, count: int) -> Path:
    """One valid protocol with ``count`` steps, in block style, under the 1 MB cap."""
    lines = ["title: Stor", "steps:"]
    lines += [f"- title: S{i}\n  mode: discussion\n  minutes: 1" for i in range(count)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def bench_validate_big(home: str, tmp: Path, runs: int, warmup: int = 1) -> list[Figure]:
    path = many_steps(tmp / "stor.yaml", 20_000)
    times = time_commands(
        {"validate": [kollegial_command(), "validate", str(path)]},
        bench_env(home),
        runs=runs,
        warmup=warmup,
    )["validate"]
    return [
        Figure(
            "`kollegial validate`, one file of 20,000 steps",
            median(times) / 1000,
            "s",
            target=2.0,
            note=f"whole command, median of {runs}; {path.stat().st_size:,} bytes",
        )
    ]
