"""The session engine: people, roles, notes, decisions, navigation, reports, replay."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kollegial.errors import KollegialError
from kollegial.protocols.discovery import resolve
from kollegial.session import FakeClock, Session
from kollegial.session import events as ev
from kollegial.session.session import name_taken
from tests.unit.conftest import PEOPLE

# --- starting ---


def test_start_cleans_names_and_enters_the_first_step(clock: FakeClock) -> None:
    """Names are trimmed, blank ones dropped; everyone is present; step 1 is current."""
    session = Session.start(
        resolve("observationssamtal"), [" Anna  Ek ", "", "Bo"], clock, focus="  Läsning "
    )
    assert session.participants == ["Anna Ek", "Bo"]
    assert session.present_participants == ["Anna Ek", "Bo"]
    assert session.focus == "Läsning"
    assert session.current == 0
    assert session.started_at == clock.now()


@pytest.mark.parametrize(
    ("names", "key"),
    [
        (["Anna", "ANNA"], "err.duplicate_participant"),
        (["Anna"], "err.too_few_participants"),
        (["Anna", "y" * 201], "err.name_too_long"),
    ],
    ids=["duplicate", "too-few", "too-long"],
)
def test_start_refuses_bad_participant_lists(clock: FakeClock, names: list[str], key: str) -> None:
    """Duplicates (any case), fewer than two people or an overlong name: a KollegialError."""
    with pytest.raises(KollegialError) as info:
        Session.start(resolve("observationssamtal"), names, clock)
    assert info.value.key == key


# --- roles ---


def test_appoint_records_who_holds_the_role(tri: Session) -> None:
    """An appoint step records who holds its role."""
    assert tri.step.step.appoint == "samtalsledare"
    tri.appoint("samtalsledare", "Bo")
    assert tri.roles == {"samtalsledare": "Bo"}


def test_roles_can_be_changed_and_cleared(tri: Session) -> None:
    """A role goes to someone else, or to nobody."""
    tri.appoint("samtalsledare", "Bo")
    tri.appoint("tidshallare", "Cia")
    tri.appoint("samtalsledare", "Anna")
    assert tri.roles == {"samtalsledare": "Anna", "tidshallare": "Cia"}
    tri.appoint("tidshallare", None)
    assert tri.roles == {"samtalsledare": "Anna"}


def test_roles_given_at_start(clock: FakeClock) -> None:
    """Roles can be given when the meeting starts."""
    session = Session.start(resolve("triangulering"), PEOPLE, clock, roles={"tidshallare": "Cia"})
    assert session.roles == {"tidshallare": "Cia"}


@pytest.mark.parametrize(
    ("role", "name", "key"),
    [
        ("ordforande", "Bo", "err.unknown_role_id"),
        ("samtalsledare", "Eva", "err.unknown_participant"),
    ],
    ids=["unknown-role", "not-a-participant"],
)
def test_appoint_refuses_unknown_roles_and_people(
    tri: Session, role: str, name: str, key: str
) -> None:
    """A role the protocol lacks, or someone not in the meeting, is refused."""
    with pytest.raises(KollegialError) as info:
        tri.appoint(role, name)
    assert info.value.key == key
    assert tri.roles == {}


# --- notes ---


def test_add_note_belongs_to_the_step_with_its_time(obs: Session, clock: FakeClock) -> None:
    """A note is stored on the current step with the time it was written."""
    clock.advance(65)
    note = obs.add_note("  Eleverna frågar varandra  ")
    assert note.text == "Eleverna frågar varandra"
    assert note.index == 0
    assert note.at == clock.now()
    assert obs.notes_for() == [note]
    assert obs.notes_for(1) == []


def test_note_goes_to_the_column_the_step_writes_into(obs: Session) -> None:
    """Notes of a step with `notes: <column>` go to that column."""
    first = obs.add_note("gör")
    obs.goto(2)
    third = obs.add_note("behöver")
    assert first.column == "gor-sager"
    assert third.column == "behov"
    assert obs.notes_for(2, "behov") == [third]
    assert obs.notes_for(2, "larande") == []


def test_note_in_own_list_has_no_column(obs: Session) -> None:
    """A step with `notes: true` keeps notes in its own list (no column)."""
    obs.goto(5)
    assert obs.add_note("förslag").column is None


def test_note_in_a_round_is_by_the_speaker_of_the_moment(obs: Session) -> None:
    """In a round step a note is attributed to whoever has the word."""
    a = obs.add_note("första")
    obs.next_speaker()
    b = obs.add_note("andra")
    assert (a.speaker, b.speaker) == ("Anna", "Bo")


def test_note_outside_a_round_has_no_speaker(obs: Session) -> None:
    """Outside round steps (and after a round ended) notes are unattributed."""
    obs.goto(2)
    assert obs.add_note("tyst").speaker is None


def test_leader_can_clear_or_change_the_speaker(obs: Session) -> None:
    """The leader removes a note's speaker, or gives it to someone else."""
    note = obs.add_note("sagt av någon")
    obs.attribute_note(note.id, None)
    assert obs.notes[note.id].speaker is None
    obs.attribute_note(note.id, "Cia")
    assert obs.notes[note.id].speaker == "Cia"
    with pytest.raises(KollegialError):
        obs.attribute_note(note.id, "Eva")


