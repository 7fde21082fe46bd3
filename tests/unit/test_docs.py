"""The examples users copy from the documentation are valid protocols."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kollegial.protocols.loader import load_text
from tests.conftest import ROOT

DOCS = [ROOT / "docs" / "protokollformat.md", ROOT / "README.md"]


def yaml_examples() -> list[tuple[str, str]]:
    found = []
    for doc in DOCS:
        blocks = re.findall(r"```yaml\n(.*?)```", doc.read_text(encoding="utf-8"), re.S)
        found += [(f"{doc.name}#{i}", b) for i, b in enumerate(blocks) if "steps:" in b]
    return found


@pytest.mark.parametrize(("name", "text"), yaml_examples(), ids=[n for n, _ in yaml_examples()])
def test_documented_example_is_valid(name: str, text: str) -> None:
    """Every complete protocol example in the docs loads without problems."""
    assert load_text(text, Path(name)).steps


def test_the_readme_lists_every_bundled_protocol_with_its_planned_minutes() -> None:
    """Each bundled protocol has a row in the README's table, with its id and length."""
    from kollegial.protocols.discovery import bundled_dir, protocol_files
    from kollegial.protocols.loader import load_protocol

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = {
        line.split("|")[1].strip().strip("`"): line
        for line in readme.splitlines()
        if line.startswith("| `")
    }
    for path in protocol_files(bundled_dir()):
        p = load_protocol(path)
        assert path.stem in rows, path.stem
        if not p.scales_with_people:
            assert f"| {p.planned_minutes():g} min" in rows[path.stem], rows[path.stem]


def test_the_readme_tells_how_to_install_completion() -> None:
    """Issue 15: Typer's completion options are documented where teachers read."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "kollegial --install-completion" in readme
    assert "kollegial --show-completion" in readme
