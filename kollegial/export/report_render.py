"""The report over time (:mod:`kollegial.export.report`) as HTML, markdown or an Excel workbook.

The HTML is one standalone page like a meeting's export (print CSS inline, no
external resource; the charts are inline SVG), made to print a year of one
team on two A4 pages. The markdown and the workbook hold the same facts.
"""

from __future__ import annotations

import functools
import math
from datetime import date

from kollegial.export.html import _esc
from kollegial.export.markdown import escape_cell, escape_heading, escape_text
from kollegial.export.report import Point, Rated, Report, Series
from kollegial.i18n import Lang, t
from kollegial.i18n import decimal as _decimal

_CSS = """\
@page { size: A4; margin: 14mm 14mm; }
html { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 9pt;
  line-height: 1.3; color: #000; background: #fff; }
body { margin: 0 auto; max-width: 182mm; }
h1 { font-size: 15pt; margin: 0 0 1mm; }
h2 { font-size: 11.5pt; margin: 4mm 0 1.5mm; border-bottom: 0.3mm solid #444; }
h3 { font-size: 10pt; margin: 3mm 0 1mm; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
p, ul { margin: 0 0 1.5mm; }
.period { color: #333; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 2mm; }
th, td { border: 0.2mm solid #888; padding: 0.5mm 1mm; text-align: left; vertical-align: top; }
th { background: #eee; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.num small { display: block; color: #444; font-size: 7pt; }
table.over-time { font-size: 8pt; }
table.over-time th.num { font-size: 7pt; font-weight: bold; }
table.over-time th.num small { font-weight: normal; }
table.over-time td, table.over-time th { padding: 0.3mm 0.8mm; }
table.over-time td.trend { width: 17mm; padding: 0.3mm; }
tr.corner th, tr.corner td { background: #f3f3f3; font-weight: bold; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
.charts { display: flex; gap: 5mm; align-items: flex-start; break-inside: avoid; }
.charts figure { margin: 0; flex: 0 0 80mm; }
.charts figcaption { font-weight: bold; margin-bottom: 1mm; }
.charts .moved { flex: 1; }
svg text { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; }
"""

_NUM = ' class="num"'
_TIMING_KEYS = (
    "report.col.protocol",
    "report.col.meetings",
    "report.col.planned",
    "report.col.used",
    "report.col.fitting",
)
_DECISION_KEYS = (
    "report.col.date",
    "report.col.meeting",
    "report.col.decision",
    "report.col.followed_up",
)
_SHADES = ("#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b")
"""Light for the oldest meeting, dark for the newest: reads in grey on paper too."""


@functools.lru_cache(maxsize=4096)
def decimal(value: float | None, lang: Lang) -> str:
    """:func:`kollegial.i18n.decimal`, remembered: means of a few ratings repeat (a thousand
    meetings' table has some 25,000 numbers and a few hundred different ones)."""
    return _decimal(value, lang)


def _shade(i: int, count: int) -> str:
    if count <= 1:
        return _SHADES[-1]
    return _SHADES[round(i * (len(_SHADES) - 1) / (count - 1))]


def _day(day: date | None) -> str:
    return day.isoformat() if day is not None else "–"


def _signed(value: float | None, lang: Lang) -> str:
    if value is None:
        return "–"
    text = decimal(value, lang)
    return text if text.startswith("-") or text in ("0,0", "0.0") else "+" + text


def _heading(report: Report, lang: Lang) -> str:
    if report.team:
        return t("report.title_team", lang, team=report.team)
    return t("report.title", lang)


def _moved_sentences(rated: Rated, lang: Lang) -> list[str]:
    if len(rated.days) < 2:
        return [t("report.one_meeting", lang)]
    if not rated.moved:
        return [t("report.none_moved", lang)]
    return [
        t(
            "report.rose" if m.last > m.first else "report.fell",
            lang,
            text=m.series.title,
            first=decimal(m.first, lang),
            last=decimal(m.last, lang),
            first_day=_day(m.first_day),
            last_day=_day(m.last_day),
        )
        for m in rated.moved
    ]


# --- inline SVG charts ---


