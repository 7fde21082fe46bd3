"""Ratings from the room: files imported in the TUI, and the same tables whichever way they came."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from kollegial.export import render_markdown
from kollegial.protocols.model import Mode
from kollegial.session.clock import FakeClock
from kollegial.tui.screens.meeting import MeetingScreen
from tests.conftest import DATA
from tests.tui.conftest import MakeApp, text_of

SIZE = (120, 35)
FILES = DATA / "ratings"
PEOPLE = ["Anna", "Bo", "Cecilia"]


def folder_with(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(FILES / name, folder / name)
    return folder


async def test_f_imports_a_folder_and_counts_who_has_rated(
    meeting: MakeApp, tmp_path: Path
) -> None:
    """f, the folder, enter: good files come in, a bad one is named with its reason."""
    folder = folder_with(
        tmp_path,
        "anna-triangulering.ratings.yaml",
        "bo-triangulering.ratings.yaml",
        "other-protocol.ratings.yaml",
    )
    app = meeting("triangulering", PEOPLE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "f", "ctrl+u", *str(folder), "enter")
        shown = text_of(app.screen.query_one("#import-result"))
        assert "✓ anna-triangulering.ratings.yaml: Anna" in shown
        assert "other-protocol.ratings.yaml: filen gäller protokollet observationssamtal" in shown
        await pilot.press("escape")
        assert isinstance(app.screen, MeetingScreen)
        assert app.session.raters() == ["Anna", "Bo"]
        assert "2 av 3 har värderat" in str(app.screen.query_one("#rate-progress").render())


async def test_importing_the_same_person_again_asks_first(meeting: MakeApp, tmp_path: Path) -> None:
    """A second file for Anna: asked before replacing; n keeps, j replaces."""
    folder = folder_with(tmp_path, "anna-triangulering.ratings.yaml")
    app = meeting("triangulering", PEOPLE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right")
        app.session.set_rating("Anna", "kvalitetsarbete-1", 4)
        app.import_ratings(folder)
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmReplace"
        await pilot.press("n")
        assert app.session.ratings["Anna"] == {"kvalitetsarbete-1": 4}
        app.import_ratings(folder)
        await pilot.pause()
        await pilot.press("j")
        assert len(app.session.ratings["Anna"]) == 18


async def test_a_watched_folder_takes_new_files_during_the_rating_step(
    meeting: MakeApp, tmp_path: Path
) -> None:
    """--ratings FOLDER: a file that appears there during the rate step is imported."""
    folder = folder_with(tmp_path)
    app = meeting("triangulering", PEOPLE, ratings_dir=folder)
    async with app.run_test(size=SIZE) as pilot:
        app.watch_ratings()
        await pilot.press("right")
        assert app.session.step.mode is Mode.RATE
        shutil.copy(FILES / "bo-triangulering.ratings.yaml", folder)
        app.watch_ratings()
        await pilot.pause()
        assert app.session.raters() == ["Bo"]
        app.watch_ratings()  # the same file again is not imported twice
        assert type(app.screen).__name__ == "MeetingScreen"


async def test_no_values_are_shown_during_the_rating_step(meeting: MakeApp, tmp_path: Path) -> None:
    """While rating, the screen shows who has rated, never a value."""
    folder = folder_with(
        tmp_path, "anna-triangulering.ratings.yaml", "bo-triangulering.ratings.yaml"
    )
    app = meeting("triangulering", PEOPLE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right")
        app.import_ratings(folder)
        await pilot.pause()
        assert not [bars for bars in app.screen.query("#ratings") if bars.display]
        body = "\n".join(text_of(w) for w in app.screen.query("Static") if w.display)
        assert not re.search(r"\b[1-4],[0-9]\b", body)  # no means
        assert "2 av 3 har värderat" in body


def tables(markdown: str) -> list[str]:
    """The rating tables of an export: every table row."""
    return [line for line in markdown.splitlines() if line.startswith("|")]


async def test_the_tables_are_the_same_whichever_way_ratings_came(
    meeting: MakeApp, clock: FakeClock, tmp_path: Path
) -> None:
    """Files from own laptops, or values typed in at the leader's laptop: identical tables."""
    folder = folder_with(
        tmp_path, "anna-triangulering.ratings.yaml", "bo-triangulering.ratings.yaml"
    )
    by_file = meeting("triangulering", PEOPLE)
    async with by_file.run_test(size=SIZE) as pilot:
        await pilot.press("right")
        by_file.import_ratings(folder)
    typed = meeting("triangulering", PEOPLE)
    async with typed.run_test(size=SIZE) as pilot:
        await pilot.press("right")
        for i, person in enumerate(["Anna", "Bo"]):
            values = by_file.session.ratings[person]
            ids = typed.session.rated_statements()
            await pilot.press("r", *["down"] * i, "enter", *[str(values[s]) for s in ids], "enter")
    assert by_file.session.ratings == typed.session.ratings
    assert tables(render_markdown(by_file.session)) == tables(render_markdown(typed.session))
    assert len(tables(render_markdown(typed.session))) > 18


async def test_anonymous_ratings_are_kept_without_names(meeting: MakeApp, tmp_path: Path) -> None:
    """--anonymous: entries and imports are kept as #1, #2; no export names a rater."""
    from kollegial.export import render_csv, render_json

    folder = folder_with(tmp_path, "anna-triangulering.ratings.yaml")
    app = meeting("triangulering", PEOPLE, anonymous=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "r")
        assert "Anonymt" in text_of(app.screen.query_one("#rate-help"))
        await pilot.press("enter", *"432143214321432143", "enter")
        app.import_ratings(folder)
        app.import_ratings(folder)  # the same person again is not counted twice
        await pilot.pause()
        assert sorted(app.session.ratings) == ["#1", "#2"]
        assert "2 av 3 har värderat" in str(app.screen.query_one("#rate-progress").render())
    csv_rows = render_csv(app.session).splitlines()[1:]
    assert csv_rows and all(",Anna," not in row and ",Bo," not in row for row in csv_rows)
    events = render_json(app.session)
    assert '"participant": "Anna"' not in events and '"participant": "#1"' in events


async def test_the_note_field_stays_in_view_under_the_rating_bars(
    meeting: MakeApp, tmp_path: Path
) -> None:
    """In a round step with rating bars, the field and the newest note remain on screen."""
    folder = folder_with(
        tmp_path, "anna-triangulering.ratings.yaml", "bo-triangulering.ratings.yaml"
    )
    app = meeting("triangulering", PEOPLE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right")
        app.import_ratings(folder)
        await pilot.press("right", "right")
        for n in range(7):
            await pilot.press("i", *f"anteckning {n}", "enter", "escape")
        await pilot.press("i", *"skrivs nu")
        field = app.screen.query_one("#note-input")
        assert field.region.bottom <= SIZE[1] - 1 and field.region.height > 0
        notes = app.screen.query_one("#notes")
        assert notes.region.bottom <= field.region.y
        assert "anteckning 6" in text_of(notes)
