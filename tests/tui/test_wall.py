"""The wall (issue 13): what the room sees reads at any size and never leaks a rating."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.geometry import Region
from textual.pilot import Pilot

from kollegial.session.clock import FakeClock
from kollegial.tui.app import KollegialApp
from kollegial.tui.screens.meeting import MeetingScreen
from tests.tui.conftest import SHEETS, MakeApp, rate_sheets, sheet_ratings, shown_text, text_of

SIZES = [(80, 24), (120, 35), (200, 55)]
FOUR = ["Anna", "Bo", "Cecilia", "David"]

# Two sheets entered, then on to the first corner's round, one turn given.
TO_CORNER = [
    "1",
    "right",
    "r",
    "enter",
    *SHEETS["Anna"],
    "enter",
    "r",
    "down",
    "enter",
    *SHEETS["Bo"],
    "enter",
    "right",
    "2",
    "right",
]
# The same corner with the sheets put in through the engine (rate_sheets): what
# TO_CORNER types costs a frame a key, and the resize test checks that both give
# the same ratings.
TO_CORNER_RATED = ["1", "right", "right", "2", "right"]


def screen_lines(app: KollegialApp) -> list[str]:
    """Every row of the screen as plain text, as the room sees it."""
    import io

    from rich.console import Console

    console = Console(width=app.size.width, height=app.size.height, file=io.StringIO(), record=True)
    # As export_screenshot draws it: a dialog over the screens below it.
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return [line.rstrip() for line in console.export_text().splitlines()]


async def settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.pause()


async def reach(app: KollegialApp, pilot: Pilot[None], keys: list[str], clock: FakeClock) -> None:
    await pilot.press(*keys)
    clock.advance(30)
    assert isinstance(app.screen, MeetingScreen)
    app.screen.tick()
    await settle(pilot)


async def reach_corner(app: KollegialApp, pilot: Pilot[None], clock: FakeClock, *then: str) -> None:
    """The first corner's round as TO_CORNER reaches it, the sheets put in by the engine."""
    rate_sheets(app)
    await reach(app, pilot, [*TO_CORNER_RATED, *then], clock)


# (start, end): resized from start to end, the screen is what a start at end shows.
RESIZES = [(SIZES[0], SIZES[2]), (SIZES[2], SIZES[0]), (SIZES[1], SIZES[0]), (SIZES[0], SIZES[1])]


async def test_a_resize_shows_what_a_fresh_start_at_that_size_shows(
    meeting: MakeApp, clock: FakeClock
) -> None:
    """A corner's round with ratings: resized from ``start`` to ``end`` == started at ``end``.

    One app per resize, started at its ``start`` size, led to the corner there and
    resized once. Before it is resized its screen is the fresh start at that size the
    others compare with: four walks, not two per resize. The first app types the two
    sheets; the others have them put in by the engine (rate_sheets), so the screens
    compared come from both ways (80×24 typed against 200×55 and 120×35 not).
    """
    fresh: dict[tuple[int, int], tuple[list[str], str]] = {}
    resized: dict[tuple[tuple[int, int], tuple[int, int]], tuple[list[str], str]] = {}
    for k, (start, end) in enumerate(RESIZES):
        app = meeting("triangulering")
        async with app.run_test(size=start) as pilot:
            if k == 0:
                await reach(app, pilot, TO_CORNER, clock)
                # What the engine shortcut of the other tests gives is what the keys give.
                assert app.session.ratings == sheet_ratings(app)
            else:
                await reach_corner(app, pilot, clock)
            fresh.setdefault(start, (screen_lines(app), app.export_screenshot()))
            await pilot.resize_terminal(*end)
            await settle(pilot)
            resized[start, end] = screen_lines(app), app.export_screenshot()
        clock.advance(-30)
    for start, end in RESIZES:
        assert resized[start, end][0] == fresh[end][0], (start, end)
        assert resized[start, end][1] == fresh[end][1], (start, end)


def _words(text: str) -> str:
    return " ".join(text.replace("│", " ").split())


