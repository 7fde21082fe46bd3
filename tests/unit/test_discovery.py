"""The search order: a path, KOLLEGIAL_PATH, the user's folder, the bundled library."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kollegial.errors import ProtocolInvalidError, ProtocolNotFoundError, UsageError
from kollegial.protocols.discovery import Origin, discover, resolve, search_dirs

MINIMAL = "title: {title}\nsteps:\n  - {{title: Prata, mode: discussion, minutes: 5}}\n"


def write(folder: Path, name: str, title: str, extra: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(extra + MINIMAL.format(title=title), encoding="utf-8")
    return path


def test_bundled_protocols_are_found_by_id() -> None:
    """With nothing else configured, the bundled library answers."""
    assert resolve("triangulering").title == "Lärande samtal kring trianguleringen"


def test_search_order(isolated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """KOLLEGIAL_PATH folders come first, in order, then the user's folder, then bundled."""
    a, b = tmp_path / "a", tmp_path / "b"
    monkeypatch.setenv("KOLLEGIAL_PATH", f"{a}{os.pathsep}{b}")
    assert [o for o, _ in search_dirs()] == [Origin.PATH, Origin.PATH, Origin.USER, Origin.BUNDLED]
    assert search_dirs()[2][1] == isolated / "protocols"


def test_user_folder_overrides_bundled(isolated: Path) -> None:
    """A file in the user's folder with a bundled id wins, and list marks the override."""
    write(isolated / "protocols", "triangulering.yaml", "Vår egen triangulering")
    assert resolve("triangulering").title == "Vår egen triangulering"
    found = {(f.origin, f.id): f for f in discover()}
    assert found[(Origin.USER, "triangulering")].overrides_bundled
    assert found[(Origin.BUNDLED, "triangulering")].shadowed_by is not None


def test_kollegial_path_beats_user_folder(
    isolated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An id in a KOLLEGIAL_PATH folder hides the same id in the user's folder."""
    write(isolated / "protocols", "mote.yaml", "Från användaren")
    write(tmp_path / "team", "mote.yaml", "Från teamet")
    monkeypatch.setenv("KOLLEGIAL_PATH", str(tmp_path / "team"))
    assert resolve("mote").title == "Från teamet"


def test_explicit_id_inside_the_file_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`id:` in the file, not only the file name, answers to `kollegial run ID`."""
    write(tmp_path / "team", "vart-mote.yaml", "Med eget id", extra="id: fredagsmote\n")
    monkeypatch.setenv("KOLLEGIAL_PATH", str(tmp_path / "team"))
    assert resolve("fredagsmote").title == "Med eget id"


def test_a_path_is_loaded_directly(tmp_path: Path) -> None:
    """A reference that looks like a path is read from that path."""
    path = write(tmp_path, "x.yaml", "Direkt")
    assert resolve(str(path)).title == "Direkt"


def test_unknown_id_is_reported() -> None:
    """An id found nowhere raises a not-found error naming it."""
    with pytest.raises(ProtocolNotFoundError) as exc:
        resolve("finns-inte")
    assert "finns-inte" in exc.value.render()


@pytest.mark.parametrize("ref", ["..", "Tänk tyst", "a b", ".hidden"])
def test_a_malformed_id_reads_no_file(ref: str) -> None:
    """A reference that is neither a path nor a well-formed id is refused before any read."""
    with pytest.raises(UsageError):
        resolve(ref)


def test_a_broken_file_named_by_id_reports_its_problems(isolated: Path) -> None:
    """When the file named after the id is invalid, its problems are shown, not 'not found'."""
    (isolated / "protocols").mkdir(parents=True)
    (isolated / "protocols" / "trasig.yaml").write_text("title: X\n", encoding="utf-8")
    with pytest.raises(ProtocolInvalidError):
        resolve("trasig")
