"""Property tests for turns: any sequence of commands keeps the rules of the circle."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kollegial.errors import KollegialError
from kollegial.protocols.loader import load_text
from kollegial.session import FakeClock, Session

PROTOCOL = load_text(
    """
title: Rundor
roles:
  - {id: presentator, title: Presentatör}
steps:
  - title: Tills alla står över
    mode: round
    round: until-all-pass
    minutes: 10
  - title: En gång
    mode: round
    minutes: 5
  - title: Alla utom presentatören
    mode: round
    round: until-all-pass
    exclude: presentator
    minutes: 5
""",
    Path("rundor.yaml"),
    "rundor",
)
UNTIL_ALL_PASS, ONCE, EXCLUDING = 0, 1, 2
PRESENTER = "P1"
"""Holds the excluded role in the EXCLUDING round."""
ROUNDS = st.sampled_from([UNTIL_ALL_PASS, ONCE, EXCLUDING])
# Hundreds of generated rounds per test.
pytestmark = pytest.mark.slow

SETTINGS = settings(max_examples=150, deadline=None)

# An action: ("next",), ("pass",), ("absent", i), ("present", i), ("join",)
Action = tuple[str, int]
actions = st.lists(
    st.one_of(
        st.tuples(st.sampled_from(["next", "pass", "join"]), st.just(0)),
        st.tuples(st.sampled_from(["absent", "present"]), st.integers(0, 20)),
    ),
    max_size=60,
)


def start(n: int, step: int) -> Session:
    session = Session.start(
        PROTOCOL, [f"P{i}" for i in range(n)], FakeClock(), roles={"presentator": PRESENTER}
    )
    if step:
        session.goto(step)
    return session


def play(session: Session, action: Action) -> None:
    """One command; turn commands after the round ended are refused like the app refuses them."""
    kind, i = action
    r = session.round
    assert r is not None
    if kind in ("next", "pass") and (r.done or r.waiting):
        with pytest.raises(KollegialError):
            session.pass_turn()
    elif kind == "next":
        session.next_speaker()
    elif kind == "pass":
        session.pass_turn()
    elif kind == "join":
        session.add_participant(f"Late{len(session.participants)}")
    elif kind in ("absent", "present"):
        name = session.participants[i % len(session.participants)]
        session.set_present(name, kind == "present")


def eligible(session: Session) -> list[str]:
    """Who may have the word: present, and not holding the round's excluded role."""
    r = session.round
    left_out = r.excluded if r is not None else None
    return [n for n in session.present_participants if n != left_out]


def assert_no_absent_speaker(session: Session) -> None:
    speaker = session.speaker
    assert speaker is None or speaker in eligible(session)
    assert all(n in eligible(session) for n in session.upcoming())


@SETTINGS
@given(
    n=st.integers(2, 7),
    absent=st.sets(st.integers(0, 6)),
    turns=st.lists(st.tuples(st.sampled_from(["next", "pass", "join"]), st.just(0)), max_size=40),
    step=ROUNDS,
)
def test_everyone_present_gets_a_turn_in_every_lap(
    n: int, absent: set[int], turns: list[Action], step: int
) -> None:
    """Each lap gives every present person (late arrivals too) one turn; its start rotates.

    In a round with `exclude`, everyone present but the holder of that role.
    """
    session = start(n, step)
    for i in sorted(absent):
        if i < n and len(eligible(session)) > 1:
            session.set_present(f"P{i}", False)
    r = session.round
    assert r is not None
    laps: dict[int, list[str]] = {}
    present: dict[int, list[str]] = {}
    here_at_start = {1: len(eligible(session))}  # lap -> people who may speak as it began
    for action in [*turns, *[("pass", 0)] * (2 * (n + len(turns)) + 2)]:
        if r.done:
            break
        if action[0] != "join":
            laps.setdefault(r.lap, []).append(session.speaker or "")
            # who is here during this lap, late arrivals who joined in it included
            present[r.lap] = eligible(session)
        play(session, action)
        here_at_start.setdefault(r.lap, len(eligible(session)))
    assert r.done  # enough passes always end the round
    for lap_no, names in sorted(laps.items()):
        assert sorted(names) == sorted(present[lap_no]), f"lap {lap_no}"
        if lap_no > 1 and here_at_start[lap_no] > 1:
            assert names[0] != laps[lap_no - 1][0], "the start rotates between laps"


@SETTINGS
@given(n=st.integers(2, 7), prefix=actions, step=st.sampled_from([UNTIL_ALL_PASS, EXCLUDING]))
def test_until_all_pass_always_terminates(n: int, prefix: list[Action], step: int) -> None:
    """After any commands, everyone passing ends the round within two laps of passes."""
    session = start(n, step)
    for action in prefix:
        play(session, action)
    r = session.round
    assert r is not None
    # Nobody can pass while nobody is here: the round waits for someone to return.
    if r.waiting:
        assert session.speaker is None and not r.done
        session.set_present(session.participants[0], True)
    bound = 2 * len(session.participants)
    passes = 0
    while not r.done:
        session.pass_turn()
        passes += 1
        assert passes <= bound
    assert session.speaker is None
    try:
        session.pass_turn()
    except KollegialError as exc:
        assert exc.key == "err.round_done"
    else:
        raise AssertionError("a pass after the end must be refused")


@SETTINGS
@given(n=st.integers(2, 7), sequence=actions, step=ROUNDS)
def test_absent_people_never_get_a_turn(n: int, sequence: list[Action], step: int) -> None:
    """Whatever happens, the speaker and everyone listed as next are present (and not excluded)."""
    session = start(n, step)
    assert_no_absent_speaker(session)
    for action in sequence:
        play(session, action)
        assert_no_absent_speaker(session)


@SETTINGS
@given(n=st.integers(2, 7), sequence=actions, step=ROUNDS)
def test_replaying_turns_gives_the_same_round(n: int, sequence: list[Action], step: int) -> None:
    """The turn state rebuilt from the event log equals the live one."""
    session = start(n, step)
    for action in sequence:
        play(session, action)
    copy = Session.replay(PROTOCOL, session.events, FakeClock())
    assert copy.rounds == session.rounds
    assert copy.speaker == session.speaker
