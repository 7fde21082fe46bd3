"""A step's prompt: in big letters when the screen gives it the rows, else as plain text."""

from __future__ import annotations

from rich.text import Text
from textual.app import RenderResult
from textual.geometry import Size
from textual.widget import Widget

from kollegial.tui import font


class Prompt(Widget):
    """What the room reads: the step's prompt, and under it our hint in plain text.

    The screen decides how many rows the prompt may take (:meth:`allow`). When
    the prompt, wrapped between words in big letters, fits that many rows (the
    hint under it included) it stands big; otherwise, or when a character has
    no big glyph, it is the plain text, wrapped and never cut.
    """

    DEFAULT_CSS = """
    Prompt { height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._prompt = ""
        self._hint = ""
        self._rows = 0
        self._drawn: tuple[str, int, list[str]] | None = None
        """The last prompt drawn big, at which width: layout asks for it several times."""

    def show(self, prompt: str, hint: str) -> None:
        """``prompt`` and ``hint`` as plain text (already made safe to show)."""
        if (prompt, hint) != (self._prompt, self._hint):
            self._prompt, self._hint = prompt, hint
            self._relayout()

    def allow(self, rows: int) -> bool:
        """Let the prompt take up to ``rows`` rows in big letters (0: never); True if changed."""
        if rows == self._rows:
            return False
        self._rows = rows
        self._relayout()
        return True

    def _relayout(self) -> None:
        # As RatingBars._relayout: a pending layout keeps the old height cached.
        if self._layout_required:
            self._layout_updates += 1
        self.refresh(layout=True)

    def _hint_text(self) -> Text:
        return Text(self._hint, style="not bold dim italic")

    def plain(self) -> Text:
        """The prompt as plain text, the hint on the lines under it."""
        text = Text(self._prompt)
        if self._hint:
            text.append("\n")
            text.append_text(self._hint_text())
        return text

    def big_lines(self, width: int) -> list[str] | None:
        """The prompt in big letters at ``width`` columns, or None where it may not stand big."""
        if self._rows <= 0:
            return None
        if self._drawn is not None and self._drawn[:2] == (self._prompt, width):
            rows = self._drawn[2]
        else:
            lines = font.wrap(self._prompt, width)
            if lines is None or len(lines) * font.LINE_PITCH // 2 > self._rows:
                return None
            rows = font.write(lines)
            self._drawn = (self._prompt, width, rows)
        if len(rows) + self._rows_of(self._hint_text(), width) > self._rows:
            return None
        return rows

    def _rows_of(self, text: Text, width: int) -> int:
        return len(text.wrap(self.app.console, max(1, width))) if text else 0

    def plain_height(self, width: int) -> int:
        return self._rows_of(self.plain(), width)

    @property
    def is_big(self) -> bool:
        return self.big_lines(self.content_size.width) is not None

    def _text(self, width: int) -> Text:
        big = self.big_lines(width)
        if big is None:
            return self.plain()
        text = Text("\n".join(big))
        if self._hint:
            text.append("\n")
            text.append_text(self._hint_text())
        return text

    def render(self) -> RenderResult:
        return self._text(self.content_size.width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        big = self.big_lines(width)
        if big is None:
            return self.plain_height(width)
        return len(big) + self._rows_of(self._hint_text(), width)
