"""Passes per participant, presentations, rounds without the presenter, small groups,
optional steps: the plan and the engine, on a fake clock."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kollegial.errors import KollegialError
from kollegial.protocols.discovery import resolve
from kollegial.protocols.loader import load_text
from kollegial.protocols.model import Mode, Protocol
from kollegial.session import FakeClock, Session, build_plan
from kollegial.session import events as ev
from kollegial.session.session import form_subgroups

KINDS_YAML = """
title: Alla sorter
roles:
  - {id: presentator, title: Presentatör}
  - {id: ledare, title: Samtalsledare}
steps:
  - {title: Läs, mode: silent, minutes: 2}
  - title: En omgång var
    id: omgang
    for_each: participant
    as: presentator
    minutes_per_person: 6
    steps:
      - {title: Presentera, id: presentera, mode: present, speaker: presentator, minutes: 2,
         notes: true}
      - {title: Svar, id: svar, mode: round, exclude: presentator}
      - {title: Sista ordet, id: sista, mode: present, speaker: presentator, minutes: 1}
  - {title: Två och två, id: par, mode: subgroups, size: 2, minutes: 3}
  - {title: Extra, id: extra, mode: discussion, minutes: 5, optional: true, notes: true}
  - {title: Avslut, id: avslut, mode: info}
"""
PEOPLE = ["Anna", "Bo", "Cia", "Dan"]
# Plan indices for four people: 0 read, 1-12 four passes of three, 13 pairs, 14 extra, 15 end.
PRESENT, RESPOND, LAST_WORD = 1, 2, 3
PAIRS, EXTRA, END = 13, 14, 15


def protocol(text: str = KINDS_YAML) -> Protocol:
    return load_text(text, Path("sorter.yaml"), "sorter")


KINDS = protocol()


def start(people: list[str] = PEOPLE, clock: FakeClock | None = None) -> Session:
    return Session.start(KINDS, people, clock or FakeClock())


def respond_index(pass_no: int) -> int:
    return RESPOND + 3 * (pass_no - 1)


# --- the plan ---


def test_for_each_participant_gives_one_pass_per_participant() -> None:
    """Each participant gets a pass of the block's sub-steps, in the order they were given."""
    plan = build_plan(KINDS, PEOPLE)
    passes = [s for s in plan.steps if s.block is not None and s.block.id == "omgang"]
    assert [(s.pass_no, s.pass_count, s.pass_person, s.step.id) for s in passes] == [
        (n, 4, person, sub)
        for n, person in enumerate(PEOPLE, start=1)
        for sub in ("presentera", "svar", "sista")
    ]
    assert {s.pass_role for s in passes} == {"presentator"}
    assert [s.key for s in passes[:3]] == ["omgang.1.presentera", "omgang.1.svar", "omgang.1.sista"]
    assert len(plan) == 16 and plan.participants == tuple(PEOPLE)


def test_plan_step_says_speaker_exclude_optional_and_size() -> None:
    """The new step kinds are readable from the plan step itself."""
    plan = build_plan(KINDS, PEOPLE)
    assert (plan[PRESENT].speaker, plan[PRESENT].mode) == ("presentator", Mode.PRESENT)
    assert plan[RESPOND].exclude == "presentator"
    assert plan[PAIRS].size == 2 and plan[PAIRS].mode is Mode.SUBGROUPS
    assert [s.optional for s in plan.steps].count(True) == 1 and plan[EXTRA].optional
    assert plan[0].pass_person is None and plan[0].pass_role is None


def test_minutes_per_person_on_a_participant_block_is_each_pass() -> None:
    """6 minutes per pass: 2 + 1 given, the round shares the 3 left; four people: 24."""
    plan = build_plan(KINDS, PEOPLE)
    assert [s.planned_seconds for s in plan.steps[1:4]] == [120.0, 180.0, 60.0]
    assert plan.planned_seconds == (2 + 6 * 4 + 3 + 5) * 60


