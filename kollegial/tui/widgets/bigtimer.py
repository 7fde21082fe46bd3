"""The timer that dominates the screen: big digits that fill the space they get."""

from __future__ import annotations

from rich.text import Text
from textual.app import RenderResult
from textual.reactive import reactive
from textual.widget import Widget

from kollegial.tui import font


class BigTimer(Widget):
    """Shows ``value`` (``06:32``, ``+01:12``) as large as its region allows."""

    DEFAULT_CSS = """
    BigTimer {
        width: 1fr;
        height: 1fr;
        content-align: center middle;
    }
    """

    value: reactive[str] = reactive("00:00")

    def render(self) -> RenderResult:
        width, height = self.content_size.width, self.content_size.height
        sx, sy = font.fit_scale(self.value, width, height)
        if sx == 0:
            return Text(self.value, style="bold", justify="center")
        # Wider than square when there is room: fill the width we are given.
        sx = max(sx, min(width // font.pixel_width(self.value), sy * 2))
        lines = font.render(self.value, sx, sy)
        pad_top = max(0, (height - len(lines)) // 2)
        # Centre the block as a whole: centring line by line would trim each
        # line's trailing blanks differently and shear the digits apart.
        pad_left = " " * max(0, (width - len(lines[0])) // 2)
        body = "\n".join(pad_left + line for line in lines)
        return Text("\n" * pad_top + body, no_wrap=True)
