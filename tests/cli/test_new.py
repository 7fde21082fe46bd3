"""Issue 15: `kollegial new ID` starts a protocol that editors check at once."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path

from kollegial.protocols.schema import json_schema_text
from tests.conftest import Result

Cli = Callable[..., Result]


def test_new_writes_a_valid_protocol_with_its_schema_beside_it(cli: Cli, isolated: Path) -> None:
    """In the user's folder: the file, the schema it names on its first line, and list sees it."""
    r = cli("new", "min-uppfoljning")
    assert r.code == 0, r.err
    path = isolated / "protocols" / "min-uppfoljning.yaml"
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=protocol.schema.json"
    schema = path.parent / "protocol.schema.json"
    assert schema.read_text(encoding="utf-8") == json_schema_text()
    assert json.loads(schema.read_text(encoding="utf-8"))["title"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert str(path) in r.out
    assert cli("validate", str(path)).code == 0
    listed = cli("list").out
    assert "min-uppfoljning" in listed
    assert cli("show", "min-uppfoljning").code == 0


def test_new_to_a_file_of_ones_choice(cli: Cli, tmp_path: Path) -> None:
    """-o FILE: there, with the schema in the same folder and the id kept."""
    out = tmp_path / "egna" / "utkast.yaml"
    r = cli("new", "fredagsmote", "-o", str(out))
    assert r.code == 0, r.err
    assert (out.parent / "protocol.schema.json").exists()
    assert cli("show", str(out)).code == 0
    assert cli("validate", str(out)).code == 0


def test_new_in_english(cli: Cli, isolated: Path) -> None:
    """--lang en: the starter protocol's texts are English."""
    assert cli("--lang", "en", "new", "follow-up").code == 0
    text = (isolated / "protocols" / "follow-up.yaml").read_text(encoding="utf-8")
    assert "language: en" in text
    assert cli("validate", str(isolated / "protocols" / "follow-up.yaml")).code == 0


def test_new_never_overwrites(cli: Cli, isolated: Path) -> None:
    """An existing file is left as it is: exit 1 and the path named."""
    assert cli("new", "mitt").code == 0
    path = isolated / "protocols" / "mitt.yaml"
    path.write_text("title: Mitt eget\nsteps: [{title: A, mode: info}]\n", encoding="utf-8")
    r = cli("new", "mitt")
    assert r.code == 1
    assert str(path) in r.err
    assert "Mitt eget" in path.read_text(encoding="utf-8")


def test_new_refuses_a_bad_id(cli: Cli) -> None:
    """An id must be lowercase a–z, digits and hyphens: a usage error that says so."""
    r = cli("new", "Mitt Möte")
    assert r.code == 2
    assert "a–z" in r.err
