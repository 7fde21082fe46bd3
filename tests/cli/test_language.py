"""Issue 15: in the Swedish UI every word the program prints is Swedish; English is complete.

Every command's --help, each kind of usage error and each prompt is read in
both languages and searched for words that give the other language away.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pexpect
import pytest

from kollegial.cli import app
from kollegial.i18n import t
from tests.conftest import Result

Cli = Callable[..., Result]

# Words that show English in the Swedish UI: Typer's and click's own words,
# questionary's hints, English metavars, and common English function words.
ENGLISH = [
    "Usage", "Options", "Commands", "Arguments", "Error", "Missing", "Invalid", "No such",
    "required", "default", "Show", "Try", "Did you mean", "unexpected", "Aborted",
    "Cancelled", "Yes", "No", "Use arrow keys", "Use shortcuts", "(Y/n)", "(y/N)",
    "the", "and", "with", "of", "to", "is", "for", "your", "this",
    "OPTIONS", "COMMAND", "ARGS", "PATH", "FILE", "NAME", "FOLDER", "THEME", "MEETING",
    "bool", "str", "path", "TEXT]",
]  # fmt: skip
# Words that show Swedish in the English UI.
SWEDISH = [
    "Användning", "Flaggor", "Kommandon", "Fel", "saknas", "finns", "måste", "förval",
    "Skriv", "Visa", "Menade", "Avbrutet", "Ja", "Nej", "(J/n)", "(j/N)", "pilarna",
    "och", "eller", "för", "med", "att", "inte", "är", "ett", "din", "ditt",
    "FLAGGOR", "KOMMANDO", "SÖKVÄG", "FIL", "NAMN", "MAPP", "TEMA", "MÖTE", "TT:MM",
]  # fmt: skip
GIVEAWAYS = {"sv": ENGLISH, "en": SWEDISH}


def giveaways(text: str, lang: str) -> list[str]:
    """The other language's words in ``text`` (whole words, case as listed).

    Option names (``--to``, ``--set-team``) are the command's, the same in every
    language: they are not words of the text.
    """
    text = re.sub(r"(?<![\w-])--?[a-z][\w-]*", " ", text)
    return [w for w in GIVEAWAYS[lang] if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)]


def test_the_giveaway_lists_catch_what_they_are_for() -> None:
    """The lists find Typer's and questionary's English, and the catalog's Swedish."""
    assert giveaways("Usage: kollegial [OPTIONS] COMMAND", "sv") == [
        "Usage", "OPTIONS", "COMMAND"
    ]  # fmt: skip
    assert giveaways("? Starta nu? (Y/n)", "sv") == ["(Y/n)"]
    assert giveaways("Fel: Flaggan --x finns inte.", "en") == ["Fel", "finns", "inte"]
    assert giveaways("Användning: kollegial [FLAGGOR]", "sv") == []
    assert giveaways("Till och med --to ÅÅÅÅ-MM-DD", "sv") == []
    assert giveaways("Till --to datum to", "sv") == ["to"]


COMMANDS = [name for name in (c.name for c in app.registered_commands) if name]


def test_every_command_is_scanned() -> None:
    """The scan covers the commands the app has, not a list that could fall behind."""
    assert {"list", "show", "run", "resume", "rate", "export", "sessions"} <= set(COMMANDS)


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("args", [[], *([c] for c in COMMANDS)], ids=lambda a: a[0] if a else "-")
def test_every_help_page_is_in_one_language(cli: Cli, lang: str, args: list[str]) -> None:
    """`kollegial [COMMAND] --help`, headings, panels, metavars and texts alike."""
    r = cli(*args, "--help", "--lang", lang)
    assert r.code == 0, r.err
    assert "kollegial" in r.out
    assert giveaways(r.out, lang) == [], r.out