def triangle_svg(rated: Rated, lang: Lang) -> str:
    """The three (or more) corners' means per meeting, one polygon a meeting, newest darkest."""
    low, high = rated.scale
    corners = rated.corners
    k = len(corners)
    cx, cy, radius = 150.0, 128.0, 92.0

    def at(axis: int, value: float) -> tuple[float, float]:
        r = radius * (value - low) / (high - low) if high > low else radius
        angle = -math.pi / 2 + 2 * math.pi * axis / k
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    def path(values: list[float]) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in (at(i, v) for i, v in enumerate(values)))

    height = 222 + 12 * ((len(rated.days) + 1) // 2)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="-25 0 350 {height}" '
        f'width="80mm" role="img" aria-label="{_esc(t("report.corner_means", lang))}">'
    ]
    for value in range(low + 1, high + 1):
        parts.append(
            f'<polygon points="{path([value] * k)}" fill="none" stroke="#bbb" stroke-width="0.6"/>'
        )
    for axis, corner in enumerate(corners):
        x, y = at(axis, high)
        parts.append(
            f'<line x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}" '
            'stroke="#bbb" stroke-width="0.6"/>'
        )
        lx, ly = at(axis, high + (high - low) * 0.08)
        anchor = "middle" if abs(lx - cx) < 5 else ("start" if lx > cx else "end")
        dy = -4 if ly < cy else 10
        parts.append(_label(corner.title, lx, ly + dy, anchor))
    count = len(rated.days)
    for i in range(count):
        points = [c.points[i] for c in corners]
        means = [p.mean if p is not None else None for p in points]
        if any(m is None for m in means):
            continue
        shade = _shade(i, count)
        width = 2.2 if i == count - 1 else 1.2
        parts.append(
            f'<polygon points="{path([m for m in means if m is not None])}" fill="{shade}" '
            f'fill-opacity="0.12" stroke="{shade}" stroke-width="{width}"/>'
        )
    for value in range(low, high + 1):  # the scale, above the polygons
        x, y = at(0, value)
        parts.append(
            f'<text x="{x + 3:.1f}" y="{y + 3:.1f}" font-size="8" fill="#444" '
            f'stroke="#fff" stroke-width="2" paint-order="stroke">{value}</text>'
        )
    for i, day in enumerate(rated.days):
        x, y = 10 + 150 * (i % 2), 222 + 12 * (i // 2)
        parts.append(
            f'<line x1="{x}" y1="{y - 3}" x2="{x + 16}" y2="{y - 3}" stroke="{_shade(i, count)}" '
            f'stroke-width="{2.2 if i == count - 1 else 1.5}"/>'
            f'<text x="{x + 20}" y="{y}" font-size="9">{_day(day)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _label(text: str, x: float, y: float, anchor: str) -> str:
    """A corner's title over at most two lines, split at the middle space."""
    words = text.split()
    lines = [text]
    if len(text) > 18 and len(words) > 1:
        best = min(
            range(1, len(words)),
            key=lambda i: abs(len(" ".join(words[:i])) - len(" ".join(words[i:]))),
        )
        lines = [" ".join(words[:best]), " ".join(words[best:])]
    if y < 128:
        y -= 10 * (len(lines) - 1)
    spans = "".join(
        f'<tspan x="{x:.1f}" dy="{0 if n == 0 else 10}">{_esc(line)}</tspan>'
        for n, line in enumerate(lines)
    )
    return f'<text y="{y:.1f}" font-size="9" text-anchor="{anchor}">{spans}</text>'


def sparkline_svg(series: Series, scale: tuple[int, int]) -> str:
    """A statement's mean at each meeting as a small line, its spread as a band around it."""
    low, high = scale
    width, height, pad = 60.0, 18.0, 2.0
    count = len(series.points)

    def xy(i: int, value: float) -> tuple[float, float]:
        x = pad + (width - 2 * pad) * (i / (count - 1) if count > 1 else 0.5)
        value = min(max(value, low), high)
        y = pad + (height - 2 * pad) * (1 - (value - low) / (high - low) if high > low else 0.5)
        return x, y

    rated = series.rated
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="16mm" height="5mm" aria-hidden="true">',
        f'<rect x="0.5" y="0.5" width="{width - 1:.0f}" height="{height - 1:.0f}" fill="none" '
        'stroke="#ddd" stroke-width="0.5"/>',
    ]
    if len(rated) > 1:
        upper = [xy(i, (p.mean or 0) + (p.spread or 0)) for i, p in rated]
        lower = [xy(i, (p.mean or 0) - (p.spread or 0)) for i, p in reversed(rated)]
        band = " ".join(f"{x:.1f},{y:.1f}" for x, y in upper + lower)
        parts.append(f'<polygon points="{band}" fill="#9ecae1" fill-opacity="0.5"/>')
        line = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(i, p.mean or 0) for i, p in rated))
        parts.append(f'<polyline points="{line}" fill="none" stroke="#08519c" stroke-width="1.3"/>')
    for i, p in rated[-1:]:
        x, y = xy(i, p.mean or 0)
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="1.6" fill="#08306b"/>')
    parts.append("</svg>")
    return "".join(parts)


