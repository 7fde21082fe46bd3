"""Turns in a ``round`` step: *laget runt, en sak i taget*.

The circle is every participant in the order they joined. A lap goes round the
circle once, starting with the person after the one who began the lap before;
people absent when their turn comes are skipped. ``once`` ends after the first
lap; ``until-all-pass`` ends after a lap in which everyone passed.

A round with ``exclude: ROLE`` goes to everyone but the holder of that role
(the presenter listens while the others respond): they stay in the circle, so
the rotation of who begins is the same as in any other round, but their turn
is always skipped, as if they were away.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field

from kollegial.protocols.model import RoundKind
from kollegial.values import Record, record


def rotated(circle: list[str], start: int) -> list[str]:
    if not circle:
        return []
    start %= len(circle)
    return circle[start:] + circle[:start]


@record
class Round(Record):
    """The turn state of one round step."""

    kind: RoundKind
    start: int
    """Index in the circle of who begins the current lap: who has (or had) its first turn."""
    order: list[str] = field(default_factory=list)
    pos: int = 0
    lap: int = 1
    passed: list[str] = field(default_factory=list)
    """Who passed in this lap, in order."""
    spoke: list[str] = field(default_factory=list)
    done: bool = False
    waiting: bool = False
    """Nobody who may speak is present: nobody has the word until someone is back."""
    excluded: str | None = None
    """Who never gets a turn in this round (the holder of its ``exclude`` role)."""
    empty: bool = False
    """Waiting because the excluded person is the only one present: nobody to respond."""

    @classmethod
    def begin(
        cls,
        kind: RoundKind,
        circle: list[str],
        start: int,
        present: Callable[[str], bool],
        excluded: str | None = None,
    ) -> Round:
        state = cls(kind=kind, start=start, order=rotated(circle, start), excluded=excluded)
        state._skip_absent(present, circle)
        return state

    def may_speak(self, name: str, present: Callable[[str], bool]) -> bool:
        """Whether ``name`` can have the word now: present and not excluded."""
        return name != self.excluded and present(name)

    @property
    def current(self) -> str | None:
        if self.done or self.waiting or self.pos >= len(self.order):
            return None
        return self.order[self.pos]

    def upcoming(self, circle: list[str], present: Callable[[str], bool]) -> list[str]:
        """Who speaks after the current speaker, present people only.

        At the last turn of a lap in an ``until-all-pass`` round where someone
        has spoken, another lap surely follows: its order is shown instead of
        nobody.
        """
        if self.done or self.waiting:
            return []
        names = [n for n in self.order[self.pos + 1 :] if self.may_speak(n, present)]
        if not names and self.kind is RoundKind.UNTIL_ALL_PASS and self.spoke and circle:
            names = [n for n in rotated(circle, self.start + 1) if self.may_speak(n, present)]
        # Who has the word now is never "next", even when the next lap comes round to them.
        return [n for n in names if n != self.current]

    @property
    def outcome(self) -> str | None:
        """How a finished round ended, said exactly: None while it goes on.

        ``all-passed`` when everyone passed in the last lap (how an
        ``until-all-pass`` round always ends), ``all-spoke`` when everyone
        spoke, ``some-passed`` when some spoke and some passed.
        """
        if not self.done:
            return None
        if not self.spoke:
            return "all-passed"
        return "some-passed" if self.passed else "all-spoke"

    def advance(self, passed: bool, circle: list[str], present: Callable[[str], bool]) -> None:
        """The current speaker is done (or passed); the turn moves on."""
        name = self.current
        if name is None:
            return
        (self.passed if passed else self.spoke).append(name)
        self.pos += 1
        self._skip_absent(present, circle)

    def joined(self, name: str) -> None:
        """A late arrival takes a turn at the end of the current lap."""
        if not self.done and name not in self.order:
            self.order.append(name)

    def presence_changed(self, circle: list[str], present: Callable[[str], bool]) -> None:
        self._skip_absent(present, circle)

    def exclude(self, name: str | None, circle: list[str], present: Callable[[str], bool]) -> None:
        """Someone else now holds the excluded role: they lose the word, the other may speak."""
        self.excluded = name
        self._skip_absent(present, circle)

    def _skip_absent(self, present: Callable[[str], bool], circle: list[str]) -> None:
        # With nobody present the round waits instead of ending: people marked
        # absent by mistake, or back from a break, pick it up where it was.
        self.waiting = not self.done and not any(self.may_speak(n, present) for n in circle)
        self.empty = self.waiting and self.excluded is not None and present(self.excluded)
        if self.waiting:
            return
        while not self.done:
            while self.pos < len(self.order) and not self.may_speak(self.order[self.pos], present):
                self.pos += 1
            if self.pos < len(self.order):
                if not self.passed and not self.spoke:
                    # Nobody has had a turn in this lap yet: whoever has the first
                    # turn begins it, so the next lap begins with the person after
                    # them rather than with them again when someone was away.
                    self.start = circle.index(self.order[self.pos])
                return
            self._end_lap(circle, present)

    def _end_lap(self, circle: list[str], present: Callable[[str], bool]) -> None:
        everyone_passed = bool(self.passed) and not self.spoke
        if self.kind is RoundKind.ONCE or everyone_passed:
            self.done = True
            return
        # A new lap begins with the next person, so the same one does not always start.
        self.start = (self.start + 1) % max(1, len(circle))
        self.order = rotated(circle, self.start)
        self.pos = 0
        self.lap += 1
        self.passed = []
        self.spoke = []
