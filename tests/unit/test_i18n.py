"""The catalog: complete in both languages, chosen from the environment."""

from __future__ import annotations

import string

import pytest

from kollegial.i18n import CATALOG, detect_language, t


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
