"""The big letters of the projected prompt: every glyph readable, every text read back whole."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import yaml

from kollegial.tui import font

PROTOCOLS = Path(__file__).parents[2] / "protocols"
# What Swedish prompts contain besides the bundled protocols' own characters.
SWEDISH = (
    "abcdefghijklmnopqrstuvwxyzåäöéABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖÉ0123456789 ,.:;!?–-()'\"/%+”“’‘—…"
)
HALF = {" ": (False, False), "▀": (True, False), "▄": (False, True), "█": (True, True)}


def bundled_prompts() -> list[str]:
    prompts: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "prompt" and isinstance(value, str):
                    prompts.append(value)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for path in sorted(PROTOCOLS.glob("*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return prompts


def pixels(rows: list[str]) -> list[list[bool]]:
    """Block characters back to pixel rows (two per terminal row)."""
    width = max((len(r) for r in rows), default=0)
    out: list[list[bool]] = []
    for row in rows:
        pairs = [HALF[c] for c in row.ljust(width)]
        out.append([top for top, _ in pairs])
        out.append([bottom for _, bottom in pairs])
    return out


def _columns(rows: list[list[bool]] | tuple[str, ...], width: int) -> tuple[int, ...]:
    """Each pixel column as a number, one bit per row: columns compare in one step."""
    return tuple(
        sum(1 << r for r, row in enumerate(rows) if x < len(row) and row[x] in (True, "#"))
        for x in range(width)
    )


GLYPH_COLUMNS = {c: _columns(g, len(g[0])) for c, g in font.TEXT_GLYPHS.items()}
BY_FIRST_COLUMN: dict[int, list[tuple[str, tuple[int, ...]]]] = {}
for _char, _glyph in GLYPH_COLUMNS.items():
    BY_FIRST_COLUMN.setdefault(_glyph[0], []).append((_char, _glyph))


def read_line(grid: list[list[bool]]) -> set[str]:
    """Every way the pixel rows of one line of text read as glyphs (at most two)."""
    columns = _columns(grid, len(grid[0]) if grid else 0)
    width = len(columns)
    while width and not columns[width - 1]:
        width -= 1
    # Past the last lit column everything is blank.
    columns = columns[:width] + (0,) * 8

    @cache
    def parse(x: int) -> frozenset[str]:
        found: set[str] = set()
        for char, glyph in BY_FIRST_COLUMN.get(columns[x], []):
            w = len(glyph)
            if columns[x : x + w] != glyph:
                continue
            if x + w >= width:
                if char != " ":
                    found.add(char)
            elif not columns[x + w]:
                found.update(char + rest for rest in parse(x + w + 1))
            if len(found) > 1:
                break
        return frozenset(found)

    return set(parse(0)) if width else {""}


def read(rows: list[str]) -> list[set[str]]:
    """What big letters say, line by line: each line's readings."""
    per_line = font.LINE_PITCH // 2
    grid = pixels(rows)
    return [
        read_line(grid[k * 2 * per_line : k * 2 * per_line + font.TEXT_HEIGHT])
        for k in range(len(rows) // per_line)
    ]


def test_every_glyph_is_as_tall_as_the_others_and_as_wide_on_each_row() -> None:
    for glyphs, height in ((font.GLYPHS, font.HEIGHT), (font.TEXT_GLYPHS, font.TEXT_HEIGHT)):
        for char, glyph in glyphs.items():
            assert len(glyph) == height, char
            assert len({len(row) for row in glyph}) == 1, char
            assert set("".join(glyph)) <= {"#", " "}, char


def test_no_two_glyphs_of_running_text_look_the_same() -> None:
    seen: dict[tuple[str, ...], str] = {}
    for char, glyph in font.TEXT_GLYPHS.items():
        assert glyph not in seen, f"{char!r} looks like {seen.get(glyph)!r}"
        seen[glyph] = char


def test_the_font_writes_swedish_and_every_bundled_prompt() -> None:
    used = set("".join(bundled_prompts())) - {"\n"}
    missing = (used | set(SWEDISH)) - set(font.TEXT_GLYPHS)
    assert not missing


@pytest.mark.parametrize("width", [86, 166], ids=str)
def test_every_bundled_prompt_reads_back_as_written(width: int) -> None:
    """Rendered big and read back pixel by pixel: the same words, one reading only."""
    read_any = 0
    for prompt in bundled_prompts():
        lines = font.wrap(prompt, width)
        if lines is None:
            assert any(font.text_width(w) > width for w in prompt.split())
            continue
        rows = font.write(lines)
        assert len(rows) == len(lines) * font.LINE_PITCH // 2
        assert read(rows) == [{line} for line in lines]
        read_any += 1
    assert read_any > 100


def test_wrapping_breaks_between_words_and_never_cuts_one() -> None:
    text = "Laget runt, en sak i taget: vad såg du (och vad hörde du)?"
    lines = font.wrap(text, 100)
    assert lines is not None and len(lines) > 2
    assert all(font.text_width(line) <= 100 for line in lines)
    assert " ".join(lines).split() == text.split()
    assert "…" not in "".join(lines)


def test_a_line_break_in_the_prompt_stays_one() -> None:
    assert font.wrap("Två rader:\nen och två", 400) == ["Två rader:", "en och två"]
    # A block scalar's last line break (YAML ``|``) adds no empty line.
    assert font.wrap("Två rader:\nen och två\n", 400) == ["Två rader:", "en och två"]


def test_a_word_wider_than_the_line_or_a_character_without_a_glyph_is_no_big_text() -> None:
    assert font.wrap("Kvalitetsarbetet", font.text_width("Kvalitetsarbetet") - 1) is None
    assert font.wrap("Kvalitetsarbetet", font.text_width("Kvalitetsarbetet")) == [
        "Kvalitetsarbetet"
    ]
    for text in ("Kostar 5 €", "Tabb\there", "→ nästa", "", "  "):
        assert font.wrap(text, 1000) is None, text
