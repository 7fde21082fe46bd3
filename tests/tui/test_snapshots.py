"""What the room sees, kept as SVG snapshots: every kind of step, two sizes, three themes.

The clock is fake and time zone UTC, so each picture is the same on every run.
Update after looking at the new pictures:
``pytest -n0 tests/tui/test_snapshots.py --snapshot-update`` (in one process: only
there does the snapshot plugin also delete the pictures no test takes any more).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot

from kollegial.session.clock import FakeClock
from kollegial.tui.app import KollegialApp
from kollegial.tui.screens.meeting import MeetingScreen
from tests.tui.conftest import MakeApp, rate_sheets

SIZES = {"projector": (120, 35), "small": (80, 24)}
Snap = Callable[..., bool]


class Pasted(str):
    """Text put into the note field as one paste (as a terminal sends a paste), not a key
    per letter: the picture is the same, without a frame drawn per letter."""


# protocol, keys to reach the step, seconds to let pass there
STEPS = {
    "appoint": ("triangulering", ["2"], 20),
    "rate": ("triangulering", ["1", "right"], 130),
    # With the two SHEETS of ratings (put in by the engine, see WITH_SHEETS).
    "round-with-ratings": ("triangulering", ["1", "right", "right", "2", "right", "n", "p"], 252),
    # Issue 13: the corner's ratings stay while the group discusses them.
    "corner-discussion": ("triangulering", ["1", "right", "right", "2", "right", "right"], 400),
    "round": ("observationssamtal", ["n", "p", "n"], 548),
    "silent": ("observationssamtal", ["right", "right"], 150),
    "discussion-overtime": ("triangulering", ["right"] * 4, 372),
    "decision": ("observationssamtal", ["right"] * 5, 20),
}
# The steps shown with Anna's and Bo's sheets of ratings (conftest.SHEETS), put in
# through the engine: typed, they are 40 keys and a frame each; what typing a
# sheet shows has its own pictures (test_rating_entry, test_rate_step_during_entry).
WITH_SHEETS = {"round-with-ratings", "corner-discussion"}


# The kinds of step of the library (issue 8), with four people so the pairs come out even.
FOUR = ["Anna", "Bo", "Cecilia", "David"]
LIBRARY_STEPS = {
    # Bo's pass of Sista ordet: he reads his passage, the others listen.
    "present": (
        "sista-ordet",
        ["right"] * 5 + ["i", Pasted("Sidan 12, andra stycket"), "enter", "escape"],
        95,
    ),
    # The others respond to Bo's passage; Bo is left out of the round.
    "round-with-exclude": ("sista-ordet", ["right"] * 6 + ["n"], 70),
    # 1-2-4-alla: two and two, one clock for all pairs.
    "subgroups": ("1-2-4-alla", ["right", "right"], 40),
}


async def press(pilot: Pilot[None], keys: list[str]) -> None:
    """Press ``keys`` in order; a :class:`Pasted` item is pasted whole."""
    start = 0
    for i, key in enumerate(keys):
        if isinstance(key, Pasted):
            await pilot.press(*keys[start:i])
            pilot.app.post_message(events.Paste(key))
            start = i + 1
    await pilot.press(*keys[start:])


def driver(
    clock: FakeClock, keys: list[str], seconds: float, *, sheets: bool = False
) -> Callable[[Pilot[None]], object]:
    async def run_before(pilot: Pilot[None]) -> None:
        if sheets:
            assert isinstance(pilot.app, KollegialApp)
            rate_sheets(pilot.app)
        await press(pilot, keys)
        clock.advance(seconds)
        for screen in pilot.app.screen_stack:
            if isinstance(screen, MeetingScreen):
                screen.tick()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=str)
@pytest.mark.parametrize("kind", STEPS, ids=str)
def test_step(snap_compare: Snap, meeting: MakeApp, clock: FakeClock, kind: str, size: str) -> None:
    """Each kind of step, at projector size and at 80×24."""
    protocol, keys, seconds = STEPS[kind]
    app = meeting(protocol)
    run_before = driver(clock, keys, seconds, sheets=kind in WITH_SHEETS)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)


def test_notes_in_a_discussion(snap_compare: Snap, meeting: MakeApp, clock: FakeClock) -> None:
    """Notes of the step, newest last, with the note field open."""
    app = meeting("triangulering")
    keys = ["right"] * 4 + [
        "i",
        Pasted("Vi ser olika på analysen"),
        "enter",
        Pasted("Tid saknas"),
        "enter",
        Pasted("Utkast"),
    ]
    assert snap_compare(app, terminal_size=SIZES["projector"], run_before=driver(clock, keys, 61))


@pytest.mark.parametrize("theme", ["dark", "light", "projector"])
def test_theme(snap_compare: Snap, meeting: MakeApp, clock: FakeClock, theme: str) -> None:
    """A round step in each theme (last minute, so the state colour shows)."""
    app = meeting("observationssamtal", theme=theme)
    assert snap_compare(
        app, terminal_size=SIZES["projector"], run_before=driver(clock, ["n"], 9 * 60 + 15)
    )


def test_closing_screen(snap_compare: Snap, meeting: MakeApp, clock: FakeClock) -> None:
    """After the last step: time used against planned, decisions, notes count."""
    app = meeting("observationssamtal")

    async def run_before(pilot: Pilot[None]) -> None:
        for minutes in (11, 5, 3, 6, 1):
            clock.advance(minutes * 60)
            await pilot.press("right")
        await press(pilot, ["i", Pasted("Tydliga mål för varje lektion"), "enter", "escape"])
        clock.advance(300)
        await pilot.press("right")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZES["projector"], run_before=run_before)


def test_rating_entry(snap_compare: Snap, meeting: MakeApp, clock: FakeClock) -> None:
    """Entering one person's ratings: only their values are shown."""
    app = meeting("triangulering")
    keys = ["1", "right", "r", "down", "enter", *"3241"]
    assert snap_compare(app, terminal_size=SIZES["projector"], run_before=driver(clock, keys, 60))


