"""Markdown that reads as plain text: a backslash only where markup would otherwise be.

The minutes are pasted into Word or Google Docs as plain text, where every
backslash shows (issue 14). Two proofs: for any text, CommonMark (markdown-it,
with GFM tables and strikethrough) renders exactly that text in every place
the export puts one; and a realistic export carries no needless backslash.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from kollegial.export import escape_cell, escape_heading, escape_line, escape_text, render_markdown
from kollegial.export.markdown import visible
from kollegial.export.sheet import render_sheet_markdown
from kollegial.protocols.discovery import resolve
from kollegial.session import FakeClock, Session

MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
# Every character that means something somewhere in CommonMark or GFM, white
# space of every kind, controls, letters, digits and Swedish letters.
ALPHABET = list("\\`*_{}[]<>#+-!|~$^=:.)(&;/@\"' \t\n\r\x00\x1b\x7f\x85aZ19åé\u202e\u2028\u00a0€")
TEXTS = st.text(st.sampled_from(ALPHABET), max_size=40) | st.sampled_from(
    [
        "https://skolverket.se/kollegialt_larande_2024",
        "Se www.example.com/a_b?x=1&y=2 och <https://x.se>",
        "&amp; &#35; &copy; a&b",
        "1. ett\n2. två\n\n- tre",
        "`kod` ``a`` `",
        "***\n___\n===\n| a | b |\n|---|---|",
        "a  \nb\\\nc",
        "[a]: https://x.se\n[a]",
    ]
)
BLOCKS = {"heading_open", "blockquote_open", "bullet_list_open", "ordered_list_open"}
BLOCKS |= {"fence", "code_block", "html_block", "hr", "table_open"}


def paragraphs(text: str) -> list[str]:
    """The note as it should read: visible, each line trimmed, paragraphs at blank lines."""
    out = []
    for block in re.split(r"\n\s*\n", visible(text)):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if lines:
            out.append("\n".join(lines))
    return out


def plain(inline: Token) -> str:
    """The text a renderer shows for an inline token, line breaks as newlines; no markup allowed."""
    out = []
    for child in inline.children or []:
        if child.type == "text":
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
        else:
            raise AssertionError(f"markup {child.type!r} in {inline.content!r}")
    return "".join(out)


def rendered(tokens: list[Token]) -> list[str]:
    """The paragraphs' texts of a token stream that must hold nothing but paragraphs."""
    assert not BLOCKS & {t.type for t in tokens}, [t.type for t in tokens]
    return [plain(t) for t in tokens if t.type == "inline"]


def inside(tokens: list[Token], opening: str) -> list[Token]:
    """The tokens inside the first container that ``opening`` opens."""
    types = [t.type for t in tokens]
    start = types.index(opening)
    closing = opening.replace("_open", "_close")
    depth = 0
    for i in range(start, len(tokens)):
        if tokens[i].type == opening:
            depth += 1
        elif tokens[i].type == closing:
            depth -= 1
            if depth == 0:
                return tokens[start + 1 : i]
    raise AssertionError("not closed")


@pytest.mark.slow
@settings(max_examples=500, deadline=None)
@given(TEXTS, st.booleans())
@example("a*\nb*", False)
@example("Anna: 1. x", True)
def test_a_note_renders_as_the_note_in_a_list_item(text: str, named: bool) -> None:
    """A note in its list item (after a name or not) renders as exactly the note."""
    escaped = escape_text(("Anna: " if named else "") + text, "  ")
    if not escaped:
        return
    tokens = MD.parse(f"- {escaped}\n- nästa\n")
    assert [t.type for t in tokens].count("list_item_open") == 2
    items = [t for t in tokens if t.type == "bullet_list_open"]
    assert len(items) == 1
    first = inside(tokens, "list_item_open")
    expected = paragraphs(("Anna: " if named else "") + text)
    assert rendered(first) == expected


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_a_text_renders_as_itself_after_a_label_and_in_a_quote(text: str) -> None:
    """Focus, decision: after a bold label, in a list item and in a block quote."""
    for prefix, indent in (("- **Fokus:** ", "  "), ("> **Beslut:** ", "> ")):
        escaped = escape_text(text, indent, start=False)
        if not escaped:
            return
        tokens = MD.parse(f"{prefix}{escaped}\n")
        container = "bullet_list_open" if prefix.startswith("-") else "blockquote_open"
        body = inside(tokens, container)
        if container == "bullet_list_open":
            body = inside(body, "list_item_open")
        first, *rest = [t for t in body if t.type == "inline"]
        children = [c for c in first.children or [] if c.type != "text" or c.content]
        assert [c.type for c in children[:3]] == ["strong_open", "text", "strong_close"]
        first = Token("inline", "", 0, children=children[3:])
        assert [plain(first)[1:], *(plain(t) for t in rest)] == paragraphs(text)
        assert not BLOCKS & {t.type for t in body}


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_a_text_renders_as_itself_as_a_paragraph(text: str) -> None:
    """A step's prompt: paragraphs of their own between two headings."""
    escaped = escape_text(text)
    if not escaped:
        return
    tokens = MD.parse(f"# Före\n\n{escaped}\n\n# Efter\n")
    body = tokens[3:-3]
    assert rendered(body) == paragraphs(text)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_a_text_renders_as_itself_in_a_heading_a_cell_and_a_label(text: str) -> None:
    """Titles, statements in a table, names in a list: one line each, as written."""
    line = " ".join(" ".join(p.split("\n")) for p in paragraphs(text))
    if not line:
        return
    heading = MD.parse(f"### {escape_heading(text)}\n")
    assert [t.type for t in heading] == ["heading_open", "inline", "heading_close"]
    assert plain(heading[1]) == line
    table = MD.parse(f"| a | b |\n|---|---|\n| {escape_cell(text)} | x |\n")
    cells = [plain(t) for t in table if t.type == "inline"]
    assert cells == ["a", "b", line, "x"]
    item = MD.parse(f"- {escape_line(text)}\n")
    assert rendered(inside(inside(item, "bullet_list_open"), "list_item_open")) == [line]


