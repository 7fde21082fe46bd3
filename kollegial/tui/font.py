"""Big digits for the timer, and big capitals for a speaker's name, in block characters.

Textual's ``Digits`` is three rows tall; the room reads the timer from five
metres, so this font scales to the space it is given. Each glyph is a 5×7
pixel bitmap; two pixel rows share one terminal row through half blocks.
The capitals cover the names of a Swedish staff room; a name with any other
character is shown as plain text instead (:func:`can_render`).
"""

from __future__ import annotations

GLYPHS: dict[str, tuple[str, ...]] = {
    "0": (" ### ", "#   #", "#   #", "#   #", "#   #", "#   #", " ### "),
    "1": ("  #  ", " ##  ", "  #  ", "  #  ", "  #  ", "  #  ", " ### "),
    "2": (" ### ", "#   #", "    #", "   # ", "  #  ", " #   ", "#####"),
    "3": (" ### ", "#   #", "    #", "  ## ", "    #", "#   #", " ### "),
    "4": ("   # ", "  ## ", " # # ", "#  # ", "#####", "   # ", "   # "),
    "5": ("#####", "#    ", "#### ", "    #", "    #", "#   #", " ### "),
    "6": ("  ## ", " #   ", "#    ", "#### ", "#   #", "#   #", " ### "),
    "7": ("#####", "    #", "   # ", "  #  ", " #   ", " #   ", " #   "),
    "8": (" ### ", "#   #", "#   #", " ### ", "#   #", "#   #", " ### "),
    "9": (" ### ", "#   #", "#   #", " ####", "    #", "   # ", " ##  "),
    ":": ("  ", "##", "##", "  ", "##", "##", "  "),
    "+": ("     ", "  #  ", "  #  ", "#####", "  #  ", "  #  ", "     "),
    "-": ("     ", "     ", "     ", "#####", "     ", "     ", "     "),
    " ": ("  ", "  ", "  ", "  ", "  ", "  ", "  "),
}
# Capitals for names. Å, Ä and Ö keep their marks by using a five-row body.
LETTERS: dict[str, tuple[str, ...]] = {
    "A": (" ### ", "#   #", "#   #", "#####", "#   #", "#   #", "#   #"),
    "B": ("#### ", "#   #", "#   #", "#### ", "#   #", "#   #", "#### "),
    "C": (" ### ", "#   #", "#    ", "#    ", "#    ", "#   #", " ### "),
    "D": ("#### ", "#   #", "#   #", "#   #", "#   #", "#   #", "#### "),
    "E": ("#####", "#    ", "#    ", "#### ", "#    ", "#    ", "#####"),
    "F": ("#####", "#    ", "#    ", "#### ", "#    ", "#    ", "#    "),
    "G": (" ### ", "#   #", "#    ", "# ###", "#   #", "#   #", " ####"),
    "H": ("#   #", "#   #", "#   #", "#####", "#   #", "#   #", "#   #"),
    "I": (" ### ", "  #  ", "  #  ", "  #  ", "  #  ", "  #  ", " ### "),
    "J": ("  ###", "   # ", "   # ", "   # ", "   # ", "#  # ", " ##  "),
    "K": ("#   #", "#  # ", "# #  ", "##   ", "# #  ", "#  # ", "#   #"),
    "L": ("#    ", "#    ", "#    ", "#    ", "#    ", "#    ", "#####"),
    "M": ("#   #", "## ##", "# # #", "# # #", "#   #", "#   #", "#   #"),
    "N": ("#   #", "#   #", "##  #", "# # #", "#  ##", "#   #", "#   #"),
    "O": (" ### ", "#   #", "#   #", "#   #", "#   #", "#   #", " ### "),
    "P": ("#### ", "#   #", "#   #", "#### ", "#    ", "#    ", "#    "),
    "Q": (" ### ", "#   #", "#   #", "#   #", "# # #", "#  # ", " ## #"),
    "R": ("#### ", "#   #", "#   #", "#### ", "# #  ", "#  # ", "#   #"),
    "S": (" ####", "#    ", "#    ", " ### ", "    #", "    #", "#### "),
    "T": ("#####", "  #  ", "  #  ", "  #  ", "  #  ", "  #  ", "  #  "),
    "U": ("#   #", "#   #", "#   #", "#   #", "#   #", "#   #", " ### "),
    "V": ("#   #", "#   #", "#   #", "#   #", "#   #", " # # ", "  #  "),
    "W": ("#   #", "#   #", "#   #", "# # #", "# # #", "# # #", " # # "),
    "X": ("#   #", "#   #", " # # ", "  #  ", " # # ", "#   #", "#   #"),
    "Y": ("#   #", "#   #", " # # ", "  #  ", "  #  ", "  #  ", "  #  "),
    "Z": ("#####", "    #", "   # ", "  #  ", " #   ", "#    ", "#####"),
    "Å": ("  #  ", " # # ", " ### ", "#   #", "#####", "#   #", "#   #"),
    "Ä": (" # # ", "     ", " ### ", "#   #", "#####", "#   #", "#   #"),
    "Ö": (" # # ", "     ", " ### ", "#   #", "#   #", "#   #", " ### "),
    "Ü": (" # # ", "     ", "#   #", "#   #", "#   #", "#   #", " ### "),
    "É": ("   # ", "  #  ", "#####", "#    ", "#### ", "#    ", "#####"),
    "È": (" #   ", "  #  ", "#####", "#    ", "#### ", "#    ", "#####"),
    "Ø": (" ####", "#  ##", "# # #", "# # #", "# # #", "##  #", "#### "),
    "Æ": (" ####", "# #  ", "# #  ", "#####", "# #  ", "# #  ", "# ###"),
    "'": ("  #  ", "  #  ", "     ", "     ", "     ", "     ", "     "),
    ".": ("  ", "  ", "  ", "  ", "  ", "##", "##"),
}
GLYPHS.update(LETTERS)

