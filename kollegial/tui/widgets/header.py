"""The top line of the meeting screen: what is run, where the meeting is, when it ends."""

from __future__ import annotations

from typing import Literal

from rich.text import Text
from textual.app import RenderResult
from textual.widget import Widget


class HeaderBar(Widget):
    """The protocol's title, the position (``Steg 4 av 6 · Hörn 2 av 3``), the forecast.

    One widget draws the three parts: three widgets in a row cost the first
    frame ~2 ms more. The position stands in the middle and is never
    cut while it fits the window; when space runs short the title is cut first
    (with an ellipsis), the forecast only past half of what is left.
    """

    DEFAULT_CSS = """
    HeaderBar { height: 1; text-wrap: nowrap; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._title = ""
        self._position = ""
        self._forecast = ""

    def show(
        self, *, title: str | None = None, position: str | None = None, forecast: str | None = None
    ) -> None:
        """Set the parts given; each is plain text, never markup."""
        now = (self._title, self._position, self._forecast)
        new = (
            self._title if title is None else title,
            self._position if position is None else position,
            self._forecast if forecast is None else forecast,
        )
        if new != now:
            self._title, self._position, self._forecast = new
            self.refresh()

    def render(self) -> RenderResult:
        """Exactly one line of the widget's width: wider, Textual would wrap it away."""
        width = self.content_size.width
        middle = Text(f"  {self._position}  ", no_wrap=True)
        if middle.cell_len >= width:
            # No room beside the position: it alone, cut only past the window's edge.
            alone = Text(self._position, no_wrap=True)
            alone.truncate(max(width, 1), overflow="ellipsis", pad=True)
            return alone
        rest, half = width - middle.cell_len, (width - middle.cell_len) // 2
        title_len, forecast_len = Text(self._title).cell_len, Text(self._forecast).cell_len
        if title_len + forecast_len <= rest:
            # Nothing is cut: the position in the middle when the title allows.
            forecast_width = max(forecast_len, min(half, rest - title_len))
        else:
            # The title is cut first; the forecast keeps its length up to half.
            forecast_width = min(forecast_len, half)
        title = _fitted(Text(self._title, style="bold"), rest - forecast_width, "left")
        forecast = _fitted(Text(self._forecast), forecast_width, "right")
        return Text.assemble(title, middle, forecast, no_wrap=True, end="")


def _fitted(text: Text, width: int, side: Literal["left", "right"]) -> Text:
    """``text`` cut (with an ellipsis) or padded to exactly ``width`` cells; empty at 0."""
    if width <= 0:
        return Text("")
    text.truncate(width, overflow="ellipsis")
    text.align(side, width)
    return text
