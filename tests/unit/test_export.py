"""Exports of a meeting (markdown, JSON, CSV) and reading a JSON export back.

Two meetings are driven through the real engine with a fake clock: the
triangulation (three corners, ratings with spread, a hostile note) and the talk
after an observation (notes in all three columns, a late arrival, a skipped
step, a decision). Their exports are compared with the golden files in
``tests/data/golden/``. After an intended change to an export, regenerate them
and review the diff before committing::

    KOLLEGIAL_UPDATE_GOLDEN=1 /tmp/venv/bin/pytest tests/unit/test_export.py
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from random import Random
from typing import Any

import openpyxl
import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from kollegial.errors import KollegialError
from kollegial.export import (
    escape_cell,
    escape_text,
    parse_session_json,
    render_csv,
    render_json,
    render_markdown,
)
from kollegial.export.anonymize import Names
from kollegial.export.csvfmt import defuse
from kollegial.export.html import render_html
from kollegial.export.markdown import visible
from kollegial.export.xlsx import render_xlsx
from kollegial.i18n import Lang
from kollegial.protocols.discovery import resolve
from kollegial.protocols.loader import load_protocol, load_text
from kollegial.session import FakeClock, Session
from kollegial.store import Store
from tests.conftest import Result

DATA = Path(__file__).resolve().parent.parent / "data"
GOLDEN = DATA / "golden"
NAMES = ("Anna", "Bo", "Cecilia", "David")
HOSTILE = "# rubrik | a | b <script>alert(1)</script> **x** \n--- \x1b[2J"
# Each participant rates the 18 statements in protocol order; the rows differ
# enough that every statement but one has some spread.
RATINGS = {
    "Anna": [3, 2, 4, 1, 3, 2, 4, 3, 2, 1, 3, 4, 2, 3, 1, 4, 2, 3],
    "Bo": [4, 2, 2, 3, 3, 1, 4, 1, 3, 2, 3, 4, 1, 3, 2, 4, 4, 1],
    "Cecilia": [2, 3, 4, 4, 2, 1, 3, 2, 3, 2, 4, 4, 3, 1, 1, 2, 3, 3],
}
# Commonmark with the GFM table and strikethrough rules: what GitHub adds that matters here.
MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])


# --- the meetings ---


def triangulation() -> Session:
    """The whole triangulation: roles, 54 ratings, three corners, the closing talk."""
    clock = FakeClock(datetime(2026, 11, 24, 14, 0, tzinfo=UTC))
    s = Session.start(
        resolve("triangulering"),
        ["Anna", "Bo", "Cecilia"],
        clock,
        focus="Hur lär vi av varandra i arbetslaget?",
    )
    clock.advance(45)
    s.appoint("samtalsledare", "Anna")
    clock.advance(15)
    s.next_step()
    for person, row in RATINGS.items():
        for statement, value in zip(s.rated_statements(), row, strict=True):
            s.set_rating(person, statement, value)
        clock.advance(150)
    clock.advance(120)
    s.next_step()
    clock.advance(30)
    s.appoint("tidshallare", "Bo")
    s.next_step()
    corners = [
        ["Vi analyserar elevernas resultat men sällan vår undervisning.", HOSTILE],
        ["Anna berättade om lektionsstudierna i svenska.", "Två rader:\nförsta\n1. andra"],
        ["Rektorn behöver besöka fler lektioner."],
    ]
    for corner, notes in enumerate(corners):
        if corner == 1:
            s.set_present("Cecilia", False)  # out of the room for this round
        for _ in s.present_participants:
            clock.advance(80)
            s.next_speaker()
        s.set_present("Cecilia", True)
        s.next_step()
        if corner == 2:
            s.adjust(60)
        for i, text in enumerate(notes):
            clock.advance(60)
            note = s.add_note(text)
            s.attribute_note(note.id, ["Bo", "Cecilia", "Anna"][(corner + i) % 3])
        clock.advance(200)
        s.next_step()
    s.add_note("Vi tar med oss frågan om rektors besök till nästa möte.")
    clock.advance(540)
    s.next_step()
    assert s.ended
    return s


def observation() -> Session:
    """The talk after an observation: three columns, a late arrival, a skip, a decision."""
    clock = FakeClock(datetime(2026, 11, 25, 8, 30, tzinfo=UTC))
    s = Session.start(
        resolve("observationssamtal"),
        ["Anna", "Bo", "Cecilia"],
        clock,
        focus="Elevernas resonemang i helklass",
    )
    for text in (
        "Eleverna räcker upp handen innan de svarar.",
        "Två elever förklarar för varandra.",
        "Många säger ”jag vet inte”.",
    ):
        clock.advance(60)
        s.add_note(text)  # by the speaker of the moment
        s.next_speaker()
    for _ in range(3):
        clock.advance(10)
        s.pass_turn()
    clock.advance(300)
    s.next_step()
    s.add_participant("David")
    clock.advance(60)
    s.add_note("De använder begreppen från genomgången.")
    s.next_speaker()
    while s.speaker is not None:
        clock.advance(10)
        s.pass_turn()
    s.next_step()
    clock.advance(120)
    s.add_note("Tid att tänka innan de svarar.")
    clock.advance(60)
    s.next_step()
    clock.advance(45)
    s.add_note("Bo vill ge fler tillfällen att resonera i par.")
    while s.speaker is not None:
        clock.advance(30)
        s.pass_turn()
    s.goto(5)  # the second silent step is skipped
    clock.advance(200)
    s.add_note("Vi prövar EPA i alla ämnen.")
    s.set_decision("Att ställa öppna frågor\noch ge betänketid.")
    s.set_present("Bo", False)
    clock.advance(100)
    s.next_step()
    assert s.ended
    return s


KINDS_PEOPLE = ["Anna", "Bo", "Cecilia", "David", "Eva"]


def kinds_meeting() -> Session:
    """Every new step kind: five passes with a presenter each, small groups, a skipped step."""
    clock = FakeClock(datetime(2026, 11, 28, 13, 0, tzinfo=UTC))
    s = Session.start(load_protocol(DATA / "valid" / "alla-sorter.yaml"), KINDS_PEOPLE, clock)
    clock.advance(120)
    s.next_step()
    for number, presenter in enumerate(KINDS_PEOPLE, start=1):
        assert s.plan[s.current].pass_person == presenter
        clock.advance(90)
        s.add_note(f"Passage på sidan {number * 7}.")  # by the presenter
        s.next_step()
        if number == 2:
            s.set_present("David", False)  # out for Bo's responses
        while s.round is not None and s.round.current is not None:
            clock.advance(40)
            if s.round.current == "Cecilia":
                s.add_note(f"Jag läser det som en fråga om bedömning ({number}).")
            s.next_speaker()
        s.set_present("David", True)
        s.next_step()
        clock.advance(50)
        s.add_note(f"Sista ordet {number}: jag tar med mig frågan.")
        if number == 5:
            s.set_present("Eva", False)  # the pairs are made of those here
        s.next_step()
    clock.advance(170)
    s.next_step()
    clock.advance(110)
    s.next_step()
    while s.round is not None and s.round.current is not None:
        clock.advance(30)
        s.next_speaker()
    s.next_step()
    s.skip_step()  # the optional extra talk
    clock.advance(30)
    s.next_step()
    assert s.ended
    return s


def empty_meeting() -> Session:
    """A triangulation ended at once: no ratings, no notes."""
    clock = FakeClock(datetime(2026, 11, 26, 9, 0, tzinfo=UTC))
    s = Session.start(resolve("triangulering"), ["Anna", "Bo"], clock)
    clock.advance(30)
    s.end()
    return s


HOSTILE_PROTOCOL = """\
title: "<img src=x onerror=alert(1)> # Titel"
roles:
  - {id: ledare, title: "**Ledare** | <b>"}
