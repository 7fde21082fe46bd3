"""Ratings from the room: files imported in the TUI, and the same tables whichever way they came."""

from __future__ import annotations

import asyncio
import gc
import re
import shutil
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from kollegial.export import render_markdown
from kollegial.protocols.model import Mode
from kollegial.session.clock import FakeClock
from kollegial.tui.app import ImportResult, KollegialApp
from kollegial.tui.screens.imports import SHOW_AT_MOST, result_text
from kollegial.tui.screens.meeting import MeetingScreen
from tests.conftest import DATA
from tests.tui.conftest import MakeApp, text_of
from tests.tui.test_wall import screen_lines
from tests.unit.test_ratingsfile import reading_children

SIZE = (120, 35)
FILES = DATA / "ratings"
PEOPLE = ["Anna", "Bo", "Cecilia"]


def folder_with(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(FILES / name, folder / name)
    return folder


async def open_folder(pilot: Pilot[None], folder: Path, *then: str) -> None:
    """To the rate step, f, the field cleared, ``folder`` put in as one paste.

    A paste as a terminal sends it, not a key per letter: a key costs the app a
    frame and a temporary folder's path is 60 letters or more. The first test
    below types it letter by letter.
    """
    await pilot.press("right", "f", "ctrl+u")
    pilot.app.post_message(events.Paste(str(folder)))
    await pilot.pause()
    assert pilot.app.screen.query_one("#import-path", Input).value == str(folder)
    await pilot.press(*then)


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
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = text_of(app.screen.query_one("#import-result"))
        assert "✓ anna-triangulering.ratings.yaml: Anna" in shown
        assert "other-protocol.ratings.yaml: filen gäller protokollet observationssamtal" in shown
        await pilot.press("escape")
        assert isinstance(app.screen, MeetingScreen)
        assert app.session.raters() == ["Anna", "Bo"]
        assert "2 av 3 har värderat" in str(app.screen.query_one("#rate-progress").render())


async def test_the_import_dialog_hides_the_meeting_under_it(
    meeting: MakeApp, tmp_path: Path
) -> None:
    """The dialog is opaque: the meeting's timer ticking under it repaints nothing
    on screen, so keys do not wait behind those repaints during a long import."""
    folder = folder_with(tmp_path, "anna-triangulering.ratings.yaml")
    app = meeting("triangulering", PEOPLE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right")
        title = app.session.plan.protocol.title
        assert title in "\n".join(screen_lines(app))
        await open_folder(pilot, folder)
        shown = "\n".join(screen_lines(app))
        assert str(folder) in shown
        assert title not in shown
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "✓ anna-triangulering.ratings.yaml: Anna" in "\n".join(screen_lines(app))
        await pilot.press("escape")
        assert title in "\n".join(screen_lines(app))


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
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.session.raters() == ["Bo"]
        app.watch_ratings()  # the same file again is not imported twice
        await app.workers.wait_for_complete()
        await pilot.pause()
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
        for n in range(7):  # each note pasted whole, as a terminal sends a paste
            await pilot.press("i")
            pilot.app.post_message(events.Paste(f"anteckning {n}"))
            await pilot.press("enter", "escape")
        assert [note.text for note in app.session.notes.values()] == [
            f"anteckning {n}" for n in range(7)
        ]
        await pilot.press("i", *"skrivs nu")
        field = app.screen.query_one("#note-input")
        assert field.region.bottom <= SIZE[1] - 1 and field.region.height > 0
        notes = app.screen.query_one("#notes")
        assert notes.region.bottom <= field.region.y
        assert "anteckning 6" in text_of(notes)


async def key_latency(app: KollegialApp, field: Input) -> float:
    """Seconds from a key sent as a terminal sends it until the screen's loop has handled it.

    Not Pilot.press: Pilot waits until the process is idle, which it never is
    while a worker reads files. (When the paint that follows comes is
    Textual's business: headless, it waits for the next screen update, up to
    ~0.8 s even with no import running, so it says nothing about the import.)
    """
    before = field.value
    key = events.Key("x", "x")
    key.set_sender(app)
    assert app._driver is not None
    start = time.perf_counter()
    app._driver.send_message(key)
    while field.value == before:
        await asyncio.sleep(0.001)
        assert time.perf_counter() - start < 30
    return time.perf_counter() - start


def many_files(folder: Path, count: int) -> Path:
    """``count`` well-formed ratings files, each for someone not in the meeting."""
    folder.mkdir()
    text = (FILES / "anna-triangulering.ratings.yaml").read_text(encoding="utf-8")
    for i in range(count):
        (folder / f"p{i:05}.ratings.yaml").write_text(
            text.replace("name: Anna", f"name: Person {i}"), encoding="utf-8"
        )
    return folder


async def test_keys_keep_working_during_a_10000_file_import(
    meeting: MakeApp, tmp_path: Path, deadline: None
) -> None:
    """Issue 16: 10,000 files froze the screen for minutes. Now they are read in a
    worker thread, with progress on screen, every key is handled within 100 ms,
    and esc stops the import."""
    folder = many_files(tmp_path / "many", 10_000)
    app = meeting("triangulering", PEOPLE)
    async with app.run_test(size=SIZE) as pilot:
        await open_folder(pilot, folder)
        field = app.screen.query_one("#import-path", Input)
        line = app.screen.query_one("#import-progress")
        field.post_message(Input.Submitted(field, field.value))
        await asyncio.sleep(0.05)
        latencies = []
        progress_seen = False
        # Until progress shows too: the child process that reads the files takes a
        # moment to start.
        while (len(latencies) < 20 or not progress_seen) and any(w.is_running for w in app.workers):
            latencies.append(await key_latency(app, field))
            progress_seen = progress_seen or "av 10000 filer" in text_of(line)
            await asyncio.sleep(0.05)
        assert any(w.is_running for w in app.workers), "the import ended before 20 keys"
        # Keys are handled within 100 ms; on a machine shared with other work (the
        # whole suite running, other processes) one in ten may take longer, but
        # none as long as a frozen screen would (the import takes tens of seconds).
        within = sorted(latencies)[len(latencies) * 9 // 10 - 1]
        assert within < 0.1, sorted(latencies)[-5:]
        assert max(latencies) < 0.5, sorted(latencies)[-5:]
        assert progress_seen
        await pilot.press("escape")  # closing the dialog stops the import
        await app.workers.wait_for_complete()
        assert isinstance(app.screen, MeetingScreen)
        assert app.session.raters() == []
    slowest = max(latencies) * 1000
    print(f"\n20 keys during the import: 90 % within {within * 1000:.0f} ms, max {slowest:.0f} ms")


@pytest.mark.slow  # ~7 s: 3,000 files written and read
async def test_a_big_import_is_parsed_in_a_child_process_while_keys_work(
    meeting: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 16: thousands of files parsed in a thread of the meeting's process held the
    interpreter the screen needs for every key. They are parsed in a child process now:
    a key typed while it runs is handled, and the screen's process parses none of them."""
    from kollegial.session import ratingsfile

    folder = many_files(tmp_path / "many", 3000)
    parsed_here: list[Path] = []
    real_parse = ratingsfile.parse

    def parse(text: str, path: Path) -> Any:
        parsed_here.append(path)
        return real_parse(text, path)

    monkeypatch.setattr(ratingsfile, "parse", parse)
    app = meeting("triangulering", PEOPLE)
    async with app.run_test(size=SIZE) as pilot:
        await open_folder(pilot, folder)
        field = app.screen.query_one("#import-path", Input)
        field.post_message(Input.Submitted(field, field.value))
        await pilot.pause()  # the import has started
        assert any(w.is_running for w in app.workers)
        while not reading_children():
            assert any(w.is_running for w in app.workers), "the import ended without one"
            await asyncio.sleep(0.01)
        await key_latency(app, field)  # a key typed during the import is handled
        assert reading_children(), "the import ended before the key"
        assert field.value.endswith("x")
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = text_of(app.screen.query_one("#import-result"))
        assert shown.startswith("0 filer importerade, 3000 gick inte att ta in:")
        assert "p00000.ratings.yaml: Person 0 är inte med i mötet" in shown
    assert parsed_here == []
    assert reading_children() == []


async def test_the_screen_loop_does_only_the_taking_in(
    meeting: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What held keys at the end of a 10,000-file import (measured in a pty, bench
    import-keys: 0.8-1.5 s) is done off the screen's loop or not at all: the batch
    is checked in the worker, no collection walks the files read meanwhile, and
    only the problems shown are rendered."""
    from kollegial.session import ratingsfile
    from kollegial.session.ratingsfile import RatingsFileError

    folder = many_files(tmp_path / "many", 300)
    checked_in: list[str] = []
    real_check = ratingsfile.check_batch

    def check_batch(*args: Any) -> Any:
        checked_in.append(threading.current_thread().name)
        return real_check(*args)

    monkeypatch.setattr(ratingsfile, "check_batch", check_batch)
    rendered = 0
    real_render = RatingsFileError.render

    def render(self: RatingsFileError) -> str:
        nonlocal rendered
        rendered += 1
        return real_render(self)

    monkeypatch.setattr(RatingsFileError, "render", render)
    collecting_while_reading: list[bool] = []
    app = meeting("triangulering", PEOPLE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert gc.isenabled()
        done: list[int] = []
        app.start_import(
            folder,
            progress=lambda read, total: collecting_while_reading.append(gc.isenabled()),
            done=lambda result: done.append(len(result.problems)),
        )
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert done == [300]  # each for someone not in the meeting
        assert checked_in and threading.main_thread().name not in checked_in
        assert collecting_while_reading and not any(collecting_while_reading)
        assert gc.isenabled()
        rendered = 0
        shown = result_text(
            ImportResult(problems=[RatingsFileError(Path("x"), "err.ratings_no_name")] * 300)
        )
        assert rendered == SHOW_AT_MOST
        assert "290" in shown.plain  # "… och 290 till."


async def test_a_batch_that_changes_nothing_leaves_the_meeting_as_drawn(
    meeting: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Redrawing the meeting behind the import dialog repainted the whole screen twice
    at the end of a 10,000-file import of refused files (bench import-keys): now only
    when ratings came in."""
    redrawn: list[str] = []
    real_refresh = MeetingScreen.refresh_view

    def refresh_view(self: MeetingScreen) -> None:
        redrawn.append("meeting")
        real_refresh(self)

    monkeypatch.setattr(MeetingScreen, "refresh_view", refresh_view)
    app = meeting("triangulering", PEOPLE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right")
        redrawn.clear()
        result = app.import_ratings(many_files(tmp_path / "many", 3))
        assert len(result.problems) == 3 and redrawn == []
        app.import_ratings(folder_with(tmp_path, "anna-triangulering.ratings.yaml"))
        assert redrawn  # Anna's ratings came in
        await pilot.pause()
        assert "1 av 3 har värderat" in str(app.screen.query_one("#rate-progress").render())


async def test_a_long_list_of_refused_files_is_counted_not_listed(
    meeting: MakeApp, tmp_path: Path
) -> None:
    folder = many_files(tmp_path / "many", 100)
    app = meeting("triangulering", PEOPLE)
    async with app.run_test(size=SIZE) as pilot:
        await open_folder(pilot, folder, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = text_of(app.screen.query_one("#import-result"))
        assert shown.startswith("0 filer importerade, 100 gick inte att ta in:")
        assert "p00000.ratings.yaml: Person 0 är inte med i mötet" in shown
        assert "… och 90 till." in shown
