"""`kollegial sheet`: the rating sheet to the screen or a file, and its errors."""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from kollegial.export.sheet import render_sheet_html, render_sheet_markdown
from kollegial.protocols.discovery import resolve
from tests.conftest import ROOT, Result

Cli = Callable[..., Result]


def test_sheet_prints_markdown_by_default(cli: Cli) -> None:
    """Without -o and --format the markdown sheet goes to standard output."""
    r = cli("sheet", "triangulering")
    assert (r.code, r.err) == (0, "")
    assert r.out == render_sheet_markdown(resolve("triangulering"), lang="sv")
    assert r.out.startswith("# Lärande samtal kring trianguleringen\n")


def test_sheet_prints_html_when_asked(cli: Cli) -> None:
    """--format html prints the standalone page to standard output."""
    r = cli("sheet", "triangulering", "--format", "html")
    assert r.code == 0
    assert r.out == render_sheet_html(resolve("triangulering"), lang="sv")


def test_sheet_takes_a_path(cli: Cli) -> None:
    """A path to a protocol file works as well as an id."""
    r = cli("sheet", str(ROOT / "protocols" / "triangulering.yaml"), "-f", "md")
    assert r.code == 0 and "## Det kollegiala lärandet" in r.out


@pytest.mark.parametrize(
    ("name", "fmt", "doctype"),
    [
        ("blad.md", None, False),
        ("blad.html", None, True),
        ("BLAD.HTM", None, True),
        ("blad.txt", "html", True),
        ("blad.html", "md", False),
    ],
)
def test_sheet_writes_a_private_file(
    cli: Cli, tmp_path: Path, name: str, fmt: str | None, doctype: bool
) -> None:
    """-o writes the file readable only by the owner; .html/.htm means HTML unless told."""
    out = tmp_path / name
    args = ["sheet", "triangulering", "-o", str(out)] + (["--format", fmt] if fmt else [])
    r = cli(*args)
    assert (r.code, r.out) == (0, "")
    assert r.err.strip() == f"Värderingsbladet är sparat: {out}."
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") is doctype
    assert "Vi ser kvalitetsarbetet som ett lärande" in text


def test_sheet_in_english(cli: Cli) -> None:
    """--lang en gives an English page with lang="en"."""
    r = cli("--lang", "en", "sheet", "triangulering", "-f", "html")
    assert r.code == 0
    assert '<html lang="en">' in r.out and "Circle or tick one value" in r.out


def test_unknown_format_fails_with_the_choices(cli: Cli, tmp_path: Path) -> None:
    """--format pdf: a usage error (exit 2), the choices named, nothing written."""
    out = tmp_path / "blad.pdf"
    r = cli("sheet", "triangulering", "--format", "pdf", "-o", str(out))
    assert (r.code, r.out) == (2, "")
    assert r.err.strip() == "Formatet 'pdf' finns inte. Välj ett av: md, html."
    assert not out.exists()


def test_protocol_without_statements_fails(cli: Cli, tmp_path: Path) -> None:
    """A protocol without groups: exit 1 and a message saying there is nothing to rate."""
    out = tmp_path / "blad.html"
    r = cli("sheet", "observationssamtal", "-o", str(out))
    assert (r.code, r.out) == (1, "")
    assert "Protokollet observationssamtal har inga påståenden att värdera" in r.err
    assert not out.exists()
    r = cli("--lang", "en", "sheet", "observationssamtal")
    assert r.code == 1 and "has no statements to rate" in r.err


def test_unknown_protocol_fails(cli: Cli) -> None:
    """An id that is not on the search path: exit 1 with the usual message."""
    r = cli("sheet", "finns-inte")
    assert r.code == 1 and "finns-inte" in r.err and r.out == ""


def test_hostile_protocol_file_stays_text(cli: Cli, tmp_path: Path) -> None:
    """A protocol file with <script>, | and # prints inert in both forms."""
    path = tmp_path / "fientlig.yaml"
    path.write_text(
        'title: "<script>alert(1)</script> # | x"\n'
        'groups: [{id: g, title: "# <b>G</b> |", statements: ["<script>s</script> | #"]}]\n'
        "steps: [{title: Värdera, mode: rate, minutes: 5}]\n",
        encoding="utf-8",
    )
    md = cli("sheet", str(path)).out
    assert "<s" not in md.replace("\\<", "")
    assert md.startswith("# \\<script>alert(1)\\</script> # | x\n")
    html = cli("sheet", str(path), "-f", "html").out
    assert "<script" not in html and "<b>" not in html
    assert "&lt;script&gt;s&lt;/script&gt; | #" in html


def test_help_lists_sheet(cli: Cli) -> None:
    """The command list names `sheet`; its help names the formats."""
    assert "sheet" in cli("--help").out
    r = cli("sheet", "--help")
    assert r.code == 0 and "md|html" in r.out