columns:
  - {id: kol, title: "[länk](javascript:alert(1))"}
groups:
  - id: g
    title: "# Hörn | ett"
    statements:
      - "a | b\\n<i>c</i>"
      - "=SUM(A1:A2), \\"citat\\""
steps:
  - {title: "1. Värdera <u>", mode: rate, minutes: 1, prompt: "> citat\\n---\\n<div>"}
  - {title: "Notera", mode: discussion, minutes: 1, notes: kol}
"""


def hostile_meeting() -> Session:
    """A protocol whose every text is hostile, with hostile names and notes."""
    protocol = load_text(HOSTILE_PROTOCOL, Path("hostile.yaml"))
    clock = FakeClock(datetime(2026, 11, 27, 10, 0, tzinfo=UTC))
    s = Session.start(protocol, ["=HYPERLINK(1)", "<b>Bo</b> | x"], clock)
    s.appoint("ledare", "<b>Bo</b> | x")
    for person in s.participants:
        s.set_rating(person, "g-1", 1)
        s.set_rating(person, "g-2", 2)
    s.next_step()
    s.add_note("<script>alert(1)</script>\n> quote\n    code\n\n1) list")
    s.end()
    return s


# --- helpers ---


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("KOLLEGIAL_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    assert path.read_bytes().decode("utf-8") == text


def plain(inline: Token) -> str:
    """The text a renderer shows for an inline token; breaks as newlines."""
    out = []
    for child in inline.children or []:
        if child.type == "text":
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
        else:
            raise AssertionError(f"markup {child.type!r} in {inline.content!r}")
    return "".join(out)


def shown(text: str) -> str:
    """What a note looks like once rendered: visible, line by line, trimmed."""
    return "\n".join(line.strip() for line in visible(text).split("\n") if line.strip())


def list_items(tokens: list[Token]) -> list[Token]:
    """The inline token of each list item's paragraph."""
    return [
        tokens[i + 2]
        for i, tok in enumerate(tokens)
        if tok.type == "list_item_open" and tokens[i + 2].type == "inline"
    ]


def without(text: str, parts: list[str]) -> str:
    for part in parts:
        text = text.replace(part, "")
    return text


def named(text: str) -> list[str]:
    return [n for n in NAMES if re.search(rf"\b{n}\b", text)]


def import_into(store: Store, text: str) -> tuple[Session, datetime]:
    """Import an export into ``store`` and load it back, with its creation time."""
    protocol, events, created_at = parse_session_json(text)
    session_id = store.import_session(protocol, events, created_at)
    return store.load(session_id, FakeClock()), store.created_at(session_id)


# --- golden files ---


def seeded(session: Session, lang: Lang = "sv", *, keep_roles: bool = False) -> Names:
    """Anonymized names dealt by a seeded generator: the same numbers every run."""
    return Names.of(session, anonymize=True, lang=lang, rng=Random(14), keep_roles=keep_roles)


def anonymized(render: Callable[..., str], build: Callable[[], Session]) -> Callable[[], str]:
    def run() -> str:
        session = build()
        return render(session, names=seeded(session))

    return run


GOLDEN_CASES: dict[str, Callable[[], str]] = {
    "triangulering.md": lambda: render_markdown(triangulation()),
    "triangulering.en.md": lambda: render_markdown(triangulation(), lang="en"),
    "triangulering.anonymized.md": anonymized(render_markdown, triangulation),
    "triangulering.json": lambda: render_json(triangulation()),
    "triangulering.csv": lambda: render_csv(triangulation(), session_id=1),
    "observationssamtal.md": lambda: render_markdown(observation()),
    "observationssamtal.json": lambda: render_json(observation()),
    "observationssamtal.anonymized.json": anonymized(render_json, observation),
    "observationssamtal.csv": lambda: render_csv(observation(), session_id=2),
    "alla-sorter.md": lambda: render_markdown(kinds_meeting()),
    "alla-sorter.anonymized.md": anonymized(render_markdown, kinds_meeting),
    "alla-sorter.json": lambda: render_json(kinds_meeting()),
    "alla-sorter.anonymized.json": anonymized(render_json, kinds_meeting),
}


@pytest.mark.parametrize("name", list(GOLDEN_CASES))
def test_export_matches_golden_file(name: str) -> None:
    """Each export of the two reference meetings is exactly its golden file."""
    check_golden(name, GOLDEN_CASES[name]())


# --- markdown: content ---


def test_markdown_heads_each_pass_with_its_presenter() -> None:
    """Each participant's pass has a heading naming them; its steps and notes stand under it."""
    md = render_markdown(kinds_meeting())
    heading = "### En omgång var — Presentatör 2 av 5: Bo\n\n#### 5. Presentera\n"
    assert heading in md
    bo = md[md.index("Presentatör 2 av 5: Bo") : md.index("Presentatör 3 av 5")]
    assert "- Bo: Passage på sidan 14." in bo
    assert "- Cecilia: Jag läser det som en fråga om bedömning (2)." in bo
    assert "#### 6. Svar" in bo and "#### 7. Sista ordet" in bo
    assert [line for line in md.splitlines() if line.startswith("### En omgång var")] == [
        f"### En omgång var — Presentatör {n} av 5: {name}"
        for n, name in enumerate(KINDS_PEOPLE, start=1)
    ]


