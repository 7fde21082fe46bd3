"""The catalog: complete in both languages, chosen from the environment."""

from __future__ import annotations

import ast
import re
import string
from functools import cache
from pathlib import Path

import pytest

from kollegial.i18n import CATALOG, Lang, detect_language, t


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(CATALOG))
def test_both_languages_take_the_same_parameters(key: str) -> None:
    """A Swedish and an English text exist for every key, with the same placeholders."""
    sv, en = CATALOG[key]
    assert (sv.strip() != "" or key.startswith("where.")) and (
        en.strip() != "" or key.startswith("where.")
    )
    assert fields(sv) == fields(en)


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "sv"),
        ({"LANG": "sv_SE.UTF-8"}, "sv"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "sv"),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "sv_SE.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8", "KOLLEGIAL_LANG": "sv"}, "sv"),
        ({"KOLLEGIAL_LANG": "en"}, "en"),
    ],
)
def test_language_follows_the_environment(env: dict[str, str], expected: str) -> None:
    """KOLLEGIAL_LANG wins, then LC_ALL, LC_MESSAGES, LANG; anything not English is Swedish."""
    assert detect_language(env) == expected


def test_translation_picks_the_language() -> None:
    """t() returns the text of the language asked for."""
    assert t("mode.silent", "sv") == "tyst"
    assert t("mode.silent", "en") == "silent"


# What a teacher who knows Swedish would stumble on (issue 20): (key, what it said, what it says).
WORDING = [
    ("tui.forecast", "klart ca", "slut ca"),
    ("tui.state.counting", None, "har pågått"),
    ("export.col.n", None, "Antal"),
    ("rate.written", None, "USB-minne"),
    ("rate.written", "Sparade", "Sparat:"),
    ("export.written", "Sparade", "Sparat:"),
    ("tui.saved_to", "Sparade", "Sparat:"),
    ("sheet.written", "Sparade", "är sparat"),
    ("tui.rate_who", "matar in", "Vems värderingar"),
    ("mode.block", None, "flera steg"),
    ("show.notes_own", "stegets egna", "stegets egen lista"),
    ("help.schema", "standard ut", "JSON-schema"),
    # Said during a meeting, to a teacher who has never written YAML.
    ("err.not_optional", "optional", "valfria"),
]


@pytest.mark.parametrize(("key", "was", "now"), WORDING, ids=[k for k, _, _ in WORDING])
def test_the_swedish_says_it_plainly(key: str, was: str | None, now: str) -> None:
    sv = CATALOG[key][0]
    assert now in sv
    assert was is None or was not in sv


# --- every key used, every key used exists ---

SOURCE = Path(__file__).resolve().parents[2] / "kollegial"
KEY_SHAPE = re.compile(r"[a-z_]+(?:\.[a-z0-9_-]+)+")
TRANSLATING = {"t", "Msg"}  # t(key, ...), self.t(key, ...), Msg(key, ...)


@cache  # read and parsed once for the three tests
def _source_strings() -> tuple[frozenset[str], tuple[str, ...]]:
    """Every string literal in kollegial/ (the catalog's own keys left out), and where a
    key is built at run time (an f-string or a sum handed to t or Msg)."""
    strings: set[str] = set()
    built: list[str] = []
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        catalog = {
            id(n)
            for top in tree.body
            if isinstance(top, ast.AnnAssign) and getattr(top.target, "id", "") == "CATALOG"
            for n in ast.walk(top)
        }
        for node in ast.walk(tree):
            if id(node) in catalog:
                continue  # the catalog itself: its keys are what is checked
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                strings.add(node.value)
            if isinstance(node, ast.Call) and node.args:
                name = getattr(node.func, "id", getattr(node.func, "attr", None))
                if name in TRANSLATING and isinstance(node.args[0], ast.JoinedStr | ast.BinOp):
                    built.append(f"{path.relative_to(SOURCE)}:{node.lineno}")
    return frozenset(strings), tuple(built)


def test_no_key_is_built_at_run_time() -> None:
    """t(f"mode.{...}") hides a key from the two tests below: keys are written out."""
    assert _source_strings()[1] == ()


def test_every_catalog_key_is_used() -> None:
    """Each key in the catalog appears, written out, somewhere in kollegial/."""
    strings, _ = _source_strings()
    assert sorted(k for k in CATALOG if k not in strings) == []


def test_every_key_used_is_in_the_catalog() -> None:
    """A string in kollegial/ shaped like a key of one of the catalog's families is a key."""
    strings, _ = _source_strings()
    families = {key.split(".")[0] for key in CATALOG}
    used = {s for s in strings if KEY_SHAPE.fullmatch(s) and s.split(".")[0] in families}
    assert len(used) > 500
    assert sorted(used - CATALOG.keys()) == []


# --- plural forms ---


@pytest.mark.parametrize(
    ("lang", "one", "two"),
    [
        ("sv", "1 fil kunde inte läsas", "2 filer kunde inte läsas"),
        ("en", "1 file could not be read", "2 files could not be read"),
    ],
)
def test_a_count_takes_the_word_for_its_number(lang: Lang, one: str, two: str) -> None:
    """`{count:fil|filer}`: the first form for one, the second for any other count."""
    assert t("list.invalid", lang, count=1, files="a.yaml").startswith(one)
    assert t("list.invalid", lang, count=2, files="a.yaml, b.yaml").startswith(two)
    assert t("list.invalid", lang, count=0, files="").startswith(two.replace("2", "0"))


def test_the_english_verb_follows_its_count() -> None:
    assert t("validate.summary_bad", "en", bad=1, total=1) == "1 of 1 file has errors."
    assert t("validate.summary_bad", "en", bad=2, total=3) == "2 of 3 files have errors."
    assert t("validate.summary_bad", "sv", bad=1, total=1) == "1 av 1 fil har fel."


def test_no_catalog_text_says_a_plural_in_brackets() -> None:
    """`fil(er)`, `file(s)`: a count says its word, with the plural forms above."""
    brackets = re.compile(r"\w\((?:er|s|ar|or|n)\)")
    assert [k for k, texts in CATALOG.items() if any(brackets.search(x) for x in texts)] == []
