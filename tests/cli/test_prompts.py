"""The dialogue before a meeting, answered through prompt_toolkit's pipe input.

click's CliRunner ``input=`` does not reach questionary, so the keys go in
through a real prompt_toolkit input, as a person's would.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput

from kollegial.prompts import Cancelled, ask_meeting


@pytest.fixture
def keys() -> Iterator[PipeInput]:
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


def test_participants_focus_and_start(keys: PipeInput) -> None:
    """Names one per line (å/ä/ö and spaces fine), an empty line ends; then focus and start."""
    keys.send_text("Åsa Öberg\rBo\r  Cecilia   Ek \r\rLäsförståelse i åk 4\ry")
    setup = ask_meeting("Test")
    assert setup.participants == ["Åsa Öberg", "Bo", "Cecilia Ek"]
    assert setup.focus == "Läsförståelse i åk 4"
    assert setup.start_now


def test_duplicates_and_too_few_are_refused(keys: PipeInput) -> None:
    """A name given twice, or ending with one name, is refused until corrected."""
    keys.send_text("Anna\ranna\r\x15Bo\r\r\rn")
    setup = ask_meeting("Test")
    assert setup.participants == ["Anna", "Bo"]
    assert setup.focus is None
    assert not setup.start_now


def test_ctrl_c_cancels(keys: PipeInput) -> None:
    """ctrl-c in the dialogue starts no meeting."""
    keys.send_text("Anna\r\x03")
    with pytest.raises(Cancelled) as exc:
        ask_meeting("Test")
    assert exc.value.exit_code == 130


@pytest.mark.slow  # 9.5 s in the parallel suite: a prompt per statement
def test_a_whole_questionnaire_with_a_step_back(keys: PipeInput) -> None:
    """Digits answer, b goes back one statement to change it, then save."""
    from kollegial.prompts import ask_ratings
    from kollegial.protocols.discovery import resolve

    protocol = resolve("triangulering")
    answers = "1234" * 5
    keys.send_text("Åsa\r" + answers[0] + "\r" + answers[1] + "\r" + "b\r" + "4\r")
    keys.send_text("".join(f"{d}\r" for d in answers[2:18]) + "\r")
    name, values = ask_ratings(protocol)
    ids = [st.id for g in protocol.groups for st in g.statement_list()]
    assert name == "Åsa"
    assert values[ids[0]] == 1
    assert values[ids[1]] == 4  # changed after going back
    assert [values[i] for i in ids[2:]] == [int(d) for d in answers[2:18]]


def test_ctrl_c_in_the_questionnaire_cancels(keys: PipeInput) -> None:
    """ctrl-c half-way raises Cancelled: the caller writes nothing."""
    from kollegial.prompts import ask_ratings
    from kollegial.protocols.discovery import resolve

    keys.send_text("1\r2\r\x03")
    with pytest.raises(Cancelled):
        ask_ratings(resolve("triangulering"), name="Bo")


@pytest.mark.parametrize(
    ("typed", "default", "expected"),
    [
        ("j", False, True),
        ("J", False, True),
        ("y", False, True),
        ("n", True, False),
        ("N", True, False),
        ("\r", True, True),
        ("\r", False, False),
        ("xj", False, True),  # another key does nothing
    ],
)
def test_yes_no_takes_j_and_y_for_yes(
    keys: PipeInput, typed: str, default: bool, expected: bool
) -> None:
    """Issue 15: a yes/no question answers to j (ja) and y alike, n for no, enter the default."""
    from kollegial.prompts import yes_no

    keys.send_text(typed)
    assert yes_no("Starta nu?", default=default).ask() is expected


def test_the_meeting_starts_with_j(keys: PipeInput) -> None:
    """`Starta nu? (J/n)` takes j, as a Swedish teacher types it."""
    keys.send_text("Anna\rBo\r\r\rj")
    assert ask_meeting("Test").start_now
