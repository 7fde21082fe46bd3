"""A room of 30 phones against the installed command in a real terminal.

30 phones follow the meeting and send their ratings at once (eight rounds, the
later ones each changing values) while the leader presses keys: every
submission lands exactly once and every follower hears the count.

The targets (issue 18) are p99 submit latency ≤ 200 ms and key → repaint ≤ 50
ms during the burst. On a shared machine both move with the load, so each is
measured beside its baseline in the same run (bare aiohttp answering the same
requests; the same key with no phones). The test holds the submissions to
their baseline plus a margin (p99 ≤ bare p99 + 300 ms; measured at a load of
10 on 2 cores: p99 125–360 ms beside a bare 50–160 ms) and the wall to staying
usable (key median ≤ quiet median + 200 ms): at a load of 10 on 2 cores a key
waited 50–150 ms more during the burst, behind the phones' requests. This key
(o, a whole re-layout) takes more than 50 ms even with no phones, so the 50 ms
target is not shown here: ``python bench/run.py --only phone-keys`` measures it
with a lighter key beside its baseline (BENCHMARKS.md). The figures print with
pytest -s.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pexpect
import pytest

from kollegial.store import Store

KOLLEGIAL = Path(sys.executable).parent / "kollegial"
LOAD = Path(__file__).resolve().parents[1] / "serve" / "load.py"
BARE = LOAD.with_name("bare.py")
NAMES = [f"P{n:02}" for n in range(1, 31)]
ROUNDS = 8


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.slow
def test_thirty_phones_at_once_land_exactly_once_and_the_wall_keeps_up(isolated: Path) -> None:
    env = {**os.environ, "KOLLEGIAL_HOME": str(isolated), "TERM": "xterm-256color"}
    port = free_port()
    child = pexpect.spawn(
        str(KOLLEGIAL),
        [
            *("run", "triangulering", "--participants", ",".join(NAMES), "--quiet", "--serve"),
            *("--host", "127.0.0.1", "--port", str(port)),
        ],
        env=env,
        dimensions=(35, 120),
        encoding="utf-8",
        timeout=20,
    )
    child.expect(rf"http://127\.0\.0\.1:{port}/([A-Za-z0-9_-]{{22}})/")
    url = child.after
    time.sleep(0.5)
    child.send("\x1b")
    time.sleep(0.5)
    child.send("\x1b[C")  # → the rate step
    child.expect("0 av 30 har värderat")
    quiet = [_key_to_repaint(child) for _ in range(10)]
    bare = _bare_baseline()
    load = subprocess.Popen(
        [sys.executable, str(LOAD), url, "triangulering", "1", str(ROUNDS), *NAMES],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert load.stdout is not None
    assert load.stdout.readline().strip() == "BURST"
    repaint: list[float] = []
    while load.poll() is None:
        repaint.append(_key_to_repaint(child))
    result = json.loads(load.stdout.read())
    child.send("m")  # the phone page's screen, with the count
    child.expect("30 av 30 har värderat")
    child.send("\x1b")
    time.sleep(0.5)
    child.send("q")
    child.expect("Avsluta")
    child.send("j")
    child.expect(pexpect.EOF)

    latencies = sorted(result["latencies"])
    p99 = _p99(latencies)
    print(
        f"\n{len(latencies)} submissions: p50 {statistics.median(latencies):.1f} ms, "
        f"p99 {p99:.1f} ms, max {latencies[-1]:.1f} ms (bare aiohttp, same load: p99 "
        f"{bare:.1f} ms); slowest of each round: {[round(w) for w in result['worst']]} ms; "
        f"key → repaint: median {statistics.median(repaint):.1f} ms during the burst "
        f"({len(repaint)} presses), {statistics.median(quiet):.1f} ms before it"
    )
    assert result["statuses"] == [200] * (30 * ROUNDS)
    assert result["heard"]
    # Exactly once: 18 values each; round 2 changes one value, each later round
    # changes another and puts the one before back (each round starts from the
    # first set), so two events per phone.
    store = Store(isolated)
    (summary,) = store.sessions()
    events = store.events(summary.id)
    ratings = [e for e in events if e.type == "rating_set"]
    assert len(ratings) == 30 * 18 + 30 * (1 + 2 * (ROUNDS - 2))
    assert p99 <= bare + 300
    assert statistics.median(repaint) <= statistics.median(quiet) + 200


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * 0.99) - 1)]


def _key_to_repaint(child: pexpect.spawn) -> float:
    """ms from o (the outline shown again) to its text on screen: a key and its repaint.

    Timed to text only that key brings (the outline's "Utse en tidshållare"),
    so the repaints for the phones that come meanwhile are not taken for it.
    """
    child.send("o")  # hidden
    time.sleep(0.2)
    _drain(child)
    child.buffer = ""
    child.send("o")
    start = time.perf_counter()
    child.expect_exact("Utse en tidshållare")
    return (time.perf_counter() - start) * 1000


def _drain(child: pexpect.spawn, seconds: float = 0.08) -> None:
    end = time.time() + seconds
    while time.time() < end:
        with contextlib.suppress(pexpect.TIMEOUT):
            child.read_nonblocking(65536, timeout=0.02)


def _bare_baseline() -> float:
    """p99 of the same load against bare aiohttp, now."""
    bare = subprocess.Popen([sys.executable, str(BARE)], stdout=subprocess.PIPE, text=True)
    try:
        assert bare.stdout is not None
        url = bare.stdout.readline().strip()
        out = subprocess.run(
            [sys.executable, str(LOAD), url, "triangulering", "1", str(ROUNDS), *NAMES],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        bare.kill()
        bare.wait()
    return _p99(json.loads(out.splitlines()[-1])["latencies"])