# --- HTML ---


def _cell(point: Point | None, lang: Lang) -> str:
    if point is None or point.mean is None:
        return '<td class="num">–</td>'
    spread = f"<small>±{_esc(decimal(point.spread, lang))}</small>" if point.n > 1 else ""
    return f'<td class="num">{_esc(decimal(point.mean, lang))}{spread}</td>'


def render_report_html(report: Report, lang: Lang) -> str:
    """The report as one standalone HTML page (two A4 pages for a year of one team)."""
    out: list[str] = [f"<h1>{_esc(_heading(report, lang))}</h1>"]
    if not report.meetings:
        out.append(f"<p>{_esc(t('report.empty', lang))}</p>")
    else:
        period = t(
            "report.period",
            lang,
            first=_day(report.first),
            last=_day(report.last),
            meetings=report.meetings,
        )
        out.append(f'<p class="period">{_esc(period)}</p>')
        if report.anonymized:
            out.append(f"<p>{_esc(t('report.anonymized', lang))}</p>")
        for rated in report.rated:
            out += _html_rated(rated, lang)
        out += _html_decisions(report, lang)
        out += _html_timing(report, lang)
        out += _html_counts(report, lang)
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_esc(_heading(report, lang))}</title>",
        f"<style>\n{_CSS}</style>",
        "</head>",
        "<body>",
    ]
    return "\n".join([*head, *out, "</body>", "</html>"]) + "\n"


def _html_rated(rated: Rated, lang: Lang) -> list[str]:
    low, high = rated.scale
    out = [
        f"<h2>{_esc(t('report.ratings', lang, title=rated.title))}</h2>",
        f"<p>{_esc(t('report.ratings_intro', lang, min=low, max=high))}</p>",
        '<div class="charts">',
    ]
    if len(rated.corners) >= 3:
        out.append(
            f"<figure><figcaption>{_esc(t('report.corner_means', lang))}</figcaption>"
            f"{triangle_svg(rated, lang)}</figure>"
        )
    out.append(f'<div class="moved"><h3>{_esc(t("report.moved", lang))}</h3><ul>')
    out += [f"<li>{_esc(sentence)}</li>" for sentence in _moved_sentences(rated, lang)]
    out.append("</ul></div></div>")
    heads = "".join(
        f'<th class="num" scope="col">{_esc(_day(day))}<small><br>'
        f"{_esc(t('report.raters', lang, n=n))}</small></th>"
        for day, n in zip(rated.days, rated.raters, strict=True)
    )
    out += [
        '<table class="over-time">',
        f'<thead><tr><th scope="col">{_esc(t("export.col.statement", lang))}</th>{heads}'
        f'<th class="num" scope="col">{_esc(t("report.col.change", lang))}</th>'
        f'<th scope="col">{_esc(t("report.col.trend", lang))}</th></tr></thead>',
        "<tbody>",
    ]
    for corner in rated.corners:
        out.append(_html_row(corner, rated, lang, corner=True))
        for st in rated.statements:
            if st.corner == corner.title:
                out.append(_html_row(st, rated, lang, corner=False))
    out += ["</tbody>", "</table>"]
    return out


def _html_row(series: Series, rated: Rated, lang: Lang, *, corner: bool) -> str:
    cells = "".join(_cell(p, lang) for p in series.points)
    change = f'<td class="num">{_esc(_signed(series.change, lang))}</td>'
    trend = f'<td class="trend">{sparkline_svg(series, rated.scale)}</td>'
    if corner:
        head = f'<th scope="row">{_esc(series.title)}</th>'
        return f'<tr class="corner">{head}{cells}{change}{trend}</tr>'
    return f"<tr><td>{_esc(series.title)}</td>{cells}{change}{trend}</tr>"


def _html_decisions(report: Report, lang: Lang) -> list[str]:
    out = [f"<h2>{_esc(t('report.decisions', lang))}</h2>"]
    if not report.decisions:
        return [*out, f"<p>{_esc(t('report.no_decisions', lang))}</p>"]
    out += [
        "<table>",
        "<thead><tr>"
        + "".join(
            f'<th scope="col">{_esc(t(key, lang))}</th>'
            for key in (
                "report.col.date",
                "report.col.meeting",
                "report.col.decision",
                "report.col.followed_up",
            )
        )
        + "</tr></thead>",
        "<tbody>",
    ]
    for d in report.decisions:
        followed = (
            t("report.followed_up", lang, date=_day(d.followed_up))
            if d.followed_up
            else t("report.not_followed_up", lang)
        )
        meeting = t("report.meeting_ref", lang, title=d.title, id=d.meeting)
        out.append(
            f'<tr><td class="num">{_esc(_day(d.day))}</td><td>{_esc(meeting)}</td>'
            f"<td><strong>{_esc(d.label)}:</strong> {_esc(d.text)}</td>"
            f"<td>{_esc(followed)}</td></tr>"
        )
    out += ["</tbody>", "</table>"]
    return out


