"""Who is here: mark absent or present, add a late arrival."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from kollegial.display import safe
from kollegial.i18n import t
from kollegial.tui.screens.base import AppModal

if TYPE_CHECKING:
    pass


class People(AppModal[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", show=False)]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(t("tui.people_title"), classes="dialog-title")
            yield Static(t("tui.people_help"), classes="dialog-hint")
            yield OptionList(id="people")
            yield Input(placeholder=t("tui.people_add"), id="new-person", max_length=200)

    def on_mount(self) -> None:
        self._show(0)
        self.query_one("#people", OptionList).focus()

    def _show(self, highlight: int) -> None:
        session = self.kapp.session
        widget = self.query_one("#people", OptionList)
        widget.clear_options()
        for name in session.participants:
            state = t("tui.present") if session.is_present(name) else t("tui.away")
            mark = "✓" if session.is_present(name) else "✗"
            # Text, not a string: a name like "[b]x[/]" is shown, never read as markup.
            widget.add_option(Option(Text(f"{mark} {safe(name)}  ({state})")))
        widget.highlighted = (
            min(highlight, widget.option_count - 1) if widget.option_count else None
        )

    @on(OptionList.OptionSelected, "#people")
    def _toggle(self, event: OptionList.OptionSelected) -> None:
        session = self.kapp.session
        name = session.participants[event.option_index]
        self.kapp.command(session.set_present, name, not session.is_present(name))
        self._show(event.option_index)

    @on(Input.Submitted, "#new-person")
    def _add(self, event: Input.Submitted) -> None:
        if self.kapp.command(self.kapp.session.add_participant, event.value):
            event.input.clear()
            self._show(len(self.kapp.session.participants) - 1)

    def action_close(self) -> None:
        field = self.query_one("#new-person", Input)
        if field.has_focus and field.value:
            field.clear()
            return
        self.dismiss(None)


class ChooseHolder(AppModal[str | None]):
    """Who takes a role, from everyone (digits reach only the first nine)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", show=False)]

    def __init__(self, role_title: str, names: list[str]) -> None:
        super().__init__()
        self.role_title = role_title
        self.names = names

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(t("tui.appoint", role=self.role_title.lower()), classes="dialog-title")
            yield OptionList(*[Option(safe(n)) for n in self.names], id="holders")

    def on_mount(self) -> None:
        holders = self.query_one("#holders", OptionList)
        holders.highlighted = 0
        holders.focus()

    @on(OptionList.OptionSelected, "#holders")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.names[event.option_index])

    def action_close(self) -> None:
        self.dismiss(None)
