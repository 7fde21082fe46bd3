"""The phone page is an optional extra: nothing else imports aiohttp or segno."""

from __future__ import annotations

import pytest

from tests.unit.test_core_imports import loaded

SERVE = ("aiohttp", "segno", "kollegial.serve.server")


@pytest.mark.parametrize(
    "code",
    [
        "import kollegial.session.remote, kollegial.session, kollegial.store, kollegial.export",
        "import kollegial.cli, kollegial.views.meeting, kollegial.tui.app",
        "import kollegial.tui.screens.meeting, kollegial.serve",
        (
            "import contextlib, io\nfrom kollegial.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
            "    main(['run', '--help'])\n"
        ),
    ],
    ids=["core", "meeting modules", "meeting screen", "run --help"],
)
def test_nothing_imports_the_server_until_it_starts(code: str) -> None:
    assert loaded(code, SERVE) == []


def test_the_extra_is_found_without_importing_it() -> None:
    code = "import kollegial.serve as s\nassert s.available()"
    assert loaded(code, SERVE) == []
