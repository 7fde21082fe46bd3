"""Start-up: the collector waits only while the meeting screen starts (issue 7)."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator

import pytest

from kollegial.protocols.discovery import resolve
from kollegial.session import FakeClock
from kollegial.tui.app import make_app
from tests.conftest import Result


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    yield
    gc.enable()


@pytest.mark.parametrize(
    "args",
    [("list",), ("show", "triangulering"), ("--help",), ("run", "finns-inte", "--demo"), ("nej",)],
)
def test_every_command_leaves_the_collector_on(
    cli: Callable[..., Result], args: tuple[str, ...]
) -> None:
    """Whatever the command and however it ends, collection is on afterwards."""
    cli(*args)
    assert gc.isenabled()


def test_other_commands_collect_while_they_work(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only run and resume wait: `list` already collects while it reads the protocols."""
    import kollegial.views.listing as listing

    seen: list[bool] = []
    original = listing.print_list
    monkeypatch.setattr(listing, "print_list", lambda: (seen.append(gc.isenabled()), original()))
    assert cli("list").code == 0
    assert seen == [True]


async def test_the_app_turns_the_collector_on_after_its_first_frame() -> None:
    """With collection off at start (as main leaves it), the drawn screen turns it on."""
    gc.disable()
    protocol = resolve("triangulering")
    app = make_app(protocol, ["Anna", "Bo", "Cecilia"], clock=FakeClock())
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        assert gc.isenabled()