HEIGHT = 7
GAP = 1  # pixel columns between glyphs


def pixel_width(text: str) -> int:
    return sum(len(GLYPHS[c][0]) for c in text) + GAP * max(0, len(text) - 1)


def can_render(text: str) -> bool:
    """Whether every character of ``text`` has a glyph."""
    return bool(text) and all(c in GLYPHS for c in text)


def fit_scale(text: str, width: int, height: int) -> tuple[int, int]:
    """The largest (horizontal, vertical) pixel scale at which ``text`` fits.

    Keeps pixels roughly square (a terminal cell is about twice as tall as it is
    wide, so one row of half blocks holds two pixel rows of one column each).
    Returns (0, 0) when even the smallest size does not fit.
    """
    px = pixel_width(text)
    best = (0, 0)
    for sy in range(1, 20):
        rows = (HEIGHT * sy + 1) // 2
        sx = sy  # square-ish: one column per pixel per vertical unit
        if rows > height or px * sx > width:
            break
        best = (sx, sy)
    return best


def render(text: str, sx: int, sy: int) -> list[str]:
    """``text`` as lines of block characters at pixel scale (sx, sy)."""
    pixels: list[list[bool]] = [[] for _ in range(HEIGHT * sy)]
    for i, char in enumerate(text):
        glyph = GLYPHS[char]
        for row in range(HEIGHT):
            bits = [c == "#" for c in glyph[row]]
            if i:
                bits = [False] * GAP + bits
            scaled = [b for b in bits for _ in range(sx)]
            for k in range(sy):
                pixels[row * sy + k].extend(scaled)
    if len(pixels) % 2:
        pixels.append([False] * len(pixels[0]))
    lines = []
    for top, bottom in zip(pixels[0::2], pixels[1::2], strict=True):
        lines.append(
            "".join(
                "█" if t and b else "▀" if t else "▄" if b else " "
                for t, b in zip(top, bottom, strict=True)
            )
        )
    return lines


# --- Running text: a step's prompt in big letters ---
#
# Nine pixel rows: capitals and digits stand on row 6 (the 5×7 glyphs above);
# lowercase has its body in rows 2–6 and g, j, p, q, y hang into rows 7–8.
# With one blank pixel row between lines, a line of text takes five terminal rows.
TEXT_HEIGHT = 9
LINE_PITCH = TEXT_HEIGHT + 1
"""Pixel rows per line of text, the blank row between lines included."""

