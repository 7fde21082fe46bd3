"""An anonymous meeting's phones keep their rater numbers, also in a resumed meeting."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from kollegial.errors import KollegialError
from kollegial.protocols.discovery import resolve
from kollegial.session import FakeClock, Session, remote
from kollegial.session import events as ev
from kollegial.store import Store
from kollegial.store.journal import Journal


def send(session: Session, phone: str, value: int) -> str:
    values = dict.fromkeys(session.rated_statements(), value)
    return remote.submit_ratings(
        session, remote.PhoneRaters(), protocol="triangulering", step=1, name=phone, values=values
    )


def test_a_phone_keeps_its_number_after_the_meeting_is_loaded_again(isolated: Path) -> None:
    store = Store()
    clock = FakeClock()
    session_id = store.create(resolve("triangulering"), clock)
    journal = Journal(store, session_id)
    session = Session.start(
        resolve("triangulering"), ["A", "B", "C"], clock, listeners=[journal], anonymous=True
    )
    session.next_step()
    assert send(session, "phone-a", 1) == "#1"
    assert send(session, "phone-b", 2) == "#2"
    assert send(session, "phone-a", 3) == "#1"  # sends again: replaces its own
    # No finish: what the store has, as after a crash.
    resumed = Store().load(session_id, FakeClock())
    assert send(resumed, "phone-a", 4) == "#1"
    assert send(resumed, "phone-c", 2) == "#3"
    assert sorted(resumed.raters()) == ["#1", "#2", "#3"]
    # The page keeps the phone's id under the meeting, which a resume keeps: not the address.
    assert remote.meeting_view(resumed)["meeting"] == remote.meeting_view(session)["meeting"]
    later = FakeClock(start=clock.now() + timedelta(hours=1))
    other = Session.start(resolve("triangulering"), ["A", "B"], later)
    assert remote.meeting_view(other)["meeting"] != remote.meeting_view(session)["meeting"]
    saved = [e for e in store.events(session_id) if e.type == "phone_numbered"]
    assert len(saved) == 2  # one each, when first numbered
    assert all("phone" not in e.phone for e in saved)  # a digest, not the phone's own id


def test_a_refused_sending_gives_no_number(isolated: Path) -> None:
    session = Session.start(resolve("triangulering"), ["A", "B"], FakeClock(), anonymous=True)
    session.next_step()
    with pytest.raises(KollegialError):
        send(session, "phone-a", 9)  # off the scale
    assert session.phones == {}
    assert send(session, "phone-b", 2) == "#1"


def test_an_imported_log_with_a_phone_number_outside_an_anonymous_meeting_is_refused() -> None:
    """Strict replay (``kollegial import``) holds the live rule: numbers only when anonymous."""
    clock = FakeClock()
    named = Session.start(resolve("triangulering"), ["A", "B"], clock)
    numbered = ev.PhoneNumbered(at=clock.now(), phone="ab" * 16, rater="#1")
    with pytest.raises(KollegialError) as caught:
        Session.replay(named.protocol, [*named.events, numbered], clock, strict=True)
    assert caught.value.key == "err.import_event"
    assert "'#1' är inget nummer för en telefon" in caught.value.render("sv")
    anonymous = Session.start(resolve("triangulering"), ["A", "B"], clock, anonymous=True)
    log = [*anonymous.events, numbered]
    assert Session.replay(anonymous.protocol, log, clock, strict=True).phones == {"ab" * 16: "#1"}