def test_edit_note(obs: Session, clock: FakeClock) -> None:
    """Editing changes the text, keeps time and speaker, and records when it was edited."""
    note = obs.add_note("först")
    clock.advance(30)
    obs.edit_note(note.id, " sedan ")
    edited = obs.notes[note.id]
    assert edited.text == "sedan"
    assert edited.speaker == "Anna"
    assert edited.at == clock.now() - timedelta(seconds=30)
    assert edited.edited_at == clock.now()


def test_delete_note_and_ids_are_not_reused(obs: Session) -> None:
    """A deleted note is gone; the next note gets a new id."""
    first = obs.add_note("ett")
    obs.delete_note(first.id)
    assert obs.notes == {}
    assert obs.add_note("två").id == first.id + 1


@pytest.mark.parametrize("command", ["edit", "delete", "attribute"])
def test_unknown_note_is_refused(obs: Session, command: str) -> None:
    """Editing, deleting or attributing a note that does not exist: err.unknown_note."""
    with pytest.raises(KollegialError) as info:
        if command == "edit":
            obs.edit_note(7, "x")
        elif command == "delete":
            obs.delete_note(7)
        else:
            obs.attribute_note(7, None)
    assert info.value.key == "err.unknown_note"


def test_empty_note_is_refused(obs: Session) -> None:
    """A blank note, or editing a note to blank, is refused."""
    with pytest.raises(KollegialError) as info:
        obs.add_note("   ")
    assert info.value.key == "err.empty_note"
    note = obs.add_note("x")
    with pytest.raises(KollegialError):
        obs.edit_note(note.id, " ")
    assert obs.notes[note.id].text == "x"


# --- decisions ---


def test_decision_step_records_the_agreed_text(obs: Session) -> None:
    """In a decision step the agreed text is stored for that step; blank clears it."""
    obs.goto(5)
    obs.set_decision("  Elevers muntliga resonemang ")
    assert obs.decisions == {5: "Elevers muntliga resonemang"}
    obs.set_decision("Skriftliga resonemang")
    assert obs.decisions == {5: "Skriftliga resonemang"}
    obs.set_decision("")
    assert obs.decisions == {}


def test_decision_outside_a_decision_step_is_refused(obs: Session) -> None:
    """Only a decision step takes a decision."""
    with pytest.raises(KollegialError) as info:
        obs.set_decision("x")
    assert info.value.key == "err.not_decision"


# --- navigation ---


def test_next_and_previous(obs: Session) -> None:
    """next goes one step on, previous one back; previous on the first step stays."""
    obs.next_step()
    obs.next_step()
    assert obs.current == 2
    obs.previous_step()
    assert obs.current == 1
    obs.previous_step()
    obs.previous_step()
    assert obs.current == 0


def test_jump_to_any_step(obs: Session) -> None:
    """goto jumps forward and back to any step."""
    obs.goto(4)
    assert obs.current == 4
    obs.goto(1)
    assert obs.current == 1


@pytest.mark.parametrize("index", [-1, 6, 100])
def test_jump_outside_the_plan_is_refused(obs: Session, index: int) -> None:
    """A step that does not exist is refused with its 1-based number and the plan's size."""
    with pytest.raises(KollegialError) as info:
        obs.goto(index)
    assert info.value.key == "err.no_such_step"
    assert info.value.params == {"number": index + 1, "count": 6}
    assert obs.current == 0


def test_next_on_the_last_step_ends_the_meeting(obs: Session, clock: FakeClock) -> None:
    """After the last step the meeting ends; next does nothing more."""
    obs.goto(5)
    obs.next_step()
    assert obs.ended and obs.ended_at == clock.now()
    assert not obs.running
    count = len(obs.events)
    obs.next_step()
    obs.end()
    assert len(obs.events) == count


