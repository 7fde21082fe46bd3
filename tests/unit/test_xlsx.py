"""The Excel export: read back with openpyxl and pandas, as a principal's script would."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest

from kollegial.export import parse_session_json, render_json
from kollegial.export.xlsx import render_xlsx
from kollegial.session import Session
from kollegial.store import Store
from tests.conftest import Result
from tests.unit.test_export import GOLDEN, RATINGS, hostile_meeting, observation, triangulation


def cells(data: bytes) -> dict[str, list[list[Any]]]:
    """Every sheet's cell values, row by row, as openpyxl reads them."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {
        sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
        for sheet in book.worksheets
    }


def frames(data: bytes) -> dict[str, pd.DataFrame]:
    return pd.read_excel(io.BytesIO(data), sheet_name=None)


def as_json(values: dict[str, list[list[Any]]]) -> str:
    def plain(value: Any) -> Any:
        return value.isoformat() if isinstance(value, datetime) else value

    # One row of a sheet per line: a change shows as the rows it changes.
    sheets = []
    for name, rows in values.items():
        lines = ",\n".join(
            "    " + json.dumps([plain(v) for v in row], ensure_ascii=False) for row in rows
        )
        sheets.append(f"  {json.dumps(name, ensure_ascii=False)}: [\n{lines}\n  ]")
    text = "{\n" + ",\n".join(sheets) + "\n}\n"
    assert json.loads(text) == {
        name: [[plain(v) for v in row] for row in rows] for name, rows in values.items()
    }
    return text


def test_sheets_and_headers_are_swedish() -> None:
    """Swedish interface: Swedish sheet names and headers, the notes' five facts."""
    book = cells(render_xlsx(observation(), lang="sv"))
    assert list(book) == ["Möte", "Steg", "Anteckningar"]  # no ratings in this protocol
    assert book["Anteckningar"][0] == ["Steg", "Stegets namn", "Kolumn", "Vem", "Text", "Tid"]
    first = book["Anteckningar"][1]
    assert first[0] == 1 and isinstance(first[0], int)
    assert first[2:5] == [
        "Hur gör eleverna? Vad säger eleverna?",
        "Anna",
        "Eleverna räcker upp handen innan de svarar.",
    ]
    assert first[5] == datetime(2026, 11, 25, 8, 31)


def test_sheets_follow_the_language() -> None:
    book = cells(render_xlsx(triangulation(), lang="en"))
    assert list(book) == ["Meeting", "Steps", "Notes", "Ratings", "Summary"]
    assert book["Summary"][0][-2:] == ["Group mean", "Group mean spread"]


def test_ratings_are_numbers_per_person_and_statement() -> None:
    """One row per statement with its text, one column per person, the values as integers."""
    df = frames(render_xlsx(triangulation(), lang="sv"))["Värderingar"]
    assert list(df.columns) == ["Grupp", "Nr", "Påstående", "Anna", "Bo", "Cecilia"]
    assert len(df) == 18
    for person, row in RATINGS.items():
        assert df[person].dtype.kind == "i"
        assert df[person].tolist() == row
    assert df["Påstående"].str.len().min() > 10


def test_summary_has_mean_and_spread_per_statement_and_group() -> None:
    """Means and spreads are floats Excel can compute with; per group, repeated per row."""
    s = triangulation()
    df = frames(render_xlsx(s, lang="sv"))["Sammanfattning"]
    stats = s.rating_stats()
    assert df["Medel"].dtype.kind == "f" and df["Spridning"].dtype.kind == "f"
    expected = [round(st.mean or 0, 2) for g in stats for st in g.statements]
    assert df["Medel"].tolist() == expected
    assert df["Antal"].tolist() == [3] * 18
    by_group = df.groupby("Grupp", sort=False)["Gruppens medel"].first().tolist()
    assert by_group == [round(g.mean or 0, 2) for g in stats]
    spreads = df.groupby("Grupp", sort=False)["Spridning"].mean().round(2).tolist()
    assert df.groupby("Grupp", sort=False)["Gruppens medelspridning"].first().tolist() == spreads


def test_steps_sheet_has_minutes_as_numbers_and_the_state() -> None:
    df = frames(render_xlsx(observation(), lang="sv"))["Steg"]
    assert df["Planerat (min)"].tolist() == [10, 5, 3, 5, 1, 5]
    assert df["Status"].tolist()[4] == "hoppades över"
    assert df["Använt (min)"].dtype.kind == "f"


def test_text_that_looks_like_a_formula_stays_text() -> None:
    """A name or statement starting with = is a string cell, never a formula."""
    data = render_xlsx(hostile_meeting(), lang="sv")
    book = openpyxl.load_workbook(io.BytesIO(data))
    formulas = [
        cell.coordinate
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]
    assert formulas == []
    values = [v for rows in cells(data).values() for row in rows for v in row]
    assert '=SUM(A1:A2), "citat"' in values
    assert "=HYPERLINK(1)" in cells(data)["Värderingar"][0]
    assert not any(isinstance(v, str) and "\x1b" in v for v in values)


GOLDEN_XLSX: dict[str, Callable[[], Session]] = {
    "observationssamtal.xlsx.json": observation,
    "triangulering.xlsx.json": triangulation,
}


@pytest.mark.parametrize("name", list(GOLDEN_XLSX))
def test_xlsx_matches_golden_cell_values(name: str) -> None:
    """Every cell of both seed meetings' workbooks, read back, is its golden value."""
    text = as_json(cells(render_xlsx(GOLDEN_XLSX[name](), lang="sv")))
    path = GOLDEN / name
    if os.environ.get("KOLLEGIAL_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text


def stored(session: Session) -> str:
    protocol, events, created_at = parse_session_json(render_json(session))
    return str(Store().import_session(protocol, events, created_at))


def test_export_command_writes_a_private_workbook(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    ref = stored(triangulation())
    out = tmp_path / "möte.xlsx"
    r = cli("export", ref, "-f", "xlsx", "-o", str(out))
    assert r.code == 0, r.err
    assert out.stat().st_mode & 0o777 == 0o600
    assert "Sammanfattning" in cells(out.read_bytes())
