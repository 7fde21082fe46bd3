"""Issue 15: the meeting screen never starts without a terminal, and SIGTERM always ends us.

Without a terminal the full-screen UI spun at ~93 % CPU, grew without bound and
ignored SIGTERM. Now `run` and `resume` refuse at once (exit 2, a message) when
stdin or stdout is not a terminal, and SIGTERM ends any kollegial process
promptly, leaving the terminal as it found it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import termios
import time
from pathlib import Path

import pexpect
import pytest

from tests.conftest import DATA

KOLLEGIAL = Path(sys.executable).parent / "kollegial"


def env_for(home: Path) -> dict[str, str]:
    return {**os.environ, "KOLLEGIAL_HOME": str(home), "TERM": "xterm-256color"}


def with_a_session(home: Path) -> None:
    subprocess.run(
        [str(KOLLEGIAL), "import", str(DATA / "golden" / "triangulering.json")],
        env=env_for(home),
        capture_output=True,
        check=True,
    )


SCREEN_COMMANDS = {
    "run --participants": ["run", "triangulering", "--participants", "Anna,Bo"],
    "run --demo": ["run", "triangulering", "--demo"],
    "resume": ["resume"],
}


@pytest.mark.slow
@pytest.mark.parametrize("args", SCREEN_COMMANDS.values(), ids=SCREEN_COMMANDS.keys())
@pytest.mark.parametrize("missing", ["stdin", "stdout"])
def test_no_terminal_is_refused_at_once(isolated: Path, args: list[str], missing: str) -> None:
    """stdin or stdout not a terminal: exit 2 within seconds, a message, no meeting saved."""
    with_a_session(isolated)
    master, slave = os.openpty()
    try:
        streams = {
            "stdin": subprocess.DEVNULL if missing == "stdin" else slave,
            "stdout": subprocess.PIPE if missing == "stdout" else slave,
        }
        started = time.monotonic()
        done = subprocess.run(
            [str(KOLLEGIAL), *args],
            env=env_for(isolated),
            stderr=subprocess.PIPE,
            text=True,
            timeout=30,
            **streams,
        )
        took = time.monotonic() - started
    finally:
        os.close(master)
        os.close(slave)
    assert done.returncode == 2, done.stderr
    assert "terminal" in done.stderr
    assert took < 10
    sessions = subprocess.run(
        [str(KOLLEGIAL), "sessions"], env=env_for(isolated), capture_output=True, text=True
    ).stdout
    assert sessions.count("triangulering") == 1  # only the imported one


def sane(child: pexpect.spawn) -> bool:
    """Whether the terminal is back in line mode with echo, as the shell needs it."""
    lflag = termios.tcgetattr(child.child_fd)[3]
    return bool(lflag & termios.ECHO) and bool(lflag & termios.ICANON)


def spawn(home: Path, *args: str) -> pexpect.spawn:
    return pexpect.spawn(
        str(KOLLEGIAL),
        list(args),
        env=env_for(home),
        dimensions=(35, 120),
        encoding="utf-8",
        timeout=20,
    )


def ends_on_sigterm(child: pexpect.spawn, within: float = 10.0) -> str:
    """Send SIGTERM, wait for the end, and return what the terminal got."""
    child.kill(signal.SIGTERM)
    deadline = time.monotonic() + within
    out = ""
    while time.monotonic() < deadline:
        try:
            out += child.read_nonblocking(100_000, timeout=0.2)
        except pexpect.TIMEOUT:
            continue
        except pexpect.EOF:
            break
    else:
        child.kill(signal.SIGKILL)
        pytest.fail(f"still running {within} s after SIGTERM")
    child.wait()
    return out


@pytest.mark.slow
def test_sigterm_in_the_dialogue_restores_the_terminal(isolated: Path) -> None:
    """SIGTERM while the dialogue asks for names: the process ends, echo and lines back."""
    child = spawn(isolated, "run", "triangulering")
    child.expect("Deltagare 1")
    assert not sane(child)  # prompt_toolkit reads keys one by one
    out = ends_on_sigterm(child)
    assert sane(child), out
    assert "Traceback" not in out


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.05, 0.2, 0.4, 0.7, 1.0, 1.5, 2.5])
def test_sigterm_at_any_moment_of_the_start(isolated: Path, delay: float) -> None:
    """SIGTERM from the first instant until the screen is up: ended, terminal sane."""
    child = spawn(isolated, "run", "triangulering", "--demo", "--quiet")
    time.sleep(delay)
    out = ends_on_sigterm(child)
    assert sane(child), out
    assert "Traceback" not in out
    if "\x1b[?1049h" in out:  # the screen had started: it was left again
        assert out.rindex("\x1b[?1049l") > out.rindex("\x1b[?1049h")


@pytest.mark.slow
def test_sigterm_as_the_screen_starts(isolated: Path) -> None:
    """SIGTERM the moment Textual switches to its screen, before the meeting is drawn."""
    child = spawn(isolated, "run", "triangulering", "--demo", "--quiet")
    child.expect_exact("\x1b[?1049h")
    out = ends_on_sigterm(child)
    assert sane(child), out
    assert "Traceback" not in out
    assert "\x1b[?1049l" in out


@pytest.mark.slow
def test_sigterm_during_the_meeting_saves_and_restores(isolated: Path) -> None:
    """SIGTERM with the screen up: the meeting is saved, the terminal restored."""
    child = spawn(isolated, "run", "triangulering", "--demo", "--quiet")
    child.expect("TALAR NU|Steg|steg")
    time.sleep(0.5)
    out = ends_on_sigterm(child)
    assert sane(child)
    assert "Mötet är sparat" in out
    assert child.exitstatus == 0