def _in_order(words: list[str], shown: list[str]) -> bool:
    """Every word, whole, in this order (a wrapped row has the figures after its first line)."""
    it = iter(shown)
    return all(any(w == s for s in it) for w in words)


@pytest.mark.parametrize("size", [(120, 35), (100, 30), (200, 55)], ids=str)
async def test_every_statement_of_the_corner_is_read_in_full_paging_the_table(
    meeting: MakeApp, clock: FakeClock, size: tuple[int, int]
) -> None:
    """No statement is cut with an ellipsis: each wraps, and the leader pages what does not fit."""
    app = meeting("triangulering")
    async with app.run_test(size=size) as pilot:
        await reach_corner(app, pilot, clock)
        group = app.session.step.group
        assert group is not None
        seen = ""
        for _ in range(len(group.statement_list())):
            shown = shown_text(app.screen, "ratings")
            assert "…" not in shown
            seen += " " + shown
            footer = shown_text(app.screen, "footer")
            if "b bläddra" not in footer:
                break
            await pilot.press("b")
            await settle(pilot)
        for statement in group.statement_list():
            assert _in_order(_words(statement.text).split(), _words(seen).split())
        # The footer is never cut: the help key, always last, is on screen whole.
        assert shown_text(app.screen, "footer").rstrip().endswith("tangenter")


async def test_the_small_summary_names_the_widest_spread_statement_in_words(
    meeting: MakeApp, clock: FakeClock
) -> None:
    """At 80×24: the statement in words, never ``4 Skolanalyser…`` that reads as a quantity."""
    app = meeting("triangulering")
    async with app.run_test(size=(80, 24)) as pilot:
        await reach_corner(app, pilot, clock)
        shown = _words(shown_text(app.screen, "ratings"))
        assert "…" not in shown
        widest = app.session.rating_stats(["kvalitetsarbete"])[0].by_spread()[0]
        assert f"”{_words(widest.statement.text)}”" in shown
        assert f"{widest.number} {widest.statement.text[:10]}" not in shown


async def test_a_corner_shrunk_to_80_columns_shows_what_a_fresh_start_shows(
    meeting: MakeApp, clock: FakeClock
) -> None:
    """Found: after 120×35 → 80×24 the footer still offered b for pages the summary lacks,
    and our hint under the prompt pushed the widest-spread statement off the screen."""
    app = meeting("triangulering")
    async with app.run_test(size=(120, 35)) as pilot:
        await reach_corner(app, pilot, clock)
        assert "b bläddra" in shown_text(app.screen, "footer")
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert "bläddra" not in shown_text(app.screen, "footer")
        assert app.session.step.step.hint
        assert "5 minuter laget runt" not in shown_text(app.screen, "prompt")
        bars = app.screen.query_one("#ratings")
        footer = app.screen.query_one("#footer")
        assert "Störst spridning" in shown_text(app.screen, "ratings")
        # Drawn whole, above the footer: not a line of it falls off the screen.
        assert bars.region.bottom <= footer.region.y
        assert bars.region.height >= len(bars.render_lines(bars.region.reset_offset))


async def test_a_corners_ratings_stay_on_screen_through_its_discussion(
    meeting: MakeApp, clock: FakeClock
) -> None:
    """Found: the table showed in "Laget runt" and was gone in "Diskutera det ni fått syn på"."""
    app = meeting("triangulering")
    async with app.run_test(size=(120, 35)) as pilot:
        await reach_corner(app, pilot, clock, "right")
        assert app.session.step.title == "Diskutera det ni fått syn på"
        shown = shown_text(app.screen, "ratings")
        assert "Gruppens medel" in shown and "Vi ser kvalitetsarbetet" in shown
        # The next corner shows its own statements, not the first corner's.
        await pilot.press("right")
        await settle(pilot)
        assert app.session.step.group is not None
        assert app.session.step.group.id == "kollegialt-larande"
        assert "Organisering för kontinuerligt" in shown_text(app.screen, "ratings")


