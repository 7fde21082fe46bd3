"""The header line: the position is never cut while it fits; the title gives way first."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.app import App, ComposeResult

from kollegial.tui.widgets.header import HeaderBar

POSITION = "Steg 2 av 3 · Presentatör 1 av 4: Anna-Karin"
FORECAST = "slut ca 14:29"


class OneHeader(App[None]):
    def __init__(self, title: str, position: str, forecast: str) -> None:
        super().__init__()
        self.parts = (title, position, forecast)

    def compose(self) -> ComposeResult:
        yield HeaderBar(id="header")

    def on_mount(self) -> None:
        title, position, forecast = self.parts
        self.query_one(HeaderBar).show(title=title, position=position, forecast=forecast)


async def header_line(width: int, title: str, position: str = POSITION) -> str:
    app = OneHeader(title, position, FORECAST)
    async with app.run_test(size=(width, 3)) as pilot:
        await pilot.pause()
        header = app.query_one(HeaderBar)
        assert header.size.height == 1
        return header.render_line(0).text


@pytest.mark.parametrize("width", [60, 80, 120])
async def test_position_whole_title_cut_first(width: int) -> None:
    line = await header_line(width, "Sista ordet: " + "en mycket lång rubrik " * 5)
    assert cell_len(line) == width
    assert f"  {POSITION}  " in line
    assert line.startswith("Sista") and "…" in line.split(POSITION)[0]
    # The forecast keeps its length while half of what is left holds it.
    assert line.endswith(FORECAST) if width >= 80 else line.endswith("…")


async def test_everything_fits_on_a_wide_screen() -> None:
    line = await header_line(120, "Sista ordet")
    assert line.startswith("Sista ordet ") and f"  {POSITION}  " in line
    assert line.endswith(FORECAST) and "…" not in line


@pytest.mark.parametrize("width", [12, 30, 48])
async def test_a_narrow_window_shows_the_position_alone(width: int) -> None:
    """Too narrow for the position and anything beside it: the position, cut only at the edge."""
    line = await header_line(width, "Observationssamtal")
    assert "Observations" not in line
    assert line.startswith(POSITION[: min(width, len(POSITION)) - 1])
    assert cell_len(line) == width


async def test_wide_characters_keep_the_line_one_row() -> None:
    line = await header_line(50, "漢字" * 20, "Steg 1 av 6")
    assert cell_len(line) == 50 and "  Steg 1 av 6  " in line and line.endswith(FORECAST)
