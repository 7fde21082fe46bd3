"""The core never imports a UI, and the quick commands stay quick."""

from __future__ import annotations

import subprocess
import sys

import pytest

UI_MODULES = ("textual", "questionary", "prompt_toolkit")
CORE = [
    "kollegial",
    "kollegial.errors",
    "kollegial.i18n",
    "kollegial.paths",
    "kollegial.protocols",
    "kollegial.protocols.model",
    "kollegial.protocols.loader",
    "kollegial.protocols.checks",
    "kollegial.protocols.discovery",
    "kollegial.protocols.schema",
    "kollegial.session",
    "kollegial.session.status",
    "kollegial.store",
    "kollegial.store.journal",
    "kollegial.export",
    "kollegial.export.sheet",
    "kollegial.export.report",
    "kollegial.export.report_render",
    "kollegial.session.team",
    "kollegial.session.ratingsfile",
    "kollegial.display",
]


def loaded_ui_modules(code: str) -> list[str]:
    probe = f"import sys\n{code}\nprint(','.join(m for m in {UI_MODULES!r} if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    return [m for m in out.strip().splitlines()[-1].split(",") if m] if out.strip() else []


@pytest.mark.parametrize("module", CORE)
def test_core_module_imports_no_ui(module: str) -> None:
    """Importing a core module pulls in neither textual nor questionary."""
    assert loaded_ui_modules(f"import {module}") == []


# PyYAML too, except where marked: `validate` checks files with the loader by
# design, and `export` imports kollegial.export, whose jsonfmt imports the loader.
QUICK = [
    (["--help"], "yaml"),
    (["list"], "yaml"),
    (["show", "triangulering"], "yaml"),
    (["validate", "protocols"], ""),
    (["schema"], "yaml"),
    (["sessions"], "yaml"),
    (["export"], ""),
    (["report", "-f", "md"], ""),
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
