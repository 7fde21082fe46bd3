"""``kollegial sheet``: the printable rating sheet, to the screen or to a file."""

from __future__ import annotations

import sys
from pathlib import Path

from kollegial.errors import UsageError
from kollegial.export.sheet import render_sheet_html, render_sheet_markdown
from kollegial.files import write_private
from kollegial.i18n import t
from kollegial.protocols.discovery import resolve

FORMATS = ("md", "html")
_HTML_SUFFIXES = (".html", ".htm")


def sheet_format(fmt: str | None, output: Path | None) -> str:
    """The format asked for; without one, html for an .html/.htm file, else md.

    Raises:
        UsageError: ``fmt`` is not one of :data:`FORMATS`.
    """
    if fmt is None:
        is_html = output is not None and output.suffix.lower() in _HTML_SUFFIXES
        return "html" if is_html else "md"
    if fmt not in FORMATS:
        raise UsageError("err.bad_format", format=fmt, choices=", ".join(FORMATS))
    return fmt


def sheet(ref: str, output: Path | None, fmt: str | None) -> None:
    """Render the rating sheet of protocol ``ref`` and print it, or write it to ``output``."""
    chosen = sheet_format(fmt, output)
    protocol = resolve(ref)
    render = render_sheet_html if chosen == "html" else render_sheet_markdown
    text = render(protocol)
    if output is None:
        sys.stdout.write(text)
    else:
        write_private(output, text)
        print(t("sheet.written", path=output), file=sys.stderr)