# --- a realistic export: no needless backslash ---

URL = "https://skolverket.se/kollegialt_larande_2024"
NOTES = [
    "Eleverna räcker upp handen innan de svarar!",
    "Vi läser om det på " + URL + " inför nästa gång.",
    "Två-minuters-regeln funkar. Prova e-post_listan?",
    "Gruppen A&O (årskurs 7-9) tycker 1-2-4-alla är bra.",
    "Första stycket.\n\nAndra stycket, efter en tom rad.",
    "Förslag: 3 * 4 minuter, ca 10-15 min totalt...",
]


def realistic() -> Session:
    clock = FakeClock(datetime(2026, 11, 25, 8, 30, tzinfo=UTC))
    s = Session.start(
        resolve("observationssamtal"),
        ["Anna-Karin", "Bo", "Cecilia_S"],
        clock,
        focus="Elevernas resonemang i helklass – se " + URL,
    )
    for text in NOTES:
        clock.advance(60)
        s.add_note(text)
        s.next_speaker()
    s.goto(5)
    s.set_decision("Att ställa öppna frågor!\noch ge betänketid.")
    s.end()
    return s


NEEDLESS = {
    "before !": re.compile(r"\\!"),
    "- inside a word": re.compile(r"\w\\-\w"),
    "_ inside a word": re.compile(r"\w\\_\w"),
    "before .": re.compile(r"\\\."),
    "before &": re.compile(r"\\&"),
}


def test_a_realistic_export_has_no_needless_backslash() -> None:
    """No backslash before `!`, `.`, `&`, or `-`/`_` inside a word; the URL intact."""
    md = render_markdown(realistic())
    found = {what: pattern.findall(md) for what, pattern in NEEDLESS.items()}
    assert found == {what: [] for what in NEEDLESS}
    assert "\\" not in md  # hard line breaks are two spaces, not a backslash
    assert URL in md
    assert "- Anna-Karin: Eleverna räcker upp handen innan de svarar!\n" in md
    assert "Första stycket.\n\n  Andra stycket, efter en tom rad." in md


def test_urls_link_to_themselves_with_linkify() -> None:
    """GitHub-like rendering (markdown-it's linkify): the URL links to itself, no %5C in it."""
    tokens = MarkdownIt("gfm-like").parse(render_markdown(realistic()))
    links = [c.attrs["href"] for t in tokens for c in t.children or [] if c.type == "link_open"]
    assert links == [URL, URL]  # in the focus and in the note


def test_a_blank_line_in_a_note_keeps_two_paragraphs() -> None:
    """Two paragraphs of a note are two paragraphs in the rendered list item."""
    tokens = MD.parse(render_markdown(realistic()))
    inline = [t for t in tokens if t.type == "inline"]
    i = [t.content for t in inline].index("Cecilia_S: Första stycket.")
    assert plain(inline[i + 1]) == "Andra stycket, efter en tom rad."
    assert tokens[tokens.index(inline[i]) - 1].hidden is False  # a loose item: real paragraphs


BUNDLED = sorted(p.stem for p in (Path(__file__).parents[2] / "protocols").glob("*.yaml"))
RATED = [p for p in BUNDLED if resolve(p).groups]


def test_every_bundled_protocol_is_checked() -> None:
    assert len(BUNDLED) >= 14 and {"observationssamtal", "triangulering"} <= set(BUNDLED)
    assert "triangulering" in RATED


@pytest.mark.parametrize("protocol", BUNDLED)
def test_the_bundled_protocols_export_without_a_backslash(protocol: str) -> None:
    """The prompts, titles and statements of every bundled protocol need no backslash."""
    clock = FakeClock(datetime(2026, 11, 25, 8, 30, tzinfo=UTC))
    s = Session.start(resolve(protocol), ["Anna", "Bo", "Cecilia", "David"], clock)
    s.end()
    assert "\\" not in render_markdown(s)


@pytest.mark.parametrize("protocol", RATED)
def test_the_rating_sheet_has_no_backslash(protocol: str) -> None:
    """`sheet --format md` writes the name line as plain underscores, a field to fill in."""
    md = render_sheet_markdown(resolve(protocol), "sv")
    assert "\\" not in md
    assert "**Namn:** ____" in md
    tokens = MD.parse(md)
    assert "hr" not in [t.type for t in tokens]
    name = next(t for t in tokens if t.type == "inline" and "Namn" in t.content)
    assert [c.type for c in name.children or []][-1] == "text"
    assert (name.children or [])[-1].content.endswith("____")