def test_markdown_lists_the_subgroups_under_their_step() -> None:
    """A subgroups step lists who was in which group (those present: Eva was out)."""
    md = render_markdown(kinds_meeting())
    assert (
        "### 17. Två och två\n\n*smågrupper · planerat 3 min · använt 2,8 min*\n\n"
        "**Grupper:**\n\n- Grupp 1: Anna, Bo\n- Grupp 2: Cecilia, David\n"
    ) in md
    assert "- Grupp 1: Anna, Bo, Cecilia, David\n" in md


def test_markdown_marks_a_skipped_optional_step() -> None:
    """An optional step the leader skipped says so instead of the minutes used."""
    md = render_markdown(kinds_meeting())
    assert "### 20. Extra\n\n*samtal · planerat 5 min · hoppades över*" in md


def test_anonymized_markdown_hides_who_presented_and_who_sat_together() -> None:
    """Passes go in the order people joined and groups are remembered: neither names a number."""
    s = kinds_meeting()
    md = render_markdown(s, anonymize=True)
    assert "### En omgång var — Presentatör 2 av 5\n" in md
    assert "- Grupp 1: 2 personer\n" in md
    assert not re.search(r"Presentatör \d av 5: ", md)
    assert [n for n in KINDS_PEOPLE if re.search(rf"\b{n}\b", md)] == []


def test_json_says_the_pass_subgroups_and_skips_of_each_step() -> None:
    """Derived steps and notes carry the pass's person; subgroups and skipped steps are there."""
    derived = json.loads(render_json(kinds_meeting()))["derived"]
    steps = derived["steps"]
    assert [(st["pass_no"], st["pass_person"]) for st in steps[4:7]] == [(2, "Bo")] * 3
    assert steps[0]["pass_no"] is None and steps[0]["pass_person"] is None
    assert steps[16]["subgroups"] == [["Anna", "Bo"], ["Cecilia", "David"]]
    assert (steps[19]["optional"], steps[19]["skipped"]) == (True, True)
    assert steps[20]["skipped"] is False
    note = next(n for n in derived["notes"] if n["text"] == "Passage på sidan 14.")
    assert (note["pass_person"], note["speaker"]) == ("Bo", "Bo")


def test_anonymized_json_aliases_subgroups_and_passes() -> None:
    """In the anonymized JSON, subgroups (the event log's too) and passes name aliases."""
    s = kinds_meeting()
    names = seeded(s)
    text = render_json(s, names=names)
    data = json.loads(text)
    pairs = [[names("Anna"), names("Bo")], [names("Cecilia"), names("David")]]
    assert data["derived"]["steps"][16]["subgroups"] == pairs
    formed = [e for e in data["events"] if e["type"] == "subgroups_formed"]
    assert formed[0]["groups"] == pairs
    assert [n for n in KINDS_PEOPLE if re.search(rf"\b{n}\b", text)] == []


def test_markdown_heading_names_the_corner() -> None:
    """A step inside `for_each: group` names its block and group in the heading."""
    md = render_markdown(triangulation())
    assert "### 6. Ett hörn i taget — Det kollegiala lärandet: Laget runt\n" in md


def test_markdown_shows_planned_and_used_minutes() -> None:
    """Each step says its mode, planned minutes, used minutes and any time change."""
    md = render_markdown(triangulation())
    assert "*laget runt · planerat 5 min · använt 2,7 min*" in md
    assert "*samtal · planerat 5 min · använt 4,3 min · tiden ändrad med +1 min*" in md
    assert "*information · ingen planerad tid · använt 1 min*" in md


def test_markdown_marks_a_skipped_step() -> None:
    """A step never visited says it was skipped instead of the minutes used."""
    md = render_markdown(observation())
    assert "### 5. Tänk tyst\n\n*tyst · planerat 1 min · hoppades över*" in md


def test_markdown_groups_notes_by_column_with_speaker() -> None:
    """Notes stand under their column's title, each with who said it."""
    md = render_markdown(observation())
    assert (
        "#### Hur gör eleverna? Vad säger eleverna?\n\n"
        "- Anna: Eleverna räcker upp handen innan de svarar.\n"
        "- Bo: Två elever förklarar för varandra.\n"
    ) in md


def test_markdown_highlights_the_decision_and_sums_it_up() -> None:
    """The decision is quoted with its label in its step and listed near the top."""
    md = render_markdown(observation())
    quote = "> **Utvecklingsområde:** Att ställa öppna frågor  \n> och ge betänketid."
    assert quote in md
    summary = md.index("## Beslut\n\n- **Utvecklingsområde** (steg 6): Att ställa")
    assert summary < md.index("## Steg")


def test_markdown_lists_roles_and_participants() -> None:
    """Roles show who holds them; participants show late arrival and absence at the end."""
    tri, obs = render_markdown(triangulation()), render_markdown(observation())
    assert "- **Samtalsledare:** Anna\n- **Tidshållare:** Bo" in tri
    assert "- Bo (frånvarande vid slutet)\n- Cecilia\n- David (kom senare)" in obs


def test_markdown_rating_table_has_counts_mean_and_spread() -> None:
    """A statement's row counts each scale value, then n, mean and spread with a comma."""
    md = render_markdown(triangulation())
    row = (
        "| 4 | Skolanalyser och undervisningsanalyser görs snarare än elevanalyser. "
        "| 1 | 0 | 1 | 1 | 3 | 2,7 | 1,2 |"
    )
    assert row in md
    assert "**Gruppens medelvärde:** 2,6" in md


def test_markdown_ranks_statements_by_spread() -> None:
    """Under each group the statements where views differ most come first."""
    md = render_markdown(triangulation())
    first = md.index("**Där åsikterna skiljer sig mest:**")
    assert md[first:].split("\n")[2].startswith("1. Påstående 4 (spridning 1,2, medel 2,7): ")


def test_markdown_ranking_leaves_out_statements_rated_alike() -> None:
    """A statement everyone rated the same is not among those where views differ."""
    md = render_markdown(triangulation())
    assert "| 6 | I rektorsgruppen bedrivs ett kollegialt lärande. | 0 | 0 | 0 | 3 |" in md
    assert "): I rektorsgruppen bedrivs" not in md


def test_markdown_in_english() -> None:
    """With lang='en' headings and labels are English, with a decimal point."""
    md = render_markdown(triangulation(), lang="en")
    for text in ("## Participants", "## Steps", "## Ratings", "| No. | Statement |", "2.7 | 1.2 |"):
        assert text in md
    assert "Deltagare" not in md and "planerat" not in md


def test_markdown_follows_the_interface_language() -> None:
    """Without lang the current interface language decides."""
    from kollegial import i18n

    i18n.set_language("en")
    assert "## Participants" in render_markdown(observation())


