"""Crash campaign: drive the installed ``kollegial run`` in a pty, SIGKILL it, count losses.

For each kill point a seeded random script leads a meeting of the bundled
``triangulering`` protocol in a real pseudo-terminal (120x35, its own
KOLLEGIAL_HOME): appointing roles, entering ratings, turns, notes, pauses and
minutes more or less, and phones sending ratings over the phone page
(``--serve``, issue 18). An action counts as *completed* only once the screen
has shown its effect (the note in the notes panel, or the note field emptied
by enter; the new speaker; the rating in the entry list; PAUS; the forecast
moving a minute), or for a phone once the page answered that it was saved.
A note typed while neither the field nor the notes are in view (the
notes panel cut off below) does not count; it is checked for the record. After
a random number of completed actions -- sometimes with one more key still on
its way -- the process gets SIGKILL. Then ``kollegial export -f json`` from
the installed command must hold every completed action in its event log. Zero
losses is the only pass.

    python tests/e2e/crash_campaign.py --kills 100 [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import pexpect

# The installed command: next to this Python (a venv), else the one on PATH.
KOLLEGIAL = Path(sys.executable).parent / "kollegial"
if not KOLLEGIAL.exists():
    KOLLEGIAL = Path(shutil.which("kollegial") or KOLLEGIAL)
PEOPLE = ["Anna", "Bo", "Cecilia"]
RIGHT = "\x1b[C"
DOWN = "\x1b[B"
HOME = "\x1b[H"
ESC = "\x1b"
# A lone ESC followed at once by another key reads as alt+key: a person pauses.
ESC_PAUSE = 0.3
# The empty note field, as it shows once enter has saved what was in it.
PLACEHOLDER = "Skriv en anteckning – enter sparar, esc lämnar fältet"
# How long the screen may take to show an action's effect: a deadline, not a
# wait (each wait ends as soon as the effect shows), so it is generous: a
# machine busy with other tests must not fail the campaign.
TIMEOUT = 30.0

ROLES = {"samtalsledare": "Samtalsledare", "tidshallare": "Tidshållare"}
GROUPS = [
    ("kvalitetsarbete", "Det systematiska kvalitetsarbetet"),
    ("kollegialt-larande", "Det kollegiala lärandet"),
    ("pedagogiskt-ledarskap", "Det pedagogiska ledarskapet"),
]
# Beginnings of the statements of each group, as the rating entry list shows them.
STATEMENTS = [
    [
        "Vi ser kvalitetsarbetet",
        "Vårt förbättringsarbete",
        "Det systematiska kvalitetsarbetet förstås",
        "Skolanalyser och",
        "Tydliga och fokuserade",
        "Det kollegiala lärandet utgör",
    ],
    [
        "Organisering för",
        "Team planerar",
        "Kollektiva redskap",
        "Det kollegiala lärandet har fokus",
        "Lärandet om elevernas",
        "I rektorsgruppen",
    ],
    [
        "Det pedagogiska ledarskapet ses",
        "I organisationen finns",
        "Det systematiska kvalitetsarbetet leds",
        "Olika typer av",
        "Rektorer/rektorerna är",
        "Rektor/rektorerna observerar",
    ],
]


@dataclass(frozen=True)
class PlanStep:
    mode: str  # info, rate, round, discussion
    marker: str  # text on screen that shows this step is the current one
    appoint: str | None = None
    timed: bool = False


def _plan() -> list[PlanStep]:
    steps = [
        PlanStep("info", "▶ Utse en samtalsledare", appoint="samtalsledare"),
        PlanStep("rate", "▶ Värdera under tystnad", timed=True),
        PlanStep("info", "▶ Utse en tidshållare", appoint="tidshallare"),
    ]
    for _, title in GROUPS:
        steps.append(PlanStep("round", f"{title} — Laget runt", timed=True))
        steps.append(PlanStep("discussion", f"{title} — Diskutera det ni fått syn på", timed=True))
    steps.append(PlanStep("discussion", "▶ Avslutande samtal", timed=True))
    return steps


PLAN = _plan()

_CURSOR = re.compile(r"\x1b\[\d*(?:;\d*)?[HfABCDEFGd]")
_OTHER = re.compile(
    r"\x1b(?:\[[0-9;?<>=!]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[()][0-9A-Za-z]|[=>])"
)


def plain(raw: str) -> str:
    """Terminal output as text: cursor moves become line breaks, styles vanish."""
    return _OTHER.sub("", _CURSOR.sub("\n", raw))


@dataclass
class Action:
    kind: str  # appoint, step, rating, phone, turn, pass, note, pause, resume, plus, minus
    keys: list[str]
    expect: str  # regex on the plain screen output after the keys
    detail: dict[str, object] = field(default_factory=dict)
    prelude: list[tuple[str, str | None]] = field(default_factory=list)
    """(key, regex or None) to get there, not counted: opening the rating entry etc."""
    after: list[str] = field(default_factory=list)
    """Keys after the effect showed (escape out of the note field)."""
    shown: bool = True
    """False: the effect showed, but not the thing itself (a note saved but out of view)."""


class ScreenTimeout(Exception):
    pass


class Driver:
    """The pty child, its whole output, and waiting for text to appear in what is new."""

    def __init__(self, child: pexpect.spawn) -> None:
        self.child = child
        self.raw = ""
        self.url = ""
        """The phone page's address, as the wall shows it."""

    def pump(self, timeout: float = 0.05) -> None:
        try:
            while True:
                self.raw += self.child.read_nonblocking(1_000_000, timeout=timeout)
                timeout = 0
        except pexpect.TIMEOUT:
            pass

    def settle(self, quiet: float = 0.15, limit: float = 1.5) -> None:
        """Read until the screen has been quiet for ``quiet`` seconds (at most ``limit``).

        A change can reach the terminal in more than one frame (the step title,
        then the header): reading the forecast in between would read the old one.
        """
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            before = len(self.raw)
            self.pump(quiet)
            if len(self.raw) == before:
                return

    def wait_for(self, regex: str, since: int, timeout: float = TIMEOUT) -> re.Match[str]:
        pattern = re.compile(regex)
        deadline = time.monotonic() + timeout
        while True:
            found = pattern.search(plain(self.raw[since:]))
            if found:
                return found
            if time.monotonic() > deadline:
                raise ScreenTimeout(regex)
            self.pump(0.02)

    def press(self, key: str, regex: str, timeout: float = TIMEOUT) -> re.Match[str]:
        self.pump(0)
        mark = len(self.raw)
        self.child.send(key)
        return self.wait_for(regex, mark, timeout)

    def forecast(self) -> int:
        """The last 'slut ca HH:MM' on screen, in minutes of the day."""
        found = re.findall(r"slut ca (\d\d):(\d\d)", plain(self.raw[-200_000:]))
        h, m = found[-1]
        return int(h) * 60 + int(m)


