"""Issue 19: a team's meeting opens with what the team agreed last time, on the first step only."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kollegial.protocols.discovery import resolve
from kollegial.session import FakeClock, Session
from kollegial.session.team import Agreed, FollowUp
from kollegial.store import Store
from kollegial.tui.app import resume_app
from kollegial.tui.screens.meeting import MeetingScreen
from tests.tui.conftest import PEOPLE, MakeApp, shown_text

LAST_TIME = FollowUp(
    at=datetime(2026, 11, 16, 8, 30, tzinfo=UTC),
    title="Lärande samtal efter observation",
    agreed=(Agreed(label="Utvecklingsområde", text="Övergången från genomgång till eget arbete"),),
)


@pytest.mark.parametrize("size", [(80, 24), (120, 35)])
async def test_the_first_step_shows_last_times_development_area(
    meeting: MakeApp, size: tuple[int, int], tmp_path: Path
) -> None:
    app = meeting("observationssamtal", team="Åk 4–6", follow_up=LAST_TIME)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        shown = " ".join(shown_text(app.screen, "follow-up").split())
        assert "Förra gången (2026-11-16, Lärande samtal efter observation) enades ni om:" in shown
        assert "Utvecklingsområde: Övergången från genomgång till eget arbete" in shown
        # Kept for looking at (the README of this test): SVG -> PNG with rsvg-convert.
        svg = app.save_screenshot(path=str(tmp_path), filename=f"follow-up-{size[0]}.svg")
        if os.environ.get("KOLLEGIAL_SHOTS"):
            target = Path(os.environ["KOLLEGIAL_SHOTS"]) / f"follow-up-{size[0]}x{size[1]}.png"
            subprocess.run(["rsvg-convert", svg, "-o", str(target)], check=True)
        await pilot.press("right")
        assert shown_text(app.screen, "follow-up") == ""  # the first step only
        await pilot.press("left")
        assert "Utvecklingsområde" in shown_text(app.screen, "follow-up")


async def test_a_meeting_without_a_team_shows_no_follow_up(meeting: MakeApp) -> None:
    app = meeting("observationssamtal")
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        assert shown_text(app.screen, "follow-up") == ""
        assert not app.screen.query("#follow-up")  # never even mounted


async def test_a_resumed_meeting_shows_what_its_team_agreed_before_it(
    clock: FakeClock, isolated: Path
) -> None:
    store = Store(isolated)
    protocol = resolve("observationssamtal")
    earlier = store.create(protocol, clock, team="Åk 4–6")
    s = Session.start(protocol, PEOPLE, clock, listeners=[store.listener(earlier)])
    s.goto(len(s.plan) - 1)
    s.set_decision("Tydliga mål på tavlan")
    s.end()
    clock.advance(7 * 24 * 3600)
    now = store.create(protocol, clock, team="Åk 4–6")
    Session.start(protocol, PEOPLE, clock, listeners=[store.listener(now)])
    later = store.create(protocol, clock, team="Åk 4–6")  # after it: not what it follows up
    s = Session.start(protocol, PEOPLE, clock, listeners=[store.listener(later)])
    s.goto(len(s.plan) - 1)
    s.set_decision("Något senare")
    app = resume_app(store, now, clock=clock)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        shown = " ".join(shown_text(app.screen, "follow-up").split())
        assert "Förra gången (2026-11-24, Lärande samtal efter observation)" in shown
        assert "Tydliga mål på tavlan" in shown and "Något senare" not in shown