def test_markdown_of_a_meeting_in_progress() -> None:
    """A meeting not yet ended shows its start time and that it is in progress."""
    clock = FakeClock(datetime(2026, 11, 26, 9, 0, tzinfo=UTC))
    s = Session.start(resolve("observationssamtal"), ["Anna", "Bo"], clock)
    clock.advance(90)
    assert "- **Tid:** 09:00– (pågår)" in render_markdown(s)


# --- escaping ---


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# rubrik", r"\# rubrik"),
        ("a | b", "a | b"),
        ("<script>alert(1)</script>", r"\<script>alert(1)\</script>"),
        ("a < b > c, <3", "a < b > c, <3"),
        ("**fet** _kursiv_ `kod`", r"\*\*fet\*\* \_kursiv\_ \`kod\`"),
        ("2 * 3 och a_b_c", "2 * 3 och a_b_c"),
        ("[länk](javascript:x) ![bild](y)", r"\[länk\](javascript:x) ![bild\](y)"),
        ("&lt; &amp; &#35; A&O a & b", r"\&lt; \&amp; \&#35; A&O a & b"),
        ("C:\\mapp\\*", r"C:\mapp\\\*"),
        ("1. punkt", r"1\. punkt"),
        ("12) punkt", r"12\) punkt"),
        ("år 2024. Slut.", "år 2024. Slut."),
        ("- punkt", r"\- punkt"),
        ("+ punkt", r"\+ punkt"),
        ("> citat", r"\> citat"),
        ("===", r"\==="),
        ("---", r"\---"),
        ("***", r"\*\*\*"),
        ("```py", r"\`\`\`py"),
        ("| a |\n|---|", "| a |  \n  \\|---|"),
        ("~~bort~~ $x$ ^upp^ {.klass} taget!", r"\~\~bort\~\~ $x$ ^upp^ {.klass} taget!"),
        ("sista-ordet 1-2-4-alla", "sista-ordet 1-2-4-alla"),
        (
            "https://skolverket.se/kollegialt_larande_2024",
            "https://skolverket.se/kollegialt_larande_2024",
        ),
        ("\x1b[2J", "␛[2J"),
        ("a\x00b\x7fc\x85d\u202ee", "a␀b␡c⟨U+0085⟩d⟨U+202E⟩e"),
        ("a\tb", "a b"),
        ("rad 1\nrad 2", "rad 1  \n  rad 2"),
        ("rad 1\r\n\r\n  # rad 2\rrad 3", "rad 1\n\n  \\# rad 2  \n  rad 3"),
        ("C:\\\nD:\\", "C:\\\\  \n  D:\\\\"),
        ("   ", ""),
    ],
)
def test_escape_text_escapes_only_markup(text: str, expected: str) -> None:
    """escape_text puts a backslash only where CommonMark/GFM would read markup."""
    assert escape_text(text, "  ") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a | b", r"a \| b"),
        ("rad 1\nrad 2\r\n| 3", r"rad 1 rad 2 \| 3"),
        ("<b>x</b>\x1b", r"\<b>x\</b>␛"),
        ("1. punkt", "1. punkt"),
    ],
)
def test_escape_cell_keeps_text_on_one_line(text: str, expected: str) -> None:
    """escape_cell escapes like escape_text, pipes too, and turns line breaks into spaces."""
    assert escape_cell(text) == expected


def test_hostile_note_stays_one_list_item_in_the_document() -> None:
    """In the whole document the hostile note is one inert list item, shown as typed."""
    tokens = MD.parse(render_markdown(triangulation()))
    assert not {"html_inline", "html_block"} & {t.type for t in tokens}
    assert not any(c.type.startswith("html") for t in tokens for c in t.children or [])
    [item] = [t for t in list_items(tokens) if "rubrik" in t.content]
    assert plain(item) == f"Cecilia: {shown(HOSTILE)}"
    headings = [t for t in tokens if t.type == "heading_open"]
    assert len(headings) == 1 + 4 + 10 + 3  # title, sections, steps, groups: no stray heading


def test_hostile_protocol_texts_and_names_are_inert() -> None:
    """Hostile titles, statements, prompts, names and notes create no HTML and no markup."""
    md = render_markdown(hostile_meeting())
    tokens = MD.parse(md)
    assert not {"html_inline", "html_block", "link_open", "image", "fence", "code_block"} & {
        c.type for t in tokens for c in [t, *(t.children or [])]
    }
    h1 = tokens[[t.type for t in tokens].index("heading_open") + 1]
    assert plain(h1) == "<img src=x onerror=alert(1)> # Titel"


def test_table_cells_keep_pipes_and_line_breaks_inside() -> None:
    """A statement with `|` and a line break stays in its cell; each row has all columns."""
    tokens = MD.parse(render_markdown(hostile_meeting()))
    rows: list[list[str]] = []
    for i, tok in enumerate(tokens):
        if tok.type == "tr_open":
            rows.append([])
        elif tok.type in ("td_open", "th_open"):
            rows[-1].append(plain(tokens[i + 1]))
    assert len(rows) == 3
    assert {len(r) for r in rows} == {9}  # Nr, statement, 1-4, n, mean, spread
    assert rows[1][1] == "a | b <i>c</i>"


def test_no_raw_control_characters_in_any_export() -> None:
    """No control character but the line feed (and CSV's CRLF record ends) reaches an export raw."""
    s = triangulation()
    csv_text = render_csv(s).replace("\r\n", "\n")
    for text in (render_markdown(s), render_json(s), csv_text, render_html(s)):
        assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", text)


# --- anonymizing ---


def note_texts(session: Session) -> list[str]:
    return [n.text for n in session.notes.values()]


def test_anonymized_markdown_names_nobody() -> None:
    """Anonymized markdown holds no participant's name, not even typed inside a note."""
    md = render_markdown(observation(), anonymize=True)
    assert named(md) == []
    assert "vill ge fler tillfällen" in md  # the note is there, its name replaced
    assert "kom senare" not in md and "frånvarande" not in md  # would tell who is who


def test_anonymized_json_names_nobody() -> None:
    """Anonymized JSON (event log included) holds no participant's name anywhere."""
    assert named(render_json(triangulation(), anonymize=True)) == []
    assert named(render_json(observation(), anonymize=True)) == []


def test_anonymized_csv_names_nobody() -> None:
    """Anonymized CSV has Deltagare 1…3 in the participant column, in that order, and no name."""
    text = render_csv(triangulation(), anonymize=True)
    assert named(text) == []
    people = [row["participant"] for row in csv.DictReader(io.StringIO(text))]
    assert list(dict.fromkeys(people)) == ["Deltagare 1", "Deltagare 2", "Deltagare 3"]


