"""What a step's time means to the room: running, last minute, overtime, paused.

The rules for the displayed value live here, beside the engine, so the TUI and
the benchmarks agree on what "shown" means: a countdown shows whole seconds
rounded up (it reads 00:00 only when time is really out), overtime counts up.
"""

from __future__ import annotations

import math
from enum import StrEnum

from kollegial.session.session import Session

LAST_MINUTE = 60.0
LEAD = 0.1
"""The display runs this far ahead of the clock, so that the moment it takes to
redraw never leaves a second on screen that is already over (measured: with no
lead, a countdown was up to 1.005 s off just after each boundary)."""


class TimerStatus(StrEnum):
    RUNNING = "running"
    LAST_MINUTE = "last-minute"
    OVERTIME = "overtime"
    PAUSED = "paused"
    COUNTING = "counting"
    """A step without planned time, counting up."""


def timer_status(session: Session) -> TimerStatus:
    if not session.running:
        return TimerStatus.PAUSED
    remaining = session.remaining()
    if remaining is None:
        return TimerStatus.COUNTING
    if remaining <= 0:
        return TimerStatus.OVERTIME
    if remaining <= LAST_MINUTE:
        return TimerStatus.LAST_MINUTE
    return TimerStatus.RUNNING


def crossed(before: float, now: float) -> bool:
    """Whether remaining time went past one minute left, or past zero, between two readings."""
    return before > LAST_MINUTE >= now or before > 0 >= now


def shown_seconds(remaining: float) -> int:
    """The whole seconds a countdown shows: rounded up, negative in overtime."""
    ahead = remaining - LEAD
    if ahead > 0:
        return math.ceil(ahead)
    return -math.floor(-ahead)


def seconds_to_next_change(value: float) -> float:
    """How long until the shown whole second changes, for a value falling with time.

    Works for a countdown (``remaining``) and, passed ``-elapsed``, a count-up.
    """
    frac = value - math.floor(value)
    return frac if frac > 0 else 1.0


def clock_text(seconds: int) -> str:
    """``mm:ss`` (``h:mm:ss`` past an hour), with ``+`` in overtime."""
    sign = "+" if seconds < 0 else ""
    seconds = abs(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes:02d}:{secs:02d}"


def display(session: Session) -> tuple[str, float | None]:
    """The timer text now, and seconds until it changes (None while paused)."""
    remaining = session.remaining()
    if remaining is None:
        elapsed = session.elapsed() + LEAD
        text = clock_text(math.floor(elapsed))
        return text, (seconds_to_next_change(-elapsed) if session.running else None)
    text = clock_text(shown_seconds(remaining))
    return text, (seconds_to_next_change(remaining - LEAD) if session.running else None)
