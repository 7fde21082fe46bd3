"""The protocol library: each bundled protocol has the structure and timings of its source.

The well-known structures (Final Word, Tuning, 1-2-4-All ...) have fixed steps and
minutes; the seeded ones quote their seed, which is checked word for word where
the seed texts are present.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from kollegial.protocols.discovery import bundled_dir, protocol_files
from kollegial.protocols.loader import load_protocol
from kollegial.protocols.model import Protocol, Step, apply_variant, sub_step_minutes, walk
from tests.conftest import DATA

LIBRARY = bundled_dir()

# The twelve protocols of the library issue, besides the two core ones.
NEW = [
    "timperley",
    "perspektiv",
    "relationellt-ledarskap",
    "analys",
    "aterkoppling",
    "dilemma",
    "reflekterande-team",
    "sista-ordet",
    "titta-pa-data",
    "stamma-av",
    "1-2-4-alla",
    "tyst-skrivsamtal",
]

# The seeds' further models (issue 20), each word for word from its seed.
FROM_SEEDS = [
    "ledarskap-som-larande",
    "ledarskapets-grund",
    "forandringsmyter",
    "kapacitet",
    "timperley-skolledare",
    "lararledarskap",
    "samtalsmonster",
]


def load(pid: str) -> Protocol:
    return load_protocol(LIBRARY / f"{pid}.yaml")


def seed(name: str) -> str:
    """A seed text with lines joined, words broken at a line end mended, spaces collapsed."""
    # Copies of the seed texts live in the repository, so CI checks them too.
    text = (DATA / "seeds" / name).read_text(encoding="utf-8")
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)
    return re.sub(r"\s+", " ", text)


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def shape(steps: list[Step] | None) -> list[tuple[str | None, float | None]]:
    """Each step as (mode, minutes); a block has mode None."""
    return [(str(s.mode) if s.mode is not None else None, s.minutes) for s in steps or []]


def planned(steps: list[Step], people: int, n_groups: int = 0) -> float:
    """The planned minutes, worked out here from the format's rules (not the core's code)."""
    total = 0.0
    for s in steps:
        if s.minutes is not None:
            total += s.minutes
        elif s.minutes_per_person is not None:
            count = people if s.steps is not None else people - (1 if s.exclude else 0)
            total += s.minutes_per_person * count
        elif s.steps:
            passes = {"group": n_groups, "participant": people}.get(s.for_each or "", 1)
            total += planned(s.steps, people, n_groups) * passes
    return total


def by_id(steps: list[Step], step_id: str) -> Step:
    return next(s for s in steps if s.id == step_id)


# --- every file ---------------------------------------------------------------


@pytest.mark.parametrize("path", protocol_files(LIBRARY), ids=lambda p: p.stem)
def test_every_bundled_protocol_names_its_source_and_sums_itself_up_in_swedish(
    path: Path,
) -> None:
    """A source, Swedish, and a summary of one or two Swedish sentences."""
    p = load_protocol(path)
    assert p.source and len(p.source.strip()) > 10
    assert p.language == "sv"
    assert p.summary
    summary = norm(p.summary)
    assert 1 <= len(re.findall(r"[.!?](?:\s|$)", summary)) <= 2, summary
    assert re.search(r"\b(och|att|som|en|ett|av|på|i|till)\b", summary), summary


SEED_FILE = re.compile(r"\.txt\b|\b\d{3}_[0-9a-f]{16}\b")


@pytest.mark.parametrize("path", protocol_files(LIBRARY), ids=lambda p: p.stem)
def test_every_source_names_a_document_and_what_is_ours(path: Path) -> None:
    """A source a reader can find (never our seed file names) that says what we wrote."""
    source = norm(load_protocol(path).source or "")
    assert not SEED_FILE.search(source), source
    # Every protocol adapts its source somewhere (titles, steps, times, texts), and says where.
    assert re.search(r"\b(vår|våra|vårt)\b", source), source


# Each seeded protocol and the seeds it quotes.
SEEDED = {
    "triangulering": ["000_108f3ed0a638cbdf.txt"],
    "observationssamtal": ["000_108f3ed0a638cbdf.txt"],
    "analys": ["000_108f3ed0a638cbdf.txt"],
    "perspektiv": ["001_4b290bc93766d344.txt"],
    "timperley": ["002_8639da5755754d78.txt", "003_6a7227be0c2896eb.txt"],
    "dilemma": ["002_8639da5755754d78.txt"],
    "aterkoppling": ["004_7e2897be222eedce.txt"],
    "relationellt-ledarskap": ["004_7e2897be222eedce.txt"],
    "ledarskap-som-larande": ["000_108f3ed0a638cbdf.txt"],
    "ledarskapets-grund": ["000_108f3ed0a638cbdf.txt"],
    "forandringsmyter": ["001_4b290bc93766d344.txt"],
    "kapacitet": ["001_4b290bc93766d344.txt"],
    "timperley-skolledare": ["001_4b290bc93766d344.txt"],
    "lararledarskap": ["002_8639da5755754d78.txt"],
    "samtalsmonster": ["003_6a7227be0c2896eb.txt"],
}


def texts(p: Protocol) -> Iterator[str]:
    """Every text of a protocol the room reads: prompts, hints, statements, source."""
    for s, _ in walk(p.steps):
        yield from (t for t in (s.prompt, s.hint) if t)
    for g in p.groups:
        yield from (st.text for st in g.statements)
    yield p.source or ""


@pytest.mark.parametrize("pid", sorted(SEEDED))
def test_every_quotation_is_word_for_word_from_the_seed(pid: str) -> None:
    """What a seeded protocol puts in quotation marks (”…”) is in its seed, as written."""
    seeds = " ".join(seed(name) for name in SEEDED[pid])
    quoted = [q for text in texts(load(pid)) for q in re.findall(r"”([^”]+)”", norm(text))]
    for q in quoted:
        assert q in seeds, q


@pytest.mark.parametrize("pid", ["triangulering", "observationssamtal"])
def test_the_core_protocols_prompts_are_the_seeds_words(pid: str) -> None:
    """Each sentence of the two core protocols' prompts is the seed's (a leading … marks a cut)."""
    text = seed("000_108f3ed0a638cbdf.txt")
    for s, _ in walk(load(pid).steps):
        assert s.prompt, s.title
        for sentence in re.split(r"(?<=[.!?])\s+", norm(s.prompt)):
            assert sentence.removeprefix("…") in text, sentence


def test_each_observation_step_says_what_the_seeds_step_says() -> None:
    """Step n's prompt is the seed's step n, no more (step 1 after the seed's opening line)."""
    text = seed("000_108f3ed0a638cbdf.txt")
    passage = text[text.index("Förslag till samtalsstruktur i anslutning till observation") :]
    opening = "Utgå från definierat fokus (om inte observationen gjordes förutsättningslöst)."
    numbered = re.findall(r"(\d)\. (.+?) \(\d+ min(?:ut|uter)?\)", passage)[:6]
    assert [n for n, _ in numbered] == list("123456")
    prompts = [norm(s.prompt or "") for s in load("observationssamtal").steps]
    assert prompts == [f"{opening} {numbered[0][1]}"] + [step for _, step in numbered[1:]]


def test_the_triangulations_five_and_five_minutes_are_said_to_be_ours() -> None:
    """The seed gives 30 minutes for the corners; the split per corner is ours, and says so."""
    p = load("triangulering")
    corners = by_id(p.steps, "ett-horn-i-taget")
    assert "30 minuter" in norm(corners.prompt or "") or "(30 minuter)" in seed(
        "000_108f3ed0a638cbdf.txt"
    )
    assert "5 minuter" in (corners.hint or "") and "vår" in (corners.hint or "")
    assert "5 + 5" in norm(p.source or "") and "vår" in norm(p.source or "")


def test_the_library_holds_all_twenty_one_protocols() -> None:
    stems = {p.stem for p in protocol_files(LIBRARY)}
    assert {*NEW, *FROM_SEEDS, "observationssamtal", "triangulering"} == stems


@pytest.mark.parametrize("pid", NEW + FROM_SEEDS)
def test_prompts_are_given_and_roles_are_declared(pid: str) -> None:
    """Every leaf step says what to do; every role a step names is declared."""
    p = load(pid)
    roles = {r.id for r in p.roles}

    def leaves(steps: list[Step]) -> Iterator[Step]:
        for s in steps:
            if s.steps is not None:
                assert s.as_role is None or s.as_role in roles
                yield from leaves(s.steps)
            else:
                yield s

    # A prompt that turns to the samtalsledare has one: declared, and appointed.
    said = " ".join(t for s, _ in walk(p.steps) for t in (s.prompt, s.hint) if t)
    if "amtalsledare" in said:
        assert "samtalsledare" in roles
        assert any(s.appoint == "samtalsledare" for s, _ in walk(p.steps))

    for s in leaves(p.steps):
        assert s.prompt and len(s.prompt) > 20, s.title
        for role in (s.speaker, s.exclude, s.appoint):
            assert role is None or role in roles, (s.title, role)
        if str(s.mode) == "present":
            assert s.speaker


@pytest.mark.parametrize("people", [2, 4, 5, 6, 9])
@pytest.mark.parametrize("pid", NEW + FROM_SEEDS)
def test_the_core_plans_the_same_minutes_as_the_format_rules(pid: str, people: int) -> None:
    """The engine's planned length agrees with the rules worked out in this file."""
    p = load(pid)
    assert p.planned_minutes(people) == planned(p.steps, people, len(p.groups))


# --- from the seeds -----------------------------------------------------------


TIMPERLEY_QUESTIONS = [
    "Vilka kunskaper och färdigheter behöver våra elever för att uppnå viktiga mål?",
    "Vilka kunskaper och färdigheter behöver vi professionella för att tillgodose "
    "våra elevers behov?",
    "Fördjupa de professionella kunskaperna och finslipa den professionella förmågan.",
    "Låt eleverna uppleva lärande på ett nytt sätt.",
    "Har vårt nya agerande påverkat de resultat som vi anser är viktiga för våra elever?",
]


def test_timperley_asks_the_five_questions_in_order() -> None:
    """The cycle's five questions, quoted from the report, one after another."""
    text = seed("003_6a7227be0c2896eb.txt")
    for i, question in enumerate(TIMPERLEY_QUESTIONS, start=1):
        assert f"{i}. {question}" in text
    assert "En cyklisk kunskapsprocess" in text
    assert "Teacher inquiry and knowledge-building cycle" in seed("002_8639da5755754d78.txt")

    p = load("timperley")
    assert shape(p.steps) == [
        ("info", None),
        ("silent", 3),
        ("round", 12),
        ("round", 10),
        ("discussion", 10),
        ("decision", 10),
        ("discussion", 10),
        ("round", 5),
    ]
    assert p.steps[0].appoint == "samtalsledare"
    prompts = [norm(s.prompt or "") for s in p.steps]
    # Each question appears, quoted, in a later step than the one before it.
    at = [next(i for i, pr in enumerate(prompts) if q in pr) for q in TIMPERLEY_QUESTIONS]
    assert at == sorted(at) and len(set(at)) == 5
    assert planned(p.steps, 6) == 60


def test_perspektiv_rates_ten_dimensions_between_the_two_perspectives() -> None:
    """Ten statements, each with both descriptions, in groups; a round per group."""
    text = seed("001_4b290bc93766d344.txt")
    p = load("perspektiv")
    assert (p.scale.min, p.scale.max) == (1, 4)
    assert (p.scale.labels[1], p.scale.labels[4]) == ("Managementperspektiv", "Kunskapsperspektiv")
    statements = [st for g in p.groups for st in g.statements]
    assert len(p.groups) == 3 and len(statements) == 10
    dimensions = [norm(st.text).split(": ", 1)[0] for st in statements]
    assert sorted(dimensions) == sorted(
        [
            "Kompetens",
            "Ledarskap",
            "Strukturer",
            "Resultat",
            "Samarbetsformer",
            "Tid",
            "Makt",
            "Professionella yrkesroller",
            "Karriärvägar",
            "Grad av ”styrka” i systemet (Weick,1996)",
        ]
    )
    for st in statements:
        management, knowledge = norm(st.text).split(": ", 1)[1].split(" ↔ ")
        # Both sides word for word from the table, its punctuation too.
        assert management in text, management
        assert knowledge in text, knowledge

    assert shape(p.steps) == [
        ("info", None),
        ("rate", 12),
        ("info", None),
        (None, 36),
        ("discussion", 12),
    ]
    corners = p.steps[3]
    assert corners.for_each == "group" and corners.steps
    assert [str(s.mode) for s in corners.steps] == ["round", "discussion"]
    assert corners.steps[0].show == "ratings"
    assert planned(p.steps, 6, len(p.groups)) == 60


def test_relationellt_ledarskap_rates_hirschs_eight_aspects_then_decides() -> None:
    text = seed("004_7e2897be222eedce.txt")
    p = load("relationellt-ledarskap")
    aspects = [st.text for st in p.groups[0].statements]
    assert len(p.groups) == 1 and len(aspects) == 8
    for i, aspect in enumerate(aspects, start=1):
        assert f"{i}. {aspect}" in text
    assert shape(p.steps) == [
        ("info", None),
        ("rate", 8),
        ("round", 15),
        ("discussion", 10),
        ("silent", 2),
        ("decision", 8),
        ("round", 5),
    ]
    assert p.steps[2].show == "ratings"
    assert p.steps[5].decision
    assert (p.scale.min, p.scale.max) == (1, 4)
    assert planned(p.steps, 6) == 48


def test_analys_goes_from_interpretation_to_a_focus_area_and_a_trial() -> None:
    text = seed("000_108f3ed0a638cbdf.txt")
    for phrase in (
        "Analys I: Hur tolkar vi det vi sett?",
        "Vad behöver eleverna?",
        "Vad berättar det om undervisningen?",
        "Analys II: Identifiera fokusområde!",
    ):
        assert phrase in text
    p = load("analys")
    assert shape(p.steps) == [
        ("info", None),
        ("silent", 5),
        ("round", 10),
        ("round", 8),
        ("discussion", 10),
        ("silent", 2),
        ("decision", 8),
        ("decision", 8),
        ("discussion", 5),
    ]
    titles = [s.title for s in p.steps]
    assert titles[2:5] == [
        "Hur tolkar vi det vi sett?",
        "Vad behöver eleverna?",
        "Vad berättar det om undervisningen?",
    ]
    assert "Analys I" in (p.steps[2].prompt or "")
    assert "Analys II" in (p.steps[6].prompt or "")
    assert [s.notes for s in p.steps[2:5]] == ["tolkning", "elevbehov", "undervisning"]
    assert [p.steps[6].decision, p.steps[7].decision] == ["Fokusområde", "Det här prövar vi"]
    assert planned(p.steps, 6) == 56


def test_aterkoppling_covers_the_three_observation_focuses() -> None:
    text = seed("004_7e2897be222eedce.txt")
    assert "tydliga mål, positiv feed-back samt övergång från instruktion till arbete" in text
    p = load("aterkoppling")
    assert {r.id for r in p.roles} == {"larare", "observator"}
    assert shape(p.steps) == [
        ("info", None),
        ("info", None),
        ("present", 5),
        ("discussion", 6),
        ("discussion", 6),
        ("discussion", 6),
        ("present", 4),
        ("decision", 3),
        ("round", 2),
    ]
    assert [p.steps[0].appoint, p.steps[1].appoint] == ["larare", "observator"]
    assert [s.speaker for s in p.steps if str(s.mode) == "present"] == ["larare", "larare"]
    assert [s.title for s in p.steps[3:6]] == [
        "Tydliga mål",
        "Positiv återkoppling",
        "Övergången från instruktion till arbete",
    ]
    assert [s.notes for s in p.steps[3:6]] == ["mal", "positiv", "overgang"]
    assert planned(p.steps, 2) == 32


def test_dilemma_offers_the_forstelarare_dilemmas_as_examples() -> None:
    text = seed("002_8639da5755754d78.txt")
    p = load("dilemma")
    examples = re.findall(r"”([^”]+\?)”", norm(by_id(p.steps, "vems-dilemma").prompt or ""))
    assert len(examples) >= 3
    for example in examples:
        assert example in text, example
    # Consultancy: the probing questions are 10 minutes and belong to the protocol.
    assert shape(p.steps) == [
        ("info", None),
        ("info", None),
        ("present", 8),
        ("round", 5),
        ("round", 10),
        ("discussion", 15),
        ("present", 5),
        ("round", 5),
    ]
    assert [p.steps[0].appoint, p.steps[1].appoint] == ["samtalsledare", "presentator"]
    steps = {s.id: s for s in p.steps}
    assert steps["presentation"].speaker == steps["svar"].speaker == "presentator"
    assert steps["klargorande"].exclude == steps["fordjupande"].exclude == "presentator"
    assert not any(s.optional for s in p.steps)
    assert "tyst" in (steps["samtal"].prompt or "")  # the presenter listens in silence
    assert planned(p.steps, 6) == 48


def test_dilemma_kort_variant_shortens_the_probing_questions_but_keeps_them() -> None:
    p = load("dilemma")
    assert set(p.variants) == {"kort"}
    kort = p.variants["kort"]
    assert not kort.skip
    assert kort.minutes["fordjupande"] < (by_id(p.steps, "fordjupande").minutes or 0)
    short = apply_variant(p, "kort")
    assert short.planned_minutes() == 35 and "35 minuter" in (kort.title or "")


# --- established structures ---------------------------------------------------


def test_reflekterande_team() -> None:
    """Present 5, clarify 5, affirm, reflect until all pass 10, summary 5; owner first."""
    p = load("reflekterande-team")
    assert [r.id for r in p.roles] == ["samtalsledare", "fallagare"]
    assert [p.steps[0].appoint, p.steps[1].appoint] == ["samtalsledare", "fallagare"]
    assert shape(p.steps) == [
        ("info", None),
        ("info", None),
        ("present", 5),
        ("round", 5),
        ("round", 3),
        ("round", 10),
        ("present", 5),
    ]
    present, clarify, affirm, reflect, summary = p.steps[2:]
    assert present.speaker == summary.speaker == "fallagare"
    assert clarify.exclude == affirm.exclude == reflect.exclude == "fallagare"
    assert str(reflect.round) == "until-all-pass"
    assert str(clarify.round or "once") == "once"
    assert planned(p.steps, 6) == 28


@pytest.mark.parametrize(("people", "minutes"), [(4, 28), (5, 40), (6, 54), (8, 88)])
def test_sista_ordet_gives_each_responder_a_minute(people: int, minutes: int) -> None:
    """A pass is 3 + one minute per other person + 1: eight minutes with five, as in Final Word."""
    p = load("sista-ordet")
    assert planned(p.steps, people) == minutes == people * (3 + (people - 1) + 1)
    assert p.planned_minutes(people) == minutes


def test_sista_ordet() -> None:
    """Untimed reading, then 3 + a minute per responder + 1 per presenter, no timed closing."""
    p = load("sista-ordet")
    assert [r.id for r in p.roles] == ["samtalsledare", "presentator"]
    appoint, reading, block, closing = p.steps
    assert appoint.appoint == "samtalsledare"
    assert str(reading.mode) == "silent" and reading.minutes is None
    assert reading.minutes_per_person is None
    assert block.for_each == "participant" and block.as_role == "presentator"
    assert block.minutes is None and block.minutes_per_person is None
    assert shape(block.steps) == [("present", 3), ("round", None), ("present", 1)]
    share, responses, last_word = block.steps or []
    assert share.speaker == last_word.speaker == "presentator"
    assert responses.exclude == "presentator" and responses.minutes_per_person == 1
    assert "en minut var" in (responses.prompt or "")
    assert str(closing.mode) == "info"
    assert closing.minutes is None and closing.minutes_per_person is None
    assert sub_step_minutes(block, 0, 5) == [3, 4, 1]
    assert sub_step_minutes(block, 0, 7) == [3, 6, 1]


def test_titta_pa_data() -> None:
    """ATLAS: getting started 3, describe 10, interpret 10, implications 10, reflect 10."""
    p = load("titta-pa-data")
    assert p.steps[0].appoint == "samtalsledare"
    assert shape(p.steps[1:]) == [
        ("info", None),
        ("present", 3),
        ("round", 10),
        ("discussion", 10),
        ("discussion", 10),
        ("round", 10),
    ]
    assert [s.id for s in p.steps[2:]] == [
        "kom-igang",
        "beskriva",
        "tolka",
        "konsekvenser",
        "reflektion",
    ]
    assert p.steps[2].speaker == "presentator"
    assert planned(p.steps, 6) == 43


def test_stamma_av() -> None:
    """Tuning: 5, 15, 5, 15, 2, 15, 10, (5); the presenter silent during feedback."""
    p = load("stamma-av")
    assert p.steps[0].appoint == "samtalsledare"
    assert shape(p.steps[1:]) == [
        ("info", None),
        ("info", 5),
        ("present", 15),
        ("round", 5),
        ("silent", 15),
        ("silent", 2),
        ("round", 15),
        ("present", 10),
        ("discussion", 5),
    ]
    assert [s.id for s in p.steps[2:]] == [
        "introduktion",
        "presentation",
        "fragor",
        "tyst-granskning",
        "paus",
        "aterkoppling",
        "reflektion",
        "efterreflektion",
    ]
    steps = {s.id: s for s in p.steps}
    assert steps["presentation"].speaker == steps["reflektion"].speaker == "presentator"
    assert steps["fragor"].exclude == steps["aterkoppling"].exclude == "presentator"
    # The silent look at the work is the original's 15 minutes, and not to be skipped.
    assert [s.id for s in p.steps if s.optional] == ["efterreflektion"]
    assert planned(p.steps, 6) == 72


def test_stamma_av_kort_variant_shortens_and_skips_the_optional_steps() -> None:
    p = load("stamma-av")
    assert set(p.variants) == {"kort"}
    kort = p.variants["kort"]
    optional = [s.id for s in p.steps if s.optional]
    assert kort.skip == ["tyst-granskning", *optional]
    ids = {s.id for s in p.steps}
    assert set(kort.minutes) <= ids
    for step_id, minutes in kort.minutes.items():
        assert minutes < (by_id(p.steps, step_id).minutes or 0)
    kept = [s for s in p.steps if s.id not in kort.skip]
    total = sum(kort.minutes.get(s.id or "", s.minutes or 0) for s in kept)
    assert total == 30
    assert "30 minuter" in (kort.title or "")
    short = apply_variant(p, "kort")
    assert short.planned_minutes() == 30
    assert not any(s.optional for s in short.steps)


def test_1_2_4_alla() -> None:
    """Alone 1, pairs 2, fours 4, everyone 5 with notes."""
    p = load("1-2-4-alla")
    assert shape(p.steps) == [
        ("info", None),
        ("silent", 1),
        ("subgroups", 2),
        ("subgroups", 4),
        ("discussion", 5),
    ]
    assert [s.size for s in p.steps] == [None, None, 2, 4, None]
    assert p.steps[-1].notes
    assert planned(p.steps, 8) == 12


def test_tyst_skrivsamtal() -> None:
    """A question, 15 minutes of silent writing, pairs 5, a round, the original's reflection."""
    p = load("tyst-skrivsamtal")
    assert shape(p.steps) == [
        ("info", None),
        ("silent", 15),
        ("subgroups", 5),
        ("round", 10),
        ("discussion", 5),
    ]
    assert p.steps[0].appoint == "samtalsledare"
    # No time from the source on the projector as if it were the original's.
    assert "10–20" not in (p.steps[1].prompt or "")
    assert p.steps[2].size == 2
    assert p.steps[3].notes and p.steps[4].notes
    source = norm(p.source or "")
    assert "fem minuter till en timme" in source and "bearbetning" in source
    assert planned(p.steps, 6) == 35


# --- the seeds' further models (issue 20) -----------------------------------


def pairs(p: Protocol, group_id: str | None = None) -> list[tuple[str, str]]:
    """Each statement written as ``first ↔ second`` (of one group, or all), split in two."""
    out = []
    for g in p.groups:
        if group_id not in (None, g.id):
            continue
        for st in g.statements:
            first, second = norm(st.text).split(" ↔ ")
            out.append((first, second))
    return out


def test_ledarskap_som_larande_rates_robertsons_ten_pairs() -> None:
    """The table's heading pair and its nine rows, both sides word for word; rated 1–4."""
    text = seed("000_108f3ed0a638cbdf.txt")
    table = text[text.index("Ledarskap som lärande (Jan Robertson, 2024)") :]
    p = load("ledarskap-som-larande")
    found = pairs(p)
    assert len(found) == 10
    for first, second in found:
        # Side by side in the table: the left column, then the right one.
        assert f"{first} {second}" in table, (first, second)
    assert found[0] == (p.scale.labels[1], p.scale.labels[4])
    assert shape(p.steps) == [
        ("info", None),
        ("rate", 10),
        ("round", 15),
        ("discussion", 15),
        ("round", 5),
    ]
    assert p.steps[2].show == "ratings"
    assert planned(p.steps, 6) == 45


def test_ledarskapets_grund_reflects_on_harris_and_blossing_wennergren() -> None:
    """Harris's three pairs (I–III) and Blossing & Wennergren's, word for word, in a short talk."""
    text = seed("000_108f3ed0a638cbdf.txt")
    p = load("ledarskapets-grund")
    harris, blossing = pairs(p, "harris"), pairs(p, "kollegialt-larande")
    assert len(harris) == 3 and len(blossing) == 1
    for number, (first, second) in zip(("I", "II", "III"), harris, strict=True):
        slide = (
            f"Viktig grund i ledandet av undervisningsutveckling, {number} {first} {second} "
            "Alma Harris, ”Distributed leadership matters”, 2014"
        )
        assert slide in text, slide
    ((first, second),) = blossing
    assert f"{first} {second} Kollegialt lärande Blossing & Wennergren, 2019" in text
    assert planned(p.steps, 6) <= 25


def test_forandringsmyter_talks_through_each_myth_and_what_research_shows() -> None:
    """Six strategies, each its own step: the myth and the research word for word from the table."""
    text = seed("001_4b290bc93766d344.txt")
    p = load("forandringsmyter")
    talks = [s for s in p.steps if str(s.mode) == "discussion"]
    assert [s.title for s in talks] == [
        "Organisatorisk förändring",
        "Nätverk",
        "IT",
        "Ledarskap",
        "Lokal skolutveckling",
        "Fortbildning",
    ]
    for step in talks:
        lines = (step.prompt or "").splitlines()
        myth = lines[0].removeprefix("Förändringsmyt: ")
        research = lines[1].removeprefix("Forskningen visar: ")
        assert lines[0] != myth and lines[1] != research
        # The row: strategy, myth, what the research shows, one after another.
        assert f"{step.title} {myth}" in text, myth
        assert research in text[text.index(myth) :], research
        assert step.minutes == 6 and step.notes
    assert p.steps[-1].decision
    assert planned(p.steps, 6) == 42


def test_kapacitet_rates_the_eight_marks_of_great_capacity() -> None:
    text = seed("001_4b290bc93766d344.txt")
    p = load("kapacitet")
    (group,) = p.groups
    assert norm(group.title) in text
    marks = [norm(st.text) for st in group.statements]
    assert len(marks) == 8
    # In the seed each mark follows a bullet glyph, in the same order.
    at = [text.index(f"\uf0a7 {mark}") for mark in marks]
    assert at == sorted(at)
    assert shape(p.steps) == [
        ("info", None),
        ("rate", 8),
        ("round", 12),
        ("discussion", 10),
        ("decision", 8),
        ("round", 5),
    ]
    assert planned(p.steps, 6) == 43


def test_timperley_skolledare_asks_the_leaders_five_questions() -> None:
    """The school leader's cycle: five questions quoted, the leader's own support decided last."""
    text = seed("001_4b290bc93766d344.txt")
    p = load("timperley-skolledare")
    quoted = [re.findall(r"”([^”]+)”", norm(s.prompt or "")) for s in p.steps[1:]]
    assert all(len(q) == 1 for q in quoted)
    for (q,) in quoted:
        assert q in text, q
    assert quoted[-1][0].startswith("Hur kan jag som skolledare stödja lärares lärande")
    assert p.steps[-1].decision
    assert planned(p.steps, 6) == 50


def test_lararledarskap_is_a_self_assessment_of_nineteen_capabilities() -> None:
    """Four dimensions, nineteen capabilities, and the two 'beredskap för att' lists, verbatim."""
    text = seed("002_8639da5755754d78.txt")
    p = load("lararledarskap")
    assert [g.title for g in p.groups] == [
        "Samarbete och kommunikation",
        "Professionellt lärande och utveckling",
        "Undervisningsledarskap",
        "Skolkultur och befrämjande arbete",
    ]
    statements = [(g.title, norm(st.text)) for g in p.groups for st in g.statements]
    assert len(statements) == 19
    for title, capability in statements:
        section = text[text.index(title) :]
        assert section.startswith(f"{title} • ") and f"• {capability}" in section, capability
    lists = [s for s in p.steps if "beredskap för att" in (s.prompt or "")]
    assert len(lists) == 2
    for step in lists:
        points = [line[2:] for line in (step.prompt or "").splitlines() if line.startswith("• ")]
        assert len(points) == 7
        for point in points:
            assert re.search(r"ü ?" + re.escape(point), text), point
    corners = by_id(p.steps, "en-dimension-i-taget")
    assert corners.for_each == "group" and corners.steps and corners.steps[0].show == "ratings"
    assert planned(p.steps, 6, len(p.groups)) == 58


def test_samtalsmonster_rates_the_four_patterns_of_talk() -> None:
    """The four patterns in the report's order, the report's description quoted in full."""
    text = seed("003_6a7227be0c2896eb.txt")
    assert "1) bekräftande , 2) befästande, 3) synliggörande och 4) kunskapande" in text
    p = load("samtalsmonster")
    assert [st.text for st in p.groups[0].statements] == [
        "Bekräftande",
        "Befästande",
        "Synliggörande",
        "Kunskapande",
    ]
    (description,) = re.findall(r"”([^”]+)”", norm(p.steps[0].prompt or ""))
    assert description in text and description.startswith("Bekräftande samtal innebär")
    assert (p.scale.labels[1], p.scale.labels[4]) == ("Sällan hos oss", "Ofta hos oss")
    assert planned(p.steps, 6) == 35


# What a Swedish reader stumbled on (issue 20): (protocol, what it said, what it says now).
SWEDISH = [
    ("1-2-4-alla", "inte bara de snabbaste.", "inte bara de snabbastes."),
    ("1-2-4-alla", "fler elever kommer i gång", "fler elever ska komma i gång"),
    ("tyst-skrivsamtal", "Skriv och förbind", "Skriv och koppla ihop"),
    ("aterkoppling", "tre fokus:", "tre fokusområden:"),
    ("aterkoppling", "äger slutsatserna", "drar själv slutsatserna"),
    ("aterkoppling", "Ge exempel med ord som sades", "Ge exempel på vad som sades"),
    ("perspektiv", "Vad hänger skillnaderna på?", "Vad beror skillnaderna på?"),
    ("analys", "och till när?", "i vilka grupper och hur länge"),
    ("relationellt-ledarskap", "Syns tydligt", "Syns ofta"),
    ("timperley", "fem frågor", "fem steg"),
    ("timperley", "lärares undersökande och kunskapsbyggande", "lärare undersöker"),
    ("stamma-av", "i tankarna (sval återkoppling)", "väcker det (sval återkoppling)"),
]


def said(p: Protocol) -> str:
    """Everything of a protocol a reader sees, as one text."""
    parts = [
        p.title,
        p.summary or "",
        *p.scale.labels.values(),
        *(r.description or "" for r in p.roles),
    ]
    for s, _ in walk(p.steps):
        parts += [s.title, s.prompt or "", s.hint or "", s.decision or ""]
    return norm(" ".join(parts))


@pytest.mark.parametrize(("pid", "was", "now"), SWEDISH)
def test_the_swedish_reads_as_swedish(pid: str, was: str, now: str) -> None:
    text = said(load(pid))
    assert was not in text and now in text