def test_previous_after_the_end_reopens_the_last_step(obs: Session) -> None:
    """From the closing screen, previous goes back into the last step and its timer runs."""
    obs.goto(5)
    obs.end()
    obs.previous_step()
    assert not obs.ended and obs.current == 5 and obs.running


def test_an_ended_meeting_does_not_resume(obs: Session) -> None:
    """Resuming after the end does nothing."""
    obs.end()
    obs.resume()
    assert not obs.running


# --- reports ---


def test_reports_record_every_start_and_end(obs: Session, clock: FakeClock) -> None:
    """Each visit of a step has the wall-clock time it was entered and left."""
    t0 = clock.now()
    clock.advance(100)
    obs.next_step()
    clock.advance(50)
    obs.previous_step()
    clock.advance(20)
    obs.end()
    reports = obs.reports()
    first = reports[0].visits
    assert [(v.entered - t0, v.left and v.left - t0) for v in first] == [
        (timedelta(0), timedelta(seconds=100)),
        (timedelta(seconds=150), timedelta(seconds=170)),
    ]
    assert [(v.entered - t0, v.left and v.left - t0) for v in reports[1].visits] == [
        (timedelta(seconds=100), timedelta(seconds=150))
    ]
    assert (reports[0].used, reports[1].used) == (120, 50)


def test_reports_record_skipped_steps(obs: Session) -> None:
    """Steps jumped over have no visits and count as skipped."""
    obs.goto(3)
    assert [r.skipped for r in obs.reports()] == [False, True, True, False, True, True]


def test_reports_record_every_pause(obs: Session, clock: FakeClock) -> None:
    """Each pause is recorded with when it began and ended; leaving a step is no pause."""
    t0 = clock.now()
    clock.advance(10)
    obs.pause()
    clock.advance(5)
    obs.resume()
    clock.advance(10)
    obs.pause()
    clock.advance(7)
    obs.next_step()  # leaving while paused ends the pause
    clock.advance(10)
    obs.next_step()  # leaving a running step is not a pause
    obs.pause()  # still paused now
    reports = obs.reports()
    assert [(p.at - t0, p.until and p.until - t0) for p in reports[0].pauses] == [
        (timedelta(seconds=10), timedelta(seconds=15)),
        (timedelta(seconds=25), timedelta(seconds=32)),
    ]
    assert reports[1].pauses == ()
    assert [(p.at - t0, p.until) for p in reports[2].pauses] == [(timedelta(seconds=42), None)]
    assert reports[0].used == 20


def test_reports_record_every_extension(obs: Session, clock: FakeClock) -> None:
    """Each extension and shortening is recorded with its time; the report sums them."""
    obs.adjust(60)
    clock.advance(5)
    obs.adjust(-30)
    report = obs.reports()[0]
    assert [a.seconds for a in report.adjustments] == [60, -30]
    assert report.adjustments[1].at - report.adjustments[0].at == timedelta(seconds=5)
    assert report.adjusted == 30
    assert report.planned == 600


# --- events, listeners and replay ---


def test_every_command_reaches_the_listeners_in_order(clock: FakeClock) -> None:
    """Listeners see each event the moment it happens, the same as the session's log."""
    seen: list[ev.Event] = []
    session = Session.start(resolve("observationssamtal"), PEOPLE, clock, listeners=[seen.append])
    session.add_note("x")
    session.next_speaker()
    assert seen == session.events
    assert isinstance(seen[-1], ev.TurnTaken)


def test_replay_rebuilds_the_same_session(obs: Session, clock: FakeClock) -> None:
    """Replaying the log gives back step, people, turns, notes, roles and decisions."""
    obs.add_participant("Dan")
    obs.set_present("Bo", False)
    obs.add_note("a")
    obs.next_speaker()
    obs.goto(5)
    obs.set_decision("beslut")
    obs.goto(1)
    clock.advance(30)
    copy = Session.replay(obs.protocol, obs.events, clock)
    assert copy.current == 1
    assert copy.participants == obs.participants
    assert copy.present == obs.present
    assert copy.notes == obs.notes
    assert copy.decisions == obs.decisions
    assert copy.speaker == obs.speaker
    assert copy.rounds.keys() == obs.rounds.keys()
    for index, r in obs.rounds.items():
        assert copy.rounds[index] == r


