"""Whole meetings led from the keyboard, ending in the markdown a colleague can read."""

from __future__ import annotations

from pathlib import Path

from kollegial.protocols.model import Mode
from kollegial.session.clock import FakeClock
from kollegial.tui.screens.closing import Closing
from tests.tui.conftest import MakeApp, text_of

SIZE = (120, 35)
RATINGS = {
    "Anna": "123443211234432123",
    "Bo": "223344112233441122",
    "Cecilia": "444433332222111144",
}


async def test_a_whole_triangulation(meeting: MakeApp, clock: FakeClock, tmp_path: Path) -> None:
    """Roles, ratings for three people, three corners with turns and notes, closing talk, export."""
    app = meeting("triangulering")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "right")  # Anna leads the talk
        assert app.session.step.mode is Mode.RATE
        for i, values in enumerate(RATINGS.values()):
            await pilot.press("r", *["down"] * i, "enter", *values, "enter")
        assert "3 av 3 har värderat" in str(app.screen.query_one("#rate-progress").render())
        clock.advance(600)
        await pilot.press("right", "2", "right")  # Bo keeps the time
        for corner in range(3):
            assert app.session.step.pass_no == corner + 1
            await pilot.press("n", "p", "n")  # a lap: one spoke, one passed, one spoke
            assert app.session.speaker is None
            ratings_shown = text_of(app.screen.query_one("#ratings"))
            assert "◆ börja här" in ratings_shown
            clock.advance(300)
            await pilot.press("right", "i", *f"Hörn {corner + 1}: vi ser olika", "enter", "escape")
            clock.advance(300)
            await pilot.press("right")
        assert app.session.step.title == "Avslutande samtal"
        await pilot.press("i", *"Vi vill prova lektionsstudier", "enter", "escape")
        clock.advance(600)
        await pilot.press("right")
        assert isinstance(app.screen, Closing)
        await pilot.press("e")
    (export,) = (tmp_path / "out").glob("*.md")
    md = export.read_text(encoding="utf-8")
    assert "- **Samtalsledare:** Anna" in md and "- **Tidshållare:** Bo" in md
    for corner in (1, 2, 3):
        assert f"Hörn {corner}: vi ser olika" in md
    assert "Vi vill prova lektionsstudier" in md
    assert "planerat 10 min · använt 10 min" in md
    assert md.count("Det systematiska kvalitetsarbetet") >= 2  # a corner heading and its table
    assert "Vi ser kvalitetsarbetet som ett lärande snarare än ett ”görande”" in md


async def test_a_whole_observation_talk(meeting: MakeApp, clock: FakeClock, tmp_path: Path) -> None:
    """Notes in all three columns, attributed to the speaker, and the agreed decision."""
    app = meeting("observationssamtal")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i", *"De frågar varandra", "enter", "escape", "n", "p", "p")
        await pilot.press("p", "p", "p")  # lap 1 had Anna's say; lap 2, everyone passes: done
        assert app.session.speaker is None
        clock.advance(600)
        await pilot.press("right", "i", *"De förklarar sina strategier", "enter", "escape")
        clock.advance(300)
        await pilot.press("right")
        assert app.session.step.mode is Mode.SILENT
        assert not app.screen.query_one("#notes").display
        clock.advance(180)
        await pilot.press("right", "i", *"Mer tid att formulera sig", "enter", "escape")
        clock.advance(300)
        await pilot.press("right", "right")
        assert app.session.step.mode is Mode.DECISION
        await pilot.press("i", *"Tydliga mål på tavlan", "enter", "escape")
        assert "Tydliga mål på tavlan" in str(app.screen.query_one("#decision").render())
        await pilot.press("right", "e")
    (export,) = (tmp_path / "out").glob("*.md")
    md = export.read_text(encoding="utf-8")
    assert "Anna: De frågar varandra" in md
    assert "De förklarar sina strategier" in md
    assert "Mer tid att formulera sig" in md
    for column in (
        "Hur gör eleverna? Vad säger eleverna?",
        "Vilket lärande blir synligt?",
        "Mina reflektioner om vad eleverna behöver",
    ):
        assert column in md
    assert "Tydliga mål på tavlan" in md
    assert "Utvecklingsområde" in md


async def test_a_meeting_resumes_where_it_stopped(meeting: MakeApp, clock: FakeClock) -> None:
    """Quit mid-meeting; resume shows the same step, speaker and notes, the timer paused."""
    from kollegial.store import Store
    from kollegial.tui.app import resume_app

    app = meeting("observationssamtal")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "i", *"Sparad", "enter", "escape")
        clock.advance(125)
        app.checkpoint()
        await pilot.press("q", "j")
    assert app.session_id is not None and app.journal is not None
    again = resume_app(app.journal.store, app.session_id, clock=clock)
    async with again.run_test(size=SIZE):
        assert again.session.speaker == "Bo"
        assert [n.text for n in again.session.notes.values()] == ["Sparad"]
        assert not again.session.running
        assert again.session.remaining() == 600 - 125
    assert isinstance(app.journal.store, Store)


async def test_a_note_being_typed_survives_a_stop(meeting: MakeApp, clock: FakeClock) -> None:
    """Text typed but not yet saved is on disk at every keystroke and comes back on resume."""
    from kollegial.tui.app import resume_app

    app = meeting("observationssamtal")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i", *"Halvfärdig tanke")
        assert app.journal is not None
        assert app.journal.store.draft(app.journal.session_id) == "Halvfärdig tanke"
    assert app.session_id is not None and app.journal is not None
    again = resume_app(app.journal.store, app.session_id, clock=clock)
    async with again.run_test(size=SIZE) as pilot:
        field = again.screen.query_one("#note-input")
        assert field.value == "Halvfärdig tanke"  # type: ignore[attr-defined]
        # i goes on writing where the draft ends: the first key must not replace it.
        await pilot.press("i", *" om tid", "enter")
        assert [n.text for n in again.session.notes.values()] == ["Halvfärdig tanke om tid"]
        assert again.journal is not None
        assert again.journal.store.draft(again.session_id or 0) == ""


async def test_a_long_meeting_resumes_from_its_snapshot(meeting: MakeApp, clock: FakeClock) -> None:
    """Issue 21: the first frame of resume reads only the events after the latest snapshot;
    the earlier ones are read when the whole log is needed, and the meeting goes on whole."""
    from kollegial.tui.app import resume_app

    app = meeting("observationssamtal")
    async with app.run_test(size=SIZE) as pilot:
        assert app.journal is not None
        app.journal.store.snapshot_every = 20
        await pilot.press("i")
        for n in range(25):
            await pilot.press(*f"n{n}", "enter")
        await pilot.press("escape")
        app.checkpoint()
        await pilot.press("q", "j")
    assert app.session_id is not None and app.journal is not None
    store = app.journal.store
    assert store.conn.execute("SELECT COUNT(*) FROM snapshots").fetchone()[0] == 1
    again = resume_app(store, app.session_id, clock=clock)
    async with again.run_test(size=SIZE) as pilot:
        assert again.session._earlier is not None  # the first frame did not need them
        assert [n.text for n in again.session.notes.values()] == [f"n{n}" for n in range(25)]
        await pilot.press("i", *"sist", "enter", "escape")
    assert store.events(app.session_id) == again.session.events  # the whole log, in order
