"""Exports of a meeting: markdown, JSON and CSV here; HTML (`.html`) and Excel (`.xlsx`, openpyxl
imported only there) in their modules. Pure functions, session -> text (or bytes).

No I/O and no UI here: the caller decides where the text goes.
"""

from kollegial.export.csvfmt import render_csv
from kollegial.export.jsonfmt import FORMAT, VERSION, parse_session_json, render_json
from kollegial.export.markdown import (
    escape_cell,
    escape_heading,
    escape_line,
    escape_text,
    render_markdown,
)

__all__ = [
    "FORMAT",
    "VERSION",
    "escape_cell",
    "escape_heading",
    "escape_line",
    "escape_text",
    "parse_session_json",
    "render_csv",
    "render_json",
    "render_markdown",
]
