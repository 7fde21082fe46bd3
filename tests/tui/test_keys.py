"""The key contract: what each key does, and that letters reach a field only while it has focus."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.widgets import Input

from kollegial.protocols.model import Mode
from kollegial.session.clock import FakeClock
from kollegial.store import settings
from kollegial.tui.screens.meeting import PANELS, MeetingScreen
from tests.tui.conftest import MakeApp, text_of

SIZE = (120, 35)


def goto_first_round(app) -> None:  # type: ignore[no-untyped-def]
    while app.session.step.mode is not Mode.ROUND:
        app.session.next_step()
    app.screen.refresh_view()


async def test_space_pauses_and_resumes(meeting: MakeApp, clock: FakeClock) -> None:
    """space stops the clock (PAUS shown) and starts it again."""
    app = meeting("observationssamtal")
    async with app.run_test(size=SIZE) as pilot:
        clock.advance(30)
        await pilot.press("space")
        assert not app.session.running
        assert str(app.screen.query_one("#timer-state").render()) == "PAUS"
        clock.advance(100)
        assert app.session.remaining() == 570
        await pilot.press("space")
        assert app.session.running


async def test_arrows_and_pages_move_between_steps(meeting: MakeApp) -> None:
    """right/pagedown go forward, left/pageup go back."""
    app = meeting("observationssamtal")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "pagedown")
        assert app.session.current == 2
        await pilot.press("left")
        assert app.session.current == 1
        await pilot.press("pageup")
        assert app.session.current == 0


async def test_plus_and_minus_change_the_time_by_a_minute(meeting: MakeApp) -> None:
    """+ adds a minute to the step, - takes one away."""
    app = meeting("observationssamtal")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("plus", "plus", "minus")
        assert app.session.remaining() == 660


async def test_n_and_p_move_the_turn(meeting: MakeApp) -> None:
    """n gives the word to the next person, p records a pass."""
    app = meeting("observationssamtal")
    async with app.run_test(size=SIZE) as pilot:
        assert app.session.speaker == "Anna"
        await pilot.press("n")
        assert app.session.speaker == "Bo"
        await pilot.press("p")
        assert app.session.speaker == "Cecilia"
        assert app.session.round is not None and app.session.round.passed == ["Bo"]
        text = str(app.screen.query_one("#turns").render())
        assert "TALAR NU" in text and "Cecilia" in text and "stått över: Bo" in text


async def test_letters_reach_the_note_field_only_while_it_has_focus(meeting: MakeApp) -> None:
    """After i, letters are text; enter saves the note; after escape, n is a key again."""
    app = meeting("observationssamtal")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i", "n", "p", "space", "q")
        field = app.screen.query_one("#note-input", Input)
        assert field.value == "np q"
        assert app.session.speaker == "Anna"
        await pilot.press("enter")
        assert [n.text for n in app.session.notes.values()] == ["np q"]
        assert app.session.notes[1].speaker == "Anna"
        assert app.session.notes[1].column == "gor-sager"
        await pilot.press("escape", "n")
        assert not field.has_focus
        assert app.session.speaker == "Bo"


async def test_letters_typed_at_once_after_i_reach_the_field(meeting: MakeApp) -> None:
    """Keys that arrive together with i (a fast typist, a busy laptop) are text, not keys."""
    app = meeting("observationssamtal")
    async with app.run_test(size=SIZE) as pilot:
        # One batch, as a terminal delivers fast typing: nothing runs in between.
        for key in ["i", "n", "p", "a", "enter"]:
            app.post_message(events.Key(key, None if key == "enter" else key))
        await pilot.pause()
        assert [n.text for n in app.session.notes.values()] == ["npa"]
        assert app.session.speaker == "Anna"
        # A second time, with the field already mounted.
        for key in ["escape", "i", "n", "enter"]:
            app.post_message(events.Key(key, None if len(key) > 1 else key))
        await pilot.pause()
        assert [n.text for n in app.session.notes.values()] == ["npa", "n"]
        assert app.session.speaker == "Anna"


async def test_a_step_builds_only_what_it_shows(meeting: MakeApp) -> None:
    """The first frame has no hidden panels to build (issue 7); i brings the note field."""
    app = meeting("triangulering")
    async with app.run_test(size=SIZE) as pilot:
        ids = {w.id for w in app.screen.query("*")}
        assert "appoint" in ids and not ids & {*PANELS, "notes-area", "notes", "note-input"}
        goto_first_round(app)
        await pilot.pause()
        main = ["step-title", "timer", "timer-state", "prompt", "turns", "ratings"]
        assert [w.id for w in app.screen.query("#main > *") if w.display] == main
        await pilot.press("i", "o", "k")
        assert app.screen.query_one("#note-input", Input).value == "ok"
        assert [w.id for w in app.screen.query("#main > *") if w.display] == [*main, "notes-area"]
        assert [w.id for w in app.screen.query("#notes-area > *")] == ["notes", "note-input"]


async def test_digits_appoint_a_role(meeting: MakeApp) -> None:
    """In an appoint step, the number before a name gives that person the role."""
    app = meeting("triangulering")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        assert app.session.roles == {"samtalsledare": "Bo"}
        assert "Samtalsledare: Bo" in str(app.screen.query_one("#appoint").render())


async def test_r_enters_a_participants_ratings_with_one_key_each(meeting: MakeApp) -> None:
    """r, pick a person, then 18 digits fill the 18 statements; enter returns."""
    app = meeting("triangulering")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "r", "down", "enter")
        values = [1, 2, 3, 4, 4, 3, 2, 1, 1, 2, 3, 4, 4, 3, 2, 1, 2, 3]
        await pilot.press(*[str(v) for v in values])
        await pilot.press("enter")
        assert isinstance(app.screen, MeetingScreen)
        bo = app.session.ratings["Bo"]
        assert list(bo.values()) == values
        assert app.session.raters() == ["Bo"]
        assert "1 av 3 har värderat" in str(app.screen.query_one("#rate-progress").render())


async def test_zero_clears_a_rating(meeting: MakeApp) -> None:
    """0 removes the focused statement's value."""
    app = meeting("triangulering")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "r", "enter", "3", "up", "0")
        assert app.session.ratings.get("Anna", {}) == {}


