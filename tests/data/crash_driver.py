"""Drive a meeting through the real store until killed; used by tests/unit/test_crash.py.

After each command whose events are committed, prints one JSON line saying what
was done and how many events the session has. The parent kills this process
with SIGKILL at some point and checks that everything reported is on disk.
Runs in ``$KOLLEGIAL_HOME``; the session is led under its lock.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from kollegial.protocols.loader import load_text
from kollegial.session import FakeClock, Session
from kollegial.store import Store

PROTOCOL = """
title: Krasch
groups:
  - id: g
    title: G
    statements: [ett, två, tre]
steps:
  - title: Värdera
    mode: rate
    minutes: 5
  - title: Laget runt
    mode: round
    round: until-all-pass
    minutes: 10
    notes: true
"""
PEOPLE = ["Anna", "Bo", "Cia"]


def main() -> None:
    protocol = load_text(PROTOCOL, Path("krasch.yaml"), "krasch")
    store = Store()
    clock = FakeClock()
    session_id = store.create(protocol, clock)
    store.lock(session_id).acquire()
    session = Session.start(protocol, PEOPLE, clock, listeners=[store.listener(session_id)])

    def report(kind: str, **data: Any) -> None:
        line = {"kind": kind, "n": len(session.events), "speaker": session.speaker, **data}
        sys.stdout.write(json.dumps(line) + "\n")
        sys.stdout.flush()

    report("session", id=session_id)
    statements = ["g-1", "g-2", "g-3"]
    for i, person in enumerate(PEOPLE):
        for j, statement in enumerate(statements):
            value = 1 + (i + j) % 4
            session.set_rating(person, statement, value)
            report("rating", person=person, statement=statement, value=value)
    session.next_step()
    report("step", index=session.current)

    i = 0
    while True:  # until killed
        i += 1
        clock.advance(1)
        speaker = session.speaker
        note = session.add_note(f"anteckning {i}")
        report("note", id=note.id, text=note.text, by=speaker)
        if i % 3 == 0:
            session.edit_note(note.id, f"ändrad {i}")
            report("edit", id=note.id, text=f"ändrad {i}")
        if i % 5 == 0:
            session.delete_note(note.id)
            report("delete", id=note.id)
        if i % 4 == 0:
            person, statement, value = PEOPLE[i % 3], statements[i % 3], 1 + i % 4
            session.set_rating(person, statement, value)
            report("rating", person=person, statement=statement, value=value)
        if i % 7 == 0:
            name = PEOPLE[i % 3]
            present = not session.is_present(name)
            if present or len(session.present_participants) > 1:
                session.set_present(name, present)
                report("presence", name=name, present=present)
        speaker = session.speaker
        session.next_speaker()
        report("turn", name=speaker)
        if i % 10 == 0:
            store.checkpoint(session_id, session)
            report("checkpoint", elapsed=session.elapsed())


if __name__ == "__main__":
    main()
