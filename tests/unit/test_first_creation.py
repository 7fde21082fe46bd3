"""The first database creation does not race (issue 16, item 8): real parallel processes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

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


def test_eight_parallel_imports_into_an_empty_folder_all_succeed(tmp_path: Path) -> None:
    """8 ``kollegial import`` at once into a folder with no database: 8 meetings, no error."""
    home = tmp_path / "home"
    env = {**os.environ, "KOLLEGIAL_HOME": str(home), "KOLLEGIAL_LANG": "sv"}
    golden = DATA / "golden" / "triangulering.json"
    for round_ in range(2):  # the race is a matter of timing: several fresh folders
        env["KOLLEGIAL_HOME"] = str(home / str(round_))
        go = tmp_path / f"go{round_}"
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", DRIVER, str(go), str(golden)],
                env=env,
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(8)
        ]
        while len(list(tmp_path.glob("go*.*"))) < 8 * (round_ + 1):
            time.sleep(0.01)
        go.touch()
        results = [(p.wait(timeout=120), *p.communicate()) for p in procs]
        failures = [err for code, _, err in results if code != 0]
        assert not failures, failures
        ids = sorted(int(out.split(" id ")[1].split(":")[0]) for _, out, _ in results)
        assert ids == list(range(1, 9))
