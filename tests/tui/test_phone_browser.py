"""A real phone, as near as this machine gets: Debian's Chromium, headless, at 390×844.

Driven by Playwright against the system browser (no browser is downloaded);
skipped only when /usr/bin/chromium is not installed (CI installs it, .ci/run).
The meeting runs in the same event loop, as on the leader's laptop.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from kollegial.export import render_json, render_markdown
from kollegial.serve import ServeSettings
from tests.tui.conftest import MakeApp, shown_text

LOCAL = ServeSettings(host="127.0.0.1", port=0)

CHROMIUM = os.environ.get("KOLLEGIAL_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which(CHROMIUM) is None,
        reason=f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)",
    ),
]


async def test_a_phone_rates_all_statements_and_the_wall_and_export_have_them(
    meeting: MakeApp, tmp_path: Path
) -> None:
    from playwright.async_api import async_playwright

    app = meeting("triangulering", ["Anna", "Bo", "Cecilia"])
    async with app.run_test(size=(120, 35)) as pilot, async_playwright() as pw:
        await pilot.press("right")  # the rate step
        assert app.session.step.mode.value == "rate"
        app.serve = LOCAL  # the key's settings: any free port, as other workers run pages
        await pilot.press("m")
        await pilot.pause(0.2)
        assert app.phones is not None
        url = app.phones.url
        await pilot.press("escape")

        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        phone = await browser.new_page(
            viewport={"width": 390, "height": 844},
            device_scale_factor=2,
            is_mobile=True,
            has_touch=True,
        )
        await phone.goto(url)
        await phone.screenshot(path=str(tmp_path / "phone-names.png"))
        await phone.get_by_role("button", name="Bo", exact=True).click()
        await phone.get_by_text("Du är Bo.").wait_for()
        statements = app.session.rated_statements()
        assert len(statements) == 18
        wanted = {s: 1 + i % 4 for i, s in enumerate(statements)}
        for statement, value in wanted.items():
            await phone.click(f'button[data-statement="{statement}"][data-value="{value}"]')
        await phone.screenshot(path=str(tmp_path / "phone-rate.png"))
        # A change of mind before sending.
        wanted[statements[0]] = 4
        await phone.click(f'button[data-statement="{statements[0]}"][data-value="4"]')
        assert await phone.text_content("#progress") == "18 av 18 besvarade"
        await phone.click("#review")
        await phone.get_by_text("Dina svar").wait_for()
        assert "null" not in (await phone.text_content("main") or "")
        await phone.screenshot(path=str(tmp_path / "phone-summary.png"))
        await pilot.pause()
        assert "0 av 3 har värderat" in shown_text(app.screen, "rate-progress")
        await phone.click("#send")
        await phone.get_by_text("Skickat.").wait_for()
        await pilot.pause(0.3)
        assert "1 av 3 har värderat" in shown_text(app.screen, "rate-progress")
        assert app.session.ratings["Bo"] == wanted

        # A change of mind after sending, while the step lasts: one value, one event.
        changed = 1 + wanted[statements[1]] % 4
        wanted[statements[1]] = changed
        await phone.click(f'button[data-statement="{statements[1]}"][data-value="{changed}"]')
        await phone.click("#review")
        await phone.click("#send")
        await phone.get_by_text("Skickat.").wait_for()
        await pilot.pause()
        await phone.screenshot(path=str(tmp_path / "phone-sent.png"))
        assert app.session.ratings["Bo"] == wanted
        assert sum(e.type == "rating_set" for e in app.session.events) == 19  # 18 + 1 change

        # The step ends: the page follows the meeting, read-only.
        await pilot.press("right")
        await pilot.pause()
        await phone.get_by_text("Följ mötet här.").wait_for()
        await phone.screenshot(path=str(tmp_path / "phone-follow.png"))
        for _ in range(2):
            await pilot.press("right")
        await pilot.pause()
        bars = shown_text(app.screen, "ratings")
        assert "Vi ser kvalitetsarbetet som ett lärande" in bars
        await browser.close()

    # The exports carry the phone's ratings: each value in JSON, counted in markdown.
    assert json.loads(render_json(app.session))["derived"]["ratings"]["Bo"] == wanted
    first = "Vi ser kvalitetsarbetet som ett lärande snarare än ett ”görande”."
    assert f"| 1 | {first} | 0 | 0 | 0 | 1 | 1 | 4,0 |" in render_markdown(app.session)
    shots = os.environ.get("KOLLEGIAL_SHOT_DIR")
    if shots:  # to look at them
        for png in tmp_path.glob("phone-*.png"):
            shutil.copy(png, Path(shots) / png.name)


async def _phone(pw: object, url: str) -> object:
    browser = await pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)  # type: ignore[attr-defined]
    page = await browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    await page.goto(url)
    return page


async def test_an_anonymous_phone_rates_under_a_number(meeting: MakeApp, tmp_path: Path) -> None:
    """No names on the page; the ratings are kept under #1, never under a name."""
    from playwright.async_api import async_playwright

    app = meeting("triangulering", ["Anna", "Bo", "Cecilia"], anonymous=True)
    async with app.run_test(size=(120, 35)) as pilot, async_playwright() as pw:
        await pilot.press("right")
        app.serve = LOCAL  # the key's settings: any free port, as other workers run pages
        await pilot.press("m")
        await pilot.pause(0.2)
        assert app.phones is not None
        phone = await _phone(pw, app.phones.url)
        await phone.get_by_text("Anonymt").wait_for()  # type: ignore[attr-defined]
        assert "Anna" not in await phone.content()  # type: ignore[attr-defined]
        for statement in app.session.rated_statements():
            await phone.click(f'button[data-statement="{statement}"][data-value="3"]')  # type: ignore[attr-defined]
        await phone.click("#review")  # type: ignore[attr-defined]
        await phone.click("#send")  # type: ignore[attr-defined]
        await phone.get_by_text("Skickat.").wait_for()  # type: ignore[attr-defined]
        await pilot.pause(0.3)
        assert list(app.session.ratings) == ["#1"]
        assert "1 av 3 har värderat" in shown_text(app.screen, "phones-count")