def _html_timing(report: Report, lang: Lang) -> list[str]:
    if not report.timing:
        return []
    keys = _TIMING_KEYS
    out = [
        f"<h2>{_esc(t('report.timing', lang))}</h2>",
        "<table>",
        "<thead><tr>"
        + "".join(
            f'<th{_NUM if k != "report.col.protocol" else ""} scope="col">{_esc(t(k, lang))}</th>'
            for k in keys
        )
        + "</tr></thead>",
        "<tbody>",
    ]
    for row in report.timing:
        fitting = t("report.fitting", lang, fitting=row.fitting, meetings=row.meetings)
        numbers = (str(row.meetings), decimal(row.planned, lang), decimal(row.used, lang), fitting)
        out.append(
            f"<tr><td>{_esc(row.title)}</td>"
            + "".join(f'<td class="num">{_esc(n)}</td>' for n in numbers)
            + "</tr>"
        )
    out += ["</tbody>", "</table>", f"<p>{_esc(t('report.timing_note', lang))}</p>"]
    return out


def _html_counts(report: Report, lang: Lang) -> list[str]:
    out = [
        f"<h2>{_esc(t('report.counts', lang))}</h2>",
        "<table>",
        f'<thead><tr><th scope="col">{_esc(t("report.col.protocol", lang))}</th>'
        + "".join(f'<th class="num" scope="col">{_esc(term)}</th>' for term in report.terms)
        + f'<th class="num" scope="col">{_esc(t("report.col.total", lang))}</th></tr></thead>',
        "<tbody>",
    ]
    for _pid, title, counts in report.per_term:
        out.append(
            f"<tr><td>{_esc(title)}</td>"
            + "".join(f'<td class="num">{n}</td>' for n in (*counts, sum(counts)))
            + "</tr>"
        )
    out += ["</tbody>", "</table>", f"<p>{_esc(_people(report, lang))}</p>"]
    if report.participants:
        attended = ", ".join(
            t("report.attended", lang, name=name, count=count)
            for name, count in report.participants
        )
        out.append(f"<p>{_esc(t('report.attended_intro', lang))} {_esc(attended)}</p>")
    return out


def _people(report: Report, lang: Lang) -> str:
    return t("report.people", lang, people=report.people, mean=decimal(report.mean_people, lang))


# --- markdown ---


