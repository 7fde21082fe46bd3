"""Turns in round steps: *laget runt, en sak i taget*."""

from __future__ import annotations

import pytest

from kollegial.errors import KollegialError
from kollegial.protocols.discovery import resolve
from kollegial.protocols.model import RoundKind
from kollegial.session import FakeClock, Session
from kollegial.session.turns import Round, rotated

PEOPLE = ["Anna", "Bo", "Cia", "Dan"]


@pytest.fixture
def obs() -> Session:
    """observationssamtal: steps 0, 1 and 3 are until-all-pass rounds."""
    return Session.start(resolve("observationssamtal"), PEOPLE, FakeClock())


@pytest.fixture
def tri() -> Session:
    """triangulering at the first corner's round (a `once` round, the first round begun)."""
    session = Session.start(resolve("triangulering"), PEOPLE, FakeClock())
    session.goto(3)
    return session


def lap(session: Session, *actions: str) -> list[str]:
    """Play ``n`` (next) / ``p`` (pass) actions; return who had each turn."""
    names = []
    for action in actions:
        names.append(session.speaker or "")
        if action == "n":
            session.next_speaker()
        else:
            session.pass_turn()
    return names


def test_the_circle_is_the_present_participants_in_order(obs: Session) -> None:
    """The first lap goes round everyone in the order they were added."""
    assert lap(obs, "n", "n", "n", "n") == PEOPLE


def test_current_and_next_speaker(obs: Session) -> None:
    """The current speaker and who comes after, in order."""
    assert obs.speaker == "Anna"
    assert obs.upcoming() == ["Bo", "Cia", "Dan"]
    obs.next_speaker()
    assert obs.speaker == "Bo"
    assert obs.upcoming() == ["Cia", "Dan"]


def test_next_moves_the_turn_on(obs: Session) -> None:
    """`next` records that the speaker had their say and gives the turn to the next person."""
    obs.next_speaker()
    r = obs.round
    assert r is not None
    assert r.spoke == ["Anna"] and r.passed == []
    assert obs.speaker == "Bo"


def test_pass_moves_the_turn_on_and_is_recorded(obs: Session) -> None:
    """`pass` moves the turn on and records who passed in this lap."""
    obs.pass_turn()
    r = obs.round
    assert r is not None
    assert r.passed == ["Anna"] and r.spoke == []
    assert obs.speaker == "Bo"


def test_once_round_ends_after_everyone_had_one_turn(tri: Session) -> None:
    """A `once` round ends after one lap; no further turns."""
    assert tri.round is not None and tri.round.kind is RoundKind.ONCE
    assert lap(tri, "n", "p", "n", "n") == PEOPLE
    assert tri.round.done
    assert tri.speaker is None and tri.upcoming() == []
    with pytest.raises(KollegialError) as info:
        tri.next_speaker()
    assert info.value.key == "err.round_done"


def test_until_all_pass_goes_on_while_someone_speaks(obs: Session) -> None:
    """A lap where anyone spoke is followed by another lap."""
    lap(obs, "n", "p", "p", "p")
    r = obs.round
    assert r is not None and not r.done
    assert r.lap == 2


def test_until_all_pass_ends_when_everyone_passed_within_one_lap(obs: Session) -> None:
    """After a lap in which everyone passed, the round is over."""
    lap(obs, "n", "n", "n", "n")
    lap(obs, "p", "p", "p", "p")
    r = obs.round
    assert r is not None and r.done
    assert obs.speaker is None


def test_passes_spread_over_two_laps_do_not_end_the_round(obs: Session) -> None:
    """Everyone passing in a row, but across a lap boundary, is not a lap of passes."""
    lap(obs, "n", "p", "p", "p")  # lap 1: Anna speaks, the rest pass
    assert lap(obs, "p", "p", "p") == ["Bo", "Cia", "Dan"]  # lap 2 starts with Bo
    r = obs.round
    assert r is not None and not r.done  # Anna has not passed in this lap yet
    assert obs.speaker == "Anna"
    obs.next_speaker()  # she speaks: lap 2 had a speaker, so a lap 3 follows
    assert not r.done and r.lap == 3


