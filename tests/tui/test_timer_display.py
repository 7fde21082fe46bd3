"""The timer on screen: derived from the session's deadline, state as text and class."""

from __future__ import annotations

from kollegial.session.clock import FakeClock
from kollegial.tui.widgets.bigtimer import BigTimer
from tests.tui.conftest import MakeApp, text_of

SIZE = (120, 35)


def shown(app) -> tuple[str, str, set[str]]:  # type: ignore[no-untyped-def]
    app.screen.tick()
    timer = app.screen.query_one("#timer", BigTimer)
    state = str(app.screen.query_one("#timer-state").render())
    return timer.value, state, set(timer.classes)


async def test_countdown_shows_whole_seconds_rounded_up(meeting: MakeApp, clock: FakeClock) -> None:
    """10 minutes less 0.4 s still reads 10:00; less 1.2 s reads 09:59."""
    app = meeting("observationssamtal")
    async with app.run_test(size=SIZE):
        clock.advance(0.4)
        assert shown(app)[0] == "10:00"
        clock.advance(0.8)
        assert shown(app)[:2] == ("09:59", "kvar")


async def test_last_minute_is_marked(meeting: MakeApp, clock: FakeClock) -> None:
    """With a minute or less left, the state reads 'sista minuten' and the timer changes class."""
    app = meeting("observationssamtal")
    async with app.run_test(size=SIZE):
        clock.advance(9 * 60 + 12)
        value, state, classes = shown(app)
        assert (value, state) == ("00:48", "sista minuten")
        assert "-last-minute" in classes


async def test_overtime_counts_up_with_a_plus(meeting: MakeApp, clock: FakeClock) -> None:
    """Past zero the timer counts up as +mm:ss, says 'över tiden', and the step stays."""
    app = meeting("observationssamtal")
    async with app.run_test(size=SIZE):
        clock.advance(10 * 60 + 72.5)
        value, state, classes = shown(app)
        assert (value, state) == ("+01:12", "över tiden")
        assert "-overtime" in classes
        assert app.session.current == 0


async def test_paused_says_paus(meeting: MakeApp, clock: FakeClock) -> None:
    """Paused: the remaining time stands still and the word PAUS shows."""
    app = meeting("observationssamtal")
    async with app.run_test(size=SIZE) as pilot:
        clock.advance(28)
        await pilot.press("space")
        clock.advance(500)
        value, state, classes = shown(app)
        assert (value, state) == ("09:32", "PAUS")
        assert "-paused" in classes


async def test_step_without_minutes_counts_up(meeting: MakeApp, clock: FakeClock) -> None:
    """An info step with no planned time shows the time it has taken."""
    app = meeting("triangulering")
    async with app.run_test(size=SIZE):
        clock.advance(75)
        assert shown(app)[:2] == ("01:15", "har pågått")


async def test_bell_rings_at_one_minute_left_and_at_zero(
    meeting: MakeApp, clock: FakeClock
) -> None:
    """The terminal bell sounds once when a minute is left and once at zero."""
    app = meeting("observationssamtal", quiet=False)
    rings: list[float] = []
    async with app.run_test(size=SIZE):
        app.bell = lambda: rings.append(clock.monotonic())  # type: ignore[method-assign]
        for _ in range(11 * 60):
            clock.advance(1)
            app.screen.tick()
    assert len(rings) == 2


async def test_quiet_keeps_the_bell_silent(meeting: MakeApp, clock: FakeClock) -> None:
    """--quiet: no bell at all."""
    app = meeting("observationssamtal", quiet=True)
    rings: list[int] = []
    async with app.run_test(size=SIZE):
        app.bell = lambda: rings.append(1)  # type: ignore[method-assign]
        for _ in range(11 * 60):
            clock.advance(1)
            app.screen.tick()
    assert rings == []


async def test_timer_is_at_least_seven_rows_at_projector_size(meeting: MakeApp) -> None:
    """At 120×35 the digits are at least 7 rows tall."""
    app = meeting("observationssamtal")
    async with app.run_test(size=SIZE):
        timer = app.screen.query_one("#timer", BigTimer)
        lines = [line for line in str(timer.render()).splitlines() if line.strip()]
        assert len(lines) >= 7
        assert max(len(line.rstrip()) for line in lines) >= timer.content_size.width * 0.6


async def test_forecast_end_is_in_the_header(meeting: MakeApp, clock: FakeClock) -> None:
    """The header says when the meeting will end; an extension moves it."""
    app = meeting("observationssamtal")
    async with app.run_test(size=SIZE) as pilot:
        assert "slut ca 14:29" in text_of(app.screen.query_one("#header"))
        await pilot.press("plus")
        assert "slut ca 14:30" in text_of(app.screen.query_one("#header"))
