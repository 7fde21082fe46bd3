"""Issue 13, the projector theme: the prompt grows in big letters when the step leaves room."""

from __future__ import annotations

from pathlib import Path

import pytest

from kollegial.protocols.loader import load_text
from kollegial.session.clock import FakeClock
from kollegial.tui import font
from kollegial.tui.app import KollegialApp, make_app
from kollegial.tui.widgets.prompt import Prompt
from tests.tui.conftest import MakeApp, text_of
from tests.tui.test_wall import screen_lines, settle
from tests.unit.test_font import read

APPOINT = "Utse en samtalsledare."
BLOCKS = set("▀▄█")


def prompt_of(app: KollegialApp) -> Prompt:
    return app.screen.query_one("#prompt", Prompt)


def big_rows(app: KollegialApp) -> list[str]:
    """The rows of big letters the prompt shows: whole lines of text, up to its last block."""
    rows = [r.rstrip() for r in text_of(prompt_of(app)).split("\n")]
    last = max(i for i, r in enumerate(rows) if set(r) & BLOCKS)
    per_line = font.LINE_PITCH // 2
    return rows[: -(-(last + 1) // per_line) * per_line]


def words(text: str) -> list[str]:
    return text.split()


def one_step(tmp_path: Path, prompt: str, hint: str | None = None) -> KollegialApp:
    """A meeting of one discussion whose prompt is ``prompt``, in the projector theme."""
    quoted = prompt.replace("'", "''")
    extra = f", hint: '{hint}'" if hint else ""
    protocol = load_text(
        "title: Prov\nsteps:\n"
        f"  - {{title: Steg, mode: discussion, minutes: 5, prompt: '{quoted}'{extra}}}\n",
        tmp_path / "prov.yaml",
    )
    return make_app(protocol, ["Anna", "Bo"], clock=FakeClock(), quiet=True, theme="projector")


@pytest.mark.parametrize("size", [(200, 55), (120, 35)], ids=str)
async def test_the_prompt_stands_in_big_letters_on_a_large_projector_screen(
    meeting: MakeApp, size: tuple[int, int]
) -> None:
    """Read back from the pixels: the same words, each whole, as many lines as the width needs."""
    app = meeting("triangulering", theme="projector")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert prompt_of(app).is_big
        shown = text_of(prompt_of(app))
        assert "samtalsledare" not in shown
        lines = [line.pop() for line in read(big_rows(app))]
        assert " ".join(lines) == APPOINT
        assert len(lines) == (1 if size[0] == 200 else 2)


@pytest.mark.parametrize(
    ("size", "theme"),
    [((80, 24), "projector"), ((200, 55), "dark"), ((200, 55), "light"), ((99, 55), "projector")],
    ids=str,
)
async def test_the_prompt_is_plain_text_when_small_or_in_another_theme(
    meeting: MakeApp, size: tuple[int, int], theme: str
) -> None:
    app = meeting("triangulering", theme=theme)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert not prompt_of(app).is_big
        assert text_of(prompt_of(app)).strip() == APPOINT


async def test_a_prompt_too_long_for_the_rows_is_plain_text_whole_and_never_cut(
    meeting: MakeApp,
) -> None:
    """The observation talk's first round: 221 characters would take 45 rows in big letters."""
    app = meeting("observationssamtal", theme="projector")
    async with app.run_test(size=(200, 55)) as pilot:
        await settle(pilot)
        prompt = app.session.step.prompt or ""
        assert not prompt_of(app).is_big
        shown = text_of(prompt_of(app))
        assert words(shown) == words(prompt)
        assert "…" not in shown


async def test_the_prompt_gives_way_to_a_corners_ratings(
    meeting: MakeApp, clock: FakeClock
) -> None:
    """Where the ratings show, they need the rows: the prompt stays plain."""
    from tests.tui.test_wall import TO_CORNER, reach

    app = meeting("triangulering", theme="projector")
    async with app.run_test(size=(200, 55)) as pilot:
        await reach(app, pilot, TO_CORNER, clock)
        assert not prompt_of(app).is_big


async def test_a_character_without_a_big_glyph_leaves_the_whole_prompt_plain(
    tmp_path: Path,
) -> None:
    app = one_step(tmp_path, "Budget: 500 € per lag")
    async with app.run_test(size=(200, 55)) as pilot:
        await settle(pilot)
        assert not prompt_of(app).is_big
        assert text_of(prompt_of(app)).strip() == "Budget: 500 € per lag"


async def test_swedish_punctuation_reads_back_in_big_letters(tmp_path: Path) -> None:
    prompt = "Vad är ”bra”? Fråga (och lyssna) – 100 % eller 3/4; sedan: Åsa, Örjan, Édith!"
    app = one_step(tmp_path, prompt)
    async with app.run_test(size=(200, 55)) as pilot:
        await settle(pilot)
        assert prompt_of(app).is_big
        lines = [line.pop() for line in read(big_rows(app))]
        assert words(" ".join(lines)) == words(prompt)


async def test_the_hint_stays_plain_text_under_the_big_prompt(tmp_path: Path) -> None:
    app = one_step(tmp_path, "Skriv under tystnad.", hint="Det är klart när det blir stilla.")
    async with app.run_test(size=(200, 55)) as pilot:
        await settle(pilot)
        assert prompt_of(app).is_big
        assert [line.pop() for line in read(big_rows(app))] == ["Skriv under tystnad."]
        shown = text_of(prompt_of(app)).rstrip().split("\n")
        assert shown[-1].strip() == "Det är klart när det blir stilla."


async def test_a_word_wider_than_the_screen_leaves_the_prompt_plain(tmp_path: Path) -> None:
    long_word = "Kvalitetsarbetesutvecklingsprocessdokumentationen"
    app = one_step(tmp_path, f"Läs {long_word} noga")
    async with app.run_test(size=(120, 45)) as pilot:
        await settle(pilot)
        assert not prompt_of(app).is_big
        assert long_word in text_of(prompt_of(app))


async def test_the_big_prompt_leaves_the_notes_their_rows(meeting: MakeApp) -> None:
    """With notes on the step the prompt grows only where the notes keep heading and two lines."""
    app = meeting("observationssamtal", theme="projector")
    async with app.run_test(size=(200, 55)) as pilot:
        await pilot.press("right", "i", *"Eleverna frågade mycket", "enter", "escape")
        await settle(pilot)
        main = app.screen.query_one("#main")
        notes = app.screen.query_one("#notes-area")
        assert "Eleverna frågade mycket" in text_of(app.screen.query_one("#notes"))
        prompt = prompt_of(app)
        assert prompt.is_big
        assert prompt.region.bottom <= notes.region.y
        assert main.content_region.bottom - prompt.region.bottom >= 3


async def test_switching_to_the_projector_theme_lets_the_prompt_grow(meeting: MakeApp) -> None:
    app = meeting("triangulering", theme="light")
    async with app.run_test(size=(200, 55)) as pilot:
        await settle(pilot)
        assert not prompt_of(app).is_big
        await pilot.press("t")  # light -> projector
        await settle(pilot)
        assert prompt_of(app).is_big
        await pilot.press("t")  # projector -> dark
        await settle(pilot)
        assert not prompt_of(app).is_big


async def test_the_speakers_name_grows_into_the_free_rows_in_the_projector_theme(
    meeting: MakeApp,
) -> None:
    """At 120×35 the round leaves rows free: the big name takes them, the notes keep theirs."""
    heights = {}
    for theme in ("dark", "projector"):
        app = meeting("observationssamtal", theme=theme)
        async with app.run_test(size=(120, 35)) as pilot:
            await pilot.press("n")
            await settle(pilot)
            turns = app.screen.query_one("#turns")
            heights[theme] = turns.size.height
            assert "TALAR NU" in text_of(turns)
            main = app.screen.query_one("#main")
            assert main.content_region.bottom - turns.region.bottom >= 3
    assert heights["projector"] >= heights["dark"] + 4


async def test_a_small_window_keeps_the_name_and_prompt_small(meeting: MakeApp) -> None:
    app = meeting("observationssamtal", theme="projector")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "n")
        await settle(pilot)
        assert not set(text_of(app.screen.query_one("#turns"))) & BLOCKS
        assert not prompt_of(app).is_big


# Where the prompt and (in the round) the speaker's name grow, and the sizes at
# which the prompt is big: in the round at 120×35 the name takes the rows first.
GROWING = {
    "appoint": ("triangulering", ["2"], {(120, 35), (200, 55)}),
    "round": ("observationssamtal", ["right", "n"], {(200, 55)}),
}


@pytest.mark.parametrize("kind", GROWING, ids=str)
@pytest.mark.parametrize(
    ("start", "end"),
    [((80, 24), (200, 55)), ((200, 55), (80, 24)), ((120, 35), (200, 55)), ((200, 55), (120, 35))],
    ids=str,
)
async def test_a_resize_shows_the_big_prompt_as_a_fresh_start_does(
    meeting: MakeApp, start: tuple[int, int], end: tuple[int, int], kind: str
) -> None:
    protocol, keys, big = GROWING[kind]
    fresh = meeting(protocol, theme="projector")
    async with fresh.run_test(size=end) as pilot:
        await pilot.press(*keys)
        await settle(pilot)
        assert prompt_of(fresh).is_big == (end in big)
        expected = screen_lines(fresh), fresh.export_screenshot()
    resized = meeting(protocol, theme="projector")
    async with resized.run_test(size=start) as pilot:
        await pilot.press(*keys)
        await settle(pilot)
        await pilot.resize_terminal(*end)
        await settle(pilot)
        assert screen_lines(resized) == expected[0]
        assert resized.export_screenshot() == expected[1]
