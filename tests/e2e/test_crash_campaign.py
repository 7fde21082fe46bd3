"""Nothing lost: SIGKILL at random points, SIGHUP when the terminal window closes.

The full campaign (100 kill points) is ``python tests/e2e/crash_campaign.py
--kills 100``; this runs the reduced form with fixed seeds.
"""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pexpect
import pytest

from tests.e2e import crash_campaign as cc

# Fixed seeds: together they reach every kind of action (phones' sendings in
# 300001, 300003-300005), the last statement of the rating list (100000), a
# round to its end and the final step.
SEEDS = (100_000, 300_000, 300_001, 300_002, 300_003, 300_005, 300_006, 300_007, 300_008, 300_009)


@pytest.mark.slow
def test_ten_kill_points_lose_nothing() -> None:
    """10 SIGKILLs after a random number of completed actions: every one is in the export."""
    points = [cc.run_kill_point(seed) for seed in SEEDS]
    report = "\n".join(
        f"seed {p.seed}: completed {len(p.completed)}, found {p.found}, "
        f"losses {p.losses}, error {p.error}, data {p.kept}"
        for p in points
    )
    assert all(p.error is None for p in points), report
    assert all(not p.losses for p in points), report
    assert all(p.found == len(p.completed) for p in points), report
    # Notes typed while the field was out of view do not count, but are kept too.
    assert all(p.unseen_found == len(p.unseen) for p in points), report
    assert sum(len(p.completed) for p in points) >= 100, report


def test_the_check_notices_a_missing_event() -> None:
    """The oracle itself: one event taken out of the log is reported as a loss."""
    note = cc.Action("note", [], "", {"text": "Sparad?", "index": 3})
    turn = cc.Action("turn", [], "", {"index": 3, "name": "Anna"})
    rating = cc.Action(
        "rating", [], "", {"participant": "Bo", "statement": "kvalitetsarbete-1", "value": 2}
    )
    events = [
        {"type": "note_added", "text": "Sparad?", "index": 3},
        {"type": "turn_taken", "index": 3, "name": "Anna"},
        {
            "type": "rating_set",
            "participant": "Bo",
            "statement": "kvalitetsarbete-1",
            "value": 2,
        },
    ]
    assert cc.check(events, [note, turn, rating]) == (3, [])
    found, losses = cc.check(events[:1] + events[2:], [note, turn, rating])
    assert found == 2
    assert losses == ["turn {'index': 3, 'name': 'Anna'}"]
    # Two pauses need two events, a different value is not the value.
    pause = cc.Action("pause", [], "", {"index": 1})
    wrong = [{**events[2], "value": 3}, {"type": "timer_paused", "index": 1}]
    assert cc.check(wrong, [rating, pause, pause])[0] == 1


def test_the_check_notices_a_phones_missing_value() -> None:
    """A phone's sending is whole only when each of its values is in the log."""
    values = {"kvalitetsarbete-1": 2, "kvalitetsarbete-2": 4}
    phone = cc.Action("phone", [], "", {"participant": "Bo", "values": values, "step": 1})
    events = [
        {"type": "rating_set", "participant": "Bo", "statement": s, "value": v}
        for s, v in values.items()
    ]
    assert cc.check(events, [phone]) == (1, [])
    found, losses = cc.check(events[:1], [phone])
    assert found == 0 and losses == ["phone Bo: ['kvalitetsarbete-2']"]


def _meeting_with_a_note(home: Path, text: str) -> cc.Driver:
    driver = cc.spawn_meeting(cc._env(home))
    driver.press(cc.RIGHT, r"▶ Värdera under tystnad")
    driver.press(cc.RIGHT, r"▶ Utse en tidshållare")
    driver.press(cc.RIGHT, r"Laget runt")
    driver.child.send("i")
    driver.child.send(text)
    driver.press("\r", cc._note_regex(text))
    driver.child.send(cc.ESC)
    time.sleep(cc.ESC_PAUSE)
    return driver


def _ended_within(child: pexpect.spawn, seconds: float) -> bool:
    """Whether the child ended by itself in time; if not, it is killed."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not child.isalive():
            return True
        time.sleep(0.05)
    child.ptyproc.kill(signal.SIGKILL)
    child.ptyproc.wait()
    return False


@pytest.mark.slow
def test_sighup_leaves_by_itself_and_keeps_the_note(isolated: Path) -> None:
    """SIGHUP (the terminal window closed) mid-meeting: exits within seconds, note saved."""
    text = "Skrivet före SIGHUP åäö"
    driver = _meeting_with_a_note(isolated, text)
    started = time.monotonic()
    driver.child.kill(signal.SIGHUP)
    ended = _ended_within(driver.child, 5)
    took = time.monotonic() - started
    driver.child.close(force=True)
    assert ended, "kollegial run still running 5 s after SIGHUP"
    assert driver.child.signalstatus is None, "killed by the signal instead of leaving"
    assert driver.child.exitstatus == 0
    assert took < 5
    notes = [e["text"] for e in cc.export_events(cc._env(isolated)) if e["type"] == "note_added"]
    assert notes == [text]


@pytest.mark.slow
def test_closing_the_terminal_leaves_by_itself_and_keeps_the_note(isolated: Path) -> None:
    """The pty itself goes away (the kernel sends SIGHUP): the process does not linger."""
    text = "Skrivet innan fönstret stängdes"
    driver = _meeting_with_a_note(isolated, text)
    # The master side of the pty closes, as when the window goes: the kernel hangs up.
    driver.child.ptyproc.fileobj.close()
    ended = _ended_within(driver.child, 5)
    driver.child.ptyproc.closed = driver.child.closed = True
    assert ended, "kollegial run still running 5 s after its terminal closed"
    notes = [e["text"] for e in cc.export_events(cc._env(isolated)) if e["type"] == "note_added"]
    assert notes == [text]
