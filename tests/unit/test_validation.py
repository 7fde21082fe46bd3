"""Every way a protocol file can be wrong: exact positions, catalog keys and messages.

Each case names a fixture under ``tests/data/invalid/`` (one small file per
case), the exact list of ``(line, column, catalog key)`` of its problems, and a
fragment of one problem's rendered Swedish text (``FILE:LINE:COLUMN: message``);
some also check the English message. Cases that need a path made at run time
(missing file, folder, file too big) are built in ``tmp_path``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from kollegial.errors import Problem, ProtocolInvalidError
from kollegial.protocols.loader import MAX_BYTES, load_protocol, load_text
from tests.conftest import DATA

INVALID = DATA / "invalid"

Where = tuple[int, int, str]


@dataclass(frozen=True)
class Case:
    file: str
    problems: list[Where]
    sv: str
    """Must appear in the rendered Swedish text of ``problems[at]``."""
    en: str | None = None
    """Must appear in the English message of ``problems[at]``."""
    at: int = 0
    also_sv: list[str] = field(default_factory=list)
    """More fragments of the same Swedish text."""


CASES = [
    # --- YAML syntax, position from the parser ---
    Case(
        "syntax_unclosed_list.yaml",
        [(3, 8, "err.yaml")],
        "YAML-fel: en lista inom [ ] saknar ett kommatecken eller sin avslutande ]",
        en="YAML error: a list in [ ] lacks a comma or its closing ]",
    ),
    Case(
        "syntax_colon_in_title.yaml",
        [(2, 14, "err.yaml")],
        "sätt texten inom citattecken om den innehåller ': '",
    ),
    Case(
        "syntax_bad_indent.yaml",
        [(6, 2, "err.yaml")],
        "indraget stämmer inte med raderna ovanför",
        en="the indentation does not match the lines above",
    ),
    Case(
        "syntax_unclosed_quote.yaml",
        [(2, 8, "err.yaml")],
        "filen tar slut mitt i ett citat eller en lista",
    ),
    Case(
        "tab_indent.yaml",
        [(5, 3, "err.tab")],
        "tabbtecken används för indrag; YAML kräver mellanslag",
        en="a tab is used for indentation",
    ),
    Case("empty.yaml", [(1, 1, "err.empty")], "filen är tom"),
    Case("empty_comments_only.yaml", [(1, 1, "err.empty")], "minst `title:` och `steps:`"),
    Case(
        "top_level_list.yaml",
        [(2, 1, "err.not_mapping")],
        "men filen innehåller en lista",
        en="but the file holds a list.",
    ),
    Case(
        "top_level_scalar.yaml",
        [(2, 1, "err.not_mapping")],
        "men filen innehåller ett enskilt värde",
        en="but the file holds a single value.",
    ),
    Case(
        "multiple_documents.yaml",
        [(6, 1, "err.multiple_documents")],
        "flera YAML-dokument (---)",
    ),
    Case(
        "control_character.yaml",
        [(2, 20, "err.bad_character")],
        "tecknet U+0007 får inte finnas i en protokollfil",
        en="the character U+0007 is not allowed",
    ),
    Case(
        "not_utf8.yaml",
        [(2, 9, "err.not_utf8")],
        "inte sparad som UTF-8 (ogiltig byte 0xe5)",
        en="not saved as UTF-8 (invalid byte 0xe5)",
    ),
    # --- duplicate keys ---
    Case(
        "duplicate_key_top.yaml",
        [(4, 1, "err.duplicate_key")],
        "nyckeln `title` finns redan på rad 2",
    ),
    Case(
        "duplicate_key_step.yaml",
        [(7, 5, "err.duplicate_key")],
        "nyckeln `mode` finns redan på rad 5",
        en="the key `mode` is already given on line 5",
    ),
    # --- unknown keys, with the nearest known one ---
    Case(
        "unknown_key_step.yaml",
        [(6, 5, "err.unknown_key")],
        "okänd nyckel `minuts`. Menade du `minutes`?",
        en="unknown key `minuts`. Did you mean `minutes`?",
        also_sv=["Tillåtna här: title, id, mode, minutes"],
    ),
    Case(
        "unknown_key_top.yaml",
        [(2, 1, "err.missing"), (3, 1, "err.unknown_key")],
        "okänd nyckel `tittle`. Menade du `title`?",
        en="Did you mean `title`?",
        at=1,
        also_sv=["Tillåtna här: title, id, summary, language"],
    ),
    Case(
        "unknown_key_far.yaml",
        [(6, 5, "err.unknown_key")],
        "okänd nyckel `färg`. Tillåtna här:",
    ),
    Case(
        "key_number.yaml",
        [(6, 5, "err.key_not_string")],
        "nyckeln 5 måste vara ett ord (text)",
    ),
    # --- wrong types and ranges ---
    Case("missing_title.yaml", [(3, 1, "err.missing")], "`title` saknas. Lägg till `title:`."),
    Case("missing_steps.yaml", [(2, 1, "err.missing")], "`steps` saknas. Lägg till `steps:`."),
    Case(
        "missing_step_title.yaml",
        [(6, 5, "err.missing")],
        "`title` saknas i steget",
        en="`title` is missing in the step. Add `title:`.",
    ),
    Case("steps_empty.yaml", [(3, 8, "err.empty_list")], "`steps` får inte vara tom"),
    Case(
        "minutes_zero.yaml",
        [(5, 14, "err.positive")],
        "`minutes` måste vara större än 0 (det är 0)",
    ),
    Case(
        "minutes_negative.yaml",
        [(5, 14, "err.positive")],
        "`minutes` måste vara större än 0 (det är -5)",
    ),
    Case(
        "minutes_word.yaml",
        [(5, 14, "err.type_number")],
        "här behövs ett tal (t.ex. 5 eller 0.5), inte `fem`",
    ),
    Case(
        "minutes_sexagesimal.yaml",
        [(6, 14, "err.sexagesimal")],
        "`10:00` läses av YAML som talet 600",
        en="`10:00` is read by YAML as the number 600, not as a time",
        also_sv=["t.ex. `minutes: 10`"],
    ),
    Case(
        "minutes_octal.yaml",
        [(6, 14, "err.octal")],
        "`010` läses av YAML som det oktala talet 8",
        also_sv=["`minutes: 10`"],
    ),
    Case(
        "round_no.yaml",
        [(6, 12, "err.yaml11_bool")],
        "`no` läses av YAML som false. Skriv `false` om du menar det",
        en='otherwise the text in quotes: "no"',
        also_sv=['texten inom citattecken: "no"'],
    ),
    Case(
        "scale_min_not_below_max.yaml",
        [(3, 8, "err.scale_order")],
        "skalans `min` (4) måste vara mindre än `max` (4)",
    ),
    Case(
        "scale_max_below_default_min.yaml",
        [(4, 8, "err.scale_order")],
        "skalans `min` (1) måste vara mindre än `max` (0)",
    ),
    Case(
        "scale_label_outside.yaml",
        [(7, 5, "err.scale_label")],
        "etiketten gäller värdet 5, som ligger utanför skalan 1–4",
    ),
    Case(
        "mode_unknown.yaml",
        [(4, 11, "err.choice")],
        "`samtal` är inte ett giltigt värde för `mode`. Välj ett av: info, silent, round",
    ),
    Case(
        "step_without_mode.yaml",
        [(6, 5, "err.mode_missing")],
        "steget saknar `mode`",
        also_sv=["(eller ge det `steps:`)"],
    ),
    Case(
        "id_not_slug.yaml",
        [(4, 9, "err.bad_id")],
        "id:t `Tänk tyst` får bara innehålla små bokstäver",
        also_sv=["t.ex. `tank-tyst`"],
    ),
    Case(
        "id_path.yaml",
        [(2, 5, "err.bad_id")],
        "id:t `../../etc` får bara innehålla",
    ),
    # --- broken references ---
    Case(
        "notes_unknown_column.yaml",
        [(8, 12, "err.unknown_column")],
        "`notes: behv` pekar inte på någon kolumn. Menade du `behov`?",
        en="`notes: behv` names no column. Did you mean `behov`? Columns: gor-sager, behov.",
    ),
    Case(
        "notes_no_columns.yaml",
        [(5, 12, "err.unknown_column")],
        "Kolumner: (inga definierade)",
        en="Columns: (none defined).",
    ),
    Case(
        "appoint_unknown_role.yaml",
        [(7, 14, "err.unknown_role")],
        "`appoint: tidshallare` pekar inte på någon roll. Roller: samtalsledare.",
    ),
    Case(
        "rate_unknown_group.yaml",
        [(8, 14, "err.unknown_group"), (8, 41, "err.unknown_group")],
        "`kvalitetsarbet` är ingen grupp. Menade du `kvalitetsarbete`?",
    ),
    Case(
        "for_each_without_groups.yaml",
        [(4, 15, "err.needs_groups")],
        "`for_each: group` behöver påståenden, men protokollet har inga `groups:`",
    ),
    Case(
        "rate_without_groups.yaml",
        [(4, 11, "err.needs_groups")],
        "`mode: rate` behöver påståenden",
    ),
    Case(
        "show_ratings_without_groups.yaml",
        [(5, 11, "err.show_without_groups")],
        "`show: ratings` behöver grupper med påståenden",
    ),
    Case(
        "duplicate_step_ids.yaml",
        [(5, 33, "err.duplicate_id")],
        "id:t `tank-tyst` används redan (rad 3). Varje steg behöver ett eget id.",
        en="Each step needs its own id.",
    ),
    Case(
        "duplicate_nested_step_ids.yaml",
        [(11, 29, "err.duplicate_id")],
        "id:t `samtal` används redan (rad 6)",
    ),
    Case(
        "duplicate_role_ids.yaml",
        [(4, 10, "err.duplicate_id")],
        "Varje roll behöver ett eget id",
        en="the id `samtalsledare` is already used (line 3). Each role needs its own id.",
    ),
    Case(
        "duplicate_column_ids.yaml",
        [(5, 10, "err.duplicate_id")],
        "id:t `behov` används redan (rad 3). Varje kolumn",
        en="Each column needs its own id.",
    ),
    Case(
        "duplicate_group_ids.yaml",
        [(6, 9, "err.duplicate_id")],
        "id:t `horn` används redan (rad 3). Varje grupp",
    ),
    # --- passes, presentations, exclusions, small groups, variants (issue 8) ---
    Case(
        "as_unknown_role.yaml",
        [(7, 9, "err.unknown_role")],
        "`as: presentatr` pekar inte på någon roll. Menade du `presentator`?",
        en="`as: presentatr` names no role. Did you mean `presentator`? Roles: presentator.",
    ),
    Case(
        "as_without_participant.yaml",
        [(6, 5, "err.as_without_participant")],
        "`as` gäller bara block med `for_each: participant`",
        en="Write `for_each: participant` or remove `as`.",
    ),
    Case(
        "participant_without_as.yaml",
        [(6, 15, "err.as_missing")],
        "`for_each: participant` behöver `as:`",
        en="(e.g. `as: presentator`). Roles: presentator.",
    ),
    Case(
        "for_each_participant_without_steps.yaml",
        [(8, 5, "err.for_each_without_steps")],
        "`for_each` behöver delsteg under `steps:` att upprepa",
    ),
    Case(
        "nested_for_each_participant.yaml",
        [(11, 19, "err.nested_for_each")],
        "`for_each` kan inte ligga inuti ett annat `for_each`-block",
    ),
    Case(
        "present_without_speaker.yaml",
        [(6, 11, "err.speaker_missing")],
        "`mode: present` behöver `speaker:`, rollen som talar medan de andra lyssnar",
        en="Roles: presentator.",
    ),
    Case(
        "speaker_not_present.yaml",
        [(7, 5, "err.not_for_mode")],
        "`speaker` gäller bara steg med `mode: present`, inte `mode: discussion`",
    ),
    Case(
        "speaker_unknown_role.yaml",
        [(5, 61, "err.unknown_role")],
        "`speaker: presentatr` pekar inte på någon roll. Menade du `presentator`?",
    ),
    Case(
        "exclude_not_round.yaml",
        [(7, 5, "err.not_for_mode")],
        "`exclude` gäller bara steg med `mode: round`, inte `mode: discussion`",
        en="`exclude` only applies to steps with `mode: round`",
    ),
    Case(
        "exclude_unknown_role.yaml",
        [(7, 14, "err.unknown_role")],
        "`exclude: fallagare` pekar inte på någon roll. Roller: presentator.",
    ),
    Case(
        "subgroups_without_size.yaml",
        [(4, 11, "err.size_missing")],
        "`mode: subgroups` behöver `size:`",
        also_sv=["(t.ex. `size: 2` för par)"],
    ),
    Case(
        "size_not_subgroups.yaml",
        [(5, 5, "err.not_for_mode")],
        "`size` gäller bara steg med `mode: subgroups`",
    ),
    Case("size_one.yaml", [(5, 11, "err.at_least")], "`size` måste vara minst 2 (det är 1)"),
    Case(
        "minutes_and_per_person.yaml",
        [(6, 5, "err.minutes_both")],
        "steget har både `minutes` och `minutes_per_person`. Välj en",
        en="Choose one: `minutes` for a fixed time",
    ),
    Case(
        "per_person_block_exceeds.yaml",
        [(8, 25, "err.children_exceed")],
        "delstegen tar 6 minuter, mer än blockets 5 minuter per varv",
        also_sv=["öka blockets `minutes_per_person`"],
    ),
    Case(
        "variant_unknown_step.yaml",
        [(5, 7, "err.variant_unknown_step"), (6, 12, "err.variant_unknown_step")],
        "varianten `kort` nämner steget `lasning`, som inte finns. Menade du `tyst-lasning`?",
        en="the variant `kort` names the step `lasning`, which does not exist.",
        at=1,
        also_sv=["Steg: presentation, tyst-lasning."],
    ),
    Case(
        "variant_shortened_and_skipped.yaml",
        [(5, 12, "err.variant_both")],
        "varianten `kort` både ger steget `presentation` nya minuter och hoppar över det",
    ),
    Case(
        "variant_skips_everything.yaml",
        [(4, 5, "err.variant_empty")],
        "varianten `ingenting` hoppar över alla steg",
    ),
    Case(
        "variant_block_exceeds.yaml",
        [(6, 21, "err.children_exceed")],
        "delstegen tar 3 minuter, mer än blockets 2 minuter i varianten `kort`",
        en="in the variant `kort`",
    ),
    # --- tags and anchors ---
    Case(
        "tag_python.yaml",
        [(2, 8, "err.tag")],
        "taggen !!python/object/apply:os.system är inte tillåten",
        en="the tag !!python/object/apply:os.system is not allowed",
    ),
    Case("tag_include.yaml", [(3, 8, "err.tag")], "taggen !include är inte tillåten"),
    Case(
        "tag_bad_value.yaml",
        [(6, 14, "err.tag_value")],
        "`fem` kan inte läsas som !!int. Ta bort taggen !!int",
        en="`fem` cannot be read as !!int.",
    ),
    Case("anchor_unused.yaml", [(2, 8, "err.anchor")], "Skriv ut värdet i stället"),
    Case(
        "anchor_alias.yaml",
        [(6, 13, "err.anchor"), (9, 13, "err.anchor")],
        "ankare och alias (&, *) stöds inte",
        at=1,
    ),
    # --- several problems at once, in line order ---
    Case(
        "many_problems_shape.yaml",
        [
            (6, 5, "err.unknown_key"),
            (9, 14, "err.sexagesimal"),
            (11, 11, "err.choice"),
            (12, 5, "err.duplicate_key"),
            (15, 14, "err.type_number"),
        ],
        "nyckeln `title` finns redan på rad 10",
        at=3,
    ),
    Case(
        "many_problems_references.yaml",
        [
            (5, 10, "err.duplicate_id"),
            (9, 40, "err.unknown_role"),
            (10, 45, "err.unknown_column"),
            (11, 28, "err.needs_groups"),
        ],
        "`appoint: tidshallare` pekar inte på någon roll. Roller: samtalsledare.",
        at=1,
    ),
]


def problems_of(path: Path) -> list[Problem]:
    """The problems ``load_protocol`` raises for ``path``; it must raise."""
    with pytest.raises(ProtocolInvalidError) as info:
        load_protocol(path)
    assert info.value.file == path
    return info.value.problems


def where(problems: list[Problem]) -> list[Where]:
    return [(p.line, p.column, p.key) for p in problems]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.file.removesuffix(".yaml"))
def test_invalid_file(case: Case) -> None:
    """The exact problems, each at its node, with the message a teacher can act on."""
    path = INVALID / case.file
    problems = problems_of(path)
    assert where(problems) == case.problems
    assert all(p.file == path for p in problems)
    assert [(p.line, p.column) for p in problems] == sorted((p.line, p.column) for p in problems)
    problem = problems[case.at]
    rendered = problem.render()
    assert rendered.startswith(f"{path}:{problem.line}:{problem.column}: ")
    for fragment in [case.sv, *case.also_sv]:
        assert fragment in rendered
    if case.en is not None:
        assert case.en in problem.message("en")


def test_every_fixture_has_a_case() -> None:
    """No fixture is left untested, no case lacks its fixture."""
    named = {c.file for c in CASES} | {BILLION_LAUGHS}
    assert named == {p.name for p in INVALID.glob("*.yaml")}


def test_all_problems_render_in_one_error() -> None:
    """The error carries every problem: a heading, then one line per problem."""
    path = INVALID / "many_problems_shape.yaml"
    with pytest.raises(ProtocolInvalidError) as info:
        load_protocol(path)
    lines = info.value.render().splitlines()
    assert lines[0] == f"Protokollet {path} har fel och kan inte användas:"
    assert lines[1:] == [p.render() for p in info.value.problems]
    assert len(lines) == 6
    english = info.value.render("en").splitlines()
    assert english[0] == f"The protocol {path} has errors and cannot be used:"
    assert f"{path}:15:14: a number is needed here (e.g. 5 or 0.5), not `fem`." in english


# --- paths that are not a readable protocol file ---


def _missing(tmp_path: Path) -> Path:
    return tmp_path / "finns-inte.yaml"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "protokoll.yaml"
    folder.mkdir()
    return folder


def _too_big(tmp_path: Path) -> Path:
    path = tmp_path / "stor.yaml"
    path.write_bytes(b"title: Stor\n" + b"#" * MAX_BYTES)
    return path


@pytest.mark.parametrize(
    ("make", "key", "sv", "en"),
    [
        (_missing, "err.file_missing", "filen finns inte", "the file does not exist"),
        (_folder, "err.file_is_dir", "det här är en mapp, inte en fil", "this is a folder"),
        (
            _too_big,
            "err.file_too_big",
            f"filen är {MAX_BYTES + 12} byte, större än gränsen {MAX_BYTES} byte",
            f"the file is {MAX_BYTES + 12} bytes, more than the {MAX_BYTES}-byte limit",
        ),
    ],
    ids=["missing", "folder", "too-big"],
)
def test_path_that_is_no_protocol_file(
    tmp_path: Path, make: Callable[[Path], Path], key: str, sv: str, en: str
) -> None:
    """Refused before parsing, at 1:1 of the path given."""
    path = make(tmp_path)
    problems = problems_of(path)
    assert where(problems) == [(1, 1, key)]
    assert problems[0].render().startswith(f"{path}:1:1: ")
    assert sv in problems[0].render()
    assert en in problems[0].message("en")


def test_file_of_exactly_the_limit_is_read(tmp_path: Path) -> None:
    """The limit is a size above which files are refused, not at which."""
    head = b"title: Precis\nsteps:\n  - {title: Samtal, mode: discussion}\n"
    path = tmp_path / "precis.yaml"
    path.write_bytes(head + b"#" * (MAX_BYTES - len(head) - 1) + b"\n")
    assert path.stat().st_size == MAX_BYTES
    assert load_protocol(path).title == "Precis"


# --- tags are never executed; aliases are never expanded ---


def test_python_tag_is_never_executed(tmp_path: Path) -> None:
    """A payload that an unsafe loader runs is only reported here."""
    marker = tmp_path / "kollegial-pwned"
    text = (
        f'title: !!python/object/apply:os.system ["touch {marker}"]\n'
        "steps:\n"
        f'  - !!python/object/apply:subprocess.call [["touch", "{marker}"]]\n'
    )
    path = tmp_path / "elak.yaml"
    path.write_text(text, encoding="utf-8")
    problems = problems_of(path)
    assert where(problems) == [(1, 8, "err.tag"), (3, 5, "err.tag")]
    assert "taggen !!python/object/apply:subprocess.call är inte tillåten" in problems[1].render()
    assert not marker.exists()


def test_the_tag_payload_is_real(tmp_path: Path) -> None:
    """Control for the test above: an unsafe loader does run it (in tmp_path only)."""
    marker = tmp_path / "kollegial-pwned"
    yaml.unsafe_load(f'!!python/object/apply:os.system ["touch {marker}"]')
    assert marker.exists()


BILLION_LAUGHS = "billion_laughs.yaml"


def test_billion_laughs_returns_quickly() -> None:
    """Nine levels of nine aliases: every & and * reported, nothing expanded."""
    path = INVALID / BILLION_LAUGHS
    text = path.read_text(encoding="utf-8")
    expected = [
        (lineno, column, "err.anchor")
        for lineno, line in enumerate(text.splitlines(), start=1)
        if not line.startswith("#")
        for column, char in enumerate(line, start=1)
        if char in "&*"
    ]
    assert len(expected) == 1 + 8 * 10 + 1  # &l1; &lN and nine *lN-1 for N=2..9; *l9
    started = time.perf_counter()
    problems = problems_of(path)
    assert time.perf_counter() - started < 1.0
    assert where(problems) == expected
    assert "ankare och alias (&, *) stöds inte i protokoll" in problems[-1].render()


# --- values YAML 1.1 takes for numbers or dates but cannot read ---


@pytest.mark.parametrize("value", ["2024-13-45", "0x_", "0b_", "._"])
def test_unreadable_implicit_values_are_text(value: str) -> None:
    """PyYAML raises on these; here they stay text, so a title may be anything."""
    text = f"title: {value}\nsteps:\n  - {{title: {value}, mode: info}}\n"
    protocol = load_text(text, Path("x.yaml"))
    assert protocol.title == value
    assert protocol.steps[0].title == value


def test_unreadable_implicit_minutes_are_text_that_is_no_number() -> None:
    """`minutes: 0x_` gets the message for text where a number is needed."""
    with pytest.raises(ProtocolInvalidError) as info:
        load_text("title: T\nsteps:\n  - {title: A, mode: info, minutes: 0x_}\n", Path("x.yaml"))
    assert where(info.value.problems) == [(3, 37, "err.type_number")]
    assert "inte `0x_`" in info.value.problems[0].render()


@pytest.mark.parametrize("tag", ["!!int", "!!float", "!!bool", "!!null"])
def test_an_empty_tagged_number_is_a_problem_not_a_crash(tag: str) -> None:
    """`minutes: !!int` with nothing after it crashed `validate` (IndexError, exit 70)."""
    text = f"title: T\nsteps:\n  - title: A\n    mode: info\n    minutes: {tag}\n"
    try:
        load_text(text, Path("x.yaml"))
    except ProtocolInvalidError as exc:
        assert [p.line for p in exc.problems] == [5]
    else:
        assert tag == "!!null"  # an empty null is just no minutes


# --- text no file can hold ---


def test_lone_surrogate_in_text_is_a_problem_not_a_crash() -> None:
    """``load_text`` is public: a str that cannot be encoded is reported, not raised."""
    with pytest.raises(ProtocolInvalidError) as info:
        load_text("title: a\ud800b\nsteps: []\n", Path("x.yaml"))
    assert where(info.value.problems) == [(1, 9, "err.bad_character")]
    assert "tecknet U+D800" in info.value.problems[0].render()


# --- what the new keys allow ---


def test_optional_block_and_per_person_block_are_valid() -> None:
    """`optional` on a block, a participant block timed per person, a variant of it: all fine."""
    text = """