def test_anonymized_xlsx_and_html_name_nobody() -> None:
    for build in (triangulation, observation, kinds_meeting):
        s = build()
        assert named(render_html(s, anonymize=True)) == []
        book = openpyxl.load_workbook(io.BytesIO(render_xlsx(s, anonymize=True)))
        values = [str(c) for sheet in book.worksheets for row in sheet.values for c in row]
        assert named(" ".join(values)) == []


def test_anonymized_notes_lose_their_speaker() -> None:
    """An anonymized note is not attributed, not even to an alias."""
    md = render_markdown(observation(), anonymize=True)
    assert "\n- Eleverna räcker upp handen innan de svarar.\n" in md


def test_names_typed_in_free_text_are_replaced_by_the_number() -> None:
    """Focus, notes and decisions: a participant's name becomes their number."""
    s = triangulation()
    names = seeded(s)
    md = render_markdown(s, names=names)
    assert f"- {names('Anna')} berättade om lektionsstudierna i svenska." in md


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Anna sa att anna och ANNA", "D1 sa att D1 och D1"),
        ("Annas förslag, Anna’s idé", "D1:s förslag, D1:s idé"),
        ("Annalena och Hanna", "Annalena och Hanna"),
        ("Anna-Karin och Anna", "D2 och D1"),
        ("Åsa, åsas och ÅSA; Åsaå", "D3, D3:s och D3; Åsaå"),
        ("Svensson sa: ”Bo, bo!”", "D4 sa: ”D4, D4!”"),
        ("bor boll Bo.", "bor boll D4."),
    ],
)
def test_names_are_replaced_as_whole_words_in_any_case(text: str, expected: str) -> None:
    """Whole words, any case, genitive too, å/ä/ö as letters, a two-word name word by word."""
    people = ["Anna", "Anna-Karin", "Åsa", "Bo Svensson"]
    names = Names(people, anonymize=True, lang="sv", rng=Random(0))
    short = {names(p): f"D{i}" for i, p in enumerate(people, start=1)}
    replaced = names.text(text)
    for alias, tag in short.items():
        replaced = replaced.replace(alias, tag)
    assert replaced == expected


def test_anonymized_names_follow_the_language() -> None:
    """In English the numbers are Participant 1…N."""
    md = render_markdown(observation(), anonymize=True, lang="en")
    assert [f"- Participant {n}" in md for n in range(1, 5)] == [True] * 4
    assert "Deltagare" not in md


def test_numbers_are_dealt_at_random_for_each_export() -> None:
    """Deltagare 1 is not the first who joined, and not the same person every time."""
    s = triangulation()
    first = [Names.of(s, anonymize=True, lang="sv")("Anna") for _ in range(40)]
    assert len(set(first)) == 3  # a fixed order would give one alias 40 times
    dealt = {
        tuple(map(Names.of(s, anonymize=True, lang="sv", rng=Random(seed)), s.participants))
        for seed in range(10)
    }
    assert len(dealt) > 1  # the injected generator decides, as the system one does


def test_rater_numbers_of_an_anonymous_rating_are_dealt_anew() -> None:
    """#1, #2 … follow the order people rated in: an anonymized export deals them again."""
    clock = FakeClock(datetime(2026, 11, 26, 9, 0, tzinfo=UTC))
    s = Session.start(resolve("triangulering"), ["Anna", "Bo", "Cecilia"], clock, anonymous=True)
    s.next_step()
    statements = s.rated_statements()
    for rater_row in ([1] * 18, [2] * 18, [3] * 18):
        rater = s.new_rater()
        for statement, value in zip(statements, rater_row, strict=True):
            s.set_rating(rater, statement, value)
    seen = set()
    for seed in range(12):
        names = Names.of(s, anonymize=True, lang="sv", rng=Random(seed))
        rows = csv.DictReader(io.StringIO(render_csv(s, names=names)))
        first = {int(r["value"]) for r in rows if r["participant"] == "#1"}
        seen |= first
        assert len(first) == 1
    assert seen == {1, 2, 3}


def test_roles_are_not_tied_to_numbers_unless_asked() -> None:
    """Who led the talk tells who a number is: left out, unless keep_roles asks for it."""
    s = triangulation()
    md = render_markdown(s, anonymize=True)
    assert "- **Samtalsledare:** utsedd (namnet visas inte)" in md
    data = json.loads(render_json(s, anonymize=True))
    assert data["derived"]["roles"] == {}
    assert "role_assigned" not in {e["type"] for e in data["events"]}
    names = seeded(s, keep_roles=True)
    assert f"- **Samtalsledare:** {names('Anna')}" in render_markdown(s, names=names)


def test_anonymized_formats_agree_on_aliases() -> None:
    """With one Names, the same person has the same number in every format."""
    s = triangulation()
    names = seeded(s, keep_roles=True)
    bo = names("Bo")
    md = render_markdown(s, names=names)
    derived = json.loads(render_json(s, names=names))["derived"]
    rows = list(csv.DictReader(io.StringIO(render_csv(s, names=names))))
    assert f"- **Tidshållare:** {bo}" in md
    assert derived["roles"]["tidshallare"] == bo
    assert [int(r["value"]) for r in rows if r["participant"] == bo] == RATINGS["Bo"]
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(s, names=names)))
    sheet = book["Värderingar"]
    column = [c.value for c in sheet[1]].index(bo)
    assert [row[column] for row in sheet.iter_rows(min_row=2, values_only=True)] == RATINGS["Bo"]


# --- JSON: writing and reading back ---


@pytest.mark.parametrize("build", [triangulation, observation, empty_meeting, kinds_meeting])
def test_json_round_trip_through_the_store_is_identical(
    build: Callable[[], Session], tmp_path: Path
) -> None:
    """Export, import into a new store, load, export again: the same bytes."""
    first = render_json(build())
    again, created_at = import_into(Store(tmp_path), first)
    assert render_json(again, created_at=created_at) == first


def test_anonymized_json_reimports_into_the_same_meeting(tmp_path: Path) -> None:
    """An anonymized export imports into a consistent meeting under the aliases."""
    s = triangulation()
    names = seeded(s)
    first = render_json(s, names=names)
    again, _ = import_into(Store(tmp_path), first)
    assert again.participants == [names(p) for p in s.participants]
    assert render_json(again) == first


def test_json_document_header() -> None:
    """The document says what it is, its version, when it was made, with the whole log."""
    s = observation()
    data = json.loads(render_json(s))
    assert (data["format"], data["version"]) == ("kollegial-session", 1)
    assert data["created_at"] == "2026-11-25T08:30:00Z"
    assert len(data["events"]) == len(s.events)
    assert data["protocol"]["id"] == "observationssamtal"


