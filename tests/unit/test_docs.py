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


ARCHITECTURE = ROOT / "docs" / "architecture.md"
FILE_LIKE = re.compile(r"`([\w./-]+(?:\.(?:py|md|toml|json|tcss)|/))`")


def test_the_architecture_cites_only_files_that_exist() -> None:
    """Each file or folder docs/architecture.md names, from the repository or kollegial/."""
    cited = set(FILE_LIKE.findall(ARCHITECTURE.read_text(encoding="utf-8")))
    assert len(cited) > 30
    missing = [
        c for c in cited if not (ROOT / c).exists() and not (ROOT / "kollegial" / c).exists()
    ]
    assert missing == []


def test_the_architecture_names_every_layer_of_the_contract() -> None:
    """The layers table names each module pyproject.toml's layers contract places."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (layers,) = [
        c["layers"] for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"
    ]
    text = ARCHITECTURE.read_text(encoding="utf-8")
    table = [line for line in text.splitlines() if line.startswith("| ")]
    assert len(table) == len(layers) + 1  # and the header
    for row, layer in zip(table[1:], layers, strict=True):
        for module in re.split(r"[:|]", layer):
            name = module.strip()
            assert f"`{name}.py`" in row or f"`{name}/`" in row, (name, row)


def test_the_code_says_its_rules_instead_of_citing_issues() -> None:
    """A comment says what the rule is; "issue 7" means nothing in a clone."""
    cited = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in sorted((ROOT / "kollegial").rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\bissue \d+", line, re.I)
    ]
    assert cited == []


def test_the_readme_points_at_the_architecture_in_the_repository() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "`docs/architecture.md`" in readme and ARCHITECTURE.exists()
    assert "shared/design" not in readme
