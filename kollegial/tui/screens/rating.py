"""Entering one participant's ratings at the laptop, privately.

Only the participant being entered is shown, so a colleague can step up and
type their own, or the leader can type them in from paper: 18 values are 18
key presses. The screen is projected while the room still rates in silence:
it shows which statements are filled (● / ○), never the values, until the
leader asks to check a typed sheet (``v``, twice: the first press warns).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from kollegial.display import safe
from kollegial.i18n import t
from kollegial.tui.screens.base import AppModal

if TYPE_CHECKING:
    pass


class RatingEntry(AppModal[None]):
    """Pick a participant, then set each statement's value with one key."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", show=False),
        *[Binding(str(k), f"rate({k})", show=False) for k in range(0, 10)],
        Binding("backspace,delete", "rate(0)", show=False),
        Binding("u", "undo", show=False),
        Binding("v", "reveal", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.person: str | None = None
        self._undo: list[tuple[str, int | None]] = []
        """The statements changed on this sheet, each with the value it had before."""
        self._reveal = "hidden"
        """``hidden``, ``warned`` (one ``v``) or ``shown`` (the values on screen)."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(id="rate-title", classes="dialog-title")
            yield Static(id="rate-help", classes="dialog-hint")
            yield OptionList(id="people")
            yield OptionList(id="statements")

    def on_mount(self) -> None:
        self._show_people()

    def _show_people(self) -> None:
        self.person = None
        session = self.kapp.session
        self.query_one("#rate-title", Static).update(t("tui.rate_who"))
        self.query_one("#rate-help", Static).update("")
        people = self.query_one("#people", OptionList)
        people.clear_options()
        wanted = session.rated_statements()
        if session.anonymous:
            # No names at all: a new sheet each time, earlier sheets by number only.
            self.query_one("#rate-help", Static).update(t("tui.rate_anonymous"))
            people.add_option(Option(t("tui.rate_new_rater"), id=session.new_rater()))
        for name in self._raters():
            done = sum(1 for s in wanted if s in session.ratings.get(name, {}))
            progress = t("tui.rate_progress", n=done, m=len(wanted))
            # Text, not a string: names and statements are shown, never read as markup.
            people.add_option(Option(Text(f"{safe(self._label(name))}  ({progress})"), id=name))
        people.highlighted = 0
        people.display = True
        self.query_one("#statements", OptionList).display = False
        people.focus()

    def _raters(self) -> list[str]:
        session = self.kapp.session
        return list(session.ratings) if session.anonymous else session.participants

    def _label(self, rater: str) -> str:
        return t("tui.rater", n=rater[1:]) if self.kapp.session.anonymous else rater

    @on(OptionList.OptionSelected, "#people")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.person = event.option.id
        self._undo = []
        self._reveal = "hidden"
        self.query_one("#people", OptionList).display = False
        statements = self.query_one("#statements", OptionList)
        statements.display = True
        # A half-entered sheet goes on where it stopped: nothing entered is
        # typed over without the leader moving there.
        self._show_statements(self._first_empty())
        statements.focus()

    def _first_empty(self) -> int:
        """The row of the first statement without a value (the first row when all have one)."""
        assert self.person is not None
        values = self.kapp.session.ratings.get(self.person, {})
        rows = self._rows()
        for n, statement in enumerate(rows):
            if statement is not None and statement not in values:
                return n
        return 0

    def _rows(self) -> list[str | None]:
        """The statement id of each row of the list; None for a group's heading."""
        session = self.kapp.session
        wanted = set(session.rated_statements())
        rows: list[str | None] = []
        for group in session.protocol.groups:
            ids = [s.id or "" for s in group.statement_list() if s.id in wanted]
            if ids:
                rows += [None, *ids]
        return rows

    @on(OptionList.OptionSelected, "#statements")
    def _done(self, _: OptionList.OptionSelected) -> None:
        self.dismiss(None)

    def _show_statements(self, highlight: int) -> None:
        session = self.kapp.session
        assert self.person is not None
        scale = session.protocol.scale
        self.query_one("#rate-title", Static).update(
            Text(t("tui.rate_for", name=safe(self._label(self.person))))
        )
        help_ = Text(t("tui.rate_help", min=scale.min, max=scale.max))
        if self._reveal == "warned":
            help_.append("\n" + t("tui.rate_reveal_warning"), style="bold")
        elif self._reveal == "shown":
            help_.append("\n" + t("tui.rate_revealed"), style="bold")
        self.query_one("#rate-help", Static).update(help_)
        values = session.ratings.get(self.person, {})
        wanted = set(session.rated_statements())
        options: list[Option | None] = []
        for group in session.protocol.groups:
            statements = [s for s in group.statement_list() if s.id in wanted]
            if not statements:
                continue
            options.append(Option(Text(safe(group.title), style="bold"), disabled=True))
            for n, st in enumerate(statements, start=1):
                value = values.get(st.id or "")
                if self._reveal == "shown":
                    cell = f"[{value}]" if value is not None else "[ ]"
                else:
                    cell = "●" if value is not None else "○"
                options.append(Option(Text(f"{cell} {n}. {safe(st.text)}"), id=st.id))
        widget = self.query_one("#statements", OptionList)
        widget.clear_options()
        widget.add_options(options)
        widget.highlighted = highlight if highlight < widget.option_count else None
        if widget.highlighted is None or widget.get_option_at_index(widget.highlighted).disabled:
            widget.action_cursor_down()
        # Rebuilding the list scrolls it to the top; keep the row just rated in view.
        widget.scroll_to_highlight()

    def action_rate(self, value: int) -> None:
        if self.person is None:
            return
        widget = self.query_one("#statements", OptionList)
        index = widget.highlighted
        if index is None:
            return
        statement = widget.get_option_at_index(index).id
        scale = self.kapp.session.protocol.scale
        if statement is None or not (value == 0 or scale.holds(value)):
            return
        before = self.kapp.session.ratings.get(self.person, {}).get(statement)
        if self.kapp.command(self.kapp.session.set_rating, self.person, statement, value or None):
            self._undo.append((statement, before))
        self._show_statements(index)
        if value:
            widget.action_cursor_down()

    def action_undo(self) -> None:
        """Take back the last value typed on this sheet, and go back to its statement."""
        if self.person is None or not self._undo:
            return
        statement, before = self._undo.pop()
        self.kapp.command(self.kapp.session.set_rating, self.person, statement, before)
        self._show_statements(self._rows().index(statement))

    def action_reveal(self) -> None:
        """Show the typed values to check a paper sheet: the first ``v`` only warns."""
        if self.person is None:
            return
        self._reveal = {"hidden": "warned", "warned": "shown", "shown": "hidden"}[self._reveal]
        widget = self.query_one("#statements", OptionList)
        self._show_statements(widget.highlighted or 0)

    def action_back(self) -> None:
        if self.person is None:
            self.dismiss(None)
        else:
            self._show_people()