def render_report_markdown(report: Report, lang: Lang) -> str:
    """The report as markdown, with the same tables (no charts)."""
    out = [f"# {escape_heading(_heading(report, lang))}", ""]
    if not report.meetings:
        return "\n".join([*out, escape_text(t("report.empty", lang)), ""])
    period = t(
        "report.period", lang, first=_day(report.first), last=_day(report.last),
        meetings=report.meetings,
    )  # fmt: skip
    out += [escape_text(period), ""]
    if report.anonymized:
        out += [escape_text(t("report.anonymized", lang)), ""]
    for rated in report.rated:
        low, high = rated.scale
        out += [
            f"## {escape_heading(t('report.ratings', lang, title=rated.title))}",
            "",
            escape_text(t("report.ratings_intro", lang, min=low, max=high)),
            "",
            f"### {escape_heading(t('report.moved', lang))}",
            "",
            *(f"- {escape_text(s, '  ')}" for s in _moved_sentences(rated, lang)),
            "",
        ]
        days = [
            f"{_day(d)} ({t('report.raters', lang, n=n)})"
            for d, n in zip(rated.days, rated.raters, strict=True)
        ]
        header = [t("export.col.statement", lang), *days, t("report.col.change", lang)]
        out += [_md_row(header), "|" + "---|" * len(header)]
        for corner in rated.corners:
            out.append(_md_series(corner, lang, bold=True))
            out += [_md_series(s, lang) for s in rated.statements if s.corner == corner.title]
        out.append("")
    out += [f"## {escape_heading(t('report.decisions', lang))}", ""]
    if report.decisions:
        keys = _DECISION_KEYS
        out += [_md_row([t(k, lang) for k in keys]), "|---|---|---|---|"]
        for d in report.decisions:
            followed = (
                t("report.followed_up", lang, date=_day(d.followed_up))
                if d.followed_up
                else t("report.not_followed_up", lang)
            )
            meeting = t("report.meeting_ref", lang, title=d.title, id=d.meeting)
            out.append(_md_row([_day(d.day), meeting, f"{d.label}: {d.text}", followed]))
    else:
        out.append(escape_text(t("report.no_decisions", lang)))
    out.append("")
    if report.timing:
        out += [
            f"## {escape_heading(t('report.timing', lang))}",
            "",
            _md_row([t(k, lang) for k in _TIMING_KEYS]),
            "|---|--:|--:|--:|--:|",
        ]
        for row in report.timing:
            fitting = t("report.fitting", lang, fitting=row.fitting, meetings=row.meetings)
            out.append(
                _md_row(
                    [
                        row.title,
                        str(row.meetings),
                        decimal(row.planned, lang),
                        decimal(row.used, lang),
                        fitting,
                    ]
                )
            )
        out += ["", escape_text(t("report.timing_note", lang)), ""]
    header = [t("report.col.protocol", lang), *report.terms, t("report.col.total", lang)]
    out += [
        f"## {escape_heading(t('report.counts', lang))}",
        "",
        _md_row(header),
        "|---|" + "--:|" * (len(header) - 1),
    ]
    for _pid, title, counts in report.per_term:
        out.append(_md_row([title, *(str(n) for n in (*counts, sum(counts)))]))
    out += ["", escape_text(_people(report, lang)), ""]
    if report.participants:
        attended = ", ".join(
            t("report.attended", lang, name=name, count=count)
            for name, count in report.participants
        )
        out += [escape_text(f"{t('report.attended_intro', lang)} {attended}"), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(escape_cell(c) for c in cells) + " |"


def _md_series(series: Series, lang: Lang, *, bold: bool = False) -> str:
    cells = [
        "–"
        if p is None or p.mean is None
        else decimal(p.mean, lang) + (f" ±{decimal(p.spread, lang)}" if p.n > 1 else "")
        for p in series.points
    ]
    title = escape_cell(series.title)
    row = [f"**{title}**" if bold else title, *cells, _signed(series.change, lang)]
    return "| " + " | ".join([row[0], *(escape_cell(c) for c in row[1:])]) + " |"


# --- Excel ---


def render_report_xlsx(report: Report, lang: Lang) -> bytes:
    """The report as a workbook: one sheet per table, numbers as numbers."""
    from kollegial.export.xlsx import Cell, _Book

    book = _Book(lang)
    rows: list[list[Cell]] = []
    for rated in report.rated:
        for series_list, kind in (
            (rated.corners, "report.kind.corner"),
            (rated.statements, "report.kind.statement"),
        ):
            for series in series_list:
                for day, point in zip(rated.days, series.points, strict=True):
                    if point is None or point.mean is None:
                        continue
                    rows.append(
                        [
                            rated.title,
                            t(kind, lang),
                            series.corner,
                            series.title,
                            day.isoformat(),
                            point.n,
                            round(point.mean, 2),
                            round(point.spread, 2) if point.spread is not None else None,
                        ]
                    )
    book.sheet(
        "report.sheet.over_time",
        [
            t("report.col.protocol", lang),
            t("report.col.kind", lang),
            t("xlsx.col.group", lang),
            t("export.col.statement", lang),
            t("report.col.date", lang),
            t("export.col.n", lang),
            t("export.col.mean", lang),
            t("export.col.spread", lang),
        ],
        ["title", "narrow", "title", "text", "number", "narrow", "narrow", "narrow"],
        rows,
    )
    book.sheet(
        "report.sheet.decisions",
        [t(k, lang) for k in _DECISION_KEYS] + [t("xlsx.col.text", lang)],
        ["number", "title", "name", "number", "text"],
        [
            [
                d.day.isoformat(),
                t("report.meeting_ref", lang, title=d.title, id=d.meeting),
                d.label,
                d.followed_up.isoformat() if d.followed_up else t("report.not_followed_up", lang),
                d.text,
            ]
            for d in report.decisions
        ],
    )
    book.sheet(
        "report.sheet.timing",
        [t(k, lang) for k in _TIMING_KEYS],
        ["title", "number", "number", "number", "number"],
        [
            [row.title, row.meetings, round(row.planned, 1), round(row.used, 1), row.fitting]
            for row in report.timing
        ],
    )
    book.sheet(
        "report.sheet.counts",
        [t("report.col.protocol", lang), *report.terms, t("report.col.total", lang)],
        ["title", *(["number"] * (len(report.terms) + 1))],
        [[title, *counts, sum(counts)] for _pid, title, counts in report.per_term],
    )
    return book.bytes()