async def test_a_marks_absent_and_adds_a_late_arrival(meeting: MakeApp) -> None:
    """a opens the participants: enter toggles presence, a typed name joins the circle."""
    app = meeting("observationssamtal")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "down", "enter")
        assert not app.session.is_present("Bo")
        await pilot.press("tab", *"Dana", "enter", "escape")
        assert app.session.participants[-1] == "Dana"
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("n")
        assert app.session.speaker == "Cecilia"


async def test_e_exports_without_overwriting(meeting: MakeApp, tmp_path: Path) -> None:
    """e writes <date>-<protocol>.md in the export folder; a second e updates that same file.

    (Issue 13: it used to add ``-2``, ``-3``. A file that is not this meeting's
    is still never overwritten: tests/tui/test_wall.py.)
    """
    app = meeting("observationssamtal")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "e")
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["2026-11-24-observationssamtal.md"]
    assert (tmp_path / "out" / names[0]).stat().st_mode & 0o777 == 0o600


async def test_t_cycles_themes_and_remembers_the_choice(meeting: MakeApp) -> None:
    """t moves to the next theme and saves it for the next meeting."""
    app = meeting("observationssamtal")
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == "kollegial-dark"
        await pilot.press("t")
        assert app.theme == "kollegial-light"
    assert settings.load()["theme"] == "kollegial-light"
    assert meeting("observationssamtal").theme == "kollegial-light"


async def test_o_hides_and_shows_the_outline(meeting: MakeApp) -> None:
    """o toggles the outline of steps."""
    app = meeting("observationssamtal")
    async with app.run_test(size=SIZE) as pilot:
        outline = app.screen.query_one("#outline")
        assert outline.display
        await pilot.press("o")
        assert not outline.display
        await pilot.press("o")
        assert outline.display


async def test_question_mark_shows_every_key(meeting: MakeApp) -> None:
    """? lists all keys; escape closes the list."""
    app = meeting("observationssamtal")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert type(app.screen).__name__ == "Help"
        await pilot.press("escape")
        assert isinstance(app.screen, MeetingScreen)


async def test_q_asks_before_quitting(meeting: MakeApp) -> None:
    """q asks; n stays in the meeting, j quits."""
    app = meeting("observationssamtal")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q", "n")
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("q", "j")
        await pilot.pause()
    assert app.return_code == 0 or app.return_code is None
    assert not app.is_running


async def test_the_screen_speaks_english_on_request(meeting: MakeApp) -> None:
    """With the language set to English, the screen's words come from the English catalog."""
    from kollegial import i18n

    i18n.set_language("en")
    app = meeting("observationssamtal")
    async with app.run_test(size=SIZE):
        assert "SPEAKING" in str(app.screen.query_one("#turns").render())
        assert "Step 1 of 6" in text_of(app.screen.query_one("#header"))


async def test_zero_appoints_anyone_even_beyond_nine(meeting: MakeApp) -> None:
    """With more than nine people, 0 opens a list of everyone to give the role to."""
    people = [f"Person {i}" for i in range(1, 13)]
    app = meeting("triangulering", people)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("0", *["down"] * 11, "enter")
        assert app.session.roles == {"samtalsledare": "Person 12"}