def test_each_new_round_step_starts_with_the_next_person(obs: Session) -> None:
    """Round steps begin in turn with Anna, Bo and Cia: the next person in the circle."""
    starters = []
    for index in (0, 1, 3):
        obs.goto(index)
        starters.append(obs.speaker)
    assert starters == ["Anna", "Bo", "Cia"]


def test_the_start_rotates_between_laps(obs: Session) -> None:
    """Lap 1 starts with Anna, lap 2 with Bo, lap 3 with Cia."""
    assert lap(obs, "n", "n", "n", "n")[0] == "Anna"
    assert lap(obs, "n", "n", "n", "n") == ["Bo", "Cia", "Dan", "Anna"]
    assert lap(obs, "n", "n", "n", "n") == ["Cia", "Dan", "Anna", "Bo"]


def test_the_lap_start_skips_an_absent_person_without_repeating(obs: Session) -> None:
    """With Bo away, laps start Anna, Cia, Dan: nobody starts twice in a row."""
    obs.set_present("Bo", False)
    starters = []
    for _ in range(3):
        starters.append(lap(obs, "n", "n", "n")[0])
    assert starters == ["Anna", "Cia", "Dan"]


def test_next_round_step_starts_after_whoever_began_the_last(obs: Session) -> None:
    """If the next person is away, the round after that starts with the one after them."""
    obs.set_present("Bo", False)
    obs.goto(1)
    assert obs.speaker == "Cia"  # Bo would be next, but is away
    obs.goto(3)
    assert obs.speaker == "Dan"  # not Cia again


def test_an_absent_participant_is_skipped(obs: Session) -> None:
    """Someone marked absent before their turn does not get it."""
    obs.set_present("Cia", False)
    assert obs.upcoming() == ["Bo", "Dan"]
    assert lap(obs, "n", "n", "n") == ["Anna", "Bo", "Dan"]


def test_marking_the_speaker_absent_moves_the_turn_on(obs: Session) -> None:
    """When the current speaker leaves, the turn goes to the next present person."""
    obs.set_present("Anna", False)
    assert obs.speaker == "Bo"
    assert not obs.is_present("Anna")
    assert "Anna" not in obs.present_participants


def test_someone_back_before_their_turn_gets_it(obs: Session) -> None:
    """Marked absent and then present again before their turn: they still speak this lap."""
    obs.set_present("Dan", False)
    obs.next_speaker()
    obs.set_present("Dan", True)
    assert lap(obs, "n", "n", "n") == ["Bo", "Cia", "Dan"]


def test_presence_can_change_outside_a_round(obs: Session) -> None:
    """Presence is set any time, also in a step without turns; unknown names are refused."""
    obs.goto(2)
    obs.set_present("Bo", False)
    assert obs.present_participants == ["Anna", "Cia", "Dan"]
    obs.set_present("Bo", True)
    assert obs.present_participants == PEOPLE
    with pytest.raises(KollegialError) as info:
        obs.set_present("Eva", False)
    assert info.value.key == "err.unknown_participant"


def test_a_late_arrival_joins_the_circle(obs: Session) -> None:
    """A late arrival is added to the circle, present, and speaks at the end of this lap."""
    obs.next_speaker()
    obs.add_participant("  Eva   Ek ")
    assert obs.participants == [*PEOPLE, "Eva Ek"]
    assert obs.is_present("Eva Ek")
    assert obs.upcoming() == ["Cia", "Dan", "Eva Ek"]
    assert lap(obs, "n", "n", "n", "n") == ["Bo", "Cia", "Dan", "Eva Ek"]
    assert lap(obs, "n", "n", "n", "n", "n") == ["Bo", "Cia", "Dan", "Eva Ek", "Anna"]


def test_a_late_arrival_gets_a_turn_in_a_once_round(tri: Session) -> None:
    """In a `once` round a late arrival still has a turn before it ends."""
    tri.next_speaker()
    tri.add_participant("Eva")
    assert lap(tri, "n", "n", "n", "n") == ["Bo", "Cia", "Dan", "Eva"]
    assert tri.round is not None and tri.round.done