_DOWN = ("     ", "     ")
LOWERCASE: dict[str, tuple[str, ...]] = {
    "a": ("     ", "     ", " ### ", "    #", " ####", "#   #", " ####", *_DOWN),
    "b": ("#    ", "#    ", "# ## ", "##  #", "#   #", "#   #", "#### ", *_DOWN),
    "c": ("     ", "     ", " ### ", "#    ", "#    ", "#   #", " ### ", *_DOWN),
    "d": ("    #", "    #", " ## #", "#  ##", "#   #", "#   #", " ####", *_DOWN),
    "e": ("     ", "     ", " ### ", "#   #", "#####", "#    ", " ### ", *_DOWN),
    "f": ("  ## ", " #  #", " #   ", "###  ", " #   ", " #   ", " #   ", *_DOWN),
    "g": ("     ", "     ", " ####", "#   #", "#   #", "#   #", " ####", "    #", " ### "),
    "h": ("#    ", "#    ", "# ## ", "##  #", "#   #", "#   #", "#   #", *_DOWN),
    "i": ("  #  ", "     ", " ##  ", "  #  ", "  #  ", "  #  ", " ### ", *_DOWN),
    "j": ("   # ", "     ", "  ## ", "   # ", "   # ", "   # ", "   # ", "#  # ", " ##  "),
    "k": ("#    ", "#    ", "#  # ", "# #  ", "##   ", "# #  ", "#  # ", *_DOWN),
    "l": (" ##  ", "  #  ", "  #  ", "  #  ", "  #  ", "  #  ", " ### ", *_DOWN),
    "m": ("     ", "     ", "## # ", "# # #", "# # #", "#   #", "#   #", *_DOWN),
    "n": ("     ", "     ", "# ## ", "##  #", "#   #", "#   #", "#   #", *_DOWN),
    "o": ("     ", "     ", " ### ", "#   #", "#   #", "#   #", " ### ", *_DOWN),
    "p": ("     ", "     ", "#### ", "#   #", "#   #", "#   #", "#### ", "#    ", "#    "),
    "q": ("     ", "     ", " ####", "#   #", "#   #", "#   #", " ####", "    #", "    #"),
    "r": ("     ", "     ", "# ## ", "##  #", "#    ", "#    ", "#    ", *_DOWN),
    "s": ("     ", "     ", " ####", "#    ", " ### ", "    #", "#### ", *_DOWN),
    "t": (" #   ", " #   ", "###  ", " #   ", " #   ", " #  #", "  ## ", *_DOWN),
    "u": ("     ", "     ", "#   #", "#   #", "#   #", "#  ##", " ## #", *_DOWN),
    "v": ("     ", "     ", "#   #", "#   #", "#   #", " # # ", "  #  ", *_DOWN),
    "w": ("     ", "     ", "#   #", "#   #", "# # #", "# # #", " # # ", *_DOWN),
    "x": ("     ", "     ", "#   #", " # # ", "  #  ", " # # ", "#   #", *_DOWN),
    "y": ("     ", "     ", "#   #", "#   #", "#   #", "#   #", " ####", "    #", " ### "),
    "z": ("     ", "     ", "#####", "   # ", "  #  ", " #   ", "#####", *_DOWN),
    "å": ("  #  ", " # # ", "  #  ", " ####", "#   #", "#  ##", " ## #", *_DOWN),
    # The dots stand closer than on Ä and Ö, whose body is as tall as the o's.
    "ä": ("     ", " # # ", " ### ", "    #", " ####", "#   #", " ####", *_DOWN),
    "ö": ("     ", " # # ", " ### ", "#   #", "#   #", "#   #", " ### ", *_DOWN),
    "é": ("   # ", "  #  ", " ### ", "#   #", "#####", "#    ", " ### ", *_DOWN),
    "ü": ("     ", " # # ", "#   #", "#   #", "#   #", "#  ##", " ## #", *_DOWN),
}
# Punctuation of the bundled protocols' prompts, and what Swedish text uses besides.
PUNCTUATION: dict[str, tuple[str, ...]] = {
    " ": ("   ",) * 9,
    ".": ("  ", "  ", "  ", "  ", "  ", "##", "##", "  ", "  "),
    ",": ("  ", "  ", "  ", "  ", "  ", "##", "##", " #", "# "),
    ":": ("  ", "  ", "##", "##", "  ", "##", "##", "  ", "  "),
    ";": ("  ", "  ", "##", "##", "  ", "##", "##", " #", "# "),
    "!": ("#", "#", "#", "#", "#", " ", "#", " ", " "),
    "?": (" ### ", "#   #", "    #", "   # ", "  #  ", "     ", "  #  ", *_DOWN),
    "-": ("    ", "    ", "    ", "    ", "####", "    ", "    ", "    ", "    "),
    "–": ("     ", "     ", "     ", "     ", "#####", "     ", "     ", *_DOWN),
    "—": ("       ",) * 4 + ("#######",) + ("       ",) * 4,
    "(": ("  #", " # ", "#  ", "#  ", "#  ", "#  ", "#  ", " # ", "  #"),
    ")": ("#  ", " # ", "  #", "  #", "  #", "  #", "  #", " # ", "#  "),
    "'": ("#", "#", " ", " ", " ", " ", " ", " ", " "),
    # Three rows: two apostrophes side by side must not read as one quote.
    '"': ("# #", "# #", "# #", "   ", "   ", "   ", "   ", "   ", "   "),
    "’": ("##", " #", "# ", "  ", "  ", "  ", "  ", "  ", "  "),
    "‘": (" #", "# ", "##", "  ", "  ", "  ", "  ", "  ", "  "),
    # A row taller than ’ and ‘: two of those side by side must not read as one of these.
    "”": ("## ##", "## ##", " #  #", "#  # ", *("     ",) * 5),
    "“": (" #  #", "#  # ", "## ##", "## ##", *("     ",) * 5),
    "/": ("    #", "    #", "   # ", "  #  ", " #   ", "#    ", "#    ", *_DOWN),
    "%": ("##   ", "##  #", "   # ", "  #  ", " #   ", "#  ##", "   ##", *_DOWN),
    "+": ("     ", "     ", "  #  ", "  #  ", "#####", "  #  ", "  #  ", *_DOWN),
    "=": ("     ", "     ", "     ", "#####", "     ", "#####", "     ", *_DOWN),
    "…": ("     ", "     ", "     ", "     ", "     ", "     ", "# # #", *_DOWN),
    "•": ("   ", "   ", "   ", "###", "###", "###", "   ", "   ", "   "),
}
TEXT_GLYPHS: dict[str, tuple[str, ...]] = {
    # The capitals and digits of the timer and the names, on the same baseline.
    **{c: (*g, *("".ljust(len(g[0])),) * 2) for c, g in GLYPHS.items() if c.isalnum()},
    # In words a zero must not read as the letter O: it has a stroke through it.
    "0": (" ### ", "#   #", "#  ##", "# # #", "##  #", "#   #", " ### ", *_DOWN),
    **LOWERCASE,
    **PUNCTUATION,
}


