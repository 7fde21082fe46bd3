"""Importing ratings files made with ``kollegial rate`` on participants' laptops."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from kollegial.display import safe
from kollegial.i18n import t
from kollegial.tui.screens.base import AppModal

if TYPE_CHECKING:
    from kollegial.tui.app import ImportResult


SHOW_AT_MOST = 10
"""Lines listed for one import; a folder of 10,000 bad files gets a count for the rest."""


def result_text(result: ImportResult) -> Text:
    text = Text()
    count = len(result.imported) + len(result.problems)
    # Only the lines shown are rendered: each problem's message is a catalog
    # lookup, and 10,000 of them held the keys for most of a second.
    lines = [(f"✓ {safe(f.path.name)}: {safe(f.name)}", "") for f in result.imported[:SHOW_AT_MOST]]
    lines += [
        (f"✗ {safe(p.render())}", "bold")
        for p in result.problems[: max(SHOW_AT_MOST - len(lines), 0)]
    ]
    if count > SHOW_AT_MOST:
        # First, so that it is on screen however small the terminal.
        summary = t(
            "tui.import_summary", imported=len(result.imported), refused=len(result.problems)
        )
        text.append(summary + "\n", style="bold")
    for line, style in lines[:SHOW_AT_MOST]:
        text.append(line + "\n", style=style)
    if count > SHOW_AT_MOST:
        text.append(t("tui.import_more", count=count - SHOW_AT_MOST), style="dim")
    if not result.imported and not result.problems and not result.replacing:
        text.append(t("tui.import_none"), style="dim")
    return text


class ImportRatings(AppModal[None]):
    """Ask for a file or folder, import every ratings file there, show what happened."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", show=False)]
    # Opaque: behind a see-through dialog every tick of the meeting's timer
    # repainted the dialog too, and a key waited behind those repaints while
    # thousands of files came in.
    DEFAULT_CSS = """
    ImportRatings { background: $background; }
    """

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(t("tui.import_title"), classes="dialog-title")
            yield Static(t("tui.import_help"), classes="dialog-hint")
            yield Input(value=str(self.folder), id="import-path")
            yield Static(id="import-progress")
            yield Static(id="import-result")

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).focus()

    @on(Input.Submitted, "#import-path")
    def _import(self, event: Input.Submitted) -> None:
        from kollegial.files import expand

        shown = self.query_one("#import-result", Static)
        line = self.query_one("#import-progress", Static)

        def progress(read: int, total: int) -> None:
            # One line of fixed height: no layout of the whole screen per report.
            text = Text(t("tui.import_progress", read=read, total=total), style="dim")
            line.update(text, layout=False)

        def done(result: ImportResult) -> None:
            line.update("", layout=False)
            shown.update(result_text(result))

        # In a worker thread: a shared folder of 10,000 files must not stop the keys.
        where = expand(Path(event.value.strip()))
        if self.kapp.start_import(where, done=done, progress=progress):
            shown.update("")
            line.update(Text(t("tui.import_reading"), style="dim"), layout=False)

    def action_close(self) -> None:
        self.kapp.cancel_import()  # closed while reading: the import stops
        self.dismiss(None)


class ConfirmReplace(AppModal[bool]):
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
