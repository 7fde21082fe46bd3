"""The top line of the meeting screen: what is run, where the meeting is, when it ends."""

from __future__ import annotations

from rich.text import Text
from textual.app import RenderResult
from textual.widget import Widget


class HeaderBar(Widget):
    """The protocol's title, the position (``Steg 4 av 6 · Hörn 2 av 3``), the forecast.

    One widget draws the three parts: three widgets in a row cost the first
    frame ~2 ms more (issue 7). The position is never cut; the title and the
    forecast share what is left, the title cut with an ellipsis first.
    """

    DEFAULT_CSS = """
    HeaderBar { height: 1; }
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
        changed = False
        for name, value in (("_title", title), ("_position", position), ("_forecast", forecast)):
            if value is not None and value != getattr(self, name):
                setattr(self, name, value)
                changed = True
        if changed:
            self.refresh()

    def render(self) -> RenderResult:
        width = self.content_size.width
        middle = Text(f"  {self._position}  ", no_wrap=True)
        middle.truncate(width, overflow="ellipsis")
        rest = max(0, width - middle.cell_len)
        title = Text(self._title, style="bold", no_wrap=True)
        title.truncate(rest - rest // 2, overflow="ellipsis", pad=True)
        forecast = Text(self._forecast, no_wrap=True)
        forecast.truncate(rest // 2, overflow="ellipsis")
        forecast.align("right", rest // 2)
        return Text.assemble(title, middle, forecast, no_wrap=True, end="")
