"""The bundled protocols are valid and say what the seed says, word for word."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kollegial.protocols.discovery import bundled_dir, protocol_files
from kollegial.protocols.loader import load_protocol
from kollegial.protocols.model import Mode, RoundKind, sub_step_minutes
from tests.conftest import DATA, ROOT

SEED = DATA / "seeds" / "000_108f3ed0a638cbdf.txt"
SHARED_SEED = ROOT.parent / "shared" / "seeds" / SEED.name


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def seed_statements(heading: str) -> list[str]:
    """The six numbered statements under ``heading`` in the seed, lines joined."""
    lines = seed_text().splitlines()
    start = next(
        i
        for i, line in enumerate(lines)
        if line.strip() == heading and lines[i + 1].startswith("1 ")
    )
    items: list[str] = []
    for line in lines[start + 1 :]:
        text = line.strip()
        if not text:
            continue
        if re.match(rf"^{len(items) + 1} ", text) and len(items) < 6:
            items.append(text.split(" ", 1)[1])
        elif len(items) == 6 and items[-1].rstrip().endswith("."):
            break
        else:
            items[-1] += " " + text
    return [re.sub(r"\s+", " ", item).strip() for item in items]


def seed_minutes(section: str, count: int) -> list[int]:
    """The minutes given in parentheses in a seed passage, in order."""
    text = seed_text()
    passage = text[text.index(section) :]
    return [int(m) for m in re.findall(r"\((\d+)\s+min", passage)[:count]]


def test_seed_copy_matches_shared_seed() -> None:
    """The seed kept in tests/data is the shared one, unchanged (when shared/ is present)."""
    if SHARED_SEED.exists():
        assert SEED.read_bytes() == SHARED_SEED.read_bytes()


@pytest.mark.parametrize("path", protocol_files(bundled_dir()), ids=lambda p: p.stem)
def test_every_bundled_protocol_is_valid(path: Path) -> None:
    """Each file in the bundled library loads without a problem and has the id of its name."""
    assert load_protocol(path).id == path.stem


def test_observation_talk_follows_the_seed() -> None:
    """Six steps, 10/5/3/5/1/5 minutes, the seed's three columns, ending in a decision."""
    p = load_protocol(bundled_dir() / "observationssamtal.yaml")
    minutes = seed_minutes("Förslag till samtalsstruktur i anslutning till observation", 6)
    assert minutes == [10, 5, 3, 5, 1, 5]
    assert [s.minutes for s in p.steps] == minutes
    assert p.planned_minutes() == 29
    assert [s.mode for s in p.steps] == [
        Mode.ROUND,
        Mode.ROUND,
        Mode.SILENT,
        Mode.ROUND,
        Mode.SILENT,
        Mode.DECISION,
    ]
    assert all(s.round is RoundKind.UNTIL_ALL_PASS for s in p.steps if s.mode is Mode.ROUND)
    headings = (
        "Hur gör eleverna? Vad säger eleverna? Vilket lärande blir synligt? "
        "Mina reflektioner om vad eleverna behöver"
    )
    assert headings in seed_text()
    assert [c.title for c in p.columns] == [
        "Hur gör eleverna? Vad säger eleverna?",
        "Vilket lärande blir synligt?",
        "Mina reflektioner om vad eleverna behöver",
    ]
    assert [s.notes for s in p.steps[:4]] == ["gor-sager", "larande", "behov", "behov"]
    assert "definierat fokus" in (p.steps[0].prompt or "")


def test_triangulation_follows_the_seed() -> None:
    """Appoint, rate 10, appoint, 30 minutes of corners, 10 minutes closing: 50 in all."""
    p = load_protocol(bundled_dir() / "triangulering.yaml")
    assert seed_minutes("Vägledning för ett lärande samtal kring trianguleringen", 3) == [
        10,
        30,
        10,
    ]
    assert [(s.mode, s.minutes) for s in p.steps] == [
        (Mode.INFO, None),
        (Mode.RATE, 10),
        (Mode.INFO, None),
        (None, 30),
        (Mode.DISCUSSION, 10),
    ]
    assert [s.appoint for s in p.steps] == [
        "samtalsledare",
        None,
        "tidshallare",
        None,
        None,
    ]
    corners = p.steps[3]
    assert corners.for_each == "group"
    assert [s.mode for s in corners.steps or []] == [Mode.ROUND, Mode.DISCUSSION]
    assert sub_step_minutes(corners, len(p.groups)) == [5, 5]
    assert p.planned_minutes() == 50
    assert (p.scale.min, p.scale.max, p.scale.labels[4]) == (1, 4, "Högst")


@pytest.mark.parametrize(
    ("group_id", "heading"),
    [
        ("kvalitetsarbete", "Det systematiska kvalitetsarbetet"),
        ("kollegialt-larande", "Det kollegiala lärandet"),
        ("pedagogiskt-ledarskap", "Det pedagogiska ledarskapet"),
    ],
)
def test_triangulation_statements_are_the_seeds_word_for_word(group_id: str, heading: str) -> None:
    """All eighteen statements match the seed, only line breaks joined."""
    p = load_protocol(bundled_dir() / "triangulering.yaml")
    group = p.group(group_id)
    assert group.title == heading
    expected = seed_statements(heading)
    assert len(expected) == 6
    assert [st.text for st in group.statement_list()] == expected
