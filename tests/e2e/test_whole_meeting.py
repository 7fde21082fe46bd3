"""A whole triangulation by script, killed half-way, resumed, and exported by the command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA, ROOT

KOLLEGIAL = Path(sys.executable).parent / "kollegial"
DRIVER = DATA / "drive_triangulation.py"


@pytest.mark.slow
def test_killed_half_way_resumed_and_exported(isolated: Path) -> None:
    """SIGKILL after the first corner loses nothing; the export shows the whole meeting."""
    env = {**os.environ, "KOLLEGIAL_HOME": str(isolated), "PYTHONPATH": str(ROOT)}
    first = subprocess.Popen(
        [sys.executable, str(DRIVER), "first"], env=env, stdout=subprocess.PIPE, text=True
    )
    assert first.stdout is not None
    assert first.stdout.readline().startswith("HALF")
    first.kill()
    first.wait()
    second = subprocess.run(
        [sys.executable, str(DRIVER), "second"], env=env, capture_output=True, text=True, timeout=60
    )
    assert second.returncode == 0, second.stderr
    md = subprocess.run(
        [str(KOLLEGIAL), "export"], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert "- **Samtalsledare:** Anna" in md and "- **Tidshållare:** Bo" in md
    for note in (
        "Hörn 1: analysen stannar vid eleverna",
        "Hörn 2: vi planerar tillsammans men utvärderar var för sig",
        "Hörn 3: rektor är sällan med när vi lär av varandra",
        "Vi börjar med lektionsstudier i januari",
    ):
        assert note in md
    assert "planerat 10 min · använt 10 min" in md  # the rating step, planned next to actual
    assert md.count("| Nr | Påstående | 1 | 2 | 3 | 4 |") == 3  # a ratings table per corner
    sessions = subprocess.run(
        [str(KOLLEGIAL), "sessions"], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert "avslutad" in sessions
