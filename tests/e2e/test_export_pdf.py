"""The HTML export on paper: `export -f html` printed by Debian's Chromium, read back by poppler.

Needs the Debian packages ``chromium`` and ``poppler-utils``; without them the
test skips, naming the one that is missing (as the rating sheet's print test).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kollegial.export import parse_session_json, render_json
from kollegial.store import Store
from tests.e2e.test_sheet_pdf import normalized, tool
from tests.unit.test_export import observation, triangulation


def print_pdf(chromium: str, html: Path, pdf: Path, tmp_path: Path) -> None:
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
        env={
            **os.environ,
            "HOME": str(tmp_path / "home"),
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_CACHE_HOME": str(tmp_path / "cache"),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert printed.returncode == 0 and pdf.is_file(), printed.stderr[-3000:]


@pytest.mark.slow
def test_both_seed_meetings_print_on_a4_with_everything_in_order(
    tmp_path: Path, isolated: Path
) -> None:
    """`kollegial export -f html -o x.html`, printed: A4, every note and statement, in order."""
    chromium = tool(("chromium", "chromium-browser"), "chromium")
    pdfinfo = tool(("pdfinfo",), "poppler-utils")
    pdftotext = tool(("pdftotext",), "poppler-utils")
    env = {**os.environ, "KOLLEGIAL_HOME": str(isolated), "KOLLEGIAL_LANG": "sv"}
    for build in (observation, triangulation):
        session = build()
        protocol, events, created_at = parse_session_json(render_json(session))
        ref = Store().import_session(protocol, events, created_at)
        html = tmp_path / f"{protocol.id}.html"
        subprocess.run(
            [sys.executable, "-m", "kollegial", "export", str(ref), "-f", "html", "-o", str(html)],
            env=env,
            check=True,
            capture_output=True,
            timeout=60,
        )
        pdf = tmp_path / f"{protocol.id}.pdf"
        print_pdf(chromium, html, pdf, tmp_path)
        info = subprocess.run(
            [pdfinfo, str(pdf)], capture_output=True, text=True, check=True, timeout=60
        ).stdout
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
        expected = [normalized(protocol.title)]
        expected += [normalized(f"{r.step.index + 1}. {r.step.title}") for r in session.reports()][
            :1
        ]
        notes = sorted(session.notes.values(), key=lambda n: (n.index, n.id))
        expected += [normalized(n.text.split("\n")[0]) for n in notes]
        if protocol.groups:
            expected += [normalized(st.text) for g in protocol.groups for st in g.statement_list()]
        missing = [e for e in expected if e not in text]
        assert missing == [], f"not in the PDF: {missing}\n--- PDF text ---\n{text}"
        positions = [text.index(e) for e in expected]
        assert positions == sorted(positions), "printed out of order"
        if build is triangulation:  # the hostile note is printed as the text it is
            assert "# rubrik | a | b <script>alert(1)</script> **x**" in text