def test_minutes_per_person_on_a_leaf_counts_everyone_but_the_excluded() -> None:
    """`minutes_per_person: 2` on a round excluding a role: 2 × (people − 1)."""
    p = protocol(
        """
title: T
roles: [{id: presentator, title: P}]
steps:
  - {title: Svar, mode: round, exclude: presentator, minutes_per_person: 2}
  - {title: Alla, mode: round, minutes_per_person: 1.5}
"""
    )
    plan = build_plan(p, PEOPLE)
    assert [s.planned_seconds for s in plan.steps] == [6 * 60.0, 6 * 60.0]
    assert p.planned_minutes(5) == 8 + 7.5


def test_minutes_per_person_on_a_plain_block_is_the_total() -> None:
    """On a block that does not repeat, N per person is the block's whole length."""
    p = protocol(
        """
title: T
steps:
  - title: Block
    minutes_per_person: 2
    steps:
      - {title: A, mode: silent, minutes: 2}
      - {title: B, mode: discussion}
"""
    )
    assert [s.planned_seconds for s in build_plan(p, PEOPLE).steps] == [120.0, 360.0]


@pytest.mark.parametrize(("people", "minutes"), [(4, 28), (5, 40), (6, 54)])
def test_final_word_gives_each_responder_a_minute(people: int, minutes: int) -> None:
    """Sista ordet: 3 + a minute per responder + 1 a pass (8 with five, as in Final Word)."""
    p = resolve("sista-ordet")
    names = [f"P{i}" for i in range(people)]
    plan = build_plan(p, names)
    assert plan.planned_seconds == minutes * 60
    assert p.planned_minutes(people) == minutes
    respond = [s for s in plan.steps if s.step.id == "svar"]
    assert len(respond) == people and {s.planned_seconds for s in respond} == {(people - 1) * 60.0}


def test_late_arrival_gets_no_pass() -> None:
    """The passes are fixed when the meeting starts: someone who joins later has none."""
    session = start()
    session.add_participant("Eva")
    assert len(session.plan) == 16
    assert "Eva" not in {s.pass_person for s in session.plan.steps}
    again = Session.replay(KINDS, session.events, FakeClock())
    assert again.plan == session.plan


# --- passes: the role goes round ---


def test_presenter_rotates_with_each_pass() -> None:
    """Entering a pass's step gives its participant the `as` role; each pass, the next person."""
    session = start()
    holders = []
    for pass_no in range(1, 5):
        session.goto(PRESENT + 3 * (pass_no - 1))
        holders.append(session.roles.get("presentator"))
    assert holders == PEOPLE
    session.goto(PRESENT)  # back to the first pass: Anna presents again
    assert session.roles["presentator"] == "Anna"


def test_the_pass_role_is_an_event_in_the_log() -> None:
    """The role given with a pass is a RoleAssigned event, once per change of holder."""
    session = start()
    for _ in range(6):
        session.next_step()
    assigned = [(e.role, e.name) for e in session.events if isinstance(e, ev.RoleAssigned)]
    assert assigned == [("presentator", "Anna"), ("presentator", "Bo")]


def test_present_step_speaker_is_the_holder_of_its_role() -> None:
    """In a `present` step the holder of `speaker:` has the word, for any step asked about."""
    session = start()
    session.goto(PRESENT)
    assert session.speaker == "Anna"
    assert session.speaker_at(PRESENT + 3) == "Bo"  # the pass's participant, ahead of time
    assert session.speaker_at(LAST_WORD) == "Anna"
    assert session.speaker_at(0) is None


def test_present_step_speaker_without_a_holder_is_nobody() -> None:
    """Outside a pass, a `present` step speaks through whoever was appointed, or nobody."""
    p = protocol(
        """
title: T
roles: [{id: presentator, title: P}]
steps:
  - {title: Utse, mode: info, appoint: presentator}
  - {title: Presentera, mode: present, speaker: presentator, minutes: 3}
"""
    )
    session = Session.start(p, PEOPLE, FakeClock())
    assert session.speaker_at(1) is None
    session.appoint("presentator", "Cia")
    session.next_step()
    assert session.speaker == "Cia"


