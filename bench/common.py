"""Helpers shared by the benchmarks: timing loops and a realistic session."""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Figure:
    name: str
    unit: str
    value: float
    target: float | None = None
    baseline: float | None = None
    note: str = ""

    @property
    def ok(self) -> bool:
        return self.target is None or self.value <= self.target

    def row(self) -> str:
        base = f"{self.baseline:.3f}" if self.baseline is not None else "—"
        target = f"≤ {self.target:g}" if self.target is not None else "—"
        verdict = "ok" if self.ok else "MISSED"
        cells = [self.name, f"{self.value:.3f} {self.unit}", base, target, verdict, self.note]
        return "| " + " | ".join(cells) + " |"


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


def report(figures: list[Figure]) -> int:
    """Print the figures as a markdown table; 0 when every target is met."""
    print("| figure | value | baseline | target | verdict | note |")
    print("|---|---|---|---|---|---|")
    for f in figures:
        print(f.row())
    print(f"\nmachine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    return 0 if all(f.ok for f in figures) else 1