TO_RATE = ["1", "right"]


def _sheet(app: KollegialApp) -> str:
    """The whole projected screen while a sheet is being entered."""
    return "\n".join(screen_lines(app))


async def _enter(app: KollegialApp, pilot: Pilot[None], person: int, digits: str) -> None:
    await pilot.press("r", *["down"] * person, "enter", *digits)
    await settle(pilot)


async def test_entering_a_sheet_shows_which_statements_are_filled_never_the_values(
    meeting: MakeApp, clock: FakeClock
) -> None:
    """Found: ``[3] 1. Vi ser …`` on the projector while the room still rated in silence."""
    screens = []
    for digits in ("1234", "4321"):
        app = meeting("triangulering")
        async with app.run_test(size=(120, 35)) as pilot:
            await reach(app, pilot, TO_RATE, clock)
            await _enter(app, pilot, 1, digits)
            assert app.session.ratings["Bo"]["kvalitetsarbete-1"] == int(digits[0])
            screens.append(_sheet(app))
            assert "●" in screens[-1] and "○" in screens[-1]
            assert "[" not in screens[-1]
        clock.advance(-30)
    # Whatever was typed, the room sees the same screen.
    assert screens[0] == screens[1]


async def test_showing_the_typed_values_takes_an_explicit_key_and_a_warning(
    meeting: MakeApp, clock: FakeClock
) -> None:
    """v warns that the values will be shown; v again shows them; v once more hides them."""
    app = meeting("triangulering")
    async with app.run_test(size=(120, 35)) as pilot:
        await reach(app, pilot, TO_RATE, clock)
        await _enter(app, pilot, 0, "3")
        await pilot.press("v")
        await settle(pilot)
        assert "syns för alla" in _sheet(app)
        assert "[3]" not in _sheet(app)
        await pilot.press("v")
        await settle(pilot)
        assert "[3] 1. Vi ser" in _sheet(app)
        await pilot.press("v")
        await settle(pilot)
        assert "[3]" not in _sheet(app)


async def test_reopening_a_sheet_starts_at_the_first_empty_statement(
    meeting: MakeApp, clock: FakeClock
) -> None:
    """Found: re-opened, the cursor was on statement 1 and the next digits overwrote 1–8."""
    app = meeting("triangulering")
    async with app.run_test(size=(120, 35)) as pilot:
        await reach(app, pilot, TO_RATE, clock)
        await _enter(app, pilot, 2, "1234123412")
        await pilot.press("enter")
        await _enter(app, pilot, 2, "44444444")
        values = app.session.ratings["Cecilia"]
        wanted = app.session.rated_statements()
        assert [values[s] for s in wanted] == [int(d) for d in "123412341244444444"]


async def test_u_undoes_the_last_value(meeting: MakeApp, clock: FakeClock) -> None:
    """u takes back the last value typed (a slip of the finger) and puts the cursor there."""
    app = meeting("triangulering")
    async with app.run_test(size=(120, 35)) as pilot:
        await reach(app, pilot, TO_RATE, clock)
        await _enter(app, pilot, 0, "12")
        await pilot.press("u")
        await settle(pilot)
        assert app.session.ratings["Anna"] == {"kvalitetsarbete-1": 1}
        await pilot.press("3")
        await settle(pilot)
        assert app.session.ratings["Anna"]["kvalitetsarbete-2"] == 3


async def test_the_speaker_is_never_listed_as_next(meeting: MakeApp, clock: FakeClock) -> None:
    """Found: ``TALAR NU David  Nästa: Bo · Cecilia · David · Anna`` at the end of a lap."""
    app = meeting("observationssamtal", people=FOUR)
    async with app.run_test(size=(120, 35)) as pilot:
        for _ in range(3):
            await pilot.press("n")
        await settle(pilot)
        assert app.session.speaker == "David"
        turns = shown_text(app.screen, "turns")
        assert "TALAR NU" in turns
        nxt = turns.split("Nästa:")[1].splitlines()[0]
        assert "David" not in nxt and "Anna" in nxt