def test_a_late_arrival_is_in_later_round_steps(obs: Session) -> None:
    """Round steps begun after someone joined include them."""
    obs.add_participant("Eva")
    obs.goto(1)
    assert lap(obs, "n", "n", "n", "n", "n") == ["Bo", "Cia", "Dan", "Eva", "Anna"]


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("anna", "err.duplicate_participant"),
        ("   ", "err.empty_name"),
        ("x" * 201, "err.name_too_long"),
    ],
    ids=["duplicate", "empty", "too-long"],
)
def test_a_late_arrival_needs_a_new_name(obs: Session, name: str, key: str) -> None:
    """Joining is refused for a name already taken (any case), empty, or too long to store."""
    with pytest.raises(KollegialError) as info:
        obs.add_participant(name)
    assert info.value.key == key
    assert obs.participants == PEOPLE


def test_turn_commands_outside_a_round_step_are_refused(obs: Session) -> None:
    """`next` and `pass` in a step without turns give a clear error."""
    obs.goto(2)
    for command in (obs.next_speaker, obs.pass_turn):
        with pytest.raises(KollegialError) as info:
            command()
        assert info.value.key == "err.not_round"


def test_each_round_step_keeps_its_own_turns(obs: Session) -> None:
    """Leaving a round and coming back continues where it was."""
    lap(obs, "n", "n")
    obs.goto(1)
    obs.goto(0)
    assert obs.speaker == "Cia"


def test_everyone_absent_waits_without_a_loop() -> None:
    """A round with nobody present waits (no speaker, not over) instead of going round forever."""
    r = Round.begin(RoundKind.UNTIL_ALL_PASS, ["a", "b"], 0, lambda name: False)
    assert r.waiting and not r.done and r.current is None


def test_rotated_circle() -> None:
    """The circle rotated to begin at a start index (wrapping round)."""
    assert rotated(["a", "b", "c"], 4) == ["b", "c", "a"]
    assert rotated([], 3) == []


def test_round_begun_with_the_starter_away_begins_with_the_next() -> None:
    """A round whose starter is away begins with the next present person, its new start."""
    here = {"a": False, "b": False, "c": True}
    r = Round.begin(RoundKind.ONCE, ["a", "b", "c"], 0, here.__getitem__)
    assert (r.current, r.start) == ("c", 2)


def test_starter_leaving_before_speaking_does_not_start_the_next_lap(obs: Session) -> None:
    """Anna leaves before her first word: Bo begins the lap, Cia the next one."""
    obs.set_present("Anna", False)
    assert lap(obs, "n", "n", "n") == ["Bo", "Cia", "Dan"]
    assert lap(obs, "n", "n", "n") == ["Cia", "Dan", "Bo"]


def test_round_waits_while_everyone_is_absent_and_goes_on_when_someone_is_back(
    obs: Session,
) -> None:
    """Everyone marked absent: nobody has the word, the round is not over; it resumes."""
    for name in list(obs.participants):
        obs.set_present(name, False)
    assert obs.speaker is None
    assert obs.round is not None and not obs.round.done
    obs.set_present("Bo", True)
    assert obs.speaker == "Bo"


def test_the_last_turn_of_a_lap_shows_who_begins_the_next(obs: Session) -> None:
    """In until-all-pass, at the lap's last turn after someone spoke, 'next' is the next lap.

    Without the speaker: the one who has the word is never "next" (issue 13).
    """
    lap(obs, "n", "p", "p")
    assert obs.speaker == "Dan"
    assert obs.upcoming() == ["Bo", "Cia", "Anna"]
    obs.pass_turn()
    assert obs.speaker == "Bo"


def test_a_rating_must_be_a_whole_number(tri: Session) -> None:
    """2.5 or True is refused as off the scale, like 7."""
    for value in (2.5, True):
        with pytest.raises(KollegialError):
            tri.set_rating("Anna", "kvalitetsarbete-1", value)  # type: ignore[arg-type]
