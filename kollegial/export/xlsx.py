"""A meeting as an Excel workbook: the file a principal collects from several teams.

Sheets, each one table with its header in row 1 (so that Excel's filters,
pandas and Power Query read them as they are):

- *Möte*: what the meeting was (protocol, title, date, times, focus, people,
  decisions) as item/value pairs;
- *Steg*: every plan step with planned and used minutes and how far it got;
- *Anteckningar*: one row per note (step, column, who, text, time);
- *Värderingar*: one row per statement (with its text), one column per person
  (or rater number) who rated;
- *Sammanfattning*: per statement the count of each value, n, mean and
  spread, and its group's mean and mean spread.

Numbers are stored as numbers and times as Excel times; headers follow the
language. Text goes in as text: a note that starts with ``=`` is never a
formula in the workbook. openpyxl is imported only when a workbook is made.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from kollegial.export.anonymize import Names
from kollegial.export.facts import (
    StepState,
    corner_spread,
    furthest_step,
    note_rows,
    raters,
    step_state,
    step_title,
)
from kollegial.export.markdown import visible
from kollegial.i18n import Lang, get_language, t
from kollegial.protocols.model import MODE_KEYS
from kollegial.session.session import Session

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

_CELL_MAX = 32_767
"""The most characters Excel keeps in a cell."""
_TIME_FORMAT = "yyyy-mm-dd hh:mm"
_WIDTHS = {"narrow": 8, "number": 12, "time": 17, "name": 22, "title": 40, "text": 70}

Cell = str | int | float | datetime | None


def _text(value: str) -> str:
    # Control characters are not allowed in the file's XML; they are made visible.
    text = visible(value)
    return text if len(text) <= _CELL_MAX else text[: _CELL_MAX - 1] + "…"


def _time(at: datetime | None) -> datetime | None:
    # Excel knows no time zones: the time as the meeting's clock showed it.
    return None if at is None else at.replace(tzinfo=None)


def _minutes(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 60, 1)


class _Book:
    def __init__(self, lang: Lang) -> None:
        from openpyxl import Workbook

        self.lang: Lang = lang
        self.workbook = Workbook()
        self._first = True

    def t(self, key: str, /, **params: object) -> str:
        return t(key, self.lang, **params)

    def sheet(
        self, name_key: str, header: Sequence[Cell], widths: list[str], rows: list[list[Cell]]
    ) -> Worksheet:
        """A sheet holding one table: a bold, frozen, filterable header and the rows."""
        from openpyxl.styles import Alignment, Font
        from openpyxl.utils import get_column_letter

        if self._first:
            sheet = self.workbook.active
            assert sheet is not None
            sheet.title = self.t(name_key)
            self._first = False
        else:
            sheet = self.workbook.create_sheet(self.t(name_key))
        for row_number, row in enumerate([header, *rows], start=1):
            for column, value in enumerate(row, start=1):
                cell = sheet.cell(row=row_number, column=column)
                if row_number == 1:
                    cell.font = Font(bold=True)
                if isinstance(value, str):
                    cell.value = _text(value)
                    # Set after the value: openpyxl would read "=…" as a formula.
                    cell.data_type = "s"
                    if "\n" in cell.value:
                        cell.alignment = Alignment(wrap_text=True, vertical="top")
                else:
                    cell.value = value
                    if isinstance(value, datetime):
                        cell.number_format = _TIME_FORMAT
        for column, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(column)].width = _WIDTHS[width]
        sheet.freeze_panes = "A2"
        if rows:
            sheet.auto_filter.ref = sheet.dimensions
        return sheet

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.workbook.save(out)
        return out.getvalue()


Table = tuple[str, list[str], list[str], list[list[Cell]]]
"""A sheet before openpyxl: its name's catalog key, the header, column widths, the rows."""


def xlsx_tables(session: Session, *, names: Names, lang: Lang) -> list[Table]:
    """The workbook's sheets as (name key, header, column widths, rows), before openpyxl."""
    tables = [
        _meeting(session, names, lang),
        _steps(session, names, lang),
        _notes(session, names, lang),
    ]
    if session.protocol.groups:
        tables += [_ratings(session, names, lang), _summary(session, lang)]
    return tables


def render_xlsx(
    session: Session,
    *,
    anonymize: bool = False,
    lang: Lang | None = None,
    names: Names | None = None,
) -> bytes:
    """The meeting as an ``.xlsx`` workbook (see the module's description of the sheets).

    Args:
        session: The meeting, running or ended.
        anonymize: Participants as *Deltagare 1…N* (see :mod:`.anonymize`).
        lang: ``"sv"`` or ``"en"`` for sheet names and headers; the current
            interface language when None.
        names: The names to show, overriding ``anonymize``.

    Returns:
        The workbook's bytes.
    """
    language: Lang = lang or get_language()
    names = names or Names.of(session, anonymize=anonymize, lang=language)
    book = _Book(language)
    for name_key, header, widths, rows in xlsx_tables(session, names=names, lang=language):
        book.sheet(name_key, header, widths, rows)
    return book.bytes()