title: Sista ordet
roles:
  - {id: presentator, title: Presentatör}
variants:
  kort: {title: Kort, minutes: {passage: 2}, skip: [extra]}
steps:
  - title: En omgång per deltagare
    for_each: participant
    as: presentator
    minutes_per_person: 8
    steps:
      - {title: Passage, mode: present, speaker: presentator, minutes: 3}
      - {title: Svar, mode: round, exclude: presentator}
  - title: Extra
    optional: true
    steps:
      - {title: Par, mode: subgroups, size: 2, minutes: 3}
"""
    protocol = load_text(text, Path("sista.yaml"))
    assert protocol.steps[1].optional and protocol.steps[0].as_role == "presentator"
    assert protocol.variants["kort"].skip == ["extra"]


# --- validation is linear in the file (issue 16, item 4) ---


def _many_steps(n: int, same_title: bool = False) -> str:
    lines = ["title: Stor", "steps:"]
    titles = ["Steg"] * n if same_title else [f"S{i}" for i in range(n)]
    lines += [f"  - {{title: {title}, mode: discussion, minutes: 1}}" for title in titles]
    return "\n".join(lines) + "\n"


def _lines_run(text: str) -> int:
    """Python lines executed (loop iterations included) while validating ``text``.

    A count, not a time: the same on a loaded CI machine as on a laptop.
    """
    import sys

    count = 0

    def tracer(frame, event, arg):  # type: ignore[no-untyped-def]
        nonlocal count
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        load_text(text, Path("stor.yaml"))
    finally:
        sys.settrace(None)
    return count


@pytest.mark.slow
@pytest.mark.parametrize("same_title", [False, True])
def test_validation_work_grows_linearly_with_the_steps(same_title: bool) -> None:
    """4,000 steps took 11 s, 8,000 steps 55 s: every step scanned every key of the file.
    Four times the steps must now be at most about four times the work, also when
    every step has the same title (each step's id was found by trying `steg-2`,
    `steg-3`, … from the start)."""
    small = _lines_run(_many_steps(200, same_title))
    large = _lines_run(_many_steps(800, same_title))
    assert large / small < 5, (small, large)


@pytest.mark.slow
def test_twenty_thousand_steps_under_the_cap_validate(tmp_path: Path) -> None:
    """The issue's file: 20,000 steps, under the 1 MB cap, valid (timed in bench/)."""
    text = _many_steps(20_000)
    assert len(text.encode()) < MAX_BYTES
    path = tmp_path / "stor.yaml"
    path.write_text(text, encoding="utf-8")
    assert len(load_protocol(path).steps) == 20_000