def test_notes_in_a_present_step_are_the_presenters() -> None:
    """A note taken while someone presents is attributed to them."""
    session = start()
    session.goto(PRESENT + 3)
    assert session.add_note("Passagen om bedömning").speaker == "Bo"


# --- a round without the presenter ---


def take_round(session: Session) -> list[str]:
    spoke = []
    while session.round is not None and session.round.current is not None:
        spoke.append(session.round.current)
        session.next_speaker()
    return spoke


@pytest.mark.parametrize("pass_no", [1, 2, 3, 4])
def test_excluded_person_never_gets_a_turn(pass_no: int) -> None:
    """The round after a presentation goes to everyone but that pass's presenter."""
    session = start()
    session.goto(respond_index(pass_no))
    r = session.round
    assert r is not None and r.excluded == PEOPLE[pass_no - 1]
    assert PEOPLE[pass_no - 1] not in session.upcoming()
    spoke = take_round(session)
    assert sorted(spoke) == sorted(p for p in PEOPLE if p != PEOPLE[pass_no - 1])


def test_excluded_person_gets_no_turn_in_until_all_pass_laps() -> None:
    """Lap after lap, until everyone passes, the excluded holder is never asked."""
    p = protocol(
        """
title: T
roles: [{id: presentator, title: P}]
steps:
  - {title: Svar, mode: round, round: until-all-pass, exclude: presentator, minutes: 5}
"""
    )
    session = Session.start(p, PEOPLE, FakeClock(), roles={"presentator": "Bo"})
    seen = []
    for _ in range(3):
        for _ in range(3):
            seen.append(session.speaker)
            session.next_speaker()
        assert "Bo" not in session.upcoming()
    while session.round is not None and not session.round.done:
        seen.append(session.speaker)
        session.pass_turn()
    assert "Bo" not in seen and len(seen) == 12


def test_round_with_only_the_excluded_present_is_empty() -> None:
    """Everyone else away: nobody has the word, the round says it is empty, turns are refused."""
    session = start()
    for name in ("Bo", "Cia", "Dan"):
        session.set_present(name, False)
    session.goto(respond_index(1))
    r = session.round
    assert r is not None and r.empty and r.waiting and not r.done
    assert session.speaker is None
    with pytest.raises(KollegialError) as info:
        session.next_speaker()
    assert info.value.key == "err.round_empty"
    session.set_present("Cia", True)
    assert not r.empty and session.speaker == "Cia"


def test_reappointing_the_excluded_role_changes_who_is_left_out() -> None:
    """A new holder of the role mid-round loses the word; the round goes on without them."""
    p = protocol(
        """
title: T
roles: [{id: presentator, title: P}]
steps:
  - {title: Svar, mode: round, exclude: presentator, minutes: 5}
"""
    )
    session = Session.start(p, PEOPLE, FakeClock(), roles={"presentator": "Anna"})
    assert session.speaker == "Bo"
    session.appoint("presentator", "Bo")
    assert session.round is not None and session.round.excluded == "Bo"
    assert session.speaker == "Cia"


# --- small groups ---


@pytest.mark.parametrize(
    ("n", "size", "sizes"),
    [
        (7, 2, [3, 2, 2]),
        (8, 2, [2, 2, 2, 2]),
        (6, 4, [6]),
        (9, 4, [5, 4]),
        (11, 4, [6, 5]),
        (3, 4, [3]),
        (1, 2, [1]),
        (0, 2, []),
    ],
)
def test_subgroups_split_in_order_with_the_rest_joining_the_first_groups(
    n: int, size: int, sizes: list[int]
) -> None:
    """n // size groups (at least one); those left over join the first groups one each."""
    people = [chr(ord("a") + i) for i in range(n)]
    groups = form_subgroups(people, size)
    assert [len(g) for g in groups] == sizes
    assert [name for g in groups for name in g] == people


def test_seven_in_pairs() -> None:
    """7 people in pairs: [[a, b, c], [d, e], [f, g]]."""
    assert form_subgroups(list("abcdefg"), 2) == (("a", "b", "c"), ("d", "e"), ("f", "g"))


