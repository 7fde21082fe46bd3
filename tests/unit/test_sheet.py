"""The printable rating sheet: content, escaping and a standalone page, in both forms."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from kollegial.errors import KollegialError
from kollegial.export.sheet import render_sheet_html, render_sheet_markdown
from kollegial.protocols.discovery import resolve
from kollegial.protocols.loader import load_protocol
from kollegial.protocols.model import Protocol

# Commonmark with GFM tables: what a document editor's markdown import understands.
MD = MarkdownIt("commonmark").enable("table")

HOSTILE_YAML = """\
title: "<script>alert('titel')</script> | # Rubrik"
scale:
  min: 1
  max: 3
  labels:
    1: "<b>låg</b> | #"
    3: "hög & <i>mycket</i>"
groups:
  - id: hörn
    title: "# Hörn | <img src=x onerror=alert(1)>"
    statements:
      - "<script>alert(1)</script> | en cell # inte en rubrik"
      - "| a | b |"
      - "1. ingen lista\\n## ingen rubrik"
steps:
  - {title: Värdera, mode: rate, minutes: 5}
"""
HOSTILE_TITLE = "<script>alert('titel')</script> | # Rubrik"
HOSTILE_GROUP = "# Hörn | <img src=x onerror=alert(1)>"
HOSTILE_STATEMENTS = [
    "<script>alert(1)</script> | en cell # inte en rubrik",
    "| a | b |",
    "1. ingen lista ## ingen rubrik",  # as shown on one line
]


@pytest.fixture
def tri() -> Protocol:
    return resolve("triangulering")


@pytest.fixture
def hostile(tmp_path: Path) -> Protocol:
    path = tmp_path / "fientlig.yaml"
    path.write_text(HOSTILE_YAML.replace("id: hörn", "id: horn"), encoding="utf-8")
    return load_protocol(path)


def statements_by_group(protocol: Protocol) -> list[list[str]]:
    return [[s.text for s in g.statement_list()] for g in protocol.groups]


# --- reading the markdown back ---


def plain(inline: Token, *, bold: bool = False) -> str:
    """The text a renderer shows for an inline token; fails on any markup (but bold if allowed)."""
    out = []
    for child in inline.children or []:
        if bold and child.type in ("strong_open", "strong_close"):
            continue
        if child.type == "text":
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
        else:
            raise AssertionError(f"markup {child.type!r} in {inline.content!r}")
    return "".join(out)


def md_tables(tokens: list[Token]) -> list[list[list[str]]]:
    """Each table as rows of the cells' shown text, the header row first."""
    tables: list[list[list[str]]] = []
    for i, tok in enumerate(tokens):
        if tok.type == "table_open":
            tables.append([])
        elif tok.type == "tr_open":
            tables[-1].append([])
        elif tok.type in ("td_open", "th_open"):
            tables[-1][-1].append(plain(tokens[i + 1]))
    return tables


def md_headings(tokens: list[Token]) -> list[tuple[str, str]]:
    return [
        (tok.tag, plain(tokens[i + 1]))
        for i, tok in enumerate(tokens)
        if tok.type == "heading_open"
    ]


# --- reading the HTML back ---


class Page(HTMLParser):
    """The tags of a page, and the text of each element with a class."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.texts: dict[str, list[str]] = {}
        self._open: list[tuple[str, str | None, list[str]]] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in ("meta", "col"):
            self._open.append((tag, dict(attrs).get("class") or tag, []))

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            name, key, parts = self._open.pop()
            text = " ".join("".join(parts).split())
            self.texts.setdefault(key or name, []).append(text)
            if self._open:
                self._open[-1][2].append("".join(parts))
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[-1][2].append(data)

    def attrs(self, tag: str) -> list[dict[str, str | None]]:
        return [a for name, a in self.tags if name == tag]


# --- content ---


def test_markdown_starts_with_title_name_line_and_instruction(tri: Protocol) -> None:
    """Title as the heading, then a line for the name, then how to rate on the scale."""
    tokens = MD.parse(render_sheet_markdown(tri))
    assert md_headings(tokens)[0] == ("h1", tri.title)
    paragraphs = [
        plain(tokens[i + 1], bold=True) for i, t in enumerate(tokens) if t.type == "paragraph_open"
    ]
    assert paragraphs[0] == "Namn: " + "_" * 30
    assert paragraphs[1] == (
        "Ringa in eller kryssa för ett värde från 1 till 4 för varje påstående. "
        "Skalan: 1 = Lägst, 4 = Högst."
    )


def test_markdown_has_every_statement_in_order_numbered_per_group(tri: Protocol) -> None:
    """One table per group under its title; rows 1..n with the text and the values 1-4."""
    tokens = MD.parse(render_sheet_markdown(tri))
    assert [text for tag, text in md_headings(tokens) if tag == "h2"] == [
        g.title for g in tri.groups
    ]
    tables = md_tables(tokens)
    assert len(tables) == 3
    for table, statements in zip(tables, statements_by_group(tri), strict=True):
        assert table[0] == ["Nr", "Påstående", "1 Lägst", "2", "3", "4 Högst"]
        assert table[1:] == [
            [str(n), text, "1", "2", "3", "4"] for n, text in enumerate(statements, start=1)
        ]
    assert sum(len(t) - 1 for t in tables) == 18


def test_html_has_title_name_line_instruction_and_labels(tri: Protocol) -> None:
    """The page shows the title, a name line, the instruction and the scale's labels."""
    page = Page(render_sheet_html(tri))
    assert page.texts["h1"] == [tri.title]
    assert page.texts["title"] == [f"{tri.title} – Värderingsblad"]
    assert page.texts["name"] == ["Namn:"]
    assert page.texts["line"] == [""]  # the line itself is a border to write on
    assert page.texts["instruction"] == [
        "Ringa in eller kryssa för ett värde från 1 till 4 för varje påstående. "
        "Skalan: 1 = Lägst, 4 = Högst."
    ]
    assert page.texts["label"] == ["Lägst", "Högst"] * 3
    assert page.texts["val"][:4] == ["1 Lägst", "2", "3", "4 Högst"]