# --- the tables ---


def _meeting(session: Session, names: Names, lang: Lang) -> Table:
    reports = session.reports()
    rows: list[list[Cell]] = [
        [t("xlsx.title", lang), session.protocol.title],
        [t("export.protocol", lang), session.protocol.id or ""],
        [t("xlsx.started", lang), _time(session.started_at)],
        [t("xlsx.ended", lang), _time(session.ended_at) if session.ended else None],
        [t("xlsx.planned", lang), _minutes(session.plan.planned_seconds)],
        [t("xlsx.used", lang), _minutes(sum(r.used for r in reports))],
        [t("export.focus", lang), names.text(session.focus or "")],
        [
            t("export.participants", lang),
            ", ".join(names(p) for p in names.ordered(session.participants)),
        ],
    ]
    for role in session.protocol.roles:
        name = session.roles.get(role.id)
        if name is None:
            shown = ""
        else:
            shown = names(name) if names.roles_shown else t("export.role_withheld", lang)
        rows.append([role.title, shown])
    for index, text in sorted(session.decisions.items()):
        label = session.plan[index].step.decision or t("export.decision", lang)
        where = t("export.decision_at", lang, number=index + 1)
        rows.append([f"{label} ({where})", names.text(text)])
    header = [t("xlsx.col.item", lang), t("xlsx.col.value", lang)]
    return "xlsx.sheet.meeting", header, ["name", "text"], rows


def _steps(session: Session, names: Names, lang: Lang) -> Table:
    reports = session.reports()
    furthest = furthest_step(session, reports)
    states = {
        StepState.USED: t("xlsx.state.used", lang),
        StepState.SKIPPED: t("export.skipped", lang),
        StepState.NOT_REACHED: t("export.not_reached", lang),
    }
    rows: list[list[Cell]] = []
    for report in reports:
        state = step_state(report, furthest)
        rows.append(
            [
                report.step.index + 1,
                step_title(session, report.step, names, lang),
                t(MODE_KEYS[report.step.mode], lang),
                _minutes(report.planned),
                _minutes(report.used) if state is StepState.USED else None,
                states[state],
            ]
        )
    keys = (
        "xlsx.col.step",
        "xlsx.col.step_title",
        "xlsx.col.mode",
        "xlsx.col.planned",
        "xlsx.col.used",
        "xlsx.col.state",
    )
    header = [t(key, lang) for key in keys]
    return "xlsx.sheet.steps", header, ["narrow", "title", "name", "number", "number", "name"], rows


def _notes(session: Session, names: Names, lang: Lang) -> Table:
    rows: list[list[Cell]] = [
        [n.step, n.step_title, n.column, n.who, n.text, _time(n.at)]
        for n in note_rows(session, names, lang)
    ]
    keys = (
        "xlsx.col.step",
        "xlsx.col.step_title",
        "xlsx.col.column",
        "xlsx.col.who",
        "xlsx.col.text",
        "xlsx.col.time",
    )
    header = [t(key, lang) for key in keys]
    return "xlsx.sheet.notes", header, ["narrow", "title", "name", "name", "text", "time"], rows


def _ratings(session: Session, names: Names, lang: Lang) -> Table:
    people = names.ordered(raters(session))
    rows: list[list[Cell]] = []
    for group in session.protocol.groups:
        for number, statement in enumerate(group.statement_list(), start=1):
            values = [session.ratings[p].get(statement.id or "") for p in people]
            rows.append([group.title, number, statement.text, *values])
    header = [t("xlsx.col.group", lang), t("export.col.number", lang)]
    header += [t("export.col.statement", lang), *(names(p) for p in people)]
    widths = ["name", "narrow", "text", *["number"] * len(people)]
    return "xlsx.sheet.ratings", header, widths, rows


def _summary(session: Session, lang: Lang) -> Table:
    values = list(session.protocol.scale.values)
    rows: list[list[Cell]] = []
    for stats in session.rating_stats():
        group_mean = None if stats.mean is None else round(stats.mean, 2)
        spread = corner_spread(stats)
        group_spread = None if spread is None else round(spread, 2)
        for st in stats.statements:
            rows.append(
                [
                    stats.group.title,
                    st.number,
                    st.statement.text,
                    *(st.counts.get(v, 0) for v in values),
                    st.n,
                    None if st.mean is None else round(st.mean, 2),
                    round(st.spread, 2) if st.n else None,
                    group_mean,
                    group_spread,
                ]
            )
    header = [
        t("xlsx.col.group", lang),
        t("export.col.number", lang),
        t("export.col.statement", lang),
        *(str(v) for v in values),
        t("export.col.n", lang),
        t("export.col.mean", lang),
        t("export.col.spread", lang),
        t("xlsx.col.group_mean", lang),
        t("xlsx.col.group_spread", lang),
    ]
    widths = ["name", "narrow", "text", *["narrow"] * (len(values) + 1), *["number"] * 4]
    return "xlsx.sheet.summary", header, widths, rows
