"""What a phone may do in a meeting, and what it may see (kollegial.session.remote)."""

from __future__ import annotations

import json

import pytest

from kollegial.errors import KollegialError
from kollegial.protocols.discovery import resolve
from kollegial.session import FakeClock, Session, remote
from kollegial.session import events as ev

PEOPLE = ["Anna", "Bo", "Cia"]


def rate_step(session: Session) -> Session:
    while session.step.mode.value != "rate":
        session.next_step()
    return session


@pytest.fixture
def tri(clock: FakeClock) -> Session:
    return rate_step(Session.start(resolve("triangulering"), PEOPLE, clock))


def all_values(session: Session, value: int = 3) -> dict[str, int]:
    return dict.fromkeys(session.rated_statements(), value)


def submit(session: Session, raters: remote.PhoneRaters | None = None, **kw: object) -> str:
    args: dict[str, object] = {
        "protocol": session.protocol.id,
        "step": session.current,
        "name": "Anna",
        "values": all_values(session),
    }
    args.update(kw)
    return remote.submit_ratings(session, raters or remote.PhoneRaters(), **args)  # type: ignore[arg-type]


def test_a_phones_ratings_are_session_events(tri: Session) -> None:
    """A phone's ratings go in as RatingSet events, like ones typed at the laptop."""
    before = len(tri.events)
    assert submit(tri) == "Anna"
    assert tri.ratings["Anna"] == all_values(tri)
    assert sum(isinstance(e, ev.RatingSet) for e in tri.events[before:]) == 18
    assert tri.raters() == ["Anna"]


def test_sending_the_same_again_changes_nothing(tri: Session) -> None:
    """Idempotent: the same submission twice writes no second event."""
    submit(tri)
    before = len(tri.events)
    submit(tri)
    assert len(tri.events) == before


def test_a_change_of_mind_replaces_one_value(tri: Session) -> None:
    values = all_values(tri)
    submit(tri, values=values)
    first = next(iter(values))
    before = len(tri.events)
    submit(tri, values={**values, first: 1})
    assert tri.ratings["Anna"][first] == 1
    assert len(tri.events) == before + 1


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({"name": "Okänd"}, "err.unknown_participant"),
        ({"values": {"kvalitetsarbete-1": 9}}, "err.rating_scale"),
        ({"values": {"kvalitetsarbete-1": True}}, "err.rating_scale"),
        ({"values": {"finns-inte": 2}}, "err.unknown_statement"),
        ({"protocol": "analys"}, "err.phone_wrong_protocol"),
        ({"step": 0}, "err.phone_step_over"),
        ({"step": "1"}, "err.phone_step_over"),
        ({"values": [1, 2]}, "err.phone_bad_request"),
        ({"name": None}, "err.phone_bad_request"),
    ],
)
def test_a_bad_submission_is_refused_whole(
    tri: Session, change: dict[str, object], key: str
) -> None:
    """Validated like a ratings file: a clear refusal, and nothing set."""
    before = len(tri.events)
    with pytest.raises(KollegialError) as caught:
        submit(tri, **change)
    assert caught.value.key == key
    assert len(tri.events) == before


def test_a_submission_after_the_step_ended_is_refused(tri: Session) -> None:
    step = tri.current
    tri.next_step()
    with pytest.raises(KollegialError) as caught:
        submit(tri, step=step)
    assert caught.value.key == "err.phone_step_over"
    assert "Anna" not in tri.ratings


def test_anonymous_phones_get_numbers_of_their_own(clock: FakeClock) -> None:
    """Each phone keeps its number; two phones never share one; no name is stored."""
    session = rate_step(Session.start(resolve("triangulering"), PEOPLE, clock, anonymous=True))
    raters = remote.PhoneRaters()
    assert submit(session, raters, name="phone-a") == "#1"
    assert submit(session, raters, name="phone-b") == "#2"
    assert submit(session, raters, name="phone-a", values=all_values(session, 1)) == "#1"
    assert sorted(session.ratings) == ["#1", "#2"]
    assert not any("phone-a" in ev.to_json(e) for e in session.events)


def test_a_phones_note_lands_attributed_in_the_step(clock: FakeClock) -> None:
    session = Session.start(resolve("tyst-skrivsamtal"), PEOPLE, clock)
    while session.step.mode.value != "silent":
        session.next_step()
    remote.submit_note(
        session, protocol=session.protocol.id, step=session.current, name="Bo", text=" Tanke "
    )
    (note,) = session.notes_for()
    assert (note.text, note.speaker) == ("Tanke", "Bo")


def test_no_notes_in_a_rating_step(tri: Session) -> None:
    with pytest.raises(KollegialError) as caught:
        remote.submit_note(tri, protocol=tri.protocol.id, step=tri.current, name="Bo", text="x")
    assert caught.value.key == "err.phone_no_notes"


def test_the_live_state_carries_no_values_and_no_names_of_raters(tri: Session) -> None:
    """A phone sees how many have rated, never who or what."""
    submit(tri, values=all_values(tri, 4))
    state = remote.live_state(tri)
    assert (state["rated"], state["of"], state["rating"]) == (1, 3, True)
    text = json.dumps(state)
    assert "Anna" not in text
    assert '"4"' not in text and ": 4" not in text.replace('"of": 3', "")


def test_the_token_has_128_bits_at_least() -> None:
    tokens = {remote.new_token() for _ in range(100)}
    assert len(tokens) == 100
    assert all(len(tok) >= 22 for tok in tokens)  # 16 bytes in base64url