async def test_a_note_from_the_phone_lands_under_the_name(meeting: MakeApp, tmp_path: Path) -> None:
    """In a silent writing step the phone sends a note; it is the step's, under Bo's name."""
    from playwright.async_api import async_playwright

    app = meeting("tyst-skrivsamtal", ["Anna", "Bo", "Cecilia"])
    async with app.run_test(size=(120, 35)) as pilot, async_playwright() as pw:
        while app.session.step.mode.value != "silent":
            await pilot.press("right")
        app.serve = LOCAL  # the key's settings: any free port, as other workers run pages
        await pilot.press("m")
        await pilot.pause(0.2)
        assert app.phones is not None
        phone = await _phone(pw, app.phones.url)
        await phone.get_by_role("button", name="Bo", exact=True).click()  # type: ignore[attr-defined]
        await phone.fill("#note-text", "Eleverna <b>förklarar</b> för varandra")  # type: ignore[attr-defined]
        await phone.click("#send-note")  # type: ignore[attr-defined]
        await phone.get_by_text("Anteckningen är med").wait_for()  # type: ignore[attr-defined]
        await phone.screenshot(path=str(tmp_path / "phone-note.png"))  # type: ignore[attr-defined]
        (note,) = app.session.notes_for()
        assert (note.text, note.speaker) == ("Eleverna <b>förklarar</b> för varandra", "Bo")
        saved = app.journal.store.load(app.journal.session_id, app.session.clock)  # type: ignore[union-attr]
        assert [n.text for n in saved.notes.values()] == [note.text]
    shots = os.environ.get("KOLLEGIAL_SHOT_DIR")
    if shots:
        shutil.copy(tmp_path / "phone-note.png", Path(shots) / "phone-note.png")


async def _rate_all(phone: object, statements: list[str], value: int) -> None:
    for statement in statements:
        await phone.click(f'button[data-statement="{statement}"][data-value="{value}"]')  # type: ignore[attr-defined]
    await phone.click("#review")  # type: ignore[attr-defined]
    await phone.click("#send")  # type: ignore[attr-defined]
    await phone.get_by_text("Skickat.").wait_for()  # type: ignore[attr-defined]


async def test_an_anonymous_phone_keeps_its_number_when_the_meeting_is_resumed(
    meeting: MakeApp,
) -> None:
    """The same phone, at the resumed meeting's new address, sends again: still #1, not #2.

    The page's address (same host and port, as ``resume --serve`` with the
    same options) keeps the phone's storage; its new token does not matter.
    """
    import socket

    from playwright.async_api import async_playwright

    from kollegial.store import Store
    from kollegial.tui.app import resume_app

    with socket.socket() as probe:  # one port for both: the phone's storage is the origin's
        probe.bind(("127.0.0.1", 0))
        here = ServeSettings(host="127.0.0.1", port=int(probe.getsockname()[1]))
    app = meeting("triangulering", ["Anna", "Bo", "Cecilia"], anonymous=True, serve=here)
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        phone = await browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
        async with app.run_test(size=(120, 35)) as pilot:
            await pilot.pause(0.3)
            await pilot.press("escape", "right")
            assert app.phones is not None
            first = app.phones.url
            await phone.goto(first)
            await _rate_all(phone, app.session.rated_statements(), 3)
            await pilot.pause(0.3)
            assert list(app.session.ratings) == ["#1"]
        assert app.session_id is not None
        again = resume_app(Store(Path(os.environ["KOLLEGIAL_HOME"])), app.session_id, serve=here)
        async with again.run_test(size=(120, 35)) as pilot:
            await pilot.pause(0.3)
            assert again.phones is not None and again.phones.url != first
            await phone.goto(again.phones.url)
            await _rate_all(phone, again.session.rated_statements(), 4)
            await pilot.pause(0.3)
            assert list(again.session.ratings) == ["#1"]
            assert set(again.session.ratings["#1"].values()) == {4}
            assert "1 av 3 har värderat" in shown_text(again.screen, "phones-count")
        await browser.close()
