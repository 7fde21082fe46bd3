"""A running `kollegial run` in a real pseudo-terminal, resized, with its screen read back.

pyte plays the terminal: it takes the bytes the program writes and keeps the
screen a person would see, so the test reads rows, not escape codes.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pexpect
import pyte  # type: ignore[import-untyped]
import pytest

KOLLEGIAL = Path(sys.executable).parent / "kollegial"


class Terminal:
    """The program in a pty, and the screen it has drawn so far."""

    def __init__(self, env: dict[str, str], args: list[str], rows: int, cols: int) -> None:
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.child = pexpect.spawn(str(KOLLEGIAL), args, env=env, dimensions=(rows, cols))

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def wait(self, ready: Callable[[str], bool], timeout: float = 20) -> str:
        """Read what the program draws until ``ready(screen text)``; the text then."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self._read()
            if ready(self.text()):
                # Whatever is still coming for this frame.
                time.sleep(0.3)
                self._read()
                return self.text()
        raise AssertionError(f"the screen never got there:\n{self.text()}")

    def _read(self) -> None:
        with contextlib.suppress(pexpect.TIMEOUT):
            self.stream.feed(self.child.read_nonblocking(65536, timeout=0.2))

    def resize(self, rows: int, cols: int) -> None:
        self.screen.resize(rows, cols)
        self.child.setwinsize(rows, cols)

    def press(self, *keys: str) -> None:
        for key in keys:
            self.child.send(key)
            time.sleep(0.1)


def _footer(text: str) -> str:
    lines = text.rstrip().splitlines()
    return lines[-1].strip() if lines else ""


def _without_clock(text: str) -> list[str]:
    return [line for line in text.splitlines() if not set(line) & set("█▀▄")]


@pytest.mark.slow
def test_resizing_a_running_meeting_lays_the_step_out_again(isolated: Path) -> None:
    """80×24 → 200×55 → 80×24 in a corner of a demo: the screen follows each size at once."""
    env = {
        **os.environ,
        "KOLLEGIAL_HOME": str(isolated),
        "TERM": "xterm-256color",
        "LANG": "sv_SE.UTF-8",
    }
    term = Terminal(env, ["run", "triangulering", "--demo", "--quiet"], 24, 80)
    try:
        term.wait(lambda s: "Steg 1 av 5" in s)
        term.press("1", "\x1b[C")  # → to the silent rating, then on to the corner
        term.wait(lambda s: "Steg 2 av 5" in s)
        term.press("\x1b[C", "2", "\x1b[C")
        small = term.wait(lambda s: "Hörn 1 av 3" in s and "Gruppens medel" in s)
        assert _footer(small) == "? tangenter"
        assert "Störst spridning: ”" in small and "Värderingar" not in small

        term.resize(55, 200)
        large = term.wait(lambda s: "alla tangenter" in s and "spridning" in s.lower())
        assert "n nästa talare" in _footer(large)
        assert "Störst spridning" not in large
        # The whole corner in its table, each statement in full.
        assert "Vi ser kvalitetsarbetet som ett lärande snarare än ett ”görande”." in large
        right_of_outline = "\n".join(line[31:] for line in large.splitlines()[1:])
        # The seed's own ellipsis opens the prompt ("…var och en berättar"); no other.
        assert right_of_outline.replace("…var och en", "").count("…") == 0

        term.resize(24, 80)
        again = term.wait(lambda s: _footer(s) == "? tangenter" and "Störst spridning" in s)
        # As before the resize, but for the running clock's digits.
        assert _without_clock(again) == _without_clock(small)
    finally:
        term.child.terminate(force=True)
