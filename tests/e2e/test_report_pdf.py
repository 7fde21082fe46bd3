"""`kollegial report` on paper (issue 19): printed by Debian's Chromium, read back by poppler.

A year of one team fits on two A4 pages, with every statement, every
decision and the counts in the order the page gives them. Needs the Debian
packages ``chromium`` and ``poppler-utils``; without them the test skips.
To look at the pages: ``KOLLEGIAL_SHOTS=DIR`` keeps PNGs of them there.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import DATA, Result
from tests.e2e.test_export_pdf import print_pdf
from tests.e2e.test_sheet_pdf import normalized, tool

FIXTURE = DATA / "report"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "period"),
    [
        ("school-year", ("--from", "2026-08-01", "--to", "2027-07-31")),
        ("three-terms", ()),
    ],
)
def test_a_year_of_one_team_prints_on_two_a4_pages(
    tmp_path: Path,
    isolated: Path,
    cli: Callable[..., Result],
    name: str,
    period: tuple[str, ...],
) -> None:
    chromium = tool(("chromium", "chromium-browser"), "chromium")
    pdfinfo = tool(("pdfinfo",), "poppler-utils")
    pdftotext = tool(("pdftotext",), "poppler-utils")
    for path in sorted(FIXTURE.glob("*.json")):
        assert cli("import", str(path)).code == 0
    html = tmp_path / "rapport.html"
    env = {**os.environ, "KOLLEGIAL_HOME": str(isolated), "KOLLEGIAL_LANG": "sv"}
    subprocess.run(
        [sys.executable, "-m", "kollegial", "report", "--team", "Åk 4–6", *period, "-o", str(html)],
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )
    pdf = tmp_path / "rapport.pdf"
    print_pdf(chromium, html, pdf, tmp_path)
    info = subprocess.run(
        [pdfinfo, str(pdf)], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert re.search(r"^Page size:.*\(A4\)$", info, re.MULTILINE), info
    pages = int(re.search(r"^Pages:\s+(\d+)$", info, re.MULTILINE).group(1))  # type: ignore[union-attr]
    assert 1 <= pages <= 2, f"{pages} pages"
    if os.environ.get("KOLLEGIAL_SHOTS"):
        prefix = Path(os.environ["KOLLEGIAL_SHOTS"]) / f"report-{name}"
        subprocess.run(["pdftoppm", "-r", "70", "-png", str(pdf), str(prefix)], check=True)
    text = normalized(
        subprocess.run(
            [pdftotext, "-enc", "UTF-8", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
    )
    triangulation = json.loads((FIXTURE / "2026-09-08-triangulering.json").read_text("utf-8"))
    statements = [st["text"] for g in triangulation["protocol"]["groups"] for st in g["statements"]]
    decisions = []
    for path in sorted(FIXTURE.glob("*observationssamtal.json")):
        meeting = json.loads(path.read_text("utf-8"))
        if not period or meeting["created_at"][:10] <= "2027-07-31":
            decisions += [d["text"] for d in meeting["derived"]["decisions"]]
    expected = [
        "Kollegialt lärande över tid: Åk 4–6",
        "Värderingar över tid: Lärande samtal kring trianguleringen",
        "Hörnens medelvärden vid varje möte",
        "Mest förändrat",
        *statements,
        "Beslut och utvecklingsområden",
        *decisions,
        "Planerad och använd tid",
        "Antal möten per termin",
    ]
    expected = [normalized(e) for e in expected]
    missing = [e for e in expected if e not in text]
    assert missing == [], f"not in the PDF: {missing}\n--- PDF text ---\n{text}"
    # In order from the table on (a statement that moved is named above it too).
    at = text.index("Påstående")
    for e in expected[4:]:
        found = text.find(e, at)
        assert found >= 0, f"printed out of order: {e!r}"
        at = found + len(e)