def test_replay_leaves_the_timer_paused_at_its_checkpoint(obs: Session, clock: FakeClock) -> None:
    """A reloaded session stands still at the last checkpoint of its running timer."""
    clock.advance(100)
    copy = Session.replay(obs.protocol, obs.events, clock, checkpoint={0: 100.0})
    assert not copy.running
    assert copy.remaining() == 500
    clock.advance(60)
    assert copy.remaining() == 500
    copy.resume()
    clock.advance(60)
    assert copy.remaining() == 440


def test_leaving_a_reloaded_step_keeps_its_checkpointed_time(
    obs: Session, clock: FakeClock
) -> None:
    """Moving on after a reload writes the checkpointed time into the log for later reloads."""
    clock.advance(250)
    copy = Session.replay(obs.protocol, obs.events, clock, checkpoint={0: 250.0})
    copy.next_step()
    again = Session.replay(obs.protocol, copy.events, clock)
    assert again.elapsed(0) == 250
    assert again.reports()[0].used == 250


# --- strict replay of a log from a file ---


def test_strict_replay_rebuilds_what_the_live_session_made(obs: Session, clock: FakeClock) -> None:
    """A log the live session wrote replays strictly into the same meeting."""
    obs.add_note("Läsning")
    obs.next_step()
    copy = Session.replay(obs.protocol, obs.events, clock, strict=True)
    assert copy.events == obs.events
    assert copy.notes == obs.notes


def test_strict_replay_refuses_an_event_the_live_session_would_refuse(
    obs: Session, clock: FakeClock
) -> None:
    """A note attributed to somebody who never joined: refused, naming the event and why."""
    foreign = ev.NoteAdded(at=clock.now(), id=99, index=0, text="x", speaker="Zed")
    log = [*obs.events, foreign]
    with pytest.raises(KollegialError) as caught:
        Session.replay(obs.protocol, log, clock, strict=True)
    assert caught.value.key == "err.import_event"
    assert caught.value.params["number"] == len(log)
    assert caught.value.params["type"] == "note_added"
    assert "'Zed' har inte lagts till som deltagare" in caught.value.render("sv")
    # Without strict, replay trusts its log (the store's own) as before.
    assert Session.replay(obs.protocol, log, clock).notes[99].speaker == "Zed"


def test_strict_replay_refuses_a_name_that_differs_only_in_case(
    obs: Session, clock: FakeClock
) -> None:
    """The live session's duplicate-name rule holds for a log too: 'ANNA' after 'Anna'."""
    with pytest.raises(KollegialError) as live:
        obs.add_participant("ANNA")
    assert live.value.key == "err.duplicate_participant"
    log = [*obs.events, ev.ParticipantAdded(at=clock.now(), name="ANNA", late=True)]
    with pytest.raises(KollegialError) as caught:
        Session.replay(obs.protocol, log, clock, strict=True)
    assert caught.value.key == "err.import_event"
    assert "'ANNA' läggs till som deltagare en gång till" in caught.value.render("sv")


def test_strict_replay_names_the_event_the_engine_stumbles_on(
    obs: Session, clock: FakeClock
) -> None:
    """A turn in a round step that was never entered: the engine has no round for it."""
    turn = ev.TurnTaken(at=clock.now(), index=3, name="Anna")
    with pytest.raises(KollegialError) as caught:
        Session.replay(obs.protocol, [*obs.events[:3], turn], clock, strict=True)
    assert caught.value.key == "err.import_replay"
    assert caught.value.params == {"number": 4, "type": "turn_taken"}


def test_salvage_leaves_out_what_does_not_fit_and_keeps_the_rest(
    obs: Session, clock: FakeClock
) -> None:
    """A log with gaps: refused events and those the engine stumbles on are counted, not kept."""
    obs.add_note("först")
    unknown = ev.NoteEdited(at=clock.now(), id=42, text="x")
    stumbles = ev.TurnTaken(at=clock.now(), index=3, name="Anna")
    obs.add_note("sist")
    log = [*obs.events[:-1], unknown, stumbles, obs.events[-1]]
    session, left_out = Session.salvage(obs.protocol, log, clock)
    assert left_out == 2
    assert session.events == obs.events
    assert [n.text for n in session.notes.values()] == ["först", "sist"]


def test_one_duplicate_name_rule_ignores_case() -> None:
    """name_taken is the one rule the session, the prompts and a replayed log share."""
    assert name_taken("anna", ["Bo", "Anna"])
    assert name_taken("ÅSA", ["åsa"])
    assert not name_taken("Anna E", ["Anna"])
