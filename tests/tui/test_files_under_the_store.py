"""Files under an open database removed or replaced mid-meeting (issue 16, item 1).

A cleanup script or a sync client in a shared folder deletes ``kollegial.db-wal``
and ``-shm``, or puts another ``kollegial.db`` in place, while the meeting
runs. "Mötet är sparat" must then still be true: the store checkpoints at step
changes and at exit, notices the change, and before the goodbye reads the
session back through a fresh connection; when that fails the whole meeting goes
to a JSON file and the exit is non-zero. All on real SQLite and real files.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from kollegial.errors import KollegialError
from kollegial.export import parse_session_json
from kollegial.store import Store
from kollegial.tui.app import KollegialApp
from tests.tui.conftest import MakeApp, text_of

SIZE = (120, 35)


def notes_on_disk(folder: Path, session_id: int) -> list[str]:
    """The notes a fresh connection finds in the database file (none when it cannot)."""
    store = Store(folder)
    try:
        return [getattr(e, "text", "") for e in store.events(session_id) if e.type == "note_added"]
    finally:
        store.close()


def remove_wal(store: Store) -> None:
    for suffix in ("-wal", "-shm"):
        os.remove(f"{store.path}{suffix}")


async def type_note(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("i", *text, "enter", "escape")


def store_of(app: KollegialApp) -> Store:
    assert app.journal is not None
    return app.journal.store


async def test_wal_removed_mid_meeting_the_notes_still_reach_the_file(
    meeting: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kollegial.views.meeting import _finish

    app = meeting("observationssamtal")
    store = store_of(app)
    async with app.run_test(size=SIZE) as pilot:
        await type_note(pilot, "Före")
        remove_wal(store)
        await type_note(pilot, "Efter")
        await pilot.press("q", "j")
    monkeypatch.chdir(tmp_path)
    _finish(app)  # no rescue needed: the database itself holds everything
    assert app.session_id is not None
    assert notes_on_disk(store.folder, app.session_id) == ["Före", "Efter"]
    assert not list(tmp_path.glob("kollegial-*.json"))


async def test_a_step_change_checkpoints_and_heals_a_removed_wal(meeting: MakeApp) -> None:
    """Before the meeting ends, another process already sees the notes in the file."""
    app = meeting("observationssamtal")
    store = store_of(app)
    async with app.run_test(size=SIZE) as pilot:
        remove_wal(store)
        await type_note(pilot, "Syns utifrån")
        await pilot.press("right")
        assert app.session_id is not None
        assert notes_on_disk(store.folder, app.session_id) == ["Syns utifrån"]
        # ...and the store writes to real files again, not to removed ones.
        await pilot.press("left")
        await type_note(pilot, "Och sedan")
        await pilot.press("right")
        assert notes_on_disk(store.folder, app.session_id) == ["Syns utifrån", "Och sedan"]


async def test_a_replaced_database_is_noticed_and_the_meeting_rescued(
    meeting: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sync client puts another kollegial.db in place: nothing says "sparat"."""
    from kollegial.views.meeting import _finish

    app = meeting("observationssamtal")
    store = store_of(app)
    other = tmp_path / "other.db"
    sqlite3.connect(other).close()  # an empty database, as an older copy could be
    async with app.run_test(size=SIZE) as pilot:
        await type_note(pilot, "Får inte försvinna")
        os.replace(other, store.path)
        await pilot.press("right")  # the step change notices
        warnings = [n.message for n in app._notifications]
        assert any("kollegial.db" in m and "ersatt" in m for m in warnings), warnings
        await pilot.press("q")
        # Nothing was typed since, yet the dialog must not say "Mötet är sparat".
        said = text_of(app.screen.query("Static").last())
        assert "Databasfilen ersattes" in said and "sparat." not in said
        await pilot.press("j")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(KollegialError) as exc:
        _finish(app)
    assert exc.value.key == "err.rescued_lost"
    assert exc.value.exit_code != 0
    (rescue,) = tmp_path.glob("kollegial-observationssamtal-*.json")
    _, events, _ = parse_session_json(rescue.read_text(encoding="utf-8"))
    assert any(getattr(e, "text", None) == "Får inte försvinna" for e in events)


async def test_a_removed_database_is_rescued_at_exit(
    meeting: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kollegial.views.meeting import _finish

    app = meeting("observationssamtal")
    store = store_of(app)
    async with app.run_test(size=SIZE) as pilot:
        await type_note(pilot, "Kvar i minnet")
        for suffix in ("", "-wal", "-shm"):
            os.remove(f"{store.path}{suffix}")
        await pilot.press("q", "j")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(KollegialError) as exc:
        _finish(app)
    assert exc.value.key == "err.rescued_lost"
    (rescue,) = tmp_path.glob("kollegial-observationssamtal-*.json")
    _, events, _ = parse_session_json(rescue.read_text(encoding="utf-8"))
    assert any(getattr(e, "text", None) == "Kvar i minnet" for e in events)
