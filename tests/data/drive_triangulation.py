"""Drive a whole triangulation through the engine and the real store, in two halves.

``python drive_triangulation.py first`` starts the meeting, appoints the
leader, takes everyone's ratings and leads the first corner, prints HALF and
waits to be killed. ``python drive_triangulation.py second`` resumes the saved
meeting and leads it to the end. Used by tests/e2e/test_whole_meeting.py.
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime

from kollegial.protocols.discovery import resolve
from kollegial.session import FakeClock, Session
from kollegial.store import Store
from kollegial.store.journal import Journal

PEOPLE = ["Anna", "Bo", "Cecilia", "David"]


def corner(session: Session, clock: FakeClock, text: str) -> None:
    """A lap of turns with a pass, then notes in the discussion."""
    session.next_speaker()
    session.pass_turn()
    session.next_speaker()
    session.next_speaker()
    clock.advance(240)
    session.next_step()
    session.add_note(text)
    clock.advance(330)
    session.next_step()


def first(store: Store) -> None:
    clock = FakeClock()
    protocol = resolve("triangulering")
    session_id = store.create(protocol, clock)
    session = Session.start(protocol, PEOPLE, clock, listeners=[Journal(store, session_id)])
    session.appoint("samtalsledare", "Anna")
    session.next_step()
    for i, person in enumerate(PEOPLE):
        for j, statement in enumerate(session.rated_statements()):
            session.set_rating(person, statement, 1 + (i * 3 + j) % 4)
    clock.advance(600)
    session.next_step()
    session.appoint("tidshallare", "Bo")
    session.next_step()
    corner(session, clock, "Hörn 1: analysen stannar vid eleverna")
    print("HALF", session_id, flush=True)
    time.sleep(600)


def second(store: Store) -> None:
    clock = FakeClock(datetime(2026, 11, 24, 14, 30, tzinfo=UTC))  # resumed after a break
    session_id = store.resolve_id(None)
    with store.lock(session_id):
        session = store.load(session_id, clock)
        session.listeners.append(Journal(store, session_id))
        session.resume()
        corner(session, clock, "Hörn 2: vi planerar tillsammans men utvärderar var för sig")
        corner(session, clock, "Hörn 3: rektor är sällan med när vi lär av varandra")
        session.add_note("Vi börjar med lektionsstudier i januari")
        clock.advance(600)
        session.next_step()
    print("DONE", session_id, flush=True)


if __name__ == "__main__":
    store = Store()
    {"first": first, "second": second}[sys.argv[1]](store)