def test_subgroups_are_formed_from_those_present_when_the_step_is_entered() -> None:
    """Entering a subgroups step splits the present people and records it as an event."""
    people = ["A", "B", "C", "D", "E", "F", "G", "H"]
    session = start(people)
    session.set_present("H", False)
    index = session.plan.index_of("par")
    assert session.subgroups(index) == []
    session.goto(index)
    assert session.subgroups(index) == [["A", "B", "C"], ["D", "E"], ["F", "G"]]
    formed = [e for e in session.events if isinstance(e, ev.SubgroupsFormed)]
    assert [(e.index, e.groups) for e in formed] == [
        (index, (("A", "B", "C"), ("D", "E"), ("F", "G")))
    ]


def test_subgroups_stay_when_the_step_is_entered_again() -> None:
    """Going back to a subgroups step keeps the groups it had."""
    session = start()
    session.goto(PAIRS)
    groups = session.subgroups(PAIRS)
    session.set_present("Anna", False)
    session.next_step()
    session.previous_step()
    assert session.subgroups(PAIRS) == groups == [["Anna", "Bo"], ["Cia", "Dan"]]
    assert sum(isinstance(e, ev.SubgroupsFormed) for e in session.events) == 1


def test_subgroups_wait_for_someone_to_be_here() -> None:
    """With nobody present no groups are formed; entering again once people are back forms them."""
    session = start()
    for name in PEOPLE:
        session.set_present(name, False)
    session.goto(PAIRS)
    assert session.subgroups(PAIRS) == []
    session.set_present("Anna", True)
    session.set_present("Cia", True)
    session.previous_step()
    session.next_step()
    assert session.subgroups(PAIRS) == [["Anna", "Cia"]]


# --- optional steps ---


def test_skipping_an_optional_step_is_recorded_and_moves_on() -> None:
    """skip_step records StepSkipped and enters the next step."""
    session = start()
    session.goto(EXTRA)
    session.skip_step()
    assert session.current == END
    assert session.skipped(EXTRA) and not session.skipped(END)
    assert [type(e) for e in session.events[-4:]] == [
        ev.StepSkipped,
        ev.TimerPaused,
        ev.StepEntered,
        ev.TimerStarted,
    ]
    assert session.reports()[EXTRA].skipped


def test_skipping_a_step_that_is_not_optional_is_refused() -> None:
    """Only optional steps can be skipped; the meeting stays where it is."""
    session = start()
    with pytest.raises(KollegialError) as info:
        session.skip_step()
    assert info.value.key == "err.not_optional"
    assert session.current == 0 and not session.skipped(0)


def test_skipping_the_last_step_ends_the_meeting() -> None:
    """An optional last step skipped: the meeting ends."""
    p = protocol(
        "title: T\nsteps:\n  - {title: A, mode: info}\n  - {title: B, mode: info, optional: true}\n"
    )
    session = Session.start(p, PEOPLE, FakeClock())
    session.next_step()
    session.skip_step()
    assert session.ended and session.skipped(1)
    with pytest.raises(KollegialError):
        session.skip_step()


def test_skipping_a_step_of_an_optional_block_skips_the_rest_of_its_pass() -> None:
    """In an optional block, skipping leaves out the rest of the block (of this pass only)."""
    p = protocol(
        """
title: T
roles: [{id: presentator, title: P}]
steps:
  - title: Fördjupning
    id: block
    for_each: participant
    as: presentator
    optional: true
    steps:
      - {title: A, id: a, mode: discussion, minutes: 1}
      - {title: B, id: b, mode: discussion, minutes: 1}
  - {title: Slut, mode: info}
"""
    )
    session = Session.start(p, ["Anna", "Bo"], FakeClock())
    assert all(s.optional for s in session.plan.steps[:4]) and not session.plan[4].optional
    session.skip_step()
    assert session.current == 2 and session.plan[2].pass_person == "Bo"
    assert [session.skipped(i) for i in range(5)] == [True, True, False, False, False]


