"""Aligned columns for `kollegial list`: widths in terminal cells, fitting, no markup."""

from __future__ import annotations

import unicodedata

from kollegial.views.columns import cell_width, fit, render


def test_cell_width_counts_wide_and_combining_characters() -> None:
    assert cell_width("Åsa") == 3
    assert cell_width("e\u0301") == 1  # e + combining acute
    assert cell_width("漢字") == 4


def test_fit_cuts_with_an_ellipsis_only_when_needed() -> None:
    assert fit("Sista ordet", 20) == "Sista ordet"
    assert fit("Sista ordet", 6) == "Sista…"
    assert cell_width(fit("漢字漢字", 5)) <= 5


def test_columns_align_and_numbers_go_right() -> None:
    lines = render(["id", "min"], [["a", "5"], ["lång-id", "120"]], right=frozenset({1}))
    assert lines == ["id       min", "a          5", "lång-id  120"]


def test_too_wide_tables_shrink_the_chosen_column_first() -> None:
    rows = [["x", "En mycket lång titel som inte får plats", "medföljer"]]
    lines = render(["id", "titel", "källa"], rows, shrink=(1,), width=30)
    assert max(cell_width(line) for line in lines) <= 30
    assert lines[1].startswith("x   En mycket") and "…" in lines[1]
    assert lines[1].endswith("medföljer")


def test_without_a_width_nothing_is_cut() -> None:
    title = "En mycket lång titel " * 10
    assert title.strip() in render(["t"], [[title.strip()]])[1]


def test_the_latin_fast_path_agrees_with_the_unicode_rule() -> None:
    """Below U+0300 no character is wide or combining: one cell each, as the fast path counts."""
    latin = [chr(c) for c in range(0x20, 0x300) if chr(c).isprintable()]
    assert all(
        not unicodedata.combining(c) and unicodedata.east_asian_width(c) not in "WF" for c in latin
    )
    assert cell_width("".join(latin)) == len(latin)
    assert cell_width("Å" + "e\u0301") == 2  # one combining mark: the slow path counts it
