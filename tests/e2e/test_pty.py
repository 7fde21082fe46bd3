"""The installed command in a real pseudo-terminal, driven by keys as a leader would."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pexpect
import pytest

KOLLEGIAL = Path(sys.executable).parent / "kollegial"


@pytest.fixture
def env(isolated: Path) -> dict[str, str]:
    return {
        **os.environ,
        "KOLLEGIAL_HOME": str(isolated),
        "TERM": "xterm-256color",
        "LANG": "sv_SE.UTF-8",
    }


def spawn(env: dict[str, str], *args: str) -> pexpect.spawn:
    child = pexpect.spawn(
        str(KOLLEGIAL), list(args), env=env, dimensions=(35, 120), encoding="utf-8", timeout=20
    )
    child.expect("TALAR NU")
    return child


def export(env: dict[str, str]) -> str:
    """What `kollegial export` prints for the latest meeting."""
    return subprocess.run(
        [str(KOLLEGIAL), "export"], env=env, capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.slow
def test_a_note_written_in_the_tui_reaches_the_export(env: dict[str, str]) -> None:
    """run, n, i + note + enter, escape, q, j: the note is in `kollegial export`."""
    child = spawn(env, "run", "observationssamtal", "--participants", "Anna,Bo,Cecilia", "--quiet")
    child.send("n")
    child.expect("stått över")
    child.send("i")
    child.send("Eleverna förklarar för varandra")
    child.send("\r")
    child.expect("• Bo: Eleverna")
    child.send("\x1b")
    # A lone ESC followed at once by a key reads as alt+key; a person pauses.
    time.sleep(0.5)
    child.send("q")
    child.expect("Avsluta")
    child.send("j")
    child.expect("Mötet är sparat")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "Bo: Eleverna förklarar för varandra" in export(env)


@pytest.mark.slow
def test_sigterm_leaves_cleanly_and_keeps_everything(env: dict[str, str]) -> None:
    """SIGTERM mid-meeting: the process exits on its own and the note is saved."""
    child = spawn(env, "run", "observationssamtal", "--participants", "Anna,Bo", "--quiet")
    child.send("i")
    child.send("Sparas före stängning\r")
    # The typed text echoes in the field before enter is handled; the note is
    # saved once it shows in the notes list, as "• text".
    child.expect("• Anna: Sparas före")
    child.send("\x1b")
    child.kill(15)
    child.expect(pexpect.EOF)
    child.close()
    assert "Sparas före stängning" in export(env)


@pytest.mark.slow
def test_a_second_leader_is_refused(env: dict[str, str]) -> None:
    """resume of a session already open elsewhere is refused with a clear message."""
    child = spawn(env, "run", "observationssamtal", "--participants", "Anna,Bo", "--quiet")
    second = subprocess.run(
        [str(KOLLEGIAL), "resume", "1"], env=env, capture_output=True, text=True, timeout=20
    )
    assert second.returncode == 1
    assert "redan öppet" in second.stderr
    child.send("q")
    child.expect("Avsluta")
    child.send("j")
    child.expect(pexpect.EOF)
