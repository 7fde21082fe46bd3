"""Small modal screens: all keys, quitting, and skipping an optional step."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from kollegial.display import safe
from kollegial.i18n import t

KEYS = [
    ("space", "key.space"),
    ("n", "key.n"),
    ("p", "key.p"),
    ("→ / PgDn", "key.next"),
    ("← / PgUp", "key.prev"),
    ("h", "key.h"),
    ("+", "key.plus"),
    ("-", "key.minus"),
    ("i", "key.i"),
    ("1–9 / 0", "key.appoint"),
    ("r", "key.r"),
    ("f", "key.f"),
    ("a", "key.a"),
    ("e", "key.e"),
    ("t", "key.t"),
    ("o", "key.o"),
    ("k", "key.k"),
    ("b", "key.b"),
    ("m", "key.m"),
    ("?", "key.help"),
    ("q", "key.q"),
]


class Help(ModalScreen[None]):
    """Every key, with what it does."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", show=False),
    ]

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, pad_edge=False)
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for key, text in KEYS:
            table.add_row(key, t(text))
        with Vertical(classes="dialog"):
            yield Static(t("tui.help_title"), classes="dialog-title")
            yield Static(table)
            yield Static(t("tui.help_close"), classes="dialog-hint")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)


class ConfirmQuit(ModalScreen[bool]):
    """Quit? The session is saved either way."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,y,enter", "answer(True)", show=False),
        Binding("n,escape", "answer(False)", show=False),
    ]

    def __init__(
        self,
        session_id: int | None,
        unsaved: bool = False,
        lost: bool = False,
        ended: bool = False,
    ) -> None:
        super().__init__()
        self.session_id = session_id
        self.unsaved = unsaved
        self.lost = lost
        """The database file went away under the meeting: it is rescued to a file on quit."""
        self.ended = ended
        """After the last step: nothing to continue later, only to export."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(t("tui.quit_title"), classes="dialog-title")
            if self.lost:
                yield Static(t("tui.quit_body_lost"))
            elif self.unsaved:
                yield Static(t("tui.quit_body_unsaved"))
            elif self.ended:
                yield Static(t("tui.quit_body_ended", id=self.session_id or "–"))
            else:
                yield Static(t("tui.quit_body", id=self.session_id if self.session_id else "–"))

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class ConfirmSkip(ModalScreen[bool]):
    """Skip this optional step? The meeting moves on; the export says it was skipped."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,y,enter", "answer(True)", show=False),
        Binding("n,escape", "answer(False)", show=False),
    ]

    def __init__(self, title: str) -> None:
        super().__init__()
        self.step_title = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(t("tui.skip_title"), classes="dialog-title")
            yield Static(Text(t("tui.skip_body", title=safe(self.step_title))))

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class EditFocus(ModalScreen[str | None]):
    """The meeting's focus, written or changed: enter keeps it, escape leaves it as it was."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", show=False),
    ]

    def __init__(self, focus: str) -> None:
        super().__init__()
        self.focus_text = focus

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(t("tui.focus_title"), classes="dialog-title")
            yield Input(self.focus_text, id="focus-input", max_length=500)
            yield Static(t("tui.focus_hint"), classes="dialog-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
