"""Issue 19 in a real pseudo-terminal: a team's second meeting opens with what the first agreed."""

from __future__ import annotations

import subprocess
import time

import pexpect
import pytest

from tests.e2e.test_pty import KOLLEGIAL, env, spawn

__all__ = ["env"]  # the fixture, shared with test_pty


def _quit(child: pexpect.spawn) -> None:
    time.sleep(0.5)
    child.send("q")
    child.expect("Avsluta")
    child.send("j")
    child.expect("Mötet är sparat")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


@pytest.mark.slow
def test_the_team_is_remembered_and_its_development_area_followed_up(env: dict[str, str]) -> None:
    """run --team, agree in the decision step; the next run (no --team) shows it on step 1."""
    child = spawn(env, "run", "observationssamtal", "--participants", "Anna,Bo", "--team", "Åk 4–6")
    for _ in range(5):
        time.sleep(0.3)
        child.send("\x1b[C")  # → to the decision step
    child.expect("Utvecklingsområde")
    child.send("i")
    child.send("Tydliga mål på tavlan")
    child.send("\r")
    child.expect("Tydliga mål på tavlan")
    child.send("\x1b")
    _quit(child)
    second = spawn(env, "run", "observationssamtal", "--participants", "Anna,Bo", "--quiet")
    second.expect("Förra gången")
    second.expect("enades ni om")
    second.expect("Tydliga mål på tavlan")
    _quit(second)
    listed = subprocess.run(
        [str(KOLLEGIAL), "sessions", "--team", "Åk 4–6"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert [line.split()[0] for line in listed.splitlines()[1:]] == ["2", "1"]  # newest first