def test_json_derived_data_for_readers() -> None:
    """The derived part has participants, steps with seconds, notes, ratings and decisions."""
    derived = json.loads(render_json(observation()))["derived"]
    assert derived["participants"][3] == {"name": "David", "late": True, "present": True}
    assert derived["steps"][4]["skipped"] is True
    assert derived["steps"][0]["planned_seconds"] == 600.0
    assert derived["notes"][0]["speaker"] == "Anna"
    assert derived["decisions"] == [
        {
            "step": 5,
            "label": "Utvecklingsområde",
            "text": "Att ställa öppna frågor\noch ge betänketid.",
        }
    ]


def test_json_keys_are_sorted_below_the_top() -> None:
    """Every mapping below the top level has its keys in sorted order."""

    def check(value: Any) -> None:
        if isinstance(value, dict):
            assert list(value) == sorted(value)
            for item in value.values():
                check(item)
        elif isinstance(value, list):
            for item in value:
                check(item)

    data = json.loads(render_json(triangulation()))
    assert list(data) == ["format", "version", "created_at", "protocol", "derived", "events"]
    for part in data.values():
        check(part)


def test_json_uses_created_at_when_given() -> None:
    """created_at from the store wins over the time of the first event."""
    when = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert json.loads(render_json(observation(), created_at=when))["created_at"] == (
        "2026-01-02T03:04:05Z"
    )


def valid_export() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(render_json(observation()))
    return data


def with_event(*events: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    """A change that appends events to the log."""

    def change(data: dict[str, Any]) -> None:
        data["events"].extend({"at": "2026-11-25T09:00:00Z", **e} for e in events)

    return change


DELETE = object()
"""A value for :func:`setting` that removes the key."""


def setting(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """A change that sets the value at a dotted path (numbers index lists)."""

    def change(data: dict[str, Any]) -> None:
        *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
        node: Any = data
        for p in parents:
            node = node[p]
        if value is DELETE:
            del node[last]
        else:
            node[last] = value

    return change


@pytest.mark.parametrize(
    ("change", "key", "fragment"),
    [
        (setting("format", "något-annat"), "err.import_not_export", "'något-annat'"),
        (setting("format", DELETE), "err.import_not_export", "None"),
        (setting("version", 2), "err.import_version_newer", "version 2"),
        (setting("version", "1"), "err.import_version", "'1'"),
        (setting("version", True), "err.import_version", "True"),
        (setting("created_at", DELETE), "err.import_part", "created_at: värdet saknas"),
        (setting("created_at", "igår"), "err.import_part", "created_at: ogiltigt värde 'igår'"),
        (setting("protocol", DELETE), "err.import_part", "protocol: värdet saknas"),
        (setting("protocol.steps", []), "err.import_part", "protocol.steps: ogiltigt värde []"),
        (setting("protocol.titel", "x"), "err.import_part", "protocol.titel: nyckeln är okänd"),
        (setting("protocol.steps.0.notes", "okand"), "err.import_protocol", "okand"),
        (setting("events", {}), "err.import_part", "events: ogiltigt värde {}"),
        (setting("events.0.at", "nu"), "err.import_part", "events[0].at: ogiltigt värde 'nu'"),
        (setting("events.0.type", "hack"), "err.import_part", "okänd händelsetyp 'hack'"),
        (setting("events.0.extra", 1), "err.import_part", "events[0].extra: nyckeln är okänd"),
        (
            with_event({"type": "rating_set", "participant": "Zed", "statement": "x", "value": 1}),
            "err.import_event",
            "påståendet 'x' finns inte",
        ),
        (
            with_event({"type": "presence_changed", "name": "Zed", "present": False}),
            "err.import_event",
            "'Zed' har inte lagts till som deltagare",
        ),
        (
            with_event({"type": "participant_added", "name": "Anna"}),
            "err.import_event",
            "'Anna' läggs till som deltagare en gång till",
        ),
        (
            with_event({"type": "step_entered", "index": 99}),
            "err.import_event",
            "steg 100 finns inte, protokollet har 6 steg",
        ),
        (
            with_event({"type": "note_edited", "id": 99, "text": "x"}),
            "err.import_event",
            "anteckning 99 finns inte",
        ),
        (
            with_event({"type": "note_added", "id": 1, "index": 0, "text": "x"}),
            "err.import_event",
            "anteckning 1 finns redan",
        ),
        (
            with_event({"type": "note_added", "id": 50, "index": 0, "text": "x", "column": "y"}),
            "err.import_event",
            "kolumnen 'y' finns inte",
        ),
        (
            with_event({"type": "role_assigned", "role": "kung", "name": "Anna"}),
            "err.import_event",
            "rollen 'kung' finns inte",
        ),
        (
            with_event({"type": "decision_set", "index": 0, "text": "x"}),
            "err.import_event",
            "steg 1 är inget beslutssteg",
        ),
    ],
)
def test_invalid_export_is_refused_with_a_message(
    change: Callable[[dict[str, Any]], None], key: str, fragment: str
) -> None:
    """Each kind of invalid document raises KollegialError saying which part is wrong."""
    data = valid_export()
    change(data)
    with pytest.raises(KollegialError) as caught:
        parse_session_json(json.dumps(data))
    assert caught.value.key == key
    assert fragment in caught.value.render("sv")
    assert caught.value.render("en")  # the English text formats too


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("", "err.import_not_json"),
        ("kollegial", "err.import_not_json"),
        ('{"format": "kollegial-session",', "err.import_not_json"),
        ("[]", "err.import_not_export"),
        ('"kollegial-session"', "err.import_not_export"),
        ('{"format": "kollegial-session", "version": NaN}', "err.import_bad_json"),
        ('{"x": Infinity}', "err.import_bad_json"),
        ("[" * 100_000 + "]" * 100_000, "err.import_bad_json"),
        ('{"format": "\\ud800"}', "err.import_bad_json"),
    ],
    ids=["empty", "text", "cut-off", "list", "string", "nan", "infinity", "deep", "surrogate"],
)
def test_text_that_is_not_an_export_is_refused(text: str, key: str) -> None:
    """Non-JSON, odd JSON and JSON that is no export raise KollegialError, not a traceback."""
    with pytest.raises(KollegialError) as caught:
        parse_session_json(text)
    assert caught.value.key == key


def test_not_json_message_says_where() -> None:
    """The message for broken JSON gives the line and column."""
    with pytest.raises(KollegialError) as caught:
        parse_session_json('{\n  "format": x}')
    assert "rad 2, kolumn 13" in caught.value.render("sv")


