"""Rules found missing in review: each test fails without its fix."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kollegial.errors import KollegialError
from kollegial.export import parse_session_json
from kollegial.files import expand, write_private
from kollegial.session.clock import FakeClock
from kollegial.store import Store
from kollegial.tui.screens.meeting import MeetingScreen
from tests.tui.conftest import MakeApp, text_of

SIZE = (120, 35)


async def test_pagedown_types_into_the_note_field_instead_of_moving(meeting: MakeApp) -> None:
    """With the note field focused, pagedown/pageup do not change the step."""
    app = meeting("observationssamtal")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i", "a", "pagedown", "pageup")
        assert app.session.current == 0
        await pilot.press("escape", "pagedown")
        assert app.session.current == 1


async def test_ctrl_q_asks_before_quitting(meeting: MakeApp) -> None:
    """ctrl+q, Textual's own quit key, asks like q does."""
    app = meeting("observationssamtal")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+q")
        assert type(app.screen).__name__ == "ConfirmQuit"
        await pilot.press("n")
        assert isinstance(app.screen, MeetingScreen)


async def test_q_on_the_closing_screen_asks_too(meeting: MakeApp) -> None:
    """After the last step, q still asks before quitting."""
    app = meeting("observationssamtal")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*["right"] * 6, "q")
        assert type(app.screen).__name__ == "ConfirmQuit"


async def test_no_bell_when_arriving_at_a_step_already_in_its_last_minute(
    meeting: MakeApp, clock: FakeClock
) -> None:
    """The bell marks a crossing within a step, not a visit to one already past it."""
    app = meeting("observationssamtal", quiet=False)
    rings: list[int] = []
    async with app.run_test(size=SIZE) as pilot:
        app.bell = lambda: rings.append(1)  # type: ignore[method-assign]
        clock.advance(10 * 60 + 5)
        app.screen.tick()  # type: ignore[attr-defined]
        rings.clear()
        await pilot.press("right", "left", "right", "left")
    assert rings == []


async def test_a_draft_is_not_shown_in_a_silent_step(meeting: MakeApp) -> None:
    """A half-typed note left in the field stays off the projector during silence."""
    app = meeting("observationssamtal")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i", *"Bo sa något om Kalle", "escape")
        field = app.screen.query_one("#note-input")
        assert field.display
        await pilot.press("right", "right")
        assert app.session.is_private and not field.display


async def test_quitting_with_unsaved_events_rescues_the_meeting_to_a_file(
    meeting: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the data folder fails, quitting says so and writes the whole meeting to a file."""
    from kollegial.views.meeting import _finish

    app = meeting("observationssamtal")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    async with app.run_test(size=SIZE) as pilot:
        assert app.journal is not None
        app.journal.store = Store(blocker / "home")  # a data folder that cannot exist
        await pilot.press("i", *"Får inte försvinna", "enter", "escape", "q")
        assert "Allt är inte sparat" in text_of(app.screen.query("Static").last())
        await pilot.press("j")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(KollegialError) as exc:
        _finish(app)
    assert exc.value.key == "err.rescued"
    (rescue,) = tmp_path.glob("kollegial-observationssamtal-*.json")
    assert oct(rescue.stat().st_mode & 0o777) == "0o600"
    _, events, _ = parse_session_json(rescue.read_text(encoding="utf-8"))
    assert any(getattr(e, "text", None) == "Får inte försvinna" for e in events)


def test_exports_never_replace_a_link_or_a_device(tmp_path: Path) -> None:
    """write_private refuses targets that are not regular files."""
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "elsewhere.md")
    with pytest.raises(KollegialError):
        write_private(link, "x")
    with pytest.raises(KollegialError):
        write_private(Path(os.devnull), "x")
    assert not (tmp_path / "elsewhere.md").exists()


def test_a_tilde_for_an_unknown_user_is_taken_literally() -> None:
    """~nosuchuser/x stays as written instead of raising."""
    assert expand(Path("~nosuchuser-kollegial/x")) == Path("~nosuchuser-kollegial/x")


def test_a_huge_session_id_is_just_not_found(cli) -> None:  # type: ignore[no-untyped-def]
    """A session id beyond SQLite's integers gives 'no such meeting', exit 1."""
    r = cli("export", "99999999999999999999999")
    assert r.code == 1 and "Traceback" not in r.err
