"""Private steps: nothing the room should not see yet can be configured or shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from kollegial.errors import ProtocolInvalidError
from kollegial.protocols.discovery import resolve
from kollegial.protocols.loader import load_text
from kollegial.session import FakeClock, Session

LEAK = """title: Läcka
groups:
  - {id: g, title: G, statements: [a, b]}
steps:
  - {title: Värdera, mode: rate, minutes: 5, show: ratings}
"""


def test_show_ratings_on_a_rating_step_is_refused() -> None:
    """`show: ratings` on a rate step would show values while people still rate."""
    with pytest.raises(ProtocolInvalidError) as exc:
        load_text(LEAK, Path("leak.yaml"))
    (problem,) = exc.value.problems
    assert (problem.line, problem.column, problem.key) == (5, 46, "err.show_in_private")


def test_capture_writes_the_decision_in_a_decision_step_and_a_note_elsewhere() -> None:
    """What the leader types: the decision in a decision step, a note in any other."""
    session = Session.start(resolve("observationssamtal"), ["Anna", "Bo"], FakeClock())
    session.capture("De frågar varandra")
    session.goto(5)
    session.capture("Tydliga mål")
    assert [n.text for n in session.notes.values()] == ["De frågar varandra"]
    assert session.decisions == {5: "Tydliga mål"}
