"""Step timers and the meeting forecast, on a fake clock: nothing here sleeps."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kollegial.errors import KollegialError
from kollegial.protocols.discovery import resolve
from kollegial.session import FakeClock, Session
from kollegial.session.status import TimerStatus, display, timer_status
from kollegial.session.timer import Timer
from tests.unit.conftest import PEOPLE

# --- one step's timer ---


def test_timer_starts_when_the_step_is_entered(obs: Session, clock: FakeClock) -> None:
    """Entering a step starts its timer at the full planned time."""
    assert obs.running
    assert obs.remaining() == 600
    clock.advance(90)
    assert obs.remaining() == 510
    assert obs.elapsed() == 90


def test_remaining_comes_from_a_monotonic_deadline(obs: Session, clock: FakeClock) -> None:
    """While running, remaining is the deadline minus the monotonic clock, read at any moment."""
    deadline = obs.timer.deadline()
    assert deadline == clock.monotonic() + 600
    for step in (0.25, 7.5, 100, 0.001):
        clock.advance(step)
        assert obs.remaining() == pytest.approx(deadline - clock.monotonic())


def test_remaining_does_not_count_ticks(obs: Session, clock: FakeClock) -> None:
    """Reading the timer often, or the clock moving in many small steps, changes nothing."""
    for _ in range(1000):
        obs.remaining()
    assert obs.remaining() == 600
    for _ in range(100):
        clock.advance(0.3)
    assert obs.remaining() == pytest.approx(570)


def test_pause_freezes_remaining(obs: Session, clock: FakeClock) -> None:
    """While paused, time passes but the step's remaining time does not move."""
    clock.advance(60)
    obs.pause()
    assert not obs.running
    clock.advance(300)
    assert obs.remaining() == 540
    assert obs.timer.deadline() is None


def test_resume_continues_where_it_stopped(obs: Session, clock: FakeClock) -> None:
    """Resuming after a pause counts down from the time the step had when paused."""
    clock.advance(60)
    obs.pause()
    clock.advance(300)
    obs.resume()
    assert obs.running
    clock.advance(40)
    assert obs.remaining() == 500


def test_pause_and_resume_twice_change_nothing(obs: Session, clock: FakeClock) -> None:
    """A second pause (or resume) in a row is ignored and records nothing."""
    obs.pause()
    count = len(obs.events)
    obs.pause()
    assert len(obs.events) == count
    obs.resume()
    count = len(obs.events)
    obs.resume()
    assert len(obs.events) == count


def test_toggle_pause_switches_between_paused_and_running(obs: Session, clock: FakeClock) -> None:
    """The one pause key pauses a running timer and resumes a paused one."""
    obs.toggle_pause()
    assert not obs.running
    obs.toggle_pause()
    assert obs.running


def test_extend_by_a_minute(obs: Session, clock: FakeClock) -> None:
    """+1 minute adds 60 seconds to what is left."""
    clock.advance(100)
    obs.adjust(60)
    assert obs.remaining() == 560


def test_shorten_by_a_minute(obs: Session, clock: FakeClock) -> None:
    """-1 minute takes 60 seconds from what is left."""
    clock.advance(100)
    obs.adjust(-60)
    assert obs.remaining() == 440


def test_adjust_by_any_amount(obs: Session, clock: FakeClock) -> None:
    """Adjustments of any size add up."""
    obs.adjust(90)
    obs.adjust(-30.5)
    assert obs.remaining() == pytest.approx(659.5)
    assert obs.timer.total() == pytest.approx(659.5)


def test_adjust_while_paused(obs: Session, clock: FakeClock) -> None:
    """A paused step can be extended; it stays paused."""
    obs.pause()
    obs.adjust(60)
    clock.advance(30)
    assert obs.remaining() == 660
    assert not obs.running


def test_shortening_stops_at_zero_and_a_minute_more_gives_a_minute(
    clock: FakeClock,
) -> None:
    """Shortening past zero is clamped, so +1 minute afterwards really gives one minute."""
    session = Session.start(resolve("observationssamtal"), PEOPLE, clock)
    session.goto(4)  # one minute of silent thinking
    session.adjust(-60)
    session.adjust(-60)  # nothing left to take
    assert session.timer.total() == 0
    assert session.remaining() == 0
    session.adjust(60)
    assert session.remaining() == 60
    assert session.reports()[4].adjusted == 0


def test_adjusting_a_step_without_time_is_refused(tri: Session) -> None:
    """A step without planned time has nothing to extend: a clear KollegialError."""
    with pytest.raises(KollegialError) as info:
        tri.adjust(60)
    assert info.value.key == "err.no_timer"


def test_overtime_goes_negative_and_the_step_stays(obs: Session, clock: FakeClock) -> None:
    """Past its time the step stays current, remaining counts below zero."""
    clock.advance(600 + 75)
    assert obs.remaining() == -75
    assert obs.current == 0
    assert obs.running
    assert timer_status(obs) is TimerStatus.OVERTIME
    assert display(obs)[0] == "+01:15"


def test_overtime_ends_only_when_the_leader_moves_on(obs: Session, clock: FakeClock) -> None:
    """An hour over, still the same step; next_step moves on."""
    clock.advance(3600)
    assert obs.current == 0
    obs.next_step()
    assert obs.current == 1
    assert obs.remaining() == 300


def test_extend_in_overtime(obs: Session, clock: FakeClock) -> None:
    """Two minutes more in a step one minute over: one minute left again."""
    clock.advance(660)
    obs.adjust(120)
    assert obs.remaining() == 60
    assert timer_status(obs) is TimerStatus.LAST_MINUTE


