"""Removing a meeting for good (issue 16, personal data): no page of the database file,
nor of its ``-wal``, still holds its text afterwards."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import sqlite3
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from kollegial.protocols.discovery import resolve
from kollegial.session.clock import FakeClock
from kollegial.session.session import Session
from kollegial.store import Store
from kollegial.store.journal import Journal
from tests.conftest import ROOT, Result

Cli = Callable[..., Result]
SECRET = "Elev-7f3a-HEMLIGT diagnosunderlag"
NAME = "Zlatanaqwx"
OTHER = "Annan-9c1e-anteckning"


def two_meetings(home: Path, *, close: bool = True) -> Store:
    """Meeting 1 holds the secret note and name (and a draft); meeting 2 another note."""
    store = Store(home)
    for names, text in (([NAME, "Bo", "Cecilia"], SECRET), (["Dan", "Eva"], OTHER)):
        protocol = resolve("observationssamtal")
        session_id = store.create(protocol, FakeClock())
        journal = Journal(store, session_id)
        session = Session.start(protocol, names, FakeClock(), listeners=[journal])
        for k in range(40):  # enough to fill pages, so a freed page is not simply reused
            session.add_note(f"{text} {k}")
        store.save_draft(session_id, f"{text} utkast")
    if close:
        store.close()
    return store


def file_bytes(store: Store) -> bytes:
    return b"".join(
        Path(f"{store.path}{suffix}").read_bytes()
        for suffix in ("", "-wal", "-shm")
        if Path(f"{store.path}{suffix}").exists()
    )


def test_a_plain_delete_leaves_the_text_in_the_file(isolated: Path) -> None:
    """Why the command does more than DELETE: the rows go, their bytes stay (unless SQLite
    was built to zero them, which kollegial does not count on)."""
    store = two_meetings(isolated)
    conn = sqlite3.connect(store.path)
    conn.execute("PRAGMA secure_delete=OFF")
    with conn:
        conn.execute("DELETE FROM events WHERE session_id = 1")
        conn.execute("DELETE FROM sessions WHERE id = 1")
    conn.close()
    assert SECRET.encode() in file_bytes(store)


def test_delete_removes_every_trace_from_the_files(isolated: Path, cli: Cli) -> None:
    store = two_meetings(isolated)
    before = file_bytes(store)
    assert SECRET.encode() in before and NAME.encode() in before
    result = cli("sessions", "--delete", "1", "--yes")
    assert result.code == 0, result
    assert "borttaget" in result.out
    after = file_bytes(store)
    assert SECRET.encode() not in after and NAME.encode() not in after
    assert b"Elev-7f3a" not in after
    # The other meeting is whole.
    listing = cli("sessions")
    assert [line.split()[0] for line in listing.out.splitlines()[1:]] == ["2"]
    exported = cli("export", "2", "--format", "json").out
    assert all(f"{OTHER} {k}" in exported for k in range(40))
    assert cli("export", "1").code == 1


def test_delete_while_the_text_is_still_in_the_wal(isolated: Path, cli: Cli) -> None:
    """A meeting just written (its notes only in -wal, another connection open): gone too."""
    store = two_meetings(isolated, close=False)
    assert SECRET.encode() in Path(f"{store.path}-wal").read_bytes()
    result = cli("sessions", "--delete", "1", "--yes")
    assert result.code == 0, result
    assert SECRET.encode() not in file_bytes(store) and NAME.encode() not in file_bytes(store)
    store.close()


def test_delete_without_yes_and_without_a_terminal_is_refused(isolated: Path, cli: Cli) -> None:
    store = two_meetings(isolated)
    result = cli("sessions", "--delete", "1")
    assert result.code == 2 and "--yes" in result.err
    assert SECRET.encode() in file_bytes(store)
    assert cli("sessions", "--delete", "9", "--yes").code == 1  # no such meeting


def test_the_confirmation_defaults_to_no(isolated: Path) -> None:
    from kollegial.prompts import confirm

    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("\r")
        assert confirm("Ta bort?") is False
        pipe.send_text("y")
        assert confirm("Ta bort?") is True


def ask_in_terminal(home: Path, answer: str) -> tuple[int, str]:
    """``kollegial sessions --delete 1`` in a real pty, answering the question with ``answer``."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
    proc = subprocess.Popen(
        [sys.executable, "-m", "kollegial", "sessions", "--delete", "1"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env={**os.environ, "KOLLEGIAL_HOME": str(home), "KOLLEGIAL_LANG": "sv"},
        cwd=ROOT,
    )
    os.close(slave)
    out = b""
    deadline = time.monotonic() + 60
    answered = False
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 1)
        if ready:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        if not answered and "för gott".encode() in out:
            os.write(master, answer.encode())
            answered = True
        if proc.poll() is not None and not ready:
            break
    os.close(master)
    return proc.wait(timeout=30), out.decode("utf-8", "replace")


@pytest.mark.slow
def test_the_question_in_a_terminal(isolated: Path) -> None:
    """The meeting is named in the question; n keeps it, y removes it."""
    store = two_meetings(isolated)
    code, out = ask_in_terminal(isolated, "n")
    assert code == 0 and NAME in out and "Inget togs bort" in out, out
    assert SECRET.encode() in file_bytes(store)
    code, out = ask_in_terminal(isolated, "y")
    assert code == 0 and "borttaget" in out, out
    assert SECRET.encode() not in file_bytes(store)


def test_a_meeting_open_elsewhere_is_not_deleted(isolated: Path, cli: Cli) -> None:
    """Someone leads meeting 1 right now (holds its lock): refused, nothing removed."""
    store = two_meetings(isolated)
    with Store(isolated).lock(1):
        result = cli("sessions", "--delete", "1", "--yes")
    assert result.code == 1 and "redan öppet" in result.err
    assert SECRET.encode() in file_bytes(store)


def test_delete_removes_what_the_report_kept_of_the_meeting(isolated: Path, cli: Cli) -> None:
    """`report` keeps each meeting's names and decisions in `outcomes` (issue 19): those
    rows go with the meeting, and no page keeps their text."""
    store = Store(isolated)
    protocol = resolve("observationssamtal")
    session_id = store.create(protocol, FakeClock())
    session = Session.start(
        protocol, [NAME, "Bo"], FakeClock(), listeners=[Journal(store, session_id)]
    )
    session.goto(len(session.plan) - 1)
    session.set_decision(f"{SECRET} beslut")
    session.end()
    store.close()
    assert cli("report", "-f", "md").code == 0
    conn = sqlite3.connect(store.path)
    kept = conn.execute("SELECT outcome FROM outcomes").fetchall()
    conn.close()
    assert len(kept) == 1 and SECRET in kept[0][0] and NAME in kept[0][0]
    assert cli("sessions", "--delete", str(session_id), "--yes").code == 0
    after = file_bytes(store)
    assert SECRET.encode() not in after and NAME.encode() not in after
