"""The HTML export: one standalone page, headings, notes and ratings as real tables, inert text."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from html.parser import HTMLParser

import pytest

from kollegial.export.html import render_html
from kollegial.session import Session
from tests.unit.test_export import (
    GOLDEN,
    HOSTILE,
    RATINGS,
    hostile_meeting,
    kinds_meeting,
    observation,
    triangulation,
)


class Tree(HTMLParser):
    """Tags in order, and the rows of every table as the text of their cells."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.tables: list[list[list[str]]] = []
        self.headings: list[tuple[str, str]] = []
        self._cell: list[str] | None = None
        self._heading: list[str] | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")
        elif re.fullmatch(r"h[1-6]", tag):
            self._heading = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None
        elif re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            self.headings.append((tag, "".join(self._heading)))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._heading is not None:
            self._heading.append(data)


def test_the_page_is_standalone_printable_and_in_the_language() -> None:
    """One file: no script, link, image, font or URL to fetch; A4 print CSS; lang set."""
    page = render_html(triangulation(), lang="sv")
    assert page.startswith('<!DOCTYPE html>\n<html lang="sv">')
    assert render_html(triangulation(), lang="en").startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "@page { size: A4;" in page
    tree = Tree(page)
    tags = {name for name, _ in tree.tags}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed", "base", "form"}
    assert not any(k in ("src", "href") for _, attrs in tree.tags for k in attrs)
    assert not re.search(r"url\(|@import|https?://", page)


def test_headings_and_ratings_tables() -> None:
    """Title, sections and steps are headings; each group's ratings a table with the numbers."""
    tree = Tree(render_html(triangulation(), lang="sv"))
    assert tree.headings[0] == ("h1", "Lärande samtal kring trianguleringen")
    assert [h for h in tree.headings if h[0] == "h2"] == [
        ("h2", "Roller"),
        ("h2", "Deltagare"),
        ("h2", "Steg"),
        ("h2", "Värderingar"),
    ]
    ratings = [t for t in tree.tables if t[0][:2] == ["Nr", "Påstående"]]
    assert len(ratings) == 3
    assert ratings[0][0] == ["Nr", "Påstående", "1", "2", "3", "4", "Antal", "Medel", "Spridning"]
    first = ratings[0][1]
    values = sorted(row[0] for row in RATINGS.values())
    assert first[2:6] == [str(values.count(v)) for v in (1, 2, 3, 4)]
    assert first[6:8] == ["3", "3,0"]


def test_notes_are_a_table_of_column_who_and_text() -> None:
    tree = Tree(render_html(observation(), lang="sv"))
    notes = [t for t in tree.tables if t[0][-1] == "Text"]
    # A step whose notes nobody is named for has no "Vem" column.
    assert {tuple(t[0]) for t in notes} == {("Kolumn", "Vem", "Text"), ("Kolumn", "Text")}
    rows = [row for table in notes for row in table[1:]]
    assert rows[0] == [
        "Hur gör eleverna? Vad säger eleverna?",
        "Anna",
        "Eleverna räcker upp handen innan de svarar.",
    ]
    assert len(rows) == 7


def test_hostile_texts_are_text() -> None:
    """Notes, names, titles and statements with tags stay text; controls are made visible."""
    for build in (triangulation, hostile_meeting):
        page = render_html(build(), lang="sv")
        tree = Tree(page)
        allowed = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "dl", "dt"}
        allowed |= {"dd", "ul", "li", "strong", "em", "p", "table", "thead", "tbody", "tr", "th"}
        allowed |= {"td", "br", "blockquote"}
        assert {name for name, _ in tree.tags} <= allowed
        assert "\x1b" not in page
    tree = Tree(render_html(triangulation(), lang="sv"))
    cells = [c for t in tree.tables for row in t for c in row]
    assert "# rubrik | a | b <script>alert(1)</script> **x**\n--- ␛[2J" in cells
    assert HOSTILE.startswith("# rubrik")


def test_a_blank_line_in_a_note_keeps_its_paragraphs() -> None:
    from datetime import UTC, datetime

    from kollegial.protocols.discovery import resolve
    from kollegial.session import FakeClock

    s = Session.start(
        resolve("observationssamtal"), ["Anna", "Bo"], FakeClock(datetime(2026, 1, 1, tzinfo=UTC))
    )
    s.add_note("Ett stycke.\n\nEtt annat.")
    assert "Ett stycke.<br><br>Ett annat." in render_html(s, lang="sv")


GOLDEN_HTML: dict[str, Callable[[], Session]] = {
    "observationssamtal.html": observation,
    "triangulering.html": triangulation,
    "alla-sorter.html": kinds_meeting,
}


@pytest.mark.parametrize("name", list(GOLDEN_HTML))
def test_html_matches_golden_file(name: str) -> None:
    text = render_html(GOLDEN_HTML[name](), lang="sv")
    path = GOLDEN / name
    if os.environ.get("KOLLEGIAL_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text
