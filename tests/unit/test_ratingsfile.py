"""Ratings files from `kollegial rate`: what is taken in, and why a file is refused."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from kollegial.errors import KollegialError
from kollegial.protocols.discovery import resolve
from kollegial.session import FakeClock, Session
from kollegial.session import ratingsfile as rf
from tests.conftest import DATA

FILES = DATA / "ratings"
PEOPLE = ["Anna", "Bo", "Cecilia", "David"]


@pytest.fixture
def tri() -> Session:
    return Session.start(resolve("triangulering"), PEOPLE, FakeClock())


def test_render_and_parse_round_trip() -> None:
    """A written file reads back with the protocol, fingerprint, name and every value."""
    protocol = resolve("triangulering")
    values = {st.id or "": 3 for g in protocol.groups for st in g.statement_list()}
    text = rf.render(protocol, "Åsa Ek", values, datetime(2026, 11, 24, 14, 5))
    back = rf.parse(text, Path("x.ratings.yaml"))
    assert (back.protocol_id, back.name, back.values) == ("triangulering", "Åsa Ek", values)
    assert back.fingerprint == rf.fingerprint(protocol)


def test_default_file_name() -> None:
    """<name>-<protocol id>.ratings.yaml, the name made safe for a file name."""
    assert (
        rf.default_name("Åsa Ek", resolve("triangulering")) == "asa-ek-triangulering.ratings.yaml"
    )


def test_a_good_file_is_imported_whole(tri: Session) -> None:
    """A valid file sets all eighteen of the person's ratings."""
    file = rf.read(FILES / "anna-triangulering.ratings.yaml")
    ok, problems = rf.check_batch([file], tri.protocol, tri.participants)
    assert problems == [] and ok == [file]
    tri.replace_ratings(file.name, file.values)
    assert tri.raters() == ["Anna"]


@pytest.mark.parametrize(
    ("name", "key", "fragment"),
    [
        ("other-protocol", "err.ratings_protocol", "gäller protokollet observationssamtal"),
        ("changed-statements", "err.ratings_changed", "påståendena har ändrats"),
        ("unknown-name", "err.ratings_unknown_name", "Zlatan är inte med i mötet"),
        ("off-scale", "err.rating_scale", "Värdet 7 ligger utanför skalan 1–4"),
        ("unknown-statement", "err.unknown_statement", "hittepa-1"),
        ("not-whole", "err.ratings_values", "inte heltal"),
        ("future-version", "err.ratings_version", "version 9"),
        ("no-name", "err.ratings_no_name", "saknar namn"),
        ("not-yaml", "err.ratings_not_yaml", "YAML"),
        ("not-ratings", "err.ratings_not_ratings", "ingen värderingsfil"),
    ],
)
def test_a_bad_file_is_refused_with_its_reason(
    tri: Session, name: str, key: str, fragment: str
) -> None:
    """Each kind of bad file gets its own message naming the file, and nothing is imported."""
    path = FILES / f"{name}.ratings.yaml"
    try:
        files = [rf.read(path)]
    except rf.RatingsFileError as exc:
        problems = [exc]
    else:
        _, problems = rf.check_batch(files, tri.protocol, tri.participants)
    assert [p.key for p in problems] == [key]
    message = problems[0].render()
    assert message.startswith(path.name) and fragment in message
    assert tri.ratings == {}


def test_two_files_with_the_same_name_are_both_refused(tri: Session) -> None:
    """David twice (any case) in one import: neither file is taken."""
    files = [rf.read(p) for p in sorted((FILES / "duplicates").glob("*.yaml"))]
    ok, problems = rf.check_batch(files, tri.protocol, tri.participants)
    assert ok == []
    assert [p.key for p in problems] == ["err.ratings_duplicate_name"] * 2


def test_replacing_ratings_clears_what_the_new_set_leaves_out(tri: Session) -> None:
    """A replacement is the person's whole new set: values it lacks are cleared."""
    tri.set_rating("Bo", "kvalitetsarbete-1", 2)
    tri.set_rating("Bo", "kvalitetsarbete-2", 2)
    tri.replace_ratings("Bo", {"kvalitetsarbete-2": 4})
    assert tri.ratings["Bo"] == {"kvalitetsarbete-2": 4}


def test_a_bad_value_leaves_the_old_ratings(tri: Session) -> None:
    """replace_ratings checks every value before it changes anything."""
    tri.set_rating("Bo", "kvalitetsarbete-1", 2)
    with pytest.raises(KollegialError):
        tri.replace_ratings("Bo", {"kvalitetsarbete-1": 3, "kvalitetsarbete-2": 9})
    assert tri.ratings["Bo"] == {"kvalitetsarbete-1": 2}


def test_english_messages() -> None:
    """The messages exist in English too."""
    problem = rf.RatingsFileError(Path("x.ratings.yaml"), "err.ratings_changed")
    assert "statements have changed" in problem.render("en")
