"""``kollegial report``: a team's meetings over time, for the school's quality report."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from kollegial.errors import KollegialError, UsageError
from kollegial.files import write_or_print
from kollegial.i18n import get_language, t
from kollegial.store import Store

FORMATS = ("html", "md", "xlsx")


def parse_day(option: str, value: str | None) -> date | None:
    """``--from 2026-08-01``: a date, or a usage error that shows how to write one."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError("err.bad_date", option=option, value=value) from None


def report(
    store: Store,
    team: str | None,
    start: str | None,
    end: str | None,
    output: Path | None,
    fmt: str | None,
    anonymize: bool,
) -> None:
    from kollegial.export.report import StoredMeeting, build_report
    from kollegial.session.clock import SystemClock
    from kollegial.session.team import clean_team

    fmt = fmt or (output.suffix.lstrip(".").lower() if output is not None else "html")
    if fmt not in FORMATS:
        raise UsageError("err.bad_format", format=fmt, choices=", ".join(FORMATS))
    first, last = parse_day("--from", start), parse_day("--to", end)
    if first is not None and last is not None and first > last:
        raise UsageError("err.dates_reversed", start=first, end=last)
    if fmt == "xlsx" and output is None and sys.stdout.isatty():
        raise KollegialError("err.xlsx_needs_output")
    name = clean_team(team) if team is not None else None
    unreadable: list[int] = []
    meetings = (
        [
            StoredMeeting(id=i, team=tm, created_at=created, protocol=protocol, outcome=outcome)
            for i, tm, created, protocol, outcome in store.outcomes(SystemClock(), name, unreadable)
        ]
        if store.path.exists()
        else []
    )
    lang = get_language()
    data = build_report(meetings, team=name, start=first, end=last, anonymize=anonymize, lang=lang)
    from kollegial.export import report_render

    text: str | bytes
    if fmt == "html":
        text = report_render.render_report_html(data, lang)
    elif fmt == "md":
        text = report_render.render_report_markdown(data, lang)
    else:
        text = report_render.render_report_xlsx(data, lang)
    write_or_print(text, output)
    if output is not None:
        print(t("report.written", path=output, meetings=data.meetings), file=sys.stderr)
    if unreadable:
        ids = ", ".join(str(i) for i in unreadable)
        print(t("report.unreadable", ids=ids, path=store.path), file=sys.stderr)
        raise SystemExit(1)
