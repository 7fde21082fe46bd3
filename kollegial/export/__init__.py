"""Exports of a meeting: markdown, JSON and CSV here; HTML (`.html`) and Excel (`.xlsx`, openpyxl
imported only there) in their modules. Pure functions, session -> text (or bytes).

No I/O and no UI here: the caller decides where the text goes.

Names are imported on first use: ``kollegial report`` reads
:mod:`kollegial.export.report` without the JSON format's validation (PyYAML's
protocol loader, pydantic's schemas), ~0.1 s of its start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kollegial.export.csvfmt import render_csv
    from kollegial.export.jsonfmt import FORMAT, VERSION, parse_session_json, render_json
    from kollegial.export.markdown import (
        escape_cell,
        escape_heading,
        escape_line,
        escape_text,
        render_markdown,
    )

_HOMES = {
    "render_csv": "csvfmt",
    "FORMAT": "jsonfmt",
    "VERSION": "jsonfmt",
    "parse_session_json": "jsonfmt",
    "render_json": "jsonfmt",
    "escape_cell": "markdown",
    "escape_heading": "markdown",
    "escape_line": "markdown",
    "escape_text": "markdown",
    "render_markdown": "markdown",
}

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


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        import importlib

        return getattr(importlib.import_module(f"kollegial.export.{_HOMES[name]}"), name)
    raise AttributeError(name)
