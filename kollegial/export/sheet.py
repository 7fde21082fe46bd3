"""The printable rating sheet: a protocol's statements with the scale to circle or tick.

For rooms with paper only: each teacher rates on a sheet in silence, and the
leader types the sheets in afterwards. Two forms of the same sheet, both pure
functions ``protocol -> text``:

- :func:`render_sheet_markdown`, tables to paste into a document;
- :func:`render_sheet_html`, a standalone page that prints on A4 from any browser.

All text from the protocol is escaped (it may come from anyone's file): with
:func:`~kollegial.export.markdown.escape_cell` in markdown, with
:func:`html.escape` in HTML, control characters made visible in both.
"""

from __future__ import annotations

import html

from kollegial.errors import KollegialError
from kollegial.export.markdown import escape_cell, escape_heading, escape_line, visible
from kollegial.i18n import Lang, get_language, t
from kollegial.protocols.model import Protocol, Scale
from kollegial.values import Value, frozen

# A line to write the name on, long enough for a full name in handwriting.
_NAME_LINE_CHARS = 30


@frozen
class _Group(Value):
    title: str
    statements: list[str]


@frozen
class _Sheet(Value):
    """What both forms show, in the output language; texts not yet escaped."""

    lang: Lang
    title: str
    scale: Scale
    groups: list[_Group]

    @classmethod
    def of(cls, protocol: Protocol, lang: Lang | None) -> _Sheet:
        if not protocol.groups:
            raise KollegialError(
                "err.sheet_no_statements", id=protocol.id or protocol.title.strip()
            )
        groups = [_Group(g.title, [s.text for s in g.statement_list()]) for g in protocol.groups]
        return cls(lang or get_language(), protocol.title, protocol.scale, groups)

    def t(self, key: str, /, **params: object) -> str:
        return t(key, self.lang, **params)

    @property
    def values(self) -> list[int]:
        return list(self.scale.values)

    def label(self, value: int) -> str | None:
        """The protocol's label of ``value``, or None when it has none (or only blanks)."""
        text = self.scale.labels.get(value)
        return text if text and text.strip() else None

    def labelled(self) -> list[tuple[int, str]]:
        return [(v, text) for v in self.values if (text := self.label(v)) is not None]

    def instruction(self) -> str:
        return self.t("sheet.instruction", min=self.scale.min, max=self.scale.max)


# --- markdown ---


def render_sheet_markdown(protocol: Protocol, lang: Lang | None = None) -> str:
    """The rating sheet as markdown, for pasting into a document.

    A heading with the protocol's title, a name line, the instruction with the
    scale and its labels, then per group a heading and a table: the statement's
    number within the group, its text, and one column per value of the scale
    (headed by the value and its label) holding the value to circle.

    Args:
        protocol: The protocol; it must have at least one group.
        lang: ``"sv"`` or ``"en"`` for the sheet's own words; the current
            interface language when None. The statements stay as written.

    Returns:
        The markdown text, ending with a newline.

    Raises:
        KollegialError: the protocol has no statements to rate.
    """
    sheet = _Sheet.of(protocol, lang)
    values = sheet.values
    # The name line is a run of underscores after a space and before the end
    # of the line: neither a rule (it does not start the line) nor emphasis
    # (it is not flanking), so it needs no backslash that would show when pasted.
    blocks = [
        f"# {escape_heading(sheet.title)}",
        f"**{escape_line(sheet.t('sheet.name'), start=False)}:** " + "_" * _NAME_LINE_CHARS,
        escape_line(sheet.instruction()) + _markdown_legend(sheet),
    ]
    for group in sheet.groups:
        head = [
            escape_cell(sheet.t("sheet.col.number")),
            escape_cell(sheet.t("sheet.col.statement")),
            *(_markdown_value_head(sheet, v) for v in values),
        ]
        rows = [
            "| " + " | ".join(head) + " |",
            "|" + "|".join(["---:", "---", *[":---:"] * len(values)]) + "|",
        ]
        for number, text in enumerate(group.statements, start=1):
            cells = [str(number), escape_cell(text), *(escape_cell(str(v)) for v in values)]
            rows.append("| " + " | ".join(cells) + " |")
        blocks += [f"## {escape_heading(group.title)}", "\n".join(rows)]
    return "\n\n".join(blocks) + "\n"


_MARK = "\ue000"
"""Where the labels go in the catalog's sentence: a private-use character, not a control
(t() makes controls in its parameters visible)."""


def _markdown_legend(sheet: _Sheet) -> str:
    labelled = sheet.labelled()
    if not labelled:
        return ""
    labels = ", ".join(
        f"{escape_line(str(v), start=False)} = {escape_line(text, start=False)}"
        for v, text in labelled
    )
    # The catalog's own words are escaped around the already escaped labels.
    before, _, after = sheet.t("sheet.legend", labels=_MARK).partition(_MARK)
    return f" {_escape_keeping_spaces(before)}{labels}{_escape_keeping_spaces(after)}"


def _escape_keeping_spaces(text: str) -> str:
    """:func:`escape_line` of a fragment, keeping a space at either end (it strips them)."""
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() and text.strip() else ""
    return lead + escape_line(text, start=False) + trail


def _markdown_value_head(sheet: _Sheet, value: int) -> str:
    label = sheet.label(value)
    head = escape_cell(str(value))
    return f"{head} {escape_cell(label)}" if label else head


# --- HTML ---