def _note_regex(text: str) -> str:
    return r"• (?:[^\n:]{1,40}: )?" + re.escape(text)


def _hm(minutes: int) -> str:
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


class Script:
    """A seeded random meeting: generates the next action from the state it tracks."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.step = 0
        self.paused = False
        self.net = Counter[int]()  # minutes adjusted per step
        self.roles: dict[str, str] = {}
        self.rounds_begun = 0
        self.round: tuple[list[str], int] | None = None  # order, position
        self.in_step = 0
        self.note_no = 0
        self.ratings: dict[tuple[int, int], int] = {}

    def _enter(self, index: int) -> None:
        self.step = index
        self.paused = False
        self.in_step = 0
        if PLAN[index].mode == "round":
            k = self.rounds_begun
            self.rounds_begun += 1
            self.round = (PEOPLE[k % 3 :] + PEOPLE[: k % 3], 0)
        else:
            self.round = None

    def next(self) -> Action | None:
        rng = self.rng
        plan = PLAN[self.step]
        choices: list[tuple[str, int]] = [("pause", 2)]
        if plan.appoint:
            choices.append(("appoint", 6))
        if plan.timed:
            choices.append(("plus", 2))
            if self.net[self.step] > -2:
                choices.append(("minus", 2))
        if plan.mode == "rate":
            choices.append(("rating", 8))
            choices.append(("phone", 4))
        if plan.mode in ("round", "discussion", "info"):
            choices.append(("note", 5 if plan.mode != "info" else 1))
        if self.round is not None and self.round[1] < 3:
            choices.append(("turn", 6))
            choices.append(("pass", 3))
        if self.step + 1 < len(PLAN):
            choices.append(("step", 2 + self.in_step))
        elif self.in_step > 6:
            return None
        kinds, weights = zip(*choices, strict=True)
        kind = rng.choices(kinds, weights)[0]
        self.in_step += 1
        return getattr(self, f"_{kind}")()

    def _pause(self) -> Action:
        self.paused = not self.paused
        if self.paused:
            return Action("pause", [" "], r"PAUS", {"index": self.step})
        return Action(
            "resume", [" "], r"kvar|pågått|sista minuten|över tiden", {"index": self.step}
        )

    def _appoint(self) -> Action:
        role = PLAN[self.step].appoint
        assert role
        others = [p for p in PEOPLE if p != self.roles.get(role)]
        name = self.rng.choice(others)
        self.roles[role] = name
        key = str(PEOPLE.index(name) + 1)
        return Action(
            "appoint",
            [key],
            re.escape(f"{ROLES[role]}: {name}"),
            {"role": role, "name": name},
        )

    def _plus(self) -> Action:
        self.net[self.step] += 1
        return Action("plus", ["+"], "", {"index": self.step, "seconds": 60.0})

    def _minus(self) -> Action:
        self.net[self.step] -= 1
        return Action("minus", ["-"], "", {"index": self.step, "seconds": -60.0})

    def _rating(self) -> Action:
        rng = self.rng
        who = rng.randrange(3)
        first = rng.randrange(18)
        # A different value than before, so the screen can only show it once it is set.
        value = rng.choice([v for v in (1, 2, 3, 4) if v != self.ratings.get((who, first))])
        self.ratings[who, first] = value
        group, n = divmod(first, 6)
        statement = f"{GROUPS[group][0]}-{n + 1}"
        prelude = [("r", r"Vems värderingar skriver du in\?")]
        keys = [DOWN] * who + ["\r"]
        prelude.append(("".join(keys), re.escape(f"Värderingar för {PEOPLE[who]}")))
        # The wall shows only ●/○ while a sheet is entered; the leader asks to
        # check the values (v, warned, v again), so the screen can confirm one.
        prelude.append(("v", re.escape("Tryck v igen")))
        prelude.append(("v", re.escape("Värdena syns nu")))
        text = STATEMENTS[group][n]
        # A re-opened sheet starts at its first empty statement: from the top.
        prelude.append((HOME, None))
        if first:
            # Moving there first, so the list has scrolled the statement into view.
            prelude.append((DOWN * first, re.escape(text)))
        detail = {"participant": PEOPLE[who], "statement": statement, "value": value}
        if first == 17:
            # Setting the last statement scrolls the list back to the top, out of
            # view; escape to the list of people shows the count of values instead.
            filled = sum(1 for w, _ in self.ratings if w == who)
            done = re.escape(f"{PEOPLE[who]}  ({filled} av 18 ifyllda)")
            return Action("rating", [str(value), ESC], done, detail, prelude, after=[ESC])
        return Action(
            "rating",
            [str(value)],
            rf"\[{value}\] {n + 1}\. " + re.escape(text),
            detail,
            prelude=prelude,
            after=["\r"],
        )

    def _phone(self) -> Action:
        """A phone sends one person's 18 values at once (some may be as before)."""
        who = self.rng.randrange(3)
        values = {}
        for k in range(18):
            group, n = divmod(k, 6)
            value = self.rng.randint(1, 4)
            values[f"{GROUPS[group][0]}-{n + 1}"] = value
            self.ratings[who, k] = value
        detail = {"participant": PEOPLE[who], "values": values, "step": self.step}
        return Action("phone", [], "", detail)

    def _turn(self, passed: bool = False) -> Action:
        assert self.round is not None
        order, pos = self.round
        name = order[pos]
        pos += 1
        self.round = (order, pos)
        # The end of the round says whether all spoke, some passed or all passed.
        expect = r"TALAR NU\s+" + order[pos] if pos < 3 else r"Alla (?:har haft|stod över)"
        return Action(
            "pass" if passed else "turn",
            ["p" if passed else "n"],
            expect,
            {"index": self.step, "name": name},
        )

    def _pass(self) -> Action:
        return self._turn(passed=True)

    def _note(self) -> Action:
        self.note_no += 1
        words = ["Eleverna", "förklarar", "ÅÄÖ", "varandra", "lärande", "fokus", "bra", "syn"]
        body = " ".join(self.rng.choice(words) for _ in range(self.rng.randint(1, 4)))
        text = f"N{self.note_no}x{self.rng.randrange(10**6):06d} {body}"
        return Action(
            "note",
            ["\r"],
            f"{_note_regex(text)}|{re.escape(PLACEHOLDER)}",
            {"text": text, "index": self.step},
            # Typed into the field first: enter counts from when the field shows it all.
            prelude=[("i", None), (text, re.escape(text))],
            after=[ESC],
        )

    def _step(self) -> Action:
        index = self.step + 1
        self._enter(index)
        return Action("step", [RIGHT], re.escape(PLAN[index].marker), {"index": index})