@pytest.mark.parametrize(
    ("protocol", "keys", "expected"),
    [
        ("observationssamtal", "nnnnpppp", "Alla stod över"),
        ("triangulering", "nnnn", "Alla har haft ordet"),
        ("triangulering", "npnn", "Alla har haft sin tur, 1 stod över"),
        ("triangulering", "pppp", "Alla stod över"),
    ],
    ids=str,
)
async def test_the_end_of_a_round_says_what_happened(
    meeting: MakeApp, clock: FakeClock, protocol: str, keys: str, expected: str
) -> None:
    """Found: when all passed it still said "Alla har haft ordet"."""
    app = meeting(protocol, people=FOUR)
    to_round = ["1", "right", "right", "2", "right"] if protocol == "triangulering" else []
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press(*to_round, *keys)
        await settle(pilot)
        assert app.session.round is not None and app.session.round.done
        turns = shown_text(app.screen, "turns")
        assert expected in turns
        others = {"Alla stod över", "Alla har haft ordet", "Alla har haft sin tur"} - {expected}
        assert not any(o in turns for o in others if o not in expected)


async def test_means_round_half_up_with_a_decimal_comma(meeting: MakeApp, clock: FakeClock) -> None:
    """Found: 2,25 showed as "2,2" and 3,25 as "3,2"; checking by hand one writes 2,3 and 3,3."""
    app = meeting("triangulering", people=FOUR)
    async with app.run_test(size=(200, 55)) as pilot:
        session = app.session
        values = {"Anna": [2, 3], "Bo": [2, 3], "Cecilia": [2, 3], "David": [3, 4]}
        for person, (first, second) in values.items():
            session.set_rating(person, "kvalitetsarbete-1", first)
            session.set_rating(person, "kvalitetsarbete-2", second)
        await reach(app, pilot, ["1", "right", "right", "2", "right"], clock)
        lines = shown_text(app.screen, "ratings").splitlines()
        first = next(line.split() for line in lines if " 1 Vi ser" in line)
        second = next(line.split() for line in lines if " 2 Vårt" in line)
        assert first[-2] == "2,3" and second[-2] == "3,3"
        # The group mean: (2,25 + 3,25) / 2 = 2,75.
        assert "Gruppens medel: 2,8" in shown_text(app.screen, "ratings")


async def test_the_focus_stands_under_the_title_on_every_step_and_k_edits_it(
    meeting: MakeApp, clock: FakeClock
) -> None:
    """Found: ``--focus`` was never on screen, though step 1 says "Utgå från definierat fokus"."""
    app = meeting("observationssamtal", focus="Elevernas samtal i par")
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(len(app.session.plan.steps)):
            await settle(pilot)
            assert "Fokus: Elevernas samtal i par" in shown_text(app.screen, "focus")
            await pilot.press("right")
        await pilot.press("left")
        await pilot.press("k", "ctrl+u", *"Läsförståelse", "enter")
        await settle(pilot)
        assert "Fokus: Läsförståelse" in shown_text(app.screen, "focus")
    # Saved as it happened: the stored meeting has the new focus.
    assert app.journal is not None
    stored = app.journal.store.load(app.journal.session_id, clock)
    assert stored.focus == "Läsförståelse"


