"""The rating sheet on paper: Debian's Chromium prints it, poppler reads the PDF back.

Needs the Debian packages ``chromium`` and ``poppler-utils`` (``.ci/run``
installs them where apt-get can); without them the test skips, naming the one
that is missing.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kollegial.protocols.discovery import resolve


def tool(names: tuple[str, ...], package: str) -> str:
    """The first of ``names`` on PATH, or a skip naming the Debian package to install."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip(
        f"{' or '.join(names)} not found on PATH: install the Debian package {package} "
        f"(apt-get install {package}): the test prints the rating sheet to PDF and reads it back"
    )


def normalized(text: str) -> str:
    """Text with line-end hyphenation undone and all whitespace as single spaces."""
    text = text.replace("\u00ad", "")  # soft hyphens, should the browser insert any
    text = re.sub(r"(\w)[-\u2010]\s*\n\s*(\w)", r"\1\2", text)
    return " ".join(text.split())


@pytest.mark.slow
def test_triangulation_sheet_prints_on_one_or_two_a4_pages(tmp_path: Path, isolated: Path) -> None:
    """`kollegial sheet -o x.html` printed by Chromium: A4, 1-2 pages, 18 statements in order."""
    chromium = tool(("chromium", "chromium-browser"), "chromium")
    pdfinfo = tool(("pdfinfo",), "poppler-utils")
    pdftotext = tool(("pdftotext",), "poppler-utils")
    env = {
        **os.environ,
        "KOLLEGIAL_HOME": str(isolated),
        "KOLLEGIAL_LANG": "sv",
        # Chromium keeps its config and cache here instead of the user's home.
        "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    html = tmp_path / "värderingsblad.html"
    subprocess.run(
        [sys.executable, "-m", "kollegial", "sheet", "triangulering", "-o", str(html)],
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )
    pdf = tmp_path / "värderingsblad.pdf"
    printed = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'chromium-profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            html.as_uri(),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert printed.returncode == 0 and pdf.is_file(), printed.stderr[-3000:]

    info = subprocess.run(
        [pdfinfo, str(pdf)], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    pages = re.search(r"^Pages:\s+(\d+)$", info, re.MULTILINE)
    assert pages is not None, info
    assert int(pages.group(1)) in (1, 2), info
    assert re.search(r"^Page size:.*\(A4\)$", info, re.MULTILINE), info

    text = normalized(
        subprocess.run(
            [pdftotext, "-enc", "UTF-8", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
    )
    protocol = resolve("triangulering")
    assert normalized(protocol.title) in text
    assert "Namn:" in text
    statements = [s.text for g in protocol.groups for s in g.statement_list()]
    assert len(statements) == 18
    missing = [s for s in statements if normalized(s) not in text]
    assert missing == [], f"not in the PDF: {missing}\n--- PDF text ---\n{text}"
    positions = [text.index(normalized(s)) for s in statements]
    assert positions == sorted(positions), "the statements are printed out of order"