def test_going_back_to_a_skipped_step_runs_it_after_all() -> None:
    """A skipped step entered again is no longer marked skipped."""
    session = start()
    session.goto(EXTRA)
    session.skip_step()
    session.previous_step()
    assert session.current == EXTRA and not session.skipped(EXTRA)


# --- replay ---


def drive(session: Session, clock: FakeClock) -> None:
    session.appoint("ledare", "Dan")
    for _ in range(PAIRS):
        clock.advance(30)
        if session.round is not None:
            take_round(session)
        session.add_note(f"anteckning {session.current}")
        session.next_step()
    session.set_present("Bo", False)
    session.next_step()  # into the extra step
    session.skip_step()
    session.next_step()


def test_replay_equals_live_with_the_new_events() -> None:
    """Roles by pass, excluded rounds, small groups and skips replay into the same session."""
    clock = FakeClock()
    session = start(clock=clock)
    drive(session, clock)
    assert session.ended
    kinds = {type(e) for e in session.events}
    assert {ev.SubgroupsFormed, ev.StepSkipped, ev.RoleAssigned} <= kinds
    again = Session.replay(KINDS, session.events, clock)
    assert_same(again, session)


def test_events_of_the_new_kinds_survive_json() -> None:
    """Each new event written as JSON reads back equal (the store's path)."""
    clock = FakeClock()
    session = start(clock=clock)
    drive(session, clock)
    adapter = ev.event_adapter()
    for event in session.events:
        assert adapter.validate_json(ev.to_json(event)) == event


def assert_same(a: Session, b: Session) -> None:
    assert a.plan == b.plan
    assert a.current == b.current and a.ended == b.ended
    assert a.roles == b.roles
    assert a.rounds == b.rounds
    assert a.speaker == b.speaker
    assert a.notes == b.notes
    assert [a.subgroups(i) for i in range(len(a.plan))] == [
        b.subgroups(i) for i in range(len(b.plan))
    ]
    assert [a.skipped(i) for i in range(len(a.plan))] == [b.skipped(i) for i in range(len(b.plan))]
    assert [(r.skipped, r.visits) for r in a.reports()] == [
        (r.skipped, r.visits) for r in b.reports()
    ]


Command = tuple[str, int]
commands = st.lists(
    st.one_of(
        st.tuples(st.sampled_from(["next", "prev", "skip", "turn", "pass", "join"]), st.just(0)),
        st.tuples(st.sampled_from(["goto", "absent", "present", "appoint"]), st.integers(0, 30)),
    ),
    max_size=50,
)


def apply(session: Session, command: Command) -> None:
    """One command; those the engine refuses here (a KollegialError) change nothing."""
    kind, i = command
    before = len(session.events)
    try:
        match kind:
            case "next":
                session.next_step()
            case "prev":
                session.previous_step()
            case "skip":
                session.skip_step()
            case "turn":
                session.next_speaker()
            case "pass":
                session.pass_turn()
            case "join":
                session.add_participant(f"Sen{len(session.participants)}")
            case "goto":
                session.goto(i % len(session.plan))
            case "absent" | "present":
                name = session.participants[i % len(session.participants)]
                session.set_present(name, kind == "present")
            case "appoint":
                name = session.participants[i % len(session.participants)]
                session.appoint("presentator", name)
    except KollegialError:
        assert len(session.events) == before


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(n=st.integers(2, 7), sequence=commands)
def test_any_commands_replay_into_the_same_session(n: int, sequence: list[Command]) -> None:
    """Whatever the leader does, the log replays into an equal session."""
    clock = FakeClock()
    session = start([f"P{i}" for i in range(n)], clock)
    for command in sequence:
        apply(session, command)
        clock.advance(7)
        r = session.round
        if r is not None and not r.done:
            # The holder of the excluded role never has, nor is promised, the word.
            assert r.excluded is None or r.excluded not in [session.speaker, *session.upcoming()]
    assert_same(Session.replay(KINDS, session.events, clock), session)
