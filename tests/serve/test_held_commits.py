"""A burst of phones' events goes to disk in one transaction: all of it, once, in order."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from kollegial.protocols.discovery import resolve
from kollegial.session import FakeClock, Session, remote
from kollegial.session import events as ev
from kollegial.store import Store
from kollegial.store.journal import Journal
from tests.serve.conftest import Served

PEOPLE = ["Anna", "Bo", "Cia"]


def meeting(isolated: Path) -> tuple[Store, int, Journal, Session]:
    store = Store()
    clock = FakeClock()
    session_id = store.create(resolve("triangulering"), clock)
    journal = Journal(store, session_id)
    session = Session.start(resolve("triangulering"), PEOPLE, clock, listeners=[journal])
    session.next_step()
    return store, session_id, journal, session


def rate(session: Session, name: str) -> None:
    values = dict.fromkeys(session.rated_statements(), 2)
    remote.submit_ratings(
        session, remote.PhoneRaters(), protocol="triangulering", step=1, name=name, values=values
    )


def test_held_events_are_written_at_release_all_together(isolated: Path) -> None:
    store, session_id, journal, session = meeting(isolated)
    journal.hold()
    rate(session, "Anna")
    rate(session, "Bo")
    assert len(journal.pending) == 36
    assert len(store.events(session_id)) < len(session.events)
    journal.release()
    assert not journal.pending and journal.error is None
    assert store.events(session_id) == session.events


def test_a_commit_that_fails_midway_writes_none_and_keeps_all(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """All or nothing: after the disk comes back, every event is there exactly once."""
    store, session_id, journal, session = meeting(isolated)
    written = len(store.events(session_id))
    real = ev.to_json
    calls = 0

    def failing(event: ev.Event) -> str:
        nonlocal calls
        calls += 1
        if calls == 10:  # halfway through the transaction
            raise sqlite3.OperationalError("disk I/O error")
        return real(event)

    monkeypatch.setattr(ev, "to_json", failing)
    journal.hold()
    rate(session, "Anna")
    journal.release()
    assert journal.error is not None and len(journal.pending) == 18
    assert len(store.events(session_id)) == written  # rolled back: nothing half-written
    monkeypatch.setattr(ev, "to_json", real)
    assert journal.flush()
    assert store.events(session_id) == session.events


async def test_a_burst_is_committed_in_a_thread_while_the_loop_goes_on(isolated: Path) -> None:
    """The wall's keys run during the commit; what they do meanwhile is saved after, in order."""
    store, session_id, journal, session = meeting(isolated)
    journal.hold()
    for name in PEOPLE:
        rate(session, name)
    ticks = 0
    done = False

    async def keys() -> None:
        nonlocal ticks
        while not done:
            ticks += 1
            if ticks == 1:  # the leader writes while the phones' events go to disk
                session.capture("en anteckning")
                journal.save_draft("halvskri")
            await asyncio.sleep(0)

    task = asyncio.create_task(keys())
    await journal.commit()
    done = True
    await task
    assert ticks > 0
    assert not journal.pending and journal.error is None
    assert store.events(session_id) == session.events
    assert session.events[-1].type == "note_added"
    assert store.draft(session_id) == "halvskri"


async def test_the_meeting_ending_during_a_commit_writes_each_event_once(isolated: Path) -> None:
    """finish() at the end waits for the commit in its thread; nothing twice, nothing lost."""
    store, session_id, journal, session = meeting(isolated)
    journal.hold()
    for name in PEOPLE:
        rate(session, name)
    commit = asyncio.create_task(journal.commit())
    await asyncio.sleep(0)  # the commit's thread is on its way
    assert journal.finish(session)  # the app leaves now, on the loop
    await commit
    assert not journal.pending and journal.error is None
    assert store.events(session_id) == session.events  # read anew: finish() closed it


async def test_the_meeting_ending_before_a_commit_starts_writes_each_event_once(
    isolated: Path,
) -> None:
    store, session_id, journal, session = meeting(isolated)
    journal.hold()
    rate(session, "Anna")
    assert journal.finish(session)  # everything written here; the commit finds nothing left
    await journal.commit()
    assert not journal.pending and journal.error is None
    assert store.events(session_id) == session.events  # read anew: finish() closed it


async def test_a_phone_is_not_told_sent_while_the_disk_fails(
    tri: Served, monkeypatch: pytest.MonkeyPatch
) -> None:
    """503 and a message while the commit fails; the values wait in the meeting; then 200."""
    real = ev.to_json

    def failing(event: ev.Event) -> str:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(ev, "to_json", failing)
    body = tri.body(name="Bo")
    async with tri.http.post(tri.url + "ratings", json=body) as r:
        assert r.status == 503
        assert "kunde inte spara" in (await r.json())["error"]
    assert "Bo" in tri.session.raters()  # kept in the meeting, waiting for the disk
    async with tri.http.post(tri.url + "ratings", json=body) as r:
        assert r.status == 503  # the same again: still not on disk
    monkeypatch.setattr(ev, "to_json", real)
    async with tri.http.post(tri.url + "ratings", json=body) as r:
        assert r.status == 200
    assert tri.store.events(tri.session_id) == tri.session.events


def test_a_checkpoint_and_a_draft_held_up_by_a_commit_are_saved_at_the_end(isolated: Path) -> None:
    """The timer's checkpoint and the typed text do not wait for a phones' commit; not lost."""
    import threading

    store, session_id, journal, session = meeting(isolated)
    if not session.running:
        session.toggle_pause()
    assert session.running
    committing, done = threading.Event(), threading.Event()

    def commit_in_its_thread() -> None:  # as Journal.commit's thread holds the store
        with journal._disk:
            committing.set()
            done.wait(10)

    thread = threading.Thread(target=commit_in_its_thread)
    thread.start()
    committing.wait(10)
    journal.checkpoint(session)  # both return at once
    journal.save_draft("halvskri")
    assert store.draft(session_id) == ""
    done.set()
    thread.join()
    assert journal.finish(session)
    row = store.conn.execute("SELECT checkpoint FROM sessions WHERE id = ?", (session_id,))
    assert row.fetchone()[0] is not None
    assert store.draft(session_id) == "halvskri"