def test_html_has_every_statement_in_order_numbered_per_group(tri: Protocol) -> None:
    """All 18 statements in protocol order, numbered 1..n within each group, under its title."""
    page = Page(render_sheet_html(tri))
    assert page.texts["h2"] == [g.title for g in tri.groups]
    expected_texts: list[str] = []
    expected_numbers: list[str] = []
    for statements in statements_by_group(tri):
        expected_texts += ["Påstående", *statements]
        expected_numbers += ["Nr", *(f"{n}." for n in range(1, len(statements) + 1))]
    assert page.texts["text"] == expected_texts
    assert page.texts["num"] == expected_numbers
    # Each group's header row, then every row offering the whole scale to circle.
    header = ["1 Lägst", "2", "3", "4 Högst"]
    assert page.texts["val"] == (header + ["1", "2", "3", "4"] * 6) * 3


def test_scale_comes_from_the_protocol(tmp_path: Path) -> None:
    """A 0-5 scale with its own labels gives six columns and its own instruction."""
    path = tmp_path / "sexgradig.yaml"
    path.write_text(
        "title: Sexgradig\n"
        "scale: {min: 0, max: 5, labels: {0: Aldrig, 5: Alltid}}\n"
        "groups: [{id: g, title: Grupp, statements: [Ett, Två]}]\n"
        "steps: [{title: Värdera, mode: rate, minutes: 5}]\n",
        encoding="utf-8",
    )
    protocol = load_protocol(path)
    md = render_sheet_markdown(protocol)
    table = md_tables(MD.parse(md))[0]
    assert table[0][2:] == ["0 Aldrig", "1", "2", "3", "4", "5 Alltid"]
    assert table[2] == ["2", "Två", "0", "1", "2", "3", "4", "5"]
    assert "från 0 till 5" in md and "Skalan: 0 = Aldrig, 5 = Alltid." in md
    page = Page(render_sheet_html(protocol))
    assert page.texts["label"] == ["Aldrig", "Alltid"]
    assert "från 0 till 5" in page.texts["instruction"][0]


def test_a_scale_without_labels_has_no_legend(tmp_path: Path) -> None:
    """Without labels the instruction names only the range, the headers only the values."""
    path = tmp_path / "utan.yaml"
    path.write_text(
        "title: Utan etiketter\n"
        "groups: [{id: g, title: Grupp, statements: [Ett]}]\n"
        "steps: [{title: Värdera, mode: rate, minutes: 5}]\n",
        encoding="utf-8",
    )
    protocol = load_protocol(path)
    md = render_sheet_markdown(protocol)
    assert "Skalan" not in md
    assert md_tables(MD.parse(md))[0][0] == ["Nr", "Påstående", "1", "2", "3", "4"]
    assert "label" not in Page(render_sheet_html(protocol)).texts


def test_english_sheet(tri: Protocol) -> None:
    """lang="en": English words and lang attribute; the Swedish statements marked as Swedish."""
    md = render_sheet_markdown(tri, lang="en")
    assert "**Name:**" in md
    assert "Circle or tick one value from 1 to 4 for each statement." in md
    assert "| No. | Statement | 1 Lägst |" in md
    html = render_sheet_html(tri, lang="en")
    assert '<html lang="en">' in html
    page = Page(html)
    assert page.texts["name"] == ["Name:"]
    assert page.texts["instruction"][0].startswith("Circle or tick one value from 1 to 4")
    assert {a.get("lang") for a in page.attrs("td") if a.get("class") == "text"} == {"sv"}
    assert page.attrs("h1")[0].get("lang") == "sv"