@dataclass
class KillPoint:
    seed: int
    planned: int
    completed: list[Action]
    in_flight: str | None
    unseen: list[Action] = field(default_factory=list)
    """Notes typed blind (field and notes out of view): not counted, checked for the record."""
    unseen_found: int = 0
    found: int = 0
    losses: list[str] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0
    kept: Path | None = None


def _env(home: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("KOLLEGIAL_PATH", "KOLLEGIAL_DEBUG", "KOLLEGIAL_LANG")
    }
    env.update(
        KOLLEGIAL_HOME=str(home),
        KOLLEGIAL_LANG="sv",
        TERM="xterm-256color",
        LANG="sv_SE.UTF-8",
    )
    return env


def spawn_meeting(env: dict[str, str]) -> Driver:
    child = pexpect.spawn(
        str(KOLLEGIAL),
        [
            *("run", "triangulering", "--participants", ",".join(PEOPLE), "--quiet"),
            *("--serve", "--host", "127.0.0.1", "--port", "0"),
        ],
        env=env,
        dimensions=(35, 120),
        encoding="utf-8",
        timeout=TIMEOUT,
    )
    driver = Driver(child)
    # The phone page's QR code comes first, over the meeting: its address, then away.
    driver.url = driver.wait_for(
        r"http://127\.0\.0\.1:\d+/[A-Za-z0-9_-]{22}/", 0, timeout=30
    ).group(0)
    time.sleep(ESC_PAUSE)
    driver.press(ESC, r"Vem blir samtalsledare")
    time.sleep(ESC_PAUSE)
    return driver


