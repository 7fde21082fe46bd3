"""Any terminal size, and resizing live, keeps the meeting usable."""

from __future__ import annotations

from kollegial.tui.screens.meeting import MeetingScreen
from tests.tui.conftest import MakeApp

SIZES = [(40, 12), (60, 20), (80, 24), (100, 30), (120, 35), (160, 45), (200, 60), (300, 90)]


async def test_resizing_through_sizes_during_a_round_step(meeting: MakeApp) -> None:
    """From 40×12 to 300×90 and back: no crash, the timer and the speaker stay on screen."""
    app = meeting("observationssamtal")
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("n")
        for size in [*SIZES, *reversed(SIZES)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert isinstance(app.screen, MeetingScreen)
            assert app.screen.query_one("#timer").region.height > 0
            assert "Bo" in str(app.screen.query_one("#turns").render())


async def test_narrow_screen_hides_the_outline_and_shortens_the_footer(meeting: MakeApp) -> None:
    """At 80×24 the outline gives way and the footer says only '? tangenter'."""
    app = meeting("triangulering")
    async with app.run_test(size=(80, 24)):
        assert app.screen.query_one("#outline").region.width == 0
        assert str(app.screen.query_one("#footer").render()) == "? tangenter"
