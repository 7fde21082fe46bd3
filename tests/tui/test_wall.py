"""The wall (issue 13): what the room sees reads at any size and never leaks a rating."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from kollegial.session.clock import FakeClock
from kollegial.tui.app import KollegialApp
from kollegial.tui.screens.meeting import MeetingScreen
from tests.tui.conftest import MakeApp, shown_text

SIZES = [(80, 24), (120, 35), (200, 55)]
FOUR = ["Anna", "Bo", "Cecilia", "David"]

# Two sheets entered, then on to the first corner's round, one turn given.
TO_CORNER = [
    "1",
    "right",
    "r",
    "enter",
    *"123443211234432123",
    "enter",
    "r",
    "down",
    "enter",
    *"223344112233441122",
    "enter",
    "right",
    "2",
    "right",
]


def screen_lines(app: KollegialApp) -> list[str]:
    """Every row of the screen as plain text, as the room sees it."""
    strips = app.screen._compositor.render_strips()
    return [strip.text.rstrip() for strip in strips]


async def settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.pause()


async def reach(app: KollegialApp, pilot: Pilot[None], keys: list[str], clock: FakeClock) -> None:
    await pilot.press(*keys)
    clock.advance(30)
    assert isinstance(app.screen, MeetingScreen)
    app.screen.tick()
    await settle(pilot)


@pytest.mark.parametrize(
    ("start", "end"),
    [(SIZES[0], SIZES[2]), (SIZES[2], SIZES[0]), (SIZES[1], SIZES[0]), (SIZES[0], SIZES[1])],
    ids=str,
)
async def test_a_resize_shows_what_a_fresh_start_at_that_size_shows(
    meeting: MakeApp, clock: FakeClock, start: tuple[int, int], end: tuple[int, int]
) -> None:
    """A corner's round with ratings: resized from ``start`` to ``end`` == started at ``end``."""
    fresh = meeting("triangulering")
    async with fresh.run_test(size=end) as pilot:
        await reach(fresh, pilot, TO_CORNER, clock)
        expected = screen_lines(fresh), fresh.export_screenshot()
    clock.advance(-30)
    resized = meeting("triangulering")
    async with resized.run_test(size=start) as pilot:
        await reach(resized, pilot, TO_CORNER, clock)
        await pilot.resize_terminal(*end)
        await settle(pilot)
        assert screen_lines(resized) == expected[0]
        assert resized.export_screenshot() == expected[1]


def _words(text: str) -> str:
    return " ".join(text.replace("│", " ").split())


def _in_order(words: list[str], shown: list[str]) -> bool:
    """Every word, whole, in this order (a wrapped row has the figures after its first line)."""
    it = iter(shown)
    return all(any(w == s for s in it) for w in words)


@pytest.mark.parametrize("size", [(120, 35), (100, 30), (200, 55)], ids=str)
async def test_every_statement_of_the_corner_is_read_in_full_paging_the_table(
    meeting: MakeApp, clock: FakeClock, size: tuple[int, int]
) -> None:
    """No statement is cut with an ellipsis: each wraps, and the leader pages what does not fit."""
    app = meeting("triangulering")
    async with app.run_test(size=size) as pilot:
        await reach(app, pilot, TO_CORNER, clock)
        group = app.session.step.group
        assert group is not None
        seen = ""
        for _ in range(len(group.statement_list())):
            shown = shown_text(app.screen, "ratings")
            assert "…" not in shown
            seen += " " + shown
            footer = shown_text(app.screen, "footer")
            if "b bläddra" not in footer:
                break
            await pilot.press("b")
            await settle(pilot)
        for statement in group.statement_list():
            assert _in_order(_words(statement.text).split(), _words(seen).split())
        # The footer is never cut: the help key, always last, is on screen whole.
        assert shown_text(app.screen, "footer").rstrip().endswith("tangenter")


async def test_the_small_summary_names_the_widest_spread_statement_in_words(
    meeting: MakeApp, clock: FakeClock
) -> None:
    """At 80×24: the statement in words, never ``4 Skolanalyser…`` that reads as a quantity."""
    app = meeting("triangulering")
    async with app.run_test(size=(80, 24)) as pilot:
        await reach(app, pilot, TO_CORNER, clock)
        shown = _words(shown_text(app.screen, "ratings"))
        assert "…" not in shown
        widest = app.session.rating_stats(["kvalitetsarbete"])[0].by_spread()[0]
        assert f"”{_words(widest.statement.text)}”" in shown
        assert f"{widest.number} {widest.statement.text[:10]}" not in shown


async def test_a_corners_ratings_stay_on_screen_through_its_discussion(
    meeting: MakeApp, clock: FakeClock
) -> None:
    """Found: the table showed in "Laget runt" and was gone in "Diskutera det ni fått syn på"."""
    app = meeting("triangulering")
    async with app.run_test(size=(120, 35)) as pilot:
        await reach(app, pilot, [*TO_CORNER, "right"], clock)
        assert app.session.step.title == "Diskutera det ni fått syn på"
        shown = shown_text(app.screen, "ratings")
        assert "Gruppens medel" in shown and "Vi ser kvalitetsarbetet" in shown
        # The next corner shows its own statements, not the first corner's.
        await pilot.press("right")
        await settle(pilot)
        assert app.session.step.group is not None
        assert app.session.step.group.id == "kollegialt-larande"
        assert "Organisering för kontinuerligt" in shown_text(app.screen, "ratings")
