"""The phone page on the wall: started with the meeting or by m, counted live, stopped by s."""

from __future__ import annotations

import os

import aiohttp

from kollegial.serve import ServeSettings
from kollegial.tui.screens.phones import Phones
from tests.tui.conftest import MakeApp, shown_text

LOCAL = ServeSettings(host="127.0.0.1", port=0)


async def to_rate_step(pilot: object, app: object) -> None:
    while app.session.step.mode.value != "rate":  # type: ignore[attr-defined]
        await pilot.press("right")  # type: ignore[attr-defined]


async def test_serve_starts_the_page_and_shows_the_qr_code(meeting: MakeApp) -> None:
    app = meeting("triangulering", serve=LOCAL)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.2)
        await pilot.pause()
        assert app.phones is not None and app.phones.running
        assert isinstance(app.screen, Phones)
        text = shown_text(app.screen, "phones-url")
        assert app.phones.url in text and app.phones.token in text
        qr = shown_text(app.screen, "phones-qr")
        assert "█" in qr and len(qr.splitlines()) <= 20
        assert "127.0.0.1" in shown_text(app.screen, "phones-where")
        shot = os.environ.get("KOLLEGIAL_SHOT")
        if shot:  # to look at: KOLLEGIAL_SHOT=/tmp/x.svg pytest -k qr_code
            app.save_screenshot(shot)


async def test_a_phones_rating_is_counted_on_the_wall_live(meeting: MakeApp) -> None:
    """5 av 7 har värderat: the count follows a phone's sending at once; no value shows."""
    app = meeting("triangulering")
    async with app.run_test(size=(100, 30)) as pilot:
        await to_rate_step(pilot, app)
        app.serve = LOCAL  # the key's settings: any free port, as other workers run pages
        await pilot.press("m")
        await pilot.pause(0.2)
        assert app.phones is not None and isinstance(app.screen, Phones)
        assert "0 av 3 har värderat" in shown_text(app.screen, "phones-count")
        values = dict.fromkeys(app.session.rated_statements(), 4)
        body = {"protocol": "triangulering", "step": app.session.current, "name": "Bo"}
        url = app.phones.url + "ratings"
        async with (
            aiohttp.ClientSession() as http,
            http.post(url, json={**body, "values": values}) as r,
        ):
            assert r.status == 200
        await pilot.pause(0.3)  # a burst of phones redraws the wall once, shortly after
        assert "1 av 3 har värderat" in shown_text(app.screen, "phones-count")
        await pilot.press("escape")
        await pilot.pause()
        progress = shown_text(app.screen, "rate-progress")
        assert "1 av 3 har värderat" in progress and app.phones.url in progress
        # Saved like a typed rating: in the store already.
        assert app.journal is not None and not app.journal.pending
        saved = app.journal.store.load(app.journal.session_id, app.session.clock)
        assert saved.ratings["Bo"] == values


async def test_s_stops_the_page(meeting: MakeApp) -> None:
    app = meeting("triangulering")
    async with app.run_test(size=(100, 30)) as pilot:
        app.serve = LOCAL  # the key's settings: any free port, as other workers run pages
        await pilot.press("m")
        await pilot.pause(0.2)
        assert app.phones is not None
        url = app.phones.url
        await pilot.press("s")
        await pilot.pause(0.2)
        assert app.phones is None and not isinstance(app.screen, Phones)
        async with aiohttp.ClientSession() as http:
            try:
                async with http.get(url) as r:
                    status = r.status
            except aiohttp.ClientConnectionError:
                status = None
        assert status is None


async def test_a_taken_port_is_said_on_the_wall_and_the_meeting_goes_on(
    meeting: MakeApp,
) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        app = meeting("triangulering", serve=ServeSettings(host="127.0.0.1", port=port))
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause(0.2)
            assert app.phones is None
            said = [n.message for n in app._notifications]
            assert any(str(port) in m and "kunde inte starta" in m for m in said), said
            await pilot.press("right")  # the meeting goes on
            assert app.session.current == 1
            # The next try takes any free port.
            await pilot.press("m")
            await pilot.pause(0.2)
            assert app.phones is not None and app.phones.port != port


async def test_the_page_stops_listening_when_the_meeting_closes(meeting: MakeApp) -> None:
    app = meeting("triangulering", serve=LOCAL)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.2)
        assert app.phones is not None
        url = app.phones.url
    async with aiohttp.ClientSession() as http:
        try:
            async with http.get(url) as r:
                status: int | None = r.status
        except aiohttp.ClientConnectionError:
            status = None
    assert status is None
