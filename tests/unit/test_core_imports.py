"""The core never imports a UI, and the quick commands stay quick.

The layers themselves are import-linter contracts in pyproject.toml
(docs/architecture.md); this runs them and checks what they cannot see.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

# Each test starts Python (or lint-imports) in a child process.
pytestmark = pytest.mark.slow

UI_MODULES = ("textual", "questionary", "prompt_toolkit")
ROOT = Path(__file__).resolve().parents[2]


def test_the_import_contracts_hold() -> None:
    """pyproject.toml's import-linter contracts: the layers, no UI in the core, no cycles.

    They read the source, so an import inside a function counts as much as one
    at the top; what they cannot see (a library that pulls in a UI library
    itself, an import by name at run time) the test below checks.
    """
    lint = Path(sys.executable).parent / "lint-imports"
    done = subprocess.run(
        [str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_importing_every_core_module_loads_no_ui() -> None:
    """Every module of the core and the base, imported in one fresh interpreter, loads
    neither textual nor questionary nor prompt_toolkit, through any library."""
    code = (
        "import importlib, pkgutil, kollegial\n"
        "for pkg in ('protocols', 'session', 'export', 'store'):\n"
        "    p = importlib.import_module(f'kollegial.{pkg}')\n"
        "    for m in pkgutil.walk_packages(p.__path__, p.__name__ + '.'):\n"
        "        importlib.import_module(m.name)\n"
        "for m in ('errors', 'i18n', 'display', 'values', 'paths', 'readfile'):\n"
        "    importlib.import_module(f'kollegial.{m}')\n"
    )
    assert loaded(code, UI_MODULES) == []


# PyYAML too, except where marked: `validate` checks files with the loader by
# design, and `export` imports kollegial.export.jsonfmt, which imports the loader.
QUICK = [
    (["--help"], "yaml"),
    (["list"], "yaml"),
    (["show", "triangulering"], "yaml"),
    (["validate", "protocols"], ""),
    (["schema"], "yaml"),
    (["sessions"], "yaml"),
    (["export"], ""),
    (["report", "-f", "md"], "yaml"),
]


@pytest.mark.parametrize(("args", "also"), QUICK, ids=lambda a: " ".join(a) if a else "")
def test_quick_commands_import_no_ui(args: list[str], also: str) -> None:
    """--help, list, show, validate, schema, sessions and export run without textual or
    questionary, and (issue 15) without PyYAML once the protocols are in the cache."""
    code = (
        "import contextlib, io\n"
        "from kollegial.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        f"    main({args!r})\n"
    )
    loaded(code, ())  # warms the protocol cache in this test's KOLLEGIAL_HOME
    assert loaded(code, (*UI_MODULES, *filter(None, [also]))) == []


HEAVY = ("pydantic", "yaml", "rich", "typer", "textual", "questionary")


def loaded(code: str, modules: tuple[str, ...]) -> list[str]:
    probe = f"import sys\n{code}\nprint(','.join(m for m in {modules!r} if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    return [m for m in out.strip().splitlines()[-1].split(",") if m] if out.strip() else []


def test_help_loads_only_typer_and_rich() -> None:
    """Issue 15: `--help` needs Typer and Rich, the libraries it is drawn with, and nothing
    else heavy (not even pydantic, which Typer loads only to convert values)."""
    code = (
        "import contextlib, io\n"
        "from kollegial.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "    main(['--help'])\n"
    )
    assert loaded(code, HEAVY) == ["rich", "typer"]


def test_help_compiles_no_control_character_pattern() -> None:
    """`--help` prints only the catalog's own words: the pattern that makes people's
    text safe (~1 ms to compile, beyond the minimal Typer app) waits for a use."""
    code = (
        "import contextlib, io, sys\n"
        "from kollegial.cli import main\n"
        "from kollegial import display\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "    main(['--help'])\n"
        "print(display._control.cache_info().currsize)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "0"


def test_the_meeting_screen_needs_neither_pydantic_nor_yaml() -> None:
    """Issue 7: the modules of `kollegial run` leave validation (pydantic, PyYAML) to the loader."""
    code = "import kollegial.cli, kollegial.views.meeting, kollegial.tui.app, kollegial.store.cache"
    assert loaded(code, ("pydantic", "yaml")) == []


def test_sessions_reads_the_summaries_without_the_engine_or_pydantic() -> None:
    """Issue 21: listing 10,000 meetings reads one summary row each, so `sessions` loads
    neither the store's writing and replaying code, nor the engine, nor pydantic or
    PyYAML: ~100 ms of its start."""
    from datetime import UTC, datetime

    from kollegial.protocols.discovery import resolve
    from kollegial.session import FakeClock, Session
    from kollegial.store import Store

    store = Store()
    clock = FakeClock(datetime(2026, 3, 2, 14, 0, tzinfo=UTC))
    session_id = store.create(resolve("observationssamtal"), clock, team="Åk 4–6")
    Session.start(
        resolve("observationssamtal"), ["Anna", "Bo"], clock, listeners=[store.listener(session_id)]
    )
    store.close()
    code = (
        "import contextlib, io\n"
        "from kollegial.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):\n"
        "    main(['sessions', '--protocol', 'observationssamtal', '-n', '5'])\n"
        "assert 'Anna, Bo' in out.getvalue() and 'Åk 4–6' in out.getvalue(), out.getvalue()\n"
    )
    heavy = ("pydantic", "yaml", "kollegial.store.db", "kollegial.session.session")
    assert loaded(code, (*UI_MODULES, *heavy)) == []
