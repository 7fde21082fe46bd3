"""Issue 15: shell completion that knows protocols, meetings and option values.

The installed command is asked as bash asks it (the completion script sets
``_KOLLEGIAL_COMPLETE``, ``COMP_WORDS`` and ``COMP_CWORD`` and reads the lines).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA

KOLLEGIAL = Path(sys.executable).parent / "kollegial"
BUNDLED = {p.stem for p in (Path(__file__).parents[2] / "protocols").glob("*.yaml")}


def complete(home: Path, line: str) -> list[str]:
    """What bash would offer after ``line`` (a trailing space starts a new word)."""
    words = line.split()
    cword = len(words) if line.endswith(" ") else len(words) - 1
    env = {
        **os.environ,
        "KOLLEGIAL_HOME": str(home),
        "_KOLLEGIAL_COMPLETE": "complete_bash",
        "COMP_WORDS": line,
        "COMP_CWORD": str(cword),
    }
    done = subprocess.run(
        [str(KOLLEGIAL)], env=env, capture_output=True, text=True, timeout=60, check=True
    )
    return done.stdout.split()


@pytest.mark.slow
@pytest.mark.parametrize("command", ["run", "show", "sheet", "rate"])
def test_protocol_ids(isolated: Path, command: str) -> None:
    """The commands that take a protocol complete its id, from every folder searched."""
    assert set(complete(isolated, f"kollegial {command} ")) == BUNDLED
    assert complete(isolated, f"kollegial {command} tria") == ["triangulering"]


@pytest.mark.slow
def test_a_users_own_protocol_is_offered(isolated: Path) -> None:
    folder = isolated / "protocols"
    folder.mkdir(parents=True)
    (folder / "egen.yaml").write_text("title: Egen\nsteps: [{title: A, mode: info}]\n")
    assert complete(isolated, "kollegial run eg") == ["egen"]


@pytest.mark.slow
@pytest.mark.parametrize("command", ["resume", "export"])
def test_session_ids(isolated: Path, command: str) -> None:
    """resume and export complete the ids of the saved meetings."""
    assert complete(isolated, f"kollegial {command} ") == []
    # Two meetings: the same export twice would be one meeting and a refusal.
    data = json.loads((DATA / "golden" / "triangulering.json").read_text(encoding="utf-8"))
    for n in range(2):
        data["created_at"] = f"2026-11-24T1{n}:00:00Z"
        export = isolated.parent / f"meeting-{n}.json"
        export.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        subprocess.run(
            [str(KOLLEGIAL), "import", str(export)],
            env={**os.environ, "KOLLEGIAL_HOME": str(isolated)},
            capture_output=True,
            check=True,
        )
    assert complete(isolated, f"kollegial {command} ") == ["1", "2"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("line", "values"),
    [
        ("kollegial export -f ", ["md", "html", "xlsx", "json", "csv"]),
        ("kollegial export 1 --format j", ["json"]),
        ("kollegial sheet triangulering -f ", ["md", "html"]),
        ("kollegial run triangulering --theme ", ["dark", "light", "projector", "projektor"]),
        ("kollegial resume --theme l", ["light"]),
        ("kollegial --lang ", ["sv", "en"]),
        ("kollegial run stamma-av --quiet --variant ", ["kort"]),
        ("kollegial show --start 14:00 stamma-av --variant k", ["kort"]),
        ("kollegial run triangulering --variant ", []),
    ],
)
def test_option_values(isolated: Path, line: str, values: list[str]) -> None:
    """--format, --theme, --lang, and --variant for the protocol named on the line."""
    assert complete(isolated, line) == values


@pytest.mark.slow
def test_install_completion_speaks_swedish(isolated: Path, tmp_path: Path) -> None:
    """--install-completion (run from bash) writes the script and says so in Swedish."""
    env = {**os.environ, "HOME": str(tmp_path), "KOLLEGIAL_HOME": str(isolated)}
    done = subprocess.run(
        ["bash", "-c", f"'{KOLLEGIAL}' --install-completion"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Tab-komplettering för bash är installerad" in done.stdout
    script = tmp_path / ".bash_completions" / "kollegial.sh"
    assert "_KOLLEGIAL_COMPLETE" in script.read_text()
    assert f"source '{script}'" in (tmp_path / ".bashrc").read_text()
