"""A step's timer: remaining time from a monotonic deadline, never from counted ticks."""

from __future__ import annotations

from kollegial.values import Record, record


@record
class Timer(Record):
    """The time of one step.

    ``elapsed`` is the running time so far; while running it grows with the
    clock from the moment it was (re)started. ``remaining`` goes negative in
    overtime. A step without planned time (``planned is None``) counts up only.
    """

    planned: float | None
    adjust: float = 0.0
    base: float = 0.0
    """Elapsed seconds up to ``since`` (or in total while paused)."""
    since: float | None = None
    """Monotonic time the timer was last started; None while paused."""
    running: bool = False
    """Running as far as the record goes. After a reload a running timer has no
    ``since`` until this process starts it again."""

    def elapsed(self, mono: float) -> float:
        if self.since is None:
            return self.base
        return self.base + max(0.0, mono - self.since)

    def total(self) -> float | None:
        """Planned seconds including extensions; None without a plan."""
        return None if self.planned is None else max(0.0, self.planned + self.adjust)

    def remaining(self, mono: float) -> float | None:
        total = self.total()
        return None if total is None else total - self.elapsed(mono)

    def deadline(self) -> float | None:
        """The monotonic time at which remaining reaches zero, while running."""
        total = self.total()
        if total is None or self.since is None:
            return None
        return self.since + (total - self.base)

    def start(self, mono: float, elapsed: float, live: bool) -> None:
        self.base = elapsed
        self.since = mono if live else None
        self.running = True

    def pause(self, elapsed: float) -> None:
        self.base = elapsed
        self.since = None
        self.running = False