def test_rate_step_during_entry(snap_compare: Snap, meeting: MakeApp, clock: FakeClock) -> None:
    """Issue 13: half a sheet entered; the wall shows which statements are filled, no values."""
    app = meeting("triangulering")
    keys = ["1", "right", "r", "enter", *"3241", "enter", "r", "down", "enter", *"41"]
    assert snap_compare(app, terminal_size=SIZES["projector"], run_before=driver(clock, keys, 60))


RESIZED = {"80x24": (80, 24), "120x35": (120, 35), "200x55": (200, 55)}


@pytest.mark.parametrize("size", RESIZED, ids=str)
def test_resized_to(snap_compare: Snap, meeting: MakeApp, clock: FakeClock, size: str) -> None:
    """Issue 13: a corner with ratings, started at another size and resized to ``size``.

    tests/tui/test_wall.py checks that each equals a fresh start at that size.
    """
    app = meeting("triangulering")
    keys = STEPS["round-with-ratings"][1]
    start = (200, 55) if RESIZED[size] != (200, 55) else (80, 24)

    async def run_before(pilot: Pilot[None]) -> None:
        await driver(clock, keys, 252, sheets=True)(pilot)
        await pilot.resize_terminal(*RESIZED[size])
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(app, terminal_size=start, run_before=run_before)


# Issue 13: on a large screen in the projector theme the prompt stands in big
# letters where the step leaves the rows (the round's name is big too).
BIG_PROMPT = {
    "appoint": ("triangulering", ["2"], 20),
    "silent": ("observationssamtal", ["right", "right"], 150),
    "round": ("observationssamtal", ["right", "n"], 60),
}


@pytest.mark.parametrize("kind", BIG_PROMPT, ids=str)
def test_big_prompt_at_200x55(
    snap_compare: Snap, meeting: MakeApp, clock: FakeClock, kind: str
) -> None:
    protocol, keys, seconds = BIG_PROMPT[kind]
    app = meeting(protocol, theme="projector")
    assert snap_compare(app, terminal_size=(200, 55), run_before=driver(clock, keys, seconds))


@pytest.mark.parametrize("size", SIZES, ids=str)
@pytest.mark.parametrize("kind", LIBRARY_STEPS, ids=str)
def test_library_step(
    snap_compare: Snap, meeting: MakeApp, clock: FakeClock, kind: str, size: str
) -> None:
    """A present step, a round that leaves the presenter out, and small groups."""
    protocol, keys, seconds = LIBRARY_STEPS[kind]
    app = meeting(protocol, FOUR)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=driver(clock, keys, seconds))


@pytest.mark.slow
def test_every_snapshot_belongs_to_a_test() -> None:
    """No picture is left over from a renamed or removed test.

    The snapshot plugin (syrupy) fails on an unused snapshot only when the suite
    runs in one process; in parallel (pytest-xdist) it cannot tell, so this does.
    """
    here = Path(__file__)
    collect = ["-n0", "-p", "no:cacheprovider", "--collect-only", "-q", str(here)]
    listed = subprocess.run(
        [sys.executable, "-m", "pytest", *collect],
        capture_output=True,
        text=True,
        check=True,
        cwd=here.parents[2],
    ).stdout
    tests = {line.split("::", 1)[1] for line in listed.splitlines() if "::" in line}
    pictures = {p.stem for p in (here.parent / "__snapshots__" / here.stem).glob("*.svg")}
    assert len(pictures) > 20
    assert sorted(pictures - tests) == []
