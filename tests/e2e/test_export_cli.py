"""`kollegial export -f xlsx` on a terminal and into a pipe, through the installed command."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pexpect
import pytest

from kollegial.export import parse_session_json, render_json
from kollegial.store import Store
from tests.unit.test_export import triangulation

KOLLEGIAL = Path(sys.executable).parent / "kollegial"


@pytest.fixture
def env(isolated: Path) -> dict[str, str]:
    protocol, events, created_at = parse_session_json(render_json(triangulation()))
    Store().import_session(protocol, events, created_at)
    return {**os.environ, "KOLLEGIAL_HOME": str(isolated), "KOLLEGIAL_LANG": "sv"}


@pytest.mark.slow
def test_a_workbook_is_not_written_onto_the_terminal(env: dict[str, str]) -> None:
    """On a terminal the bytes would be garbage: a message asks for a file, exit code 1."""
    child = pexpect.spawn(
        str(KOLLEGIAL), ["export", "-f", "xlsx"], env=env, encoding="utf-8", timeout=30
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert "Ange en fil: -o möte.xlsx" in (child.before or "")
    assert "PK" not in (child.before or "")


@pytest.mark.slow
def test_a_workbook_goes_into_a_pipe(env: dict[str, str]) -> None:
    """Into a pipe (`> möte.xlsx`, `| …`) the workbook's bytes go as they are."""
    out = subprocess.run(
        [str(KOLLEGIAL), "export", "-f", "xlsx"], env=env, capture_output=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    book = openpyxl.load_workbook(io.BytesIO(out.stdout))
    assert book.sheetnames == ["Möte", "Steg", "Anteckningar", "Värderingar", "Sammanfattning"]
