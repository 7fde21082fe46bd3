"""Phones join a resumed meeting (``resume --serve``), and keep their rater numbers.

The installed command in a real terminal, a real store: an anonymous meeting
takes two phones' ratings, the laptop dies (SIGKILL), ``kollegial resume
--serve`` starts the page again (a new address, a new token), and a phone
that comes back keeps its number while a new one gets the next: three raters,
not four.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
import urllib.request
from pathlib import Path

import pexpect
import pytest

from kollegial.session.clock import SystemClock
from kollegial.store import Store

KOLLEGIAL = Path(sys.executable).parent / "kollegial"
URL = r"http://127\.0\.0\.1:\d+/[A-Za-z0-9_-]{22}/"
STATEMENTS = [
    f"{group}-{n}"
    for group in ("kvalitetsarbete", "kollegialt-larande", "pedagogiskt-ledarskap")
    for n in range(1, 7)
]


def spawn(env: dict[str, str], *args: str) -> pexpect.spawn:
    return pexpect.spawn(
        str(KOLLEGIAL),
        [*args, "--serve", "--host", "127.0.0.1", "--port", "0"],
        env=env,
        dimensions=(35, 120),
        encoding="utf-8",
        timeout=20,
    )


def send(url: str, phone: str, value: int) -> str:
    """One phone's 18 ratings; the rater number the meeting gave it."""
    values = dict.fromkeys(STATEMENTS, value)
    body = {"protocol": "triangulering", "step": 1, "name": phone, "values": values}
    request = urllib.request.Request(
        url + "ratings",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
        rater: str = json.loads(response.read())["rater"]
    return rater


@pytest.mark.slow
def test_a_resumed_meeting_serves_phones_that_keep_their_numbers(isolated: Path) -> None:
    env = {**os.environ, "KOLLEGIAL_HOME": str(isolated), "TERM": "xterm-256color"}
    child = spawn(env, "run", "triangulering", "--participants", "A,B,C", "--anonymous", "--quiet")
    child.expect(URL)
    url = child.after
    child.send("\x1b")  # the QR code's screen closes
    child.expect("Steg 1 av")
    child.send("\x1b[C")  # → the rate step
    child.expect("0 av 3 har värderat")
    assert send(url, "phone-a", 1) == "#1"
    assert send(url, "phone-b", 2) == "#2"
    child.expect("2 av 3 har värderat")
    child.kill(signal.SIGKILL)  # the laptop dies
    child.wait()

    child = spawn(env, "resume")
    child.expect(URL)
    again = child.after
    assert again != url  # a new token: the old address is dead
    child.expect("2 av 3 har värderat")
    assert send(again, "phone-a", 4) == "#1"  # back, with the number it had
    assert send(again, "phone-c", 3) == "#3"  # new: the next number nobody has
    child.expect("3 av 3 har värderat")
    child.send("\x1b")
    time.sleep(0.5)
    child.send("q")
    child.expect("Avsluta")
    time.sleep(0.3)
    child.send("j")
    child.expect(pexpect.EOF)

    store = Store(isolated)
    (summary,) = store.sessions()
    session = store.load(summary.id, SystemClock())
    assert session.ratings == {
        "#1": dict.fromkeys(STATEMENTS, 4),
        "#2": dict.fromkeys(STATEMENTS, 2),
        "#3": dict.fromkeys(STATEMENTS, 3),
    }
    assert sorted(session.phones.values()) == ["#1", "#2", "#3"]
    assert all("phone" not in digest for digest in session.phones)  # not the phone's own id