USAGE_ERRORS = {
    "no such command": ["lsit"],
    "no such option": ["list", "--nej"],
    "no such short option": ["show", "triangulering", "-x"],
    "missing argument": ["show"],
    "missing paths": ["validate"],
    "extra argument": ["list", "extra"],
    "option needs a value": ["show", "triangulering", "--start"],
    "flag given a value": ["run", "triangulering", "--demo=ja"],
    "bad export format": ["export", "-f", "xml"],
    "bad sheet format": ["sheet", "triangulering", "-f", "pdf"],
    "bad theme": ["run", "triangulering", "--demo", "--theme", "rosa"],
    "bad variant": ["run", "triangulering", "--demo", "--variant", "lång"],
    "bad language": ["list", "--lang", "de"],
    "bad protocol id": ["new", "Mitt Möte"],
}


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("args", USAGE_ERRORS.values(), ids=USAGE_ERRORS.keys())
def test_every_usage_error_is_in_one_language(
    cli: Cli, lang: str, args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A mistake on the command line: exit 2 and a message in the user's language only."""
    monkeypatch.setenv("KOLLEGIAL_LANG", lang)  # --lang itself may be what is wrong
    r = cli(*args)
    assert r.code == 2, (r.out, r.err)
    assert r.err.strip()
    assert "Traceback" not in r.err
    assert giveaways(r.err, lang) == [], r.err


def test_usage_errors_say_what_and_where(cli: Cli) -> None:
    """The message names the option, the argument, the command or the allowed values."""
    assert "Flaggan --nej finns inte." in cli("list", "--nej").err
    assert "Menade du list?" in cli("lsit").err
    missing = cli("show").err
    assert "Användning: kollegial show [FLAGGOR] {ID|SÖKVÄG}" in missing
    assert "Fel: ID|SÖKVÄG saknas." in missing
    assert "--start behöver ett värde" in cli("show", "triangulering", "--start").err
    assert "md, html, xlsx, json, csv" in cli("export", "-f", "xml").err
    english = cli("--lang", "en", "export", "-f", "xml").err
    assert "md, html, xlsx, json, csv" in english


KOLLEGIAL = Path(sys.executable).parent / "kollegial"
ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]|\r")


def screen(child: pexpect.spawn) -> str:
    """What the pty showed so far, escape sequences removed."""
    return ANSI.sub("", child.before + (child.after if isinstance(child.after, str) else ""))


def spawn(home: Path, lang: str, *args: str) -> pexpect.spawn:
    env = {**os.environ, "KOLLEGIAL_HOME": str(home), "TERM": "xterm-256color"}
    env["KOLLEGIAL_LANG"] = lang
    return pexpect.spawn(
        str(KOLLEGIAL), list(args), env=env, dimensions=(35, 120), encoding="utf-8", timeout=20
    )


WORDS = {
    "sv": {"first": "Deltagare 1", "start": "Starta nu?", "yes_no": "(J/n)", "no": "Nej"},
    "en": {"first": "Participant 1", "start": "Start now?", "yes_no": "(Y/n)", "no": "No"},
}


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_meeting_dialogue_is_in_one_language(isolated: Path, lang: str) -> None:
    """`run` without --participants, in a real terminal: every prompt and hint, then n."""
    words = WORDS[lang]
    child = spawn(isolated, lang, "run", "triangulering")
    seen = ""
    for n, name in enumerate(("Anna", "Bo", ""), start=1):
        child.expect(re.escape(t("prompt.participant", lang, n=n)))
        child.send(name + "\r")
    child.expect(re.escape(t("prompt.focus", lang)))
    child.send("\r")
    child.expect(words["start"])
    child.expect(re.escape(words["yes_no"]))
    seen += screen(child)
    child.send("n")
    child.expect(pexpect.EOF)
    seen += screen(child)
    child.close()
    assert child.exitstatus == 0
    assert words["no"] in seen
    assert giveaways(seen, lang) == [], seen


# A protocol's own text is the team's, in whatever language they wrote it: the
# rating dialogue is read with statements that hold no word of either list.
RATEABLE = """\
title: Q
steps:
  - {title: R, mode: rate}
scale: {min: 1, max: 4, labels: {1: Lo, 4: Hi}}
groups:
  - id: g
    title: G
    statements: [Alpha., Beta., Gamma.]
"""


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_rating_dialogue_is_in_one_language(isolated: Path, lang: str, tmp_path: Path) -> None:
    """`rate` in a real terminal: name, every statement's hint, the summary and its choices."""
    protocol = tmp_path / "q.yaml"
    protocol.write_text(RATEABLE, encoding="utf-8")
    out = tmp_path / "v.yaml"
    child = spawn(isolated, lang, "rate", str(protocol), "-o", str(out))
    child.expect(re.escape(t("rate.name", lang)))
    child.send("Åsa\r")
    for n in (1, 2, 3):
        child.expect(f"{n}/3")
        child.send("3")
        child.send("\r")
    child.expect(re.escape(t("prompt.arrows", lang)))
    seen = screen(child)
    child.send("\r")  # the first choice: save
    child.expect(pexpect.EOF)
    seen += screen(child)
    child.close()
    assert child.exitstatus == 0, seen
    assert out.exists()
    assert t("rate.instruction", lang) in seen
    assert giveaways(seen.replace(str(tmp_path), "…"), lang) == [], seen