# Print first: A4, a readable 11pt, and no row or group heading split across
# pages. A group is kept whole when it fits on a page (a triangulation corner of
# six statements always does); each table repeats its header row on a new page.
# Only the generic font families and fonts found on the computer: nothing is
# fetched, so the file prints the same offline.
_CSS = """\
@page { size: A4; margin: 14mm 15mm; }
* { box-sizing: border-box; }
html {
  font-family: "Liberation Sans", Arial, Helvetica, "DejaVu Sans", sans-serif;
  font-size: 11pt; line-height: 1.3; color: #000; background: #fff;
}
body { margin: 0; }
@media screen { body { max-width: 180mm; margin: 10mm auto; padding: 0 4mm; } }
.kind { margin: 0; font-size: 9pt; letter-spacing: 0.06em; text-transform: uppercase; }
h1 { margin: 0 0 4mm; font-size: 16pt; line-height: 1.2; }
.name { margin: 0 0 4mm; font-size: 12pt; }
.name .line {
  display: inline-block; width: 100mm; margin-left: 2mm;
  border-bottom: 0.75pt solid #000;
}
.instruction { margin: 0 0 5mm; }
section.group { margin: 0 0 5mm; break-inside: avoid; page-break-inside: avoid; }
h2 { margin: 0 0 1.5mm; font-size: 12.5pt; break-after: avoid; page-break-after: avoid; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td {
  padding: 1.4mm 1.5mm; text-align: left; vertical-align: middle;
  border-bottom: 0.5pt solid #888;
}
thead th { font-size: 9pt; vertical-align: bottom; border-bottom: 1pt solid #000; }
.num { text-align: right; }
/* The number stands on the statement's first line: read together, also by pdftotext. */
td.num, td.text { vertical-align: baseline; }
.text { overflow-wrap: anywhere; }
.val { text-align: center; border-left: 0.5pt solid #bbb; }
td.val { font-size: 12pt; }
.val .label { display: block; font-size: 8pt; font-weight: normal; overflow-wrap: anywhere; }
"""


def render_sheet_html(protocol: Protocol, lang: Lang | None = None) -> str:
    """The rating sheet as a standalone HTML page that prints on A4.

    The same content as :func:`render_sheet_markdown`, in one UTF-8 document
    with its print CSS inline and no external resources at all (no fonts,
    images, scripts or links), so it opens and prints the same anywhere. The
    18 statements of the triangulation print on one or two pages.

    Args:
        protocol: The protocol; it must have at least one group.
        lang: ``"sv"`` or ``"en"`` for the sheet's own words and the page's
            ``lang``; the current interface language when None. Protocol text
            in another language is marked with the protocol's own.

    Returns:
        The HTML document, ending with a newline.

    Raises:
        KollegialError: the protocol has no statements to rate.
    """
    sheet = _Sheet.of(protocol, lang)
    values = sheet.values
    # Protocol text keeps the protocol's language (for hyphenation and screen
    # readers) when the sheet's own words are in another.
    own = f' lang="{_esc(protocol.language)}"' if protocol.language != sheet.lang else ""
    kind = sheet.t("sheet.kind")
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{sheet.lang}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{_esc(sheet.title)} – {_esc(kind)}</title>",
        f"<style>\n{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f'<p class="kind">{_esc(kind)}</p>',
        f"<h1{own}>{_esc(sheet.title)}</h1>",
        f'<p class="name">{_esc(sheet.t("sheet.name"))}:<span class="line"></span></p>',
        f'<p class="instruction">{_esc(sheet.instruction())}{_html_legend(sheet)}</p>',
        "</header>",
        "<main>",
    ]
    width = _value_width_mm(len(values))
    columns = [
        '<col style="width: 9mm">',
        "<col>",
        *([f'<col style="width: {width}mm">'] * len(values)),
    ]
    head = [
        f'<th class="num" scope="col">{_esc(sheet.t("sheet.col.number"))}</th>',
        f'<th class="text" scope="col">{_esc(sheet.t("sheet.col.statement"))}</th>',
        *(_html_value_head(sheet, v, own) for v in values),
    ]
    cells = "".join(f'<td class="val">{v}</td>' for v in values)
    for group in sheet.groups:
        parts += [
            '<section class="group">',
            f"<h2{own}>{_esc(group.title)}</h2>",
            "<table>",
            f"<colgroup>{''.join(columns)}</colgroup>",
            f"<thead><tr>{''.join(head)}</tr></thead>",
            "<tbody>",
        ]
        parts += [
            f'<tr><td class="num">{number}.</td><td class="text"{own}>{_esc(text)}</td>{cells}</tr>'
            for number, text in enumerate(group.statements, start=1)
        ]
        parts += ["</tbody>", "</table>", "</section>"]
    parts += ["</main>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _esc(text: str) -> str:
    """Protocol or catalog text as HTML text or attribute value: inert, controls visible."""
    return html.escape(visible(text), quote=True)


def _html_legend(sheet: _Sheet) -> str:
    labelled = sheet.labelled()
    if not labelled:
        return ""
    labels = ", ".join(f"{v} = {text}" for v, text in labelled)
    return " " + _esc(sheet.t("sheet.legend", labels=labels))


def _html_value_head(sheet: _Sheet, value: int, own: str) -> str:
    label = sheet.label(value)
    # The space reads "1 Lägst" to a screen reader or pdftotext; on paper the
    # label stands on a line of its own.
    shown = f' <span class="label"{own}>{_esc(label)}</span>' if label else ""
    return f'<th class="val" scope="col">{value}{shown}</th>'


def _value_width_mm(count: int) -> int:
    """Width of one value column: roomy for 1–4, narrower for long scales, never tiny."""
    return max(7, min(15, 84 // count))
