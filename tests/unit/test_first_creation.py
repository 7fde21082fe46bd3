"""The first database creation does not race (issue 16, item 8): real parallel processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import DATA, ROOT

# Each process loads everything first, then waits for the same moment to start,
# so the eight really open the empty folder at once (Python's start-up alone
# would spread them over a second).
DRIVER = """
import os, sys, time
from kollegial.cli import main
import kollegial.store.db, kollegial.export  # noqa: F401
go = sys.argv[1]
open(go + "." + str(os.getpid()), "w").close()
while not os.path.exists(go):
    time.sleep(0.001)
main(["import", sys.argv[2]])
"""


def meetings(tmp_path: Path) -> list[Path]:
    """Eight exports of eight different meetings (each started a minute after the last)."""
    data = json.loads((DATA / "golden" / "triangulering.json").read_text(encoding="utf-8"))
    paths = []
    for n in range(8):
        data["created_at"] = f"2026-11-24T14:{n:02d}:00Z"
        path = tmp_path / f"meeting-{n}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


def import_at_once(tmp_path: Path, home: Path, files: list[Path]) -> list[tuple[int, str, str]]:
    """``kollegial import`` of each file, all in the same moment: (exit code, stdout, stderr)."""
    env = {**os.environ, "KOLLEGIAL_HOME": str(home), "KOLLEGIAL_LANG": "sv"}
    go = tmp_path / f"go-{home.name}"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", DRIVER, str(go), str(path)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for path in files
    ]
    while len(list(tmp_path.glob(f"{go.name}.*"))) < len(files):
        time.sleep(0.01)
    go.touch()
    return [(p.wait(timeout=120), *p.communicate()) for p in procs]


@pytest.mark.slow
def test_eight_parallel_imports_into_an_empty_folder_all_succeed(tmp_path: Path) -> None:
    """8 ``kollegial import`` at once into a folder with no database: 8 meetings, no error."""
    files = meetings(tmp_path)
    for round_ in range(2):  # the race is a matter of timing: several fresh folders
        results = import_at_once(tmp_path, tmp_path / f"home{round_}", files)
        failures = [err for code, _, err in results if code != 0]
        assert not failures, failures
        ids = sorted(int(out.split(" id ")[1].split(":")[0]) for _, out, _ in results)
        assert ids == list(range(1, 9))


@pytest.mark.slow
def test_one_file_imported_eight_times_at_once_is_stored_once(tmp_path: Path) -> None:
    """The copy check runs in the import's own transaction: one import, seven refusals."""
    golden = DATA / "golden" / "triangulering.json"
    results = import_at_once(tmp_path, tmp_path / "home", [golden] * 8)
    assert sorted(code for code, _, _ in results) == [0] + [1] * 7
    refused = [err for code, _, err in results if code != 0]
    assert all("redan importerad: mötet finns som id 1" in err for err in refused), refused
