"""Files that are not what they say, in the places kollegial reads (issue 16, item 3).

A FIFO (opening it waits for a writer, forever), a link to /dev/zero (endless
data, ``st_size`` 0) and a file far too big, given to ``import``, ``validate``
and ``show``, or lying in a ``KOLLEGIAL_PATH`` folder that ``list`` reads. Each
runs the real command in a child process under a time limit and a 1 GB
address-space limit, so a regression fails the test instead of the machine.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

# Each test starts the installed program in a child process, under a memory limit.
pytestmark = pytest.mark.slow

LIMIT = 1 << 30


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))


def kollegial(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kollegial", *args],
        capture_output=True,
        text=True,
        timeout=30,
        env=env,
        preexec_fn=_limit_memory,
        check=False,
    )


@pytest.fixture
def env(isolated: Path) -> dict[str, str]:
    return {**os.environ, "KOLLEGIAL_LANG": "sv"}


def hostile(folder: Path, name: str, kind: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "zero":
        path.symlink_to("/dev/zero")
    else:
        with path.open("wb") as handle:  # sparse: 200 MB on the meter, not on disk
            handle.truncate(200_000_000)
    return path


KINDS = ["fifo", "zero", "big"]
REASON = {
    "fifo": "ingen vanlig fil",
    "zero": "ingen vanlig fil",
    "big": "större än gränsen",
}


@pytest.mark.parametrize("kind", KINDS)
def test_import_reads_only_a_regular_file_of_bounded_size(
    kind: str, env: dict[str, str], tmp_path: Path
) -> None:
    """`import /dev/zero` used 23.8 GB; a 200 MB import took 1 GB."""
    path = hostile(tmp_path / "in", "möte.json", kind)
    r = kollegial("import", str(path), env=env)
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr and "möte.json" in r.stderr
    assert REASON[kind] in r.stderr


@pytest.mark.parametrize("command", ["validate", "show"])
@pytest.mark.parametrize("kind", KINDS)
def test_validate_and_show_refuse_what_is_not_a_protocol_file(
    kind: str, command: str, env: dict[str, str], tmp_path: Path
) -> None:
    path = hostile(tmp_path / "in", "p.yaml", kind)
    r = kollegial(command, str(path), env=env)
    assert r.returncode != 0
    said = r.stdout + r.stderr  # validate reports on stdout, like a linter
    assert "Traceback" not in said and "MemoryError" not in said
    assert "p.yaml:1:1: " in said and REASON[kind] in said


@pytest.mark.parametrize("kind", KINDS)
def test_list_never_blocks_and_names_the_skipped_file(
    kind: str, env: dict[str, str], tmp_path: Path
) -> None:
    """A FIFO in KOLLEGIAL_PATH hung `list` forever; a /dev/zero link ended in MemoryError."""
    folder = tmp_path / "delad"
    hostile(folder, "elak.yaml", kind)
    r = kollegial("list", env={**env, "KOLLEGIAL_PATH": str(folder)})
    assert r.returncode == 0, r.stderr
    assert "triangulering" in r.stdout  # the others are still listed
    assert "elak.yaml" in r.stderr and REASON[kind] in r.stderr
