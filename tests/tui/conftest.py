"""Fixtures for driving the meeting TUI with Pilot on a fake clock."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.widget import Widget

from kollegial.protocols.discovery import resolve
from kollegial.protocols.model import Mode, apply_variant
from kollegial.session.clock import FakeClock
from kollegial.store import Store
from kollegial.tui.app import KollegialApp, make_app

PEOPLE = ["Anna", "Bo", "Cecilia"]
DEADLINE = 300


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Wall-clock times on screen are local; make local UTC so screens are the same everywhere."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def deadline() -> Iterator[None]:
    """Nothing hangs: a test still running after five minutes fails (SIGALRM; no plugin
    needed). A guard against hanging, not a speed limit (those are asserted where they
    matter): one minute was too short for a forty-person round on a 2-core machine
    running the suite in parallel beside other work."""

    def expired(signum: int, frame: object) -> None:
        raise TimeoutError(f"test took longer than {DEADLINE} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(DEADLINE)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


MakeApp = Callable[..., KollegialApp]


def text_of(widget: Widget) -> str:
    """What a widget shows on screen, as plain text lines."""
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))


def shown_text(screen: Widget, widget_id: str) -> str:
    """The text of ``#widget_id`` when it is on screen; "" when hidden or never mounted.

    The panels only some steps show are mounted the first time a step shows them.
    """
    found = [w for w in screen.query(f"#{widget_id}") if w.display]
    return text_of(found[0]) if found else ""


# Two rating sheets of triangulering, Anna's and Bo's: a digit per statement of
# the rate step, in order. Typed on the sheets they cost a frame a key; the tests
# that need them only as the ratings on the way to a corner put them in with
# rate_sheets (test_wall checks that typing them gives the same ratings).
SHEETS = {"Anna": "123443211234432123", "Bo": "223344112233441122"}


def sheet_ratings(app: KollegialApp) -> dict[str, dict[str, int]]:
    """SHEETS as ratings: each digit for the rate step's statements in their order."""
    session = app.session
    rate = next(i for i, s in enumerate(session.plan) if s.mode is Mode.RATE)
    wanted = session.rated_statements(rate)
    return {p: {s: int(d) for s, d in zip(wanted, v, strict=True)} for p, v in SHEETS.items()}


def rate_sheets(app: KollegialApp) -> None:
    """Put SHEETS in through the engine, as typing them on the two rating sheets does."""
    for person, values in sheet_ratings(app).items():
        for statement, value in values.items():
            app.session.set_rating(person, statement, value)


@pytest.fixture
def meeting(clock: FakeClock, tmp_path: Path) -> MakeApp:
    """``meeting("triangulering")``: an app over a stored session, exports to tmp_path/out.

    ``variant`` runs a named timing variant of the protocol (``--variant kort``).
    """

    def build(
        protocol_id: str = "triangulering",
        people: list[str] | None = None,
        variant: str | None = None,
        **kw: object,
    ) -> KollegialApp:
        out = tmp_path / "out"
        out.mkdir(exist_ok=True)
        kw.setdefault("quiet", True)
        protocol = resolve(protocol_id)
        if variant is not None:
            # As `kollegial run ID --variant NAME` does before it makes the app.
            protocol = apply_variant(protocol, variant)
        return make_app(
            protocol,
            people or PEOPLE,
            clock=clock,
            store=Store(Path(os.environ["KOLLEGIAL_HOME"])),
            export_dir=out,
            **kw,  # type: ignore[arg-type]
        )

    return build
