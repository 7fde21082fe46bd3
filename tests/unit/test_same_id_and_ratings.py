"""Issue 16, item 10: list and show agree on which file wins; ratings files that look
valid but are not (duplicate keys, empty values, ``version: true``) are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from kollegial.protocols.discovery import discover, resolve
from kollegial.session import FakeClock, Session
from kollegial.session import ratingsfile as rf
from tests.conftest import DATA, Result

GOOD = (DATA / "ratings" / "anna-triangulering.ratings.yaml").read_text(encoding="utf-8")


def protocol_text(title: str) -> str:
    return f"id: samma\ntitle: {title}\nsteps: [{{title: A, mode: info, minutes: 5}}]\n"


@pytest.mark.parametrize(
    "names",
    [("a-forst.yaml", "samma.yaml"), ("samma.yaml", "z-sist.yaml"), ("b.yaml", "c.yaml")],
)
def test_list_and_show_agree_on_the_winner(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: object, names: tuple[str, str]
) -> None:
    """Two files with one id in a folder: the same one is listed and shown."""
    folder = tmp_path / "delat"
    folder.mkdir()
    for name in names:
        (folder / name).write_text(protocol_text(f"Titel ur {name}"), encoding="utf-8")
    monkeypatch.setenv("KOLLEGIAL_PATH", str(folder))
    winners = [f for f in discover() if f.id == "samma" and f.shadowed_by is None]
    assert len(winners) == 1
    shown = resolve("samma")
    assert shown.title == f"Titel ur {winners[0].path.name}"
    listed: Result = cli("list")  # type: ignore[operator]
    rows = [line for line in listed.out.splitlines() if line.startswith("samma ")]
    (winner_row,) = [line for line in rows if "dold av" not in line]
    assert shown.title in winner_row
    # The file named after the id is the one meant, when there is one.
    if "samma.yaml" in names:
        assert shown.title == "Titel ur samma.yaml"


def ratings(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "x.ratings.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_duplicate_keys_in_a_ratings_file_are_refused_with_the_place(tmp_path: Path) -> None:
    text = GOOD.replace(
        "  kvalitetsarbete-2: 2\n", "  kvalitetsarbete-2: 2\n  kvalitetsarbete-1: 4\n"
    )
    with pytest.raises(rf.RatingsFileError) as caught:
        rf.read(ratings(tmp_path, text))
    message = caught.value.render()
    assert message.startswith("x.ratings.yaml") and "rad 10" in message
    assert "kvalitetsarbete-1" in message and "rad 8" in message


def test_a_duplicate_top_level_key_is_refused_too(tmp_path: Path) -> None:
    with pytest.raises(rf.RatingsFileError) as caught:
        rf.read(ratings(tmp_path, GOOD + "name: Bo\n"))
    assert "name" in caught.value.render() and "rad 5" in caught.value.render()


def test_empty_values_do_not_clear_a_persons_ratings(tmp_path: Path) -> None:
    """``values: {}`` is refused with a message; the ratings already given stay."""
    session = Session.start(resolve("triangulering"), ["Anna", "Bo"], FakeClock())
    session.set_rating("Anna", "kvalitetsarbete-1", 3)
    head = GOOD.split("values:")[0]
    with pytest.raises(rf.RatingsFileError) as caught:
        rf.read(ratings(tmp_path, head + "values: {}\n"))
    assert caught.value.key == "err.ratings_empty"
    assert "inga värderingar" in caught.value.render()
    assert session.ratings["Anna"] == {"kvalitetsarbete-1": 3}


@pytest.mark.parametrize("version", ["true", "1.0", "'1'"])
def test_a_version_that_is_not_the_number_1_is_refused(tmp_path: Path, version: str) -> None:
    with pytest.raises(rf.RatingsFileError) as caught:
        rf.read(ratings(tmp_path, GOOD.replace("version: 1\n", f"version: {version}\n")))
    assert caught.value.key == "err.ratings_version"


def test_a_good_file_still_reads(tmp_path: Path) -> None:
    assert rf.read(ratings(tmp_path, GOOD)).name == "Anna"
