"""Shared fixtures: every test runs with its own data folder and Swedish by default."""

from __future__ import annotations

import contextlib
import inspect
import io
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kollegial import i18n

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


@pytest.fixture(scope="session")
def _homes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the tests that take no ``tmp_path`` get their private folder."""
    return tmp_path_factory.mktemp("homes", numbered=False)


@pytest.fixture(autouse=True)
def isolated(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, _homes: Path
) -> Iterator[Path]:
    """A private KOLLEGIAL_HOME, no KOLLEGIAL_PATH, Swedish, the terminal's own size;
    restores the language after.

    The home is ``tmp_path / "home"`` (not created yet) when the test or one of
    its fixtures takes ``tmp_path``; otherwise ``home`` in a fresh private folder
    of its own. Cheaper: pytest makes each ``tmp_path`` by listing every folder
    made so far, which cost each of the ~2,000 tests that never used it 10 ms
    and more as the run went on.
    """
    if "tmp_path" in request.fixturenames:
        base: Path = request.getfixturevalue("tmp_path")
    else:
        base = Path(tempfile.mkdtemp(prefix=re.sub(r"\W", "_", request.node.name)[:30], dir=_homes))
    home = base / "home"
    monkeypatch.setenv("KOLLEGIAL_HOME", str(home))
    monkeypatch.delenv("KOLLEGIAL_PATH", raising=False)
    monkeypatch.setenv("KOLLEGIAL_LANG", "sv")
    monkeypatch.delenv("KOLLEGIAL_DEBUG", raising=False)
    # A pytest-xdist worker has COLUMNS=80 and LINES=24 in its environment, and
    # Textual takes them over the terminal's own size: a program started in a
    # 120×35 pty from there drew at 80×24 and never followed a resize.
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)
    i18n.set_language("sv")
    yield home
    i18n._current = None


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run ``kollegial ARGS`` in-process through the real entry point."""
    from kollegial.cli import main

    def run(*args: str) -> Result:
        code = 0
        try:
            main(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def run_cli_in(home: Path, *args: str) -> Result:
    """``kollegial ARGS`` in-process over the data folder ``home``, in Swedish.

    For a fixture wider than one test (module or session scope), where the
    ``cli`` fixture and ``isolated``'s home are not there yet: it builds a data
    folder once, and each test gets a copy (``copy_home``).
    """
    from kollegial.cli import main

    out, err = io.StringIO(), io.StringIO()
    code = 0
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KOLLEGIAL_HOME", str(home))
        mp.delenv("KOLLEGIAL_PATH", raising=False)
        mp.setenv("KOLLEGIAL_LANG", "sv")
        i18n.set_language("sv")
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                main(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        finally:
            i18n._current = None
    return Result(code, out.getvalue(), err.getvalue())


def copy_home(built: Path, home: Path) -> None:
    """A test's own copy of a data folder built once: files, modes (0600/0700) and all.

    ``home`` is the test's KOLLEGIAL_HOME (``isolated``); it must not exist yet
    or be empty. Nothing may hold ``built``'s database open while it is copied.
    """
    if home.exists():
        home.rmdir()
    shutil.copytree(built, home)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The Pilot tests are slow; the real-terminal tests take turns on one worker.

    Every test of tests/tui/ that runs the app with Pilot (an ``async`` test, or
    one taking a snapshot) takes a second or more: marked ``slow`` here rather
    than one by one. Other slow tests carry ``@pytest.mark.slow`` themselves.

    Each test of tests/e2e/ drives a program in a pseudo-terminal and waits for
    what it draws; two at once, beside a second worker's Pilot tests, left them
    too little of a 2-core machine to keep their deadlines. In one xdist group
    they run one after the other while the other workers share out the rest.
    """
    for item in items:
        parts = item.path.parts
        if "tui" in parts and (
            inspect.iscoroutinefunction(getattr(item, "function", None))
            or "snap_compare" in getattr(item, "fixturenames", ())
        ):
            item.add_marker(pytest.mark.slow)
        if "e2e" in parts:
            item.add_marker(pytest.mark.xdist_group("terminal"))