def kinds_export() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(render_json(kinds_meeting()))
    return data


@pytest.mark.parametrize(
    ("event", "fragment"),
    [
        ({"type": "step_skipped", "index": 0}, "steg 1 kan inte hoppas över"),
        (
            {"type": "subgroups_formed", "index": 0, "groups": [["Anna", "Bo"]]},
            "steg 1 delar inte in i smågrupper",
        ),
        (
            {"type": "subgroups_formed", "index": 17, "groups": [["Anna", "Zed"]]},
            "'Zed' har inte lagts till som deltagare",
        ),
        (
            {"type": "subgroups_formed", "index": 17, "groups": [["Anna"], ["Anna", "Bo"]]},
            "'Anna' står i mer än en smågrupp",
        ),
    ],
    ids=["skip-not-optional", "not-subgroups", "unknown-name", "twice"],
)
def test_import_checks_the_new_events(event: dict[str, Any], fragment: str) -> None:
    """Skips of steps that are not optional and small groups that cannot be are refused."""
    data = kinds_export()
    with_event(event)(data)
    with pytest.raises(KollegialError) as caught:
        parse_session_json(json.dumps(data))
    assert caught.value.key == "err.import_event"
    assert fragment in caught.value.render("sv")


def test_import_counts_the_passes_of_the_participants_who_began() -> None:
    """The plan of an import has one pass per participant at the start: 21 steps, not 6."""
    data = kinds_export()
    with_event({"type": "step_entered", "index": 21})(data)
    with pytest.raises(KollegialError) as caught:
        parse_session_json(json.dumps(data))
    assert "steg 22 finns inte, protokollet har 21 steg" in caught.value.render("sv")


def test_log_that_does_not_replay_is_refused() -> None:
    """A log the engine cannot replay names the first event it stumbles on."""
    data = valid_export()
    # Turns in a round step that was never entered: the engine has no round for it.
    turn = {"at": "2026-11-25T09:00:00Z", "type": "turn_taken", "index": 3, "name": "Anna"}
    data["events"] = [*data["events"][:3], turn]
    with pytest.raises(KollegialError) as caught:
        parse_session_json(json.dumps(data))
    assert caught.value.key == "err.import_replay"
    assert caught.value.params == {"number": 4, "type": "turn_taken"}


def test_import_messages_do_not_echo_control_characters() -> None:
    """A hostile name in a bad export is quoted with escapes, never raw on the terminal."""
    data = valid_export()
    with_event({"type": "presence_changed", "name": "\x1b[2J", "present": True})(data)
    with pytest.raises(KollegialError) as caught:
        parse_session_json(json.dumps(data))
    message = caught.value.render("en")
    assert "\x1b" not in message and "'\\x1b[2J'" in message


# --- CSV ---


def test_csv_has_one_row_per_rating() -> None:
    """The header names the five columns (and the text), then one row per rating."""
    rows = list(csv.reader(io.StringIO(render_csv(triangulation(), session_id=7))))
    assert rows[0] == ["session", "participant", "group", "statement", "value", "statement_text"]
    assert len(rows) == 1 + 3 * 18
    assert rows[1][:5] == ["7", "Anna", "kvalitetsarbete", "kvalitetsarbete-1", "3"]


def test_csv_defuses_formulas_and_quotes_text() -> None:
    """Cells that would start a formula get a quote; commas and quotes survive."""
    rows = list(csv.DictReader(io.StringIO(render_csv(hostile_meeting()))))
    assert rows[0]["participant"] == "'=HYPERLINK(1)"
    assert rows[1]["statement_text"] == '\'=SUM(A1:A2), "citat"'
    assert rows[0]["statement_text"] == "a | b\n<i>c</i>"
    assert rows[0]["value"] == "1"


def test_csv_session_column_defaults_to_the_start_time() -> None:
    """Without a session id the session column holds when the meeting started."""
    rows = list(csv.DictReader(io.StringIO(render_csv(triangulation()))))
    assert {r["session"] for r in rows} == {"2026-11-24T14:00:00+00:00"}


# --- a meeting with nothing in it ---


def test_meeting_without_ratings_or_notes_exports() -> None:
    """With no ratings and no notes every format still renders, without empty sections."""
    s = empty_meeting()
    md = render_markdown(s)
    assert "## Värderingar" not in md and "## Beslut" not in md
    assert "- **Tidshållare:** *ingen utsedd*" in md
    assert render_csv(s) == "session,participant,group,statement,value,statement_text\r\n"
    assert json.loads(render_json(s))["derived"]["notes"] == []


# --- the core stays headless ---


