"""Themes: the projector theme is readable from the back of the room (WCAG AAA)."""

from __future__ import annotations

import pytest
from textual.color import Color

from kollegial.tui.themes import PROJECTOR, THEMES, theme_name


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours."""

    def luminance(hex_colour: str) -> float:
        r, g, b = Color.parse(hex_colour).rgb

        def channel(c: int) -> float:
            s = c / 255
            return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("role", ["foreground", "primary", "warning", "error", "success", "accent"])
def test_projector_colours_have_aaa_contrast_on_white(role: str) -> None:
    """Every text colour of the projector theme is at least 7:1 against its background."""
    assert PROJECTOR.background == "#ffffff"
    colour = getattr(PROJECTOR, role)
    assert contrast(colour, PROJECTOR.background) >= 7.0


def test_projector_foreground_is_black_on_white() -> None:
    """Black text on white, as the projector needs."""
    assert (PROJECTOR.foreground, PROJECTOR.background) == ("#000000", "#ffffff")


@pytest.mark.parametrize(
    ("word", "name"),
    [
        ("dark", "kollegial-dark"),
        ("light", "kollegial-light"),
        ("projector", "kollegial-projektor"),
        ("projektor", "kollegial-projektor"),
        (None, "kollegial-dark"),
    ],
)
def test_theme_words(word: str | None, name: str) -> None:
    """--theme takes the words a user would type."""
    assert theme_name(word) == name
    assert name in {t.name for t in THEMES}
