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


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["list"],
        ["show", "triangulering"],
        ["validate", "protocols"],
        ["schema"],
        ["sessions"],
        ["export"],
    ],
    ids=lambda a: a[0],
)
def test_quick_commands_import_no_ui(args: list[str]) -> None:
    """--help, list, show, validate and schema run without loading textual or questionary."""
    code = (
        "import contextlib, io\n"
        "from kollegial.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        f"    main({args!r})\n"
    )
    assert loaded_ui_modules(code) == []


HEAVY = ("pydantic", "yaml", "rich", "typer", "textual", "questionary")


def loaded(code: str, modules: tuple[str, ...]) -> list[str]:
    probe = f"import sys\n{code}\nprint(','.join(m for m in {modules!r} if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    return [m for m in out.strip().splitlines()[-1].split(",") if m] if out.strip() else []


def test_help_loads_only_click() -> None:
    """Issue 7: `--help` is as quick as a bare click app, so nothing heavy loads for it."""
    code = (
        "import contextlib, io\n"
        "from kollegial.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "    main(['--help'])\n"
    )
    assert loaded(code, HEAVY) == []


def test_the_meeting_screen_needs_neither_pydantic_nor_yaml() -> None:
    """Issue 7: the modules of `kollegial run` leave validation (pydantic, PyYAML) to the loader."""
    code = "import kollegial.cli, kollegial.views.meeting, kollegial.tui.app, kollegial.store.cache"
    assert loaded(code, ("pydantic", "yaml", "typer")) == []
