"""Aligned columns of text for the terminal, without a rendering library.

``kollegial list`` prints a row per protocol; a rich ``Table`` took ~50 ms to
lay out a hundred rows and ~20 ms to import, three times what the rest of the
command costs (start-up rules: docs/architecture.md). Cells are plain text: the
caller makes them safe.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from collections.abc import Sequence
from typing import TextIO

GAP = "  "
ELLIPSIS = "…"
MIN_WIDTH = 8


def cell_width(text: str) -> int:
    """Terminal cells ``text`` takes: wide (e.g. CJK) characters two, combining marks none."""
    if text.isascii() or max(map(ord, text)) < 0x300:
        return len(text)  # Latin letters, å ä ö included: no wide or combining ones there
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return width


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells, ending in an ellipsis when cut."""
    if cell_width(text) <= width:
        return text
    out, used = [], 0
    for char in text:
        w = cell_width(char)
        if used + w > width - 1:
            break
        out.append(char)
        used += w
    return "".join(out) + ELLIPSIS


def render(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    right: frozenset[int] = frozenset(),
    shrink: Sequence[int] = (),
    width: int | None = None,
) -> list[str]:
    """The header and rows as lines of aligned columns.

    When ``width`` is given and the lines would be wider, the columns in
    ``shrink`` (most important last) are narrowed, each to no less than
    MIN_WIDTH, and their cells cut with an ellipsis.
    """
    table = [list(header), *(list(r) for r in rows)]
    widths = [max(cell_width(row[i]) for row in table) for i in range(len(header))]
    if width is not None:
        excess = sum(widths) + len(GAP) * (len(widths) - 1) - width
        for i in shrink:
            if excess <= 0:
                break
            cut = min(excess, max(widths[i] - MIN_WIDTH, 0))
            widths[i] -= cut
            excess -= cut
    lines = []
    for row in table:
        cells = []
        for i, cell in enumerate(row):
            text = fit(cell, widths[i])
            pad = " " * (widths[i] - cell_width(text))
            cells.append(pad + text if i in right else text + pad)
        lines.append(GAP.join(cells).rstrip())
    return lines


def styled(stream: TextIO | None = None) -> bool:
    """Whether ``stream`` (stdout) is a terminal that may get bold and dim text, NO_COLOR unset."""
    return (stream or sys.stdout).isatty() and not os.environ.get("NO_COLOR")


def bold(text: str, on: bool) -> str:
    return f"\x1b[1m{text}\x1b[22m" if on else text


def dim(text: str, on: bool) -> str:
    return f"\x1b[2m{text}\x1b[22m" if on else text
