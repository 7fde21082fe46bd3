"""After the last step: time used against planned, the decisions, and the export."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from kollegial.display import safe
from kollegial.i18n import t
from kollegial.session.status import clock_text
from kollegial.tui.screens.base import AppScreen

if TYPE_CHECKING:
    pass


def _minutes(seconds: float | None) -> str:
    return "–" if seconds is None else clock_text(round(seconds))


class Closing(AppScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "export", show=False),
        Binding("left,pageup", "back", show=False),
        Binding("q", "quit_meeting", show=False),
        Binding("question_mark", "help", show=False),
        Binding("t", "next_theme", show=False),
    ]

    def compose(self) -> ComposeResult:
        session = self.kapp.session
        reports = session.reports()
        used = sum(r.used for r in reports)
        planned = session.planned_total()
        with VerticalScroll(id="closing"):
            yield Static(Text(t("tui.closing_title"), style="bold"), id="closing-title")
            yield Static(
                t("tui.closing_time", used=_minutes(used), planned=_minutes(planned))
                + "  ·  "
                + t("tui.closing_notes", n=len(session.notes))
            )
            decisions = Text(t("tui.closing_decisions") + "\n", style="bold")
            if session.decisions:
                for index, text in sorted(session.decisions.items()):
                    label = session.plan[index].step.decision or session.plan[index].title
                    decisions.append(f"{safe(label)}: ", style="bold")
                    decisions.append(safe(text) + "\n", style="bold")
            else:
                decisions.append(t("tui.closing_no_decisions"), style="dim")
            yield Static(decisions, id="decisions")
            table = Table(box=None, pad_edge=False, header_style="bold")
            table.add_column(t("tui.col_step"), ratio=1)
            table.add_column(t("tui.col_planned"), justify="right")
            table.add_column(t("tui.col_used"), justify="right")
            for r in reports:
                title = r.step.title
                if r.step.group is not None:
                    title = f"{r.step.group.title} — {title}"
                elif r.step.pass_person is not None:
                    # Whose pass: four "Sista ordet" rows are told apart by the name.
                    title = f"{r.step.pass_person} — {title}"
                table.add_row(
                    Text(safe(title)),
                    _minutes(r.planned),
                    t("tui.skipped") if r.skipped else _minutes(r.used),
                )
            yield Static(table, id="report")
            yield Static("", id="export-path")
        yield Static(t("tui.closing_keys"), id="footer")

    def action_export(self) -> None:
        path = self.kapp.export_now()
        if path is not None:
            self.query_one("#export-path", Static).update(
                Text(t("tui.saved_to", path=path), style="bold")
            )

    def action_back(self) -> None:
        self.kapp.command(self.kapp.session.previous_step)
        self.kapp.show_meeting()

    def action_quit_meeting(self) -> None:
        self.kapp.ask_quit()

    def action_help(self) -> None:
        from kollegial.tui.screens.dialogs import Help

        self.app.push_screen(Help())

    def action_next_theme(self) -> None:
        self.kapp.next_theme()
