"""Hostile and very large input: stored exactly, shown safely, exported escaped, never a hang.

Every text below goes through the real TUI (pasted into the note field, or
given as participant names and the focus), is reloaded from the database and
compared, and the screen and the markdown export are checked for raw control
characters. The large inputs are timed against a generous per-test deadline.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from kollegial.export import render_markdown
from kollegial.protocols.model import Mode
from kollegial.session.clock import FakeClock
from kollegial.store import Store
from kollegial.tui.app import KollegialApp
from kollegial.tui.screens.meeting import MeetingScreen
from kollegial.tui.screens.rating import RatingEntry
from tests.tui.conftest import MakeApp, text_of

SIZE = (120, 35)
# Any C0/C1 control character (ESC, BEL, backspace, ...) reaching the terminal.
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

HOSTILE_NOTES = [
    "Bra lektion 👩‍🏫🙂🇸🇪 — eleverna 👍🏽 deltog",
    "שלום, זה עברית עם 123 ומספרים",
    "مرحبا، هذه ملاحظة بالعربية",
    "mixed ltr עברית العربية ltr",
    "e\u0301 a\u0308\u0308\u0308\u0308 Z\u0336\u0337\u0338 ñ̃̃",
    "rensa \x1b[2J skärmen \x1b[H här",
    "\x1b]0;kapad titel\x07 fönstertitel",
    "klocka \x07 backsteg \x08 nul \x00 del \x7f c1 \x9b",
    "markup [bold]fet[/bold] [/] [link=file:///etc/passwd]länk[/link]",
    "\u202evänd text\u202c och \u200b nollbredd \ufeff bom",
    "| tabell | *stjärna* _under_ `kod` <script>alert(1)</script> # rubrik",
]
HOSTILE_NAMES = ["Åsa 👩‍🏫", "דוד", "مريم", "Zoe\u0308", "Eve\x1b[2J", "[b]Mallory[/]"]
HOSTILE_FOCUS = "Fokus 🎯 \x1b]0;titel\x07 עברית \x1b[31mröd\x1b[0m [i]x[/i]"


pytestmark = pytest.mark.usefixtures("deadline")


def reload(app: KollegialApp):  # type: ignore[no-untyped-def]
    assert app.journal is not None and not app.journal.pending
    return Store(Path(os.environ["KOLLEGIAL_HOME"])).load(app.journal.session_id, FakeClock())


async def paste_note(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    """i, the whole text at once (as a terminal paste delivers it), enter, escape."""
    await pilot.press("i")
    pilot.app.screen.query_one("#note-input", Input).value = text
    await pilot.press("enter", "escape")


def screen_text(app: KollegialApp) -> str:
    return "\n".join(text_of(w) for w in app.screen.query("*") if w.display and w.size.height)


def assert_no_raw_controls(text: str) -> None:
    found = RAW_CONTROL.findall(text)
    assert not found, f"raw control characters on screen: {found!r}"


# --- hostile characters ---


async def test_hostile_notes_are_stored_exactly_shown_safely_and_exported_escaped(
    meeting: MakeApp, tmp_path: Path
) -> None:
    """Emoji, RTL, combining marks, controls, ANSI/OSC escapes and markup in notes."""
    app = meeting("observationssamtal", people=HOSTILE_NAMES, focus=HOSTILE_FOCUS)
    async with app.run_test(size=SIZE) as pilot:
        for text in HOSTILE_NOTES:
            await paste_note(pilot, text)
            assert_no_raw_controls(text_of(app.screen.query_one("#notes")))
            assert_no_raw_controls(text_of(app.screen.query_one("#turns")))
            await pilot.press("n")
        assert [n.text for n in app.session.notes.values()] == [t.strip() for t in HOSTILE_NOTES]
        shown = text_of(app.screen.query_one("#notes"))
        assert "␛[2J" in text_of(app.screen.query_one("#notes")) or "␛" in screen_text(app)
        assert "[/]" in shown or "länk" in shown  # markup is shown as text, not applied
        assert_no_raw_controls(screen_text(app))
        await pilot.press("e")
        session = app.session
    again = reload(app)
    assert [n.text for n in again.notes.values()] == [n.text for n in session.notes.values()]
    assert [n.speaker for n in again.notes.values()] == [n.speaker for n in session.notes.values()]
    assert again.participants == session.participants == HOSTILE_NAMES
    assert again.focus == session.focus == HOSTILE_FOCUS.strip()
    (export,) = (tmp_path / "out").glob("*.md")
    for md in (export.read_text(encoding="utf-8"), render_markdown(again)):
        assert "\x1b" not in md and "\x07" not in md and "\x00" not in md
        assert_no_raw_controls(md.replace("\n", ""))
        assert "👩‍🏫" in md and "שלום" in md and "مرحبا" in md and "a\u0308\u0308" in md
        assert not re.search(r"(?<!\\)<script>", md)  # every tag start is escaped


async def test_hostile_names_in_turns_people_and_rating_entry(meeting: MakeApp) -> None:
    """Names with escapes and markup: the turn panel, the people list and the rating entry."""
    app = meeting("triangulering", people=HOSTILE_NAMES)
    async with app.run_test(size=SIZE) as pilot:
        assert_no_raw_controls(screen_text(app))  # the appoint step lists the names
        await pilot.press("5")  # Eve\x1b[2J leads the talk
        assert app.session.roles == {"samtalsledare": "Eve\x1b[2J"}
        assert "Eve␛[2J" in text_of(app.screen.query_one("#appoint"))
        await pilot.press("a")
        assert_no_raw_controls(screen_text(app))
        people = app.screen.query_one("#people", OptionList)
        assert people.option_count == len(HOSTILE_NAMES)
        assert "[b]Mallory[/]" in text_of(people)
        await pilot.press("escape", "right", "r")
        assert isinstance(app.screen, RatingEntry)
        assert_no_raw_controls(screen_text(app))
        await pilot.press(*["down"] * 5, "enter", "1", "2", "3")
        assert "[b]Mallory[/]" in text_of(app.screen.query_one("#rate-title"))
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, MeetingScreen)
        assert list(app.session.ratings["[b]Mallory[/]"].values()) == [1, 2, 3]
        while app.session.step.mode is not Mode.ROUND:
            await pilot.press("right")
        for _ in HOSTILE_NAMES:
            assert_no_raw_controls(text_of(app.screen.query_one("#turns")))
            await pilot.press("n")
    again = reload(app)
    assert again.participants == HOSTILE_NAMES
    assert again.ratings == app.session.ratings


# --- very large inputs ---


async def test_a_ten_thousand_character_note(meeting: MakeApp, tmp_path: Path) -> None:
    """The note field takes 10,000 characters whole; stored, shown and exported whole."""
    long = ("Eleverna arbetade i par och läraren gick runt. " * 250)[:10_000].rstrip() + "!"
    app = meeting("observationssamtal")
    async with app.run_test(size=SIZE) as pilot:
        await paste_note(pilot, long)
        field = app.screen.query_one("#note-input", Input)
        assert field.max_length is not None and field.max_length >= 10_000
        assert [n.text for n in app.session.notes.values()] == [long]
        assert "Eleverna arbetade" in text_of(app.screen.query_one("#notes"))
        await pilot.press("e")
    assert [n.text for n in reload(app).notes.values()] == [long]
    (export,) = (tmp_path / "out").glob("*.md")
    assert long[:-1].replace("!", "") in export.read_text(encoding="utf-8").replace("\\!", "!")


async def test_two_hundred_notes_in_one_step_stay_responsive(meeting: MakeApp) -> None:
    """200 notes: the newest and a count on screen; a key press still answers quickly."""
    app = meeting("observationssamtal")
    async with app.run_test(size=SIZE) as pilot:
        for i in range(1, 196):  # the session command each enter runs, without the keys
            app.command(app.session.capture, f"anteckning nummer {i}")
        for i in range(196, 201):
            await paste_note(pilot, f"anteckning nummer {i}")
        assert len(app.session.notes_for()) == 200
        shown = text_of(app.screen.query_one("#notes"))
        assert "anteckning nummer 200" in shown
        assert "anteckning nummer 1\n" not in shown + "\n"
        assert "194" in shown  # "… 194 more" above the six shown
        started = time.perf_counter()
        await pilot.press("n")
        took = time.perf_counter() - started
        assert app.session.speaker == "Bo"
        assert took < 1.0, f"a key press took {took:.2f} s with 200 notes"
    again = reload(app)
    assert [n.text for n in again.notes.values()] == [
        f"anteckning nummer {i}" for i in range(1, 201)
    ]


async def test_forty_participants_in_a_round_and_the_rating_entry(meeting: MakeApp) -> None:
    """40 people: the word goes round all of them; the rating entry lists every one."""
    people = [f"Deltagare {i:02d}" for i in range(1, 41)]
    app = meeting("triangulering", people=people)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "r")
        listed = app.screen.query_one("#people", OptionList)
        assert listed.option_count == 40
        await pilot.press(*["down"] * 39, "enter", "4", "escape", "escape")
        assert app.session.ratings["Deltagare 40"]
        while app.session.step.mode is not Mode.ROUND:
            await pilot.press("right")
        spoke = []
        for _ in range(40):
            spoke.append(app.session.speaker)
            await pilot.press("n")
        assert spoke == people and app.session.speaker is None
        assert_no_raw_controls(text_of(app.screen.query_one("#turns")))
    assert reload(app).participants == people


def big_protocol(path: Path, steps: int = 60, groups: int = 10, per_group: int = 20) -> Path:
    """A generated protocol: ``steps`` top-level steps, ``groups * per_group`` statements."""
    lines = [
        "title: Stort genererat protokoll",
        "language: sv",
        "scale:",
        "  min: 1",
        "  max: 4",
        "groups:",
    ]
    for g in range(1, groups + 1):
        lines += [f"  - id: grupp-{g}", f"    title: Grupp {g} 🙂", "    statements:"]
        lines += [f"      - Påstående {g}.{s} om undervisningen" for s in range(1, per_group + 1)]
    lines += [
        "steps:",
        "  - title: Värdera",
        "    mode: rate",
        "    minutes: 10",
    ]
    modes = ["round", "discussion", "info", "silent"]
    for i in range(2, steps + 1):
        mode = modes[i % len(modes)]
        lines += [f"  - title: Steg {i}", f"    mode: {mode}", "    minutes: 1"]
        if mode == "discussion":
            lines.append("    notes: true")
        if mode == "round" and i % 3 == 0:
            lines.append("    show: ratings")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


async def test_a_protocol_with_sixty_steps_and_two_hundred_statements(
    meeting: MakeApp, cli: Callable[..., object], tmp_path: Path
) -> None:
    """validate passes; the meeting runs; 200 statements in the rating entry; export completes."""
    path = big_protocol(tmp_path / "stort.yaml")
    checked = cli("validate", str(path))
    assert checked.code == 0, checked  # type: ignore[attr-defined]
    app = meeting(str(path))
    assert len(app.session.protocol.steps) == 60
    assert sum(len(g.statement_list()) for g in app.session.protocol.groups) == 200
    async with app.run_test(size=SIZE) as pilot:
        assert app.session.step.mode is Mode.RATE
        await pilot.press("r", "enter")
        statements = app.screen.query_one("#statements", OptionList)
        assert statements.option_count == 210  # 200 statements under 10 group headings
        started = time.perf_counter()
        await pilot.press(*"1234" * 5)
        took = time.perf_counter() - started
        assert took < 10, f"20 ratings took {took:.1f} s"
        await pilot.press("escape", "escape")
        assert len(app.session.ratings["Anna"]) == 20
        for _ in range(8):
            await pilot.press("right")
            if app.session.step.mode is Mode.DISCUSSION:
                await paste_note(pilot, "en anteckning i ett stort protokoll")
        assert app.session.step.top_index == 8
        assert_no_raw_controls(screen_text(app))
        started = time.perf_counter()
        await pilot.press("e")
        took = time.perf_counter() - started
    (export,) = (tmp_path / "out").glob("*.md")
    md = export.read_text(encoding="utf-8")
    assert "Påstående 10.20 om undervisningen" in md and "en anteckning i ett stort" in md
    assert took < 10, f"export took {took:.1f} s"
    assert reload(app).ratings == app.session.ratings


async def test_markup_in_a_protocol_is_shown_as_written(tmp_path: Path) -> None:
    """A title or prompt with [b]…[/] from a shared file is text, not styling."""
    from kollegial.protocols.loader import load_text
    from kollegial.session.clock import FakeClock
    from kollegial.tui.app import make_app
    from tests.tui.conftest import text_of

    protocol = load_text(
        "title: '[b]Fet[/] titel'\nsteps:\n  - {title: '[red]Röd[/]', mode: discussion,"
        " minutes: 5, prompt: 'Läs [link=file:///etc/passwd]detta[/link]'}\n",
        tmp_path / "markup.yaml",
    )
    app = make_app(protocol, ["Anna", "Bo"], clock=FakeClock(), quiet=True)
    async with app.run_test(size=(120, 35)):
        assert "[b]Fet[/] titel" in text_of(app.screen.query_one("#header"))
        assert "[link=file:///etc/passwd]detta[/link]" in text_of(app.screen.query_one("#prompt"))