@pytest.mark.slow
def test_export_imports_no_ui() -> None:
    """Importing kollegial.export pulls in neither textual, questionary nor rich."""
    probe = (
        "import sys, kollegial.export\n"
        "print([m for m in ('textual', 'questionary', 'rich', 'prompt_toolkit') "
        "if m in sys.modules])"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_a_meeting_run_as_a_variant_exports_and_imports(tmp_path: Path) -> None:
    """The stored protocol of a variant lacks the skipped steps, and still imports."""
    from kollegial.protocols.discovery import with_variant

    clock = FakeClock(datetime(2026, 11, 29, 15, 0, tzinfo=UTC))
    s = Session.start(with_variant(resolve("stamma-av"), "kort"), ["Anna", "Bo"], clock)
    clock.advance(60)
    s.end()
    first = render_json(s)
    assert json.loads(first)["protocol"]["variants"] == {}
    again, created_at = import_into(Store(tmp_path), first)
    assert again.protocol.title == "Stämma av ett arbete (Kort: 30 minuter)"
    assert render_json(again, created_at=created_at) == first


# --- an unfinished meeting ---


def test_steps_an_unfinished_meeting_has_not_reached_are_not_skipped() -> None:
    """Steps after the furthest one are "ej nådd"; one jumped over stays "hoppades över"."""
    clock = FakeClock(datetime(2026, 11, 26, 9, 0, tzinfo=UTC))
    s = Session.start(resolve("observationssamtal"), ["Anna", "Bo"], clock)
    clock.advance(60)
    s.goto(2)  # step 2 is jumped over
    clock.advance(60)
    md = render_markdown(s)
    timings = re.findall(r"^\*(.*)\*$", md, flags=re.M)
    assert ["hoppades över" in t for t in timings] == [False, True, False, False, False, False]
    assert ["ej nådd" in t for t in timings] == [False, False, False, True, True, True]
    s.end()  # ended early: the steps never got to are still not reached
    assert render_markdown(s).count("ej nådd") == 3
    assert "not yet reached" in render_markdown(s, lang="en")


def test_json_says_which_steps_were_not_reached() -> None:
    """The derived steps of a running meeting tell "not reached" from "skipped"."""
    clock = FakeClock(datetime(2026, 11, 26, 9, 0, tzinfo=UTC))
    s = Session.start(resolve("observationssamtal"), ["Anna", "Bo"], clock)
    s.goto(2)
    steps = json.loads(render_json(s))["derived"]["steps"]
    assert [(st["skipped"], st["not_reached"]) for st in steps] == [
        (False, False),
        (True, False),
        (False, False),
        (False, True),
        (False, True),
        (False, True),
    ]


CR_PROTOCOL = """\
title: Radbrytningar
groups:
  - id: g
    title: Grupp
    statements:
      - "Bra\\r=cmd|' /C calc'!A0"
      - "Två\\nrader\\r\\n+1"
      - "Slut\\r@SUM(A1)"
steps:
  - {title: Värdera, mode: rate, minutes: 1}
"""


def csv_records(text: str) -> list[str]:
    """The records of RFC 4180 text; a CR or LF outside quotes other than a CRLF ending fails."""
    records, current, quoted, i = [], "", False, 0
    while i < len(text):
        char = text[i]
        if char == '"':
            quoted = not quoted  # a doubled quote toggles twice
        elif not quoted and text.startswith("\r\n", i):
            records.append(current)
            current, i = "", i + 2
            continue
        elif not quoted:
            assert char not in "\r\n", (
                f"bare line break outside quotes at {i}: {text[i - 20 : i + 20]!r}"
            )
        current += char
        i += 1
    assert current == "" and not quoted, "the last record must end in CRLF"
    return records


def test_csv_quotes_every_line_break_so_no_row_starts_with_a_formula() -> None:
    """A bare CR (or LF) in a text is inside a quoted field: no new row, no formula (RFC 4180)."""
    protocol = load_text(CR_PROTOCOL, Path("cr.yaml"))
    s = Session.start(protocol, ["Anna", "Bo"], FakeClock(datetime(2026, 11, 27, tzinfo=UTC)))
    for person in s.participants:
        for statement in ("g-1", "g-2", "g-3"):
            s.set_rating(person, statement, 2)
    text = render_csv(s, session_id=1)
    records = csv_records(text)
    assert len(records) == 1 + 6
    assert not [r for r in records if re.match(r"[=+\-@]", r)]
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == 6
    assert [r["statement_text"] for r in rows[:3]] == [
        "Bra\r=cmd|' /C calc'!A0",
        "Två\nrader\r\n+1",
        "Slut\r@SUM(A1)",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Bra = bra", "Bra = bra"),
        ("e-post", "e-post"),
    ],
)
def test_csv_defuses_every_formula_start(text: str, expected: str) -> None:
    """A text cell that a spreadsheet would run as a formula gets a leading quote."""
    assert defuse(text) == expected


# --- the round trip of a meeting not yet ended, a BOM, an import twice ---


def running_meeting() -> Session:
    """The observation talk, left in the middle of its second step."""
    clock = FakeClock(datetime(2026, 11, 25, 8, 30, tzinfo=UTC))
    s = Session.start(resolve("observationssamtal"), ["Anna", "Bo"], clock)
    clock.advance(95)
    s.add_note("Första.")
    s.next_step()
    clock.advance(162)
    return s


def test_json_round_trip_keeps_the_time_used_of_a_running_step(tmp_path: Path) -> None:
    """A meeting exported mid-step imports with that step's time, and exports the same again."""
    first = render_json(running_meeting())
    used = [st["used_seconds"] for st in json.loads(first)["derived"]["steps"]]
    assert used[:2] == [95.0, 162.0]
    again, created_at = import_into(Store(tmp_path), first)
    assert render_json(again, created_at=created_at) == first
    assert again.timers[1].elapsed(0.0) == 162.0


def test_json_round_trip_through_the_command(cli: Callable[..., Result], tmp_path: Path) -> None:
    """export -f json, import into another data folder, export again: the same file."""
    first = render_json(running_meeting())
    path = tmp_path / "möte.json"
    path.write_text(first, encoding="utf-8")
    assert cli("import", str(path)).code == 0
    out = tmp_path / "igen.json"
    r = cli("export", "-f", "json", "-o", str(out))
    assert r.code == 0, r.err
    assert out.read_text(encoding="utf-8") == first


def test_a_file_with_a_byte_order_mark_imports(cli: Callable[..., Result], tmp_path: Path) -> None:
    """Notepad saves UTF-8 with a BOM: such a file imports like any other."""
    path = tmp_path / "möte.json"
    path.write_bytes(render_json(observation()).encode("utf-8-sig"))
    r = cli("import", str(path))
    assert r.code == 0, r.err
    assert parse_session_json("\ufeff" + render_json(observation()))[0].id == "observationssamtal"


def test_importing_a_meeting_twice_is_refused(cli: Callable[..., Result], tmp_path: Path) -> None:
    """The second import of the same file (or of an earlier export of it) says where it is."""
    path = tmp_path / "möte.json"
    path.write_text(render_json(observation()), encoding="utf-8")
    assert cli("import", str(path)).code == 0
    r = cli("import", str(path))
    assert r.code != 0
    assert "redan importerad" in r.err and "id 1" in r.err and "Traceback" not in r.err
    assert [line for line in cli("sessions").out.splitlines() if "observationssamtal" in line]
    assert len(Store().sessions()) == 1
    # An export made before the meeting went on is a copy of the same meeting too.
    s = running_meeting()
    early = render_json(s)
    s.clock.advance(10)  # type: ignore[attr-defined]
    s.end()
    path.write_text(render_json(s), encoding="utf-8")
    assert cli("import", str(path)).code == 0
    path.write_text(early, encoding="utf-8")
    assert "redan importerad" in cli("import", str(path)).err
    # Another meeting of the same protocol is not.
    path.write_text(render_json(empty_meeting()), encoding="utf-8")
    assert cli("import", str(path)).code == 0


def test_export_command_anonymizes_and_keeps_roles_only_when_asked(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    path = tmp_path / "möte.json"
    path.write_text(render_json(triangulation()), encoding="utf-8")
    assert cli("import", str(path)).code == 0
    hidden = cli("export", "--anonymize").out
    assert "- **Samtalsledare:** utsedd (namnet visas inte)" in hidden and named(hidden) == []
    shown = cli("export", "--anonymize", "--keep-roles").out
    assert re.search(r"- \*\*Samtalsledare:\*\* Deltagare [123]\n", shown)
    assert named(shown) == []