def test_step_without_time_counts_up(tri: Session, clock: FakeClock) -> None:
    """An info step without minutes has no remaining time; its elapsed time grows."""
    assert tri.remaining() is None
    clock.advance(42)
    assert tri.elapsed() == 42
    assert timer_status(tri) is TimerStatus.COUNTING
    assert display(tri)[0] == "00:42"


def test_returning_to_a_step_continues_its_timer(obs: Session, clock: FakeClock) -> None:
    """A step visited again continues from the time it had when left."""
    clock.advance(100)
    obs.next_step()
    clock.advance(50)
    obs.previous_step()
    assert obs.remaining() == 500
    clock.advance(10)
    assert obs.remaining() == 490
    assert obs.elapsed(1) == 50


def test_status_reports_running_last_minute_and_paused(obs: Session, clock: FakeClock) -> None:
    """The timer reads running, then last minute, and paused while paused."""
    assert timer_status(obs) is TimerStatus.RUNNING
    clock.advance(540)
    assert timer_status(obs) is TimerStatus.LAST_MINUTE
    obs.pause()
    assert timer_status(obs) is TimerStatus.PAUSED
    assert display(obs) == ("01:00", None)


def test_shown_countdown_rounds_up(obs: Session, clock: FakeClock) -> None:
    """A countdown shows whole seconds rounded up, running LEAD ahead, and says when it changes."""
    from kollegial.session.status import LEAD

    clock.advance(0.25)
    text, delay = display(obs)
    assert text == "10:00"
    assert delay == pytest.approx(0.75 - LEAD)
    clock.advance(0.75 - LEAD)
    assert display(obs)[0] == "09:59"


def test_timer_unit_elapsed_and_remaining_from_since() -> None:
    """Timer: elapsed is base plus time since start; remaining is total minus elapsed."""
    timer = Timer(planned=300)
    timer.start(mono=1000, elapsed=20, live=True)
    assert timer.elapsed(1010) == 30
    assert timer.remaining(1010) == 270
    assert timer.deadline() == 1280
    timer.pause(30)
    assert timer.elapsed(5000) == 30 and not timer.running


# --- the meeting forecast ---


def test_planned_total_is_the_sum_of_the_plan(tri: Session, obs: Session) -> None:
    """The planned total of triangulering is 50 minutes, of observationssamtal 29."""
    assert tri.planned_total() == 50 * 60
    assert obs.planned_total() == 29 * 60


def test_elapsed_is_the_time_used_in_steps(obs: Session, clock: FakeClock) -> None:
    """The meeting's elapsed time is what its steps used, pauses excluded."""
    clock.advance(120)
    obs.next_step()
    clock.advance(30)
    obs.pause()
    clock.advance(1000)
    assert sum(r.used for r in obs.reports()) == 150


def test_forecast_end_at_the_start_is_now_plus_the_plan(obs: Session, clock: FakeClock) -> None:
    """Before anything runs over, the meeting ends the planned total from now."""
    assert obs.forecast_end() == clock.now() + timedelta(minutes=29)


def test_forecast_end_is_wall_clock_time(obs: Session, clock: FakeClock) -> None:
    """The forecast is a timezone-aware wall-clock time, not a duration."""
    end = obs.forecast_end()
    assert end.tzinfo is not None
    assert f"{end:%H:%M}" == "14:29"


def test_forecast_holds_while_on_time(obs: Session, clock: FakeClock) -> None:
    """Time passing within the plan does not move the forecast end."""
    start = obs.forecast_end()
    clock.advance(300)
    assert obs.forecast_end() == start
    obs.next_step()
    clock.advance(100)
    assert obs.forecast_end() == start + timedelta(seconds=-300)  # step 1 left 5 min early


def test_forecast_moves_when_a_step_overruns(obs: Session, clock: FakeClock) -> None:
    """Every second of overtime pushes the forecast end one second later."""
    start = obs.forecast_end()
    clock.advance(600 + 90)
    assert obs.forecast_end() == start + timedelta(seconds=90)


def test_forecast_moves_when_a_step_is_extended(obs: Session, clock: FakeClock) -> None:
    """Two minutes more make the meeting end two minutes later; a minute less, earlier."""
    start = obs.forecast_end()
    obs.adjust(120)
    assert obs.forecast_end() == start + timedelta(minutes=2)
    obs.adjust(-180)
    assert obs.forecast_end() == start - timedelta(minutes=1)


def test_forecast_moves_when_a_step_is_skipped(obs: Session, clock: FakeClock) -> None:
    """Jumping over steps takes their planned time out of the forecast."""
    start = obs.forecast_end()
    obs.goto(3)  # skips 5 + 3 minutes and leaves the first step's 10 unused
    assert obs.forecast_end() == start - timedelta(minutes=10 + 5 + 3)


def test_forecast_moves_while_paused(obs: Session, clock: FakeClock) -> None:
    """A paused meeting ends later by the length of the pause."""
    start = obs.forecast_end()
    obs.pause()
    clock.advance(120)
    assert obs.forecast_end() == start + timedelta(minutes=2)


def test_forecast_counts_steps_without_time_as_overrun(tri: Session, clock: FakeClock) -> None:
    """Time spent in an untimed step pushes the end later."""
    start = tri.forecast_end()
    clock.advance(180)
    assert tri.forecast_end() == start + timedelta(minutes=3)


def test_forecast_of_an_ended_meeting_is_its_end(obs: Session, clock: FakeClock) -> None:
    """Once ended, the forecast is the time the meeting ended."""
    clock.advance(60)
    obs.end()
    ended = clock.now()
    clock.advance(600)
    assert obs.forecast_end() == ended
