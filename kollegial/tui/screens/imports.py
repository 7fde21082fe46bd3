"""Importing ratings files made with ``kollegial rate`` on participants' laptops."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from kollegial.display import safe
from kollegial.i18n import t

if TYPE_CHECKING:
    from kollegial.tui.app import ImportResult, KollegialApp


def result_text(result: ImportResult) -> Text:
    text = Text()
    for file in result.imported:
        text.append(f"✓ {safe(file.path.name)}: {safe(file.name)}\n")
    for problem in result.problems:
        text.append(f"✗ {safe(problem.render())}\n", style="bold")
    if not result.imported and not result.problems and not result.replacing:
        text.append(t("tui.import_none"), style="dim")
    return text


class ImportRatings(ModalScreen[None]):
    """Ask for a file or folder, import every ratings file there, show what happened."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", show=False)]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    @property
    def kapp(self) -> KollegialApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(t("tui.import_title"), classes="dialog-title")
            yield Static(t("tui.import_help"), classes="dialog-hint")
            yield Input(value=str(self.folder), id="import-path")
            yield Static(id="import-result")

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).focus()

    @on(Input.Submitted, "#import-path")
    def _import(self, event: Input.Submitted) -> None:
        from kollegial.views.files import expand

        result = self.kapp.import_ratings(expand(Path(event.value.strip())))
        self.query_one("#import-result", Static).update(result_text(result))

    def action_close(self) -> None:
        self.dismiss(None)


class ConfirmReplace(ModalScreen[bool]):
    """Someone who already has ratings sent a file: replace their ratings?"""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,y", "answer(True)", show=False),
        Binding("n,escape", "answer(False)", show=False),
    ]

    def __init__(self, name: str, file: str) -> None:
        super().__init__()
        self.person = name
        self.file = file

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            title = t("tui.replace_title", name=safe(self.person))
            yield Static(Text(title), classes="dialog-title")
            yield Static(Text(t("tui.replace_body", name=safe(self.person), file=safe(self.file))))

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
