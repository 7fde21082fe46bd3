"""A meeting process killed with SIGKILL loses nothing it reported as saved.

A real child process (tests/data/crash_driver.py) leads a meeting through the
store: ratings, notes, edits, deletions, presence and turns, printing a line
after each committed command. The parent kills it without warning, reopens the
store and checks every reported change against what is on disk.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kollegial.session import FakeClock, Session
from kollegial.session import events as ev
from kollegial.store import Store
from tests.conftest import DATA, ROOT

DRIVER = DATA / "crash_driver.py"


def run_and_kill(after_lines: int) -> list[dict[str, Any]]:
    """Start the driver, kill it once ``after_lines`` lines were read; every complete line."""
    proc = subprocess.Popen(
        [sys.executable, str(DRIVER)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert proc.stdout is not None
    raw: list[bytes] = []
    try:
        while len(raw) < after_lines:
            line = proc.stdout.readline()
            assert line, proc.stderr.read().decode() if proc.stderr else "driver stopped"
            raw.append(line)
        # Killed while still working: the parent kept reading, so the child is in
        # the middle of its next commands, not blocked on a full pipe.
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        # What it printed before dying was committed too.
        raw += proc.stdout.read().splitlines(keepends=True)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        if proc.stderr is not None:
            proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    # A line cut off by the kill was never completely reported.
    return [json.loads(line) for line in raw if line.endswith(b"\n")]


def expected_state(
    lines: list[dict[str, Any]],
) -> tuple[dict[int, str], dict[tuple[str, str], int], dict[str, bool]]:
    """Notes (id -> text), ratings and presence as the reported lines say they are."""
    notes: dict[int, str] = {}
    ratings: dict[tuple[str, str], int] = {}
    present: dict[str, bool] = {}
    for line in lines:
        match line["kind"]:
            case "note" | "edit":
                notes[line["id"]] = line["text"]
            case "delete":
                del notes[line["id"]]
            case "rating":
                ratings[(line["person"], line["statement"])] = line["value"]
            case "presence":
                present[line["name"]] = line["present"]
    return notes, ratings, present


@pytest.mark.slow
@pytest.mark.parametrize("after_lines", [1, 12, 150, 900])
def test_everything_reported_survives_a_kill(isolated: Path, after_lines: int) -> None:
    """Killed at any point, the store opens cleanly and holds every reported change."""
    lines = run_and_kill(after_lines)
    assert len(lines) >= after_lines
    session_id = lines[0]["id"]
    reported_events = lines[-1]["n"]

    store = Store()
    store.lock(session_id).acquire()  # the dead process's lock is free again
    stored = store.events(session_id)
    # Everything reported is stored; at most the one command in progress is more
    # (one event each, three for the move to the next step).
    assert reported_events <= len(stored) <= reported_events + 3

    # The reported prefix of the log rebuilds exactly what the child reported.
    protocol = store.protocol(session_id)
    upto = Session.replay(protocol, stored[:reported_events], FakeClock())
    notes, ratings, present = expected_state(lines)
    assert {i: n.text for i, n in upto.notes.items()} == notes
    assert {(p, s): v for p, per in upto.ratings.items() for s, v in per.items()} == ratings
    for name, here in present.items():
        assert upto.is_present(name) is here
    assert upto.speaker == lines[-1]["speaker"]
    turns = [line["name"] for line in lines if line["kind"] == "turn"]
    taken = [e.name for e in stored[:reported_events] if isinstance(e, ev.TurnTaken)]
    assert taken == turns

    # Notes keep who had the word when they were written.
    for line in lines:
        if line["kind"] == "note" and line["id"] in upto.notes:
            assert upto.notes[line["id"]].speaker == line["by"]

    # The whole stored log (with any unreported tail) loads as a paused meeting,
    # its timer no earlier than the last checkpoint reported.
    loaded = store.load(session_id, FakeClock())
    assert not loaded.running
    checkpoints = [line["elapsed"] for line in lines if line["kind"] == "checkpoint"]
    if checkpoints:
        assert loaded.current == 1
        assert loaded.elapsed() >= checkpoints[-1]
    store.close()
