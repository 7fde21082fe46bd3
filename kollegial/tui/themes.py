"""The three themes: dark (default), light, and projector (black on white, WCAG AAA)."""

from __future__ import annotations

from textual.theme import Theme

DARK = Theme(
    name="kollegial-dark",
    primary="#4fa3ff",
    secondary="#a0c4ff",
    warning="#ffb347",
    error="#ff6b6b",
    success="#6bd68a",
    accent="#ffd166",
    foreground="#f2f2f2",
    background="#121417",
    surface="#1b1e23",
    panel="#22262c",
    dark=True,
)

LIGHT = Theme(
    name="kollegial-light",
    primary="#0b5cad",
    secondary="#3a6ea5",
    warning="#8a5300",
    error="#b00020",
    success="#1e7b34",
    accent="#6b4e00",
    foreground="#1a1a1a",
    background="#f7f7f5",
    surface="#ececea",
    panel="#e2e2df",
    dark=False,
)

# Every text colour here has at least 7:1 contrast against white (tested).
PROJECTOR = Theme(
    name="kollegial-projektor",
    primary="#000000",
    secondary="#1a1a1a",
    warning="#6b3e00",
    error="#8b0000",
    success="#0b4d1f",
    accent="#00336b",
    foreground="#000000",
    background="#ffffff",
    surface="#ffffff",
    panel="#f0f0f0",
    dark=False,
)

THEMES = (DARK, LIGHT, PROJECTOR)
BY_NAME = {theme.name: theme for theme in THEMES}
NAMES = {
    "dark": DARK.name,
    "light": LIGHT.name,
    "projector": PROJECTOR.name,
    "projektor": PROJECTOR.name,
}


def theme_name(choice: str | None) -> str:
    """A theme name from a user's word (dark, light, projector) or a full name."""
    if not choice:
        return DARK.name
    return NAMES.get(choice.lower(), choice if choice in {t.name for t in THEMES} else DARK.name)