def text_width(text: str) -> int:
    """Pixel columns of ``text`` on one line of running text."""
    return sum(len(TEXT_GLYPHS[c][0]) for c in text) + GAP * max(0, len(text) - 1)


def can_write(text: str) -> bool:
    """Whether every character of ``text`` (line breaks aside) has a glyph of running text."""
    return bool(text.strip()) and all(c in TEXT_GLYPHS for c in text.replace("\n", ""))


def wrap(text: str, width: int) -> list[str] | None:
    """``text`` in lines of at most ``width`` pixel columns, broken between words only.

    A line break in ``text`` stays one. None when a character has no glyph or
    a single word is wider than ``width``: a word is never cut.
    """
    if not can_write(text):
        return None
    lines: list[str] = []
    for paragraph in text.strip().split("\n"):
        line = ""
        for word in paragraph.split():
            if text_width(word) > width:
                return None
            candidate = f"{line} {word}" if line else word
            if text_width(candidate) <= width:
                line = candidate
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


def write(lines: list[str]) -> list[str]:
    """Lines of running text as block characters: five terminal rows a line, pixels square."""
    pixels: list[list[bool]] = []
    for text in lines:
        rows: list[list[bool]] = [[] for _ in range(LINE_PITCH)]
        for i, char in enumerate(text):
            glyph = TEXT_GLYPHS[char]
            for r in range(TEXT_HEIGHT):
                rows[r].extend([False] * (GAP if i else 0) + [c == "#" for c in glyph[r]])
        rows[TEXT_HEIGHT] = [False] * len(rows[0])
        pixels.extend(rows)
    out = []
    for top, bottom in zip(pixels[0::2], pixels[1::2], strict=True):
        out.append(
            "".join(
                "█" if t and b else "▀" if t else "▄" if b else " "
                for t, b in zip(top, bottom, strict=True)
            ).rstrip()
        )
    return out
