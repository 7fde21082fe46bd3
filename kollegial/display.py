"""Text from people, made safe to put on a terminal (the TUI and the CLI tables)."""

from __future__ import annotations

import re

# C0/C1 controls (ESC among them) would move the cursor or clear the screen if
# they reached the terminal; they are shown as visible symbols instead.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe(text: str) -> str:
    """``text`` with control characters made visible (ESC becomes ␛)."""
    return _CONTROL.sub(_visible, text)


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return f"\\x{code:02x}"
