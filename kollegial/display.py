"""Text from people and files, made safe to put on a terminal: the one place that does it.

Every command's output goes through :func:`safe`: :func:`kollegial.i18n.t`
passes each text parameter of a message through it, and the views pass the
protocol and session texts they print (``show``, ``list``, ``sessions``).
"""

from __future__ import annotations

import functools
import re


@functools.cache
def _control() -> re.Pattern[str]:
    """C0/C1 controls (ESC among them) would move the cursor or clear the screen if
    they reached the terminal; they are shown as visible symbols instead. Lone
    surrogates (possible in an imported JSON string) cannot be written to the
    terminal at all and become U+FFFD.

    Compiled at the first use: the range of surrogates makes it ~1 ms, and
    ``--help``, which must start as fast as a minimal Typer app, never needs it.
    """
    return re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def safe(text: str) -> str:
    """``text`` with control characters made visible (ESC becomes ␛).

    Newlines and tabs stay. The result holds no escape sequence a terminal
    would act on; it is still plain text, so never hand it to Rich as markup.
    """
    return _control().sub(_visible, text)


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    if code >= 0xD800:
        return "\ufffd"
    return f"\\x{code:02x}"


QUOTED_MAX = 60
"""How much of a bad value an error message quotes."""


def quoted(value: object) -> str:
    """A value from a file, quoted and cut short, safe to print on a terminal."""
    text = repr(value)  # repr escapes control characters such as ESC
    return text if len(text) <= QUOTED_MAX else text[: QUOTED_MAX - 1] + "…"
