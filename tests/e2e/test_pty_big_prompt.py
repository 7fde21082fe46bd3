"""The projector theme's big prompt in a real pseudo-terminal, read back from the screen."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.e2e.test_pty_resize import Terminal
from tests.unit.test_font import read

PROMPT = "Utse en samtalsledare."
MAIN = 32
"""The column where the step's text starts at 200 columns, right of the outline."""


def big_prompt(text: str) -> list[str]:
    """The rows of big letters under the timer's state, as drawn right of the outline."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if "har pågått" in line) + 1
    while not set(lines[start]) & set("▀▄█"):
        start += 1
    return [line[MAIN:].rstrip() for line in lines[start : start + 5]]


@pytest.mark.slow
def test_the_prompt_grows_on_a_large_projector_screen_and_shrinks_back(isolated: Path) -> None:
    env = {
        **os.environ,
        "KOLLEGIAL_HOME": str(isolated),
        "TERM": "xterm-256color",
        "LANG": "sv_SE.UTF-8",
    }
    args = ["run", "triangulering", "--demo", "--quiet", "--theme", "projector"]
    term = Terminal(env, args, 24, 80)
    try:
        small = term.wait(lambda s: "Steg 1 av 5" in s and PROMPT in s)
        assert not set(small.split("har pågått")[1]) & set("▀▄█")

        term.resize(55, 200)
        large = term.wait(lambda s: "alla tangenter" in s and PROMPT not in s)
        assert read(big_prompt(large)) == [{PROMPT}]

        term.resize(24, 80)
        again = term.wait(lambda s: PROMPT in s and "alla tangenter" not in s)
        assert again.split("har pågått")[1] == small.split("har pågått")[1]
    finally:
        term.child.terminate(force=True)