def send_phone(driver: Driver, action: Action) -> None:
    """POST a phone's ratings; returns once the page answered that they are saved."""
    d = action.detail
    body = {"protocol": "triangulering", "step": d["step"], "name": d["participant"]}
    request = urllib.request.Request(
        driver.url + "ratings",
        data=json.dumps({**body, "values": d["values"]}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        answer = json.loads(response.read())
    if not answer.get("ok"):
        raise ScreenTimeout(f"phone not answered ok: {answer}")


def export_events(env: dict[str, str]) -> list[dict[str, object]]:
    out = subprocess.run(
        [str(KOLLEGIAL), "export", "-f", "json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    return json.loads(out)["events"]


def perform(driver: Driver, action: Action) -> bool:
    """Press the action's keys; True once the screen shows the effect.

    False only for a note typed where the screen shows neither the note field
    nor the notes (both cut off below): nothing shows it, so it does not count.
    """
    if action.kind == "phone":
        send_phone(driver, action)
        return True
    field_in_view = True
    for key, regex in action.prelude:
        if regex is None:
            driver.child.send(key)
        elif action.kind == "note":
            try:
                driver.press(key, regex, timeout=2)
            except ScreenTimeout:
                field_in_view = False
        else:
            driver.press(key, regex)
    if action.kind in ("plus", "minus"):
        # Quiet a while first: after a step change on a loaded machine the new
        # forecast can come later than 0.15 s, and reading the old one failed a
        # run (seed 300005, 1 in 3 at a load of 10).
        driver.settle(quiet=0.4, limit=3.0)
        before = driver.forecast()
        mark = len(driver.raw)
        driver.child.send(action.keys[0])
        sign = 1 if action.kind == "plus" else -1
        wanted = "|".join(_hm(before + sign * d) for d in (1, 2))
        driver.wait_for(rf"slut ca (?:{wanted})", mark)
        return True
    *head, last = action.keys
    for key in head:
        driver.child.send(key)
    driver.pump(0)
    mark = len(driver.raw)
    driver.child.send(last)
    if action.kind != "note":
        driver.wait_for(action.expect, mark)
        return True
    try:
        driver.wait_for(action.expect, mark, timeout=TIMEOUT if field_in_view else 2)
    except ScreenTimeout:
        if field_in_view:
            raise
        action.shown = False
        return False
    # The field emptied, which it does only once the note is saved; is the
    # note itself in view too? (Not when the notes panel is cut off below.)
    try:
        driver.wait_for(_note_regex(str(action.detail["text"])), mark, timeout=1)
    except ScreenTimeout:
        action.shown = False
    return True


def finish(driver: Driver, action: Action) -> None:
    """Leave what the action opened: the note field, the rating entry."""
    for key in action.after:
        if action.kind == "rating":
            # Back on the meeting screen: its rating progress is drawn again.
            driver.press(key, r"har värderat")
            if key == ESC:
                time.sleep(ESC_PAUSE)
        else:
            driver.child.send(key)
            time.sleep(ESC_PAUSE)


def check(events: list[dict[str, object]], done: list[Action]) -> tuple[int, list[str]]:
    """How many completed actions the event log holds, and which are missing."""
    have: Counter[tuple[object, ...]] = Counter()
    for e in events:
        kind = e["type"]
        if kind == "note_added":
            have["note", e["text"]] += 1
        elif kind == "rating_set":
            have["rating", e["participant"], e["statement"], e["value"]] += 1
        elif kind == "role_assigned":
            have["appoint", e["role"], e["name"]] += 1
        elif kind == "step_entered":
            have["step", e["index"]] += 1
        elif kind == "turn_taken":
            have["turn", e["index"], e["name"]] += 1
        elif kind == "turn_passed":
            have["pass", e["index"], e["name"]] += 1
        elif kind == "timer_paused":
            have["pause", e["index"]] += 1
        elif kind == "timer_started":
            have["resume", e["index"]] += 1
        elif kind == "timer_adjusted":
            have["plus" if e["seconds"] > 0 else "minus", e["index"]] += 1
    found = 0
    losses: list[str] = []
    ratings = {
        (e["participant"], e["statement"], e["value"]) for e in events if e["type"] == "rating_set"
    }
    for a in done:
        d = a.detail
        if a.kind == "phone":
            # A value the same as before makes no new event: each must be in the log.
            values = d["values"]
            assert isinstance(values, dict)
            missing = [s for s, v in values.items() if (d["participant"], s, v) not in ratings]
            if missing:
                losses.append(f"phone {d['participant']}: {missing}")
            else:
                found += 1
            continue
        match a.kind:
            case "note":
                key: tuple[object, ...] = ("note", d["text"])
            case "rating":
                key = ("rating", d["participant"], d["statement"], d["value"])
            case "appoint":
                key = ("appoint", d["role"], d["name"])
            case "step":
                key = ("step", d["index"])
            case "turn" | "pass":
                key = (a.kind, d["index"], d["name"])
            case "pause" | "resume" | "plus" | "minus":
                key = (a.kind, d["index"])
            case _:
                raise AssertionError(a.kind)
        if have[key] > 0:
            have[key] -= 1
            found += 1
        else:
            losses.append(f"{a.kind} {d}")
    return found, losses


def run_kill_point(seed: int, keep: bool = False) -> KillPoint:
    """One meeting, killed after a random number of completed actions, then checked."""
    started = time.monotonic()
    rng = random.Random(seed)
    script = Script(rng)
    actions: list[Action] = []
    while (a := script.next()) is not None and len(actions) < 60:
        actions.append(a)
    planned = rng.randint(1, len(actions))
    in_flight_wanted = rng.random() < 0.5
    home = Path(tempfile.mkdtemp(prefix="kollegial-crash-"))
    env = _env(home)
    point = KillPoint(seed, planned, [], None)
    driver = spawn_meeting(env)
    try:
        index = 0
        while len(point.completed) < planned and index < len(actions):
            action = actions[index]
            index += 1
            if perform(driver, action):
                point.completed.append(action)
            else:
                point.unseen.append(action)
            if len(point.completed) < planned:
                finish(driver, action)
        if in_flight_wanted and index < len(actions) and actions[index].kind != "phone":
            nxt = actions[index]
            key = nxt.prelude[0][0] if nxt.prelude else nxt.keys[0]
            finish(driver, point.completed[-1])
            driver.child.send(key)
            point.in_flight = f"{nxt.kind} {key!r}"
            time.sleep(rng.uniform(0, 0.03))
    except (ScreenTimeout, pexpect.EOF) as exc:
        point.error = f"{type(exc).__name__}: {exc} (action {len(point.completed) + 1})"
    finally:
        if driver.child.isalive():
            driver.child.kill(signal.SIGKILL)
        driver.child.close(force=True)
    try:
        events = export_events(env)
        point.found, point.losses = check(events, point.completed)
        point.unseen_found = check(events, point.completed + point.unseen)[0] - point.found
    except (subprocess.SubprocessError, ValueError, KeyError) as exc:
        point.error = (point.error or "") + f" export failed: {exc}"
    point.seconds = time.monotonic() - started
    if keep or point.losses or point.error:
        point.kept = home
    else:
        shutil.rmtree(home, ignore_errors=True)
    return point


def campaign(kills: int, seed: int = 1, out: TextIO | None = sys.stdout) -> list[KillPoint]:
    points = []
    started = time.monotonic()
    for k in range(kills):
        p = run_kill_point(seed * 100_000 + k)
        points.append(p)
        if out is not None:
            kinds = Counter(a.kind for a in p.completed)
            print(
                f"kill {k + 1:3d} seed {p.seed}: completed {len(p.completed):2d}, "
                f"found {p.found:2d}, losses {len(p.losses)}"
                f"{', in flight ' + p.in_flight if p.in_flight else ''}"
                f"  ({p.seconds:.1f} s; {dict(sorted(kinds.items()))})",
                file=out,
                flush=True,
            )
            for a in p.completed:
                if not a.shown:
                    print(f"    note saved, not in view: {a.detail['text']}", file=out, flush=True)
            if p.unseen:
                print(
                    f"    {len(p.unseen)} notes typed blind (field out of view), not counted; "
                    f"{p.unseen_found} of them in the log",
                    file=out,
                    flush=True,
                )
            for loss in p.losses:
                print(f"    LOST: {loss}", file=out, flush=True)
            if p.error:
                print(f"    ERROR: {p.error}", file=out, flush=True)
            if p.kept:
                print(f"    data kept in {p.kept}", file=out, flush=True)
    if out is not None:
        total = sum(len(p.completed) for p in points)
        found = sum(p.found for p in points)
        losses = sum(len(p.losses) for p in points)
        errors = sum(1 for p in points if p.error)
        hidden = sum(1 for p in points for a in p.completed if not a.shown)
        blind = sum(len(p.unseen) for p in points)
        blind_found = sum(p.unseen_found for p in points)
        print(
            f"\n{kills} kill points, {total} actions completed, {found} found, "
            f"{losses} losses, {errors} errors, {time.monotonic() - started:.0f} s\n"
            f"display: {hidden} counted notes saved but not in view; {blind} notes typed "
            f"with the field out of view (not counted), {blind_found} of them in the log",
            file=out,
        )
    return points


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=10, help="number of kill points")
    parser.add_argument("--seed", type=int, default=1, help="campaign seed")
    args = parser.parse_args(argv)
    points = campaign(args.kills, args.seed)
    return 0 if all(not p.losses and not p.error for p in points) else 1


if __name__ == "__main__":
    sys.exit(main())