def test_swedish_sheet_of_a_swedish_protocol_marks_no_parts(tri: Protocol) -> None:
    """Same language throughout: only the page itself carries lang."""
    html = render_sheet_html(tri, lang="sv")
    assert html.count("lang=") == 1 and '<html lang="sv">' in html


def test_a_protocol_without_statements_has_no_sheet() -> None:
    """No groups: both forms refuse with a message saying there is nothing to rate."""
    protocol = resolve("observationssamtal")
    for render in (render_sheet_markdown, render_sheet_html):
        with pytest.raises(KollegialError) as caught:
            render(protocol)
        assert caught.value.key == "err.sheet_no_statements"
        assert "har inga påståenden att värdera" in caught.value.render("sv")
        assert "has no statements to rate" in caught.value.render("en")


# --- a standalone page that prints ---


def test_html_is_a_complete_utf8_document(tri: Protocol) -> None:
    """Doctype, lang, UTF-8, a title and inline print CSS for A4."""
    html = render_sheet_html(tri)
    assert html.startswith('<!DOCTYPE html>\n<html lang="sv">')
    assert html.rstrip().endswith("</html>")
    assert '<meta charset="utf-8">' in html
    assert "@page { size: A4;" in html
    assert re.search(r"font-size: 11pt", html)
    assert "break-inside: avoid" in html and "break-after: avoid" in html


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_html_fetches_nothing(tri: Protocol, lang: str) -> None:
    """No external resource of any kind: no URL, src, link, import, script or font."""
    html = render_sheet_html(tri, lang=lang)  # type: ignore[arg-type]
    for needle in ("http", "src=", "<link", "@import", "url(", "<script", "<img", "@font-face"):
        assert needle not in html.lower()
    page = Page(html)
    assert not any(a for _, a in page.tags for name in a if name in ("href", "src", "srcset"))


# --- hostile protocol text ---


def test_hostile_markdown_is_inert(hostile: Protocol) -> None:
    """<script>, | and # in titles, labels and statements make no HTML, heading or cell."""
    md = render_sheet_markdown(hostile)
    assert not re.search(r"(?<!\\)<[A-Za-z/!?]", md)  # every tag start is escaped
    tokens = MD.parse(md)
    assert not {"html_inline", "html_block", "image", "link_open"} & {
        c.type for t in tokens for c in [t, *(t.children or [])]
    }
    assert md_headings(tokens) == [("h1", HOSTILE_TITLE), ("h2", HOSTILE_GROUP)]
    [table] = md_tables(tokens)
    assert table[0] == ["Nr", "Påstående", "1 <b>låg</b> | #", "2", "3 hög & <i>mycket</i>"]
    assert table[1:] == [
        [str(n), text, "1", "2", "3"] for n, text in enumerate(HOSTILE_STATEMENTS, start=1)
    ]


def test_hostile_html_is_inert(hostile: Protocol) -> None:
    """The same texts in HTML are text: no tag or attribute of theirs reaches the page."""
    html = render_sheet_html(hostile)
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    page = Page(html)
    allowed = {
        "html", "head", "meta", "title", "style", "body", "header", "p", "h1", "span",
        "main", "section", "h2", "table", "colgroup", "col", "thead", "tr", "th", "tbody", "td",
    }  # fmt: skip
    assert {name for name, _ in page.tags} <= allowed
    assert not any(name.startswith("on") for _, attrs in page.tags for name in attrs)
    assert page.texts["h1"] == [HOSTILE_TITLE]
    assert page.texts["h2"] == [HOSTILE_GROUP]
    assert page.texts["text"][1:] == HOSTILE_STATEMENTS
    assert page.texts["label"] == ["<b>låg</b> | #", "hög & <i>mycket</i>"]
    assert page.texts["title"] == [f"{HOSTILE_TITLE} – Värderingsblad"]


def test_control_characters_are_made_visible(tmp_path: Path) -> None:
    """A bidi override or escape in a statement shows as a visible mark in both forms."""
    path = tmp_path / "styrtecken.yaml"
    path.write_text(
        'title: Styrtecken\ngroups: [{id: g, title: G, statements: ["a\\u202eb\\x1b[2J"]}]\n'
        "steps: [{title: Värdera, mode: rate, minutes: 5}]\n",
        encoding="utf-8",
    )
    protocol = load_protocol(path)
    md, html = render_sheet_markdown(protocol), render_sheet_html(protocol)
    for text in (md, html):
        assert "\u202e" not in text and "\x1b" not in text
    assert md_tables(MD.parse(md))[0][1][1] == "a⟨U+202E⟩b␛[2J"
    assert Page(html).texts["text"][1] == "a⟨U+202E⟩b␛[2J"