async def test_a_demo_brings_example_ratings_and_keeps_out_of_the_way(
    meeting: MakeApp, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found: ``--demo`` corners said "Inga värderingar inmatade", and resume picked the demo."""
    import os
    from pathlib import Path

    from kollegial.store import Store, StoreError
    from kollegial.views.sessions import print_sessions

    first = meeting("triangulering", people=FOUR, demo=True)
    with pytest.raises(StoreError) as only_demos:
        Store(Path(os.environ["KOLLEGIAL_HOME"])).resolve_id(None)
    assert f"med sitt nummer: till exempel {first.session_id}" in only_demos.value.render()
    real = meeting("triangulering")
    demo = meeting("triangulering", people=FOUR, demo=True)
    async with demo.run_test(size=(120, 35)) as pilot:
        await reach(demo, pilot, ["1", "right", "right", "2", "right"], clock)
        shown = shown_text(demo.screen, "ratings")
        assert "Inga värderingar" not in shown and "Gruppens medel" in shown
    store = Store(Path(os.environ["KOLLEGIAL_HOME"]))
    # Neither resume nor export picks the demo when no id is given, though it is newer.
    assert real.session_id is not None and demo.session_id is not None
    assert demo.session_id > real.session_id
    assert store.resolve_id(None) == real.session_id
    assert store.resolve_id(str(demo.session_id)) == demo.session_id
    print_sessions(store)
    lines = capsys.readouterr().out.splitlines()
    demo_line = next(line for line in lines if line.split()[:1] == [str(demo.session_id)])
    real_line = next(line for line in lines if line.split()[:1] == [str(real.session_id)])
    assert "demo" in demo_line and "demo" not in real_line


async def test_the_outline_shows_the_minutes_as_adjusted(
    meeting: MakeApp, clock: FakeClock
) -> None:
    """Found: the outline kept the planned "10" after + and -."""
    app = meeting("triangulering")
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("1", "right", "+", "+", "+", "-")
        await settle(pilot)
        outline = shown_text(app.screen, "outline")
        assert "Värdera under tystnad  12" in outline


async def test_the_footer_says_letters_are_text_while_writing(
    meeting: MakeApp, clock: FakeClock
) -> None:
    """Found: the footer did not change while the note field had focus."""
    app = meeting("observationssamtal")
    async with app.run_test(size=(120, 35)) as pilot:
        before = shown_text(app.screen, "footer")
        await pilot.press("i")
        await settle(pilot)
        writing = shown_text(app.screen, "footer")
        assert writing != before and "enter sparar" in writing and "esc" in writing
        await pilot.press("escape")
        await settle(pilot)
        assert shown_text(app.screen, "footer") == before


async def test_after_the_last_step_quitting_offers_no_continue_later(
    meeting: MakeApp, clock: FakeClock
) -> None:
    """Found: the quit dialog after the last step still said "Fortsätt senare med …"."""
    app = meeting("observationssamtal")
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("q")
        await settle(pilot)
        assert "Fortsätt senare" in "\n".join(screen_lines(app))
        await pilot.press("n")
        await pilot.press(*["right"] * len(app.session.plan.steps))
        await settle(pilot)
        assert app.session.ended
        await pilot.press("q")
        await settle(pilot)
        shown = "\n".join(screen_lines(app))
        assert "Fortsätt senare" not in shown and "avslutat" in shown


async def test_e_twice_updates_the_meetings_own_export_in_place(
    meeting: MakeApp, clock: FakeClock, tmp_path: object
) -> None:
    """Found: ``e`` twice wrote ``…-2.md``, ``…-3.md``; another's file stays untouched."""
    from pathlib import Path

    out = Path(str(tmp_path)) / "out"
    out.mkdir(exist_ok=True)
    app = meeting("observationssamtal")
    stem = f"{app.session.clock.now().astimezone():%Y-%m-%d}-observationssamtal"
    someone_elses = out / f"{stem}.md"
    someone_elses.write_text("Någon annans anteckningar\n", encoding="utf-8")
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("i", *"Ny anteckning", "enter", "escape", "e")
        await settle(pilot)
    assert someone_elses.read_text(encoding="utf-8") == "Någon annans anteckningar\n"
    written = sorted(p.name for p in out.iterdir())
    assert written == [f"{stem}-2.md", f"{stem}.md"]
    assert "Ny anteckning" in (out / f"{stem}-2.md").read_text(encoding="utf-8")


async def test_messages_do_not_cover_the_notes_or_the_count_of_sheets(
    meeting: MakeApp, clock: FakeClock
) -> None:
    """Found: toasts covered the notes and "4 av 4 har värderat"; then, at the top,
    the timer's top rows. A message covers only the footer (the leader's keys)."""
    from textual.widgets._toast import Toast

    app = meeting("triangulering")
    async with app.run_test(size=(120, 35), notifications=True) as pilot:
        await reach(app, pilot, TO_RATE, clock)
        app.notify("Importerade Anna.txt", timeout=30)
        await settle(pilot)
        progress = app.screen.query_one("#rate-progress").region
        toasts = [toast.region for toast in app.screen.query(Toast)]
        assert toasts and not any(r.overlaps(progress) for r in toasts)
        for name in ("header", "step-title", "timer", "timer-state", "prompt"):
            region = app.screen.query_one(f"#{name}").region
            assert not any(r.overlaps(region) for r in toasts), name
        footer = app.screen.query_one("#footer").region
        assert [(r.y, r.height) for r in toasts] == [(footer.y, 1)]
        await pilot.press("right", "2", "right", "right", "i", *"En anteckning", "enter")
        await pilot.press("escape")
        app.notify("Sparade en fil", timeout=30)
        await settle(pilot)
        notes = app.screen.query_one("#notes").region
        assert notes.height > 0
        toasts = [toast.region for toast in app.screen.query(Toast)]
        # Two at once: the older one above the footer, at the right end of the
        # notes' last row, where the note's text does not reach.
        assert len(toasts) == 2 and all(r.x >= footer.width // 2 for r in toasts)
        written = max(
            cell_len(line) for line in text_of(app.screen.query_one("#notes")).split("\n")
        )
        assert not any(r.overlaps(Region(notes.x, notes.y, written, notes.height)) for r in toasts)
        for name in ("timer", "timer-state", "prompt"):
            region = app.screen.query_one(f"#{name}").region
            assert not any(r.overlaps(region) for r in toasts), name


@pytest.mark.parametrize("width", [100, 105, 110], ids=str)
async def test_the_outline_gives_way_where_it_would_squeeze_the_timer(
    meeting: MakeApp, clock: FakeClock, width: int
) -> None:
    """Between the narrow layout and 115 columns the outline took the width the timer needs."""
    app = meeting("observationssamtal", theme="projector")
    async with app.run_test(size=(width, 35)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#outline").region.width == 0
        timer = app.screen.query_one("#timer")
        async with meeting("observationssamtal", theme="projector").run_test(size=(120, 35)) as p2:
            await settle(p2)
            wide = p2.app.screen.query_one("#timer")
            # The digits are as tall as at 120 columns, where the outline does fit.
            assert sum(
                1 for y in range(timer.size.height) if timer.render_line(y).text.strip()
            ) == sum(1 for y in range(wide.size.height) if wide.render_line(y).text.strip())
            assert p2.app.screen.query_one("#outline").region.width > 0


async def test_the_speakers_name_grows_when_there_is_room(
    meeting: MakeApp, clock: FakeClock
) -> None:
    """At 200×55 the name of who speaks stands in big capitals too; at 120×35 it does not."""
    heights = {}
    for size in [(120, 35), (200, 55)]:
        app = meeting("observationssamtal")
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            heights[size] = app.screen.query_one("#turns").size.height
            assert "TALAR NU" in shown_text(app.screen, "turns")
    assert heights[(200, 55)] >= heights[(120, 35)] + 4


async def test_no_statement_on_the_sheet_loses_its_last_line(
    meeting: MakeApp, clock: FakeClock
) -> None:
    """Seen in the snapshot: with ●/○ row 5 was measured before the scrollbar came, and cut."""
    app = meeting("triangulering")
    async with app.run_test(size=(120, 35)) as pilot:
        await reach(app, pilot, TO_RATE, clock)
        await _enter(app, pilot, 1, "41")
        group = app.session.protocol.groups[0]
        shown = _words(_sheet(app).replace("▊", " ").replace("▎", " ").replace("█", " "))
        for statement in group.statement_list():
            assert _in_order(_words(statement.text).split(), shown.split())
