"""The QR code on the wall says the page's address, module for module."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import segno

from kollegial.serve.net import qr_lines

URL = "http://192.168.100.200:8765/6UZFy7VaFoZV4lzFS0z8Fw/"
TOP = {" ": (0, 0), "▀": (1, 0), "▄": (0, 1), "█": (1, 1)}


def modules(lines: list[str]) -> list[list[int]]:
    """The QR modules the half blocks draw: two rows per line."""
    rows: list[list[int]] = []
    for line in lines:
        rows.append([TOP[c][0] for c in line])
        rows.append([TOP[c][1] for c in line])
    return rows


def test_the_half_blocks_draw_exactly_segnos_modules() -> None:
    code = segno.make(URL, error="l", micro=False)
    expected = [[int(bool(m)) for m in row] for row in code.matrix_iter(border=2)]
    drawn = modules(qr_lines(URL))
    assert drawn[: len(expected)] == expected
    assert all(not any(row) for row in drawn[len(expected) :])  # the padding row is light


def test_it_fits_a_wall_of_24_rows() -> None:
    lines = qr_lines(URL)
    assert len(lines) <= 19 and len(lines[0]) <= 40


@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbarimg is not installed (zbar-tools)")
def test_a_scanner_reads_the_address(tmp_path: Path) -> None:
    """Drawn dark on light as on the wall, a real QR reader gets the URL back."""
    scale = 6
    rows = modules(qr_lines(URL))  # a dark module is 1, as in PBM
    pbm = ["P1", f"{len(rows[0]) * scale} {len(rows) * scale}"]
    for row in rows:
        line = " ".join(str(v) for v in row for _ in range(scale))
        pbm += [line] * scale
    image = tmp_path / "qr.pbm"
    image.write_text("\n".join(pbm) + "\n")
    out = subprocess.run(
        ["zbarimg", "--raw", "-q", str(image)], capture_output=True, text=True, check=False
    )
    assert out.stdout.strip() == URL, out.stderr
