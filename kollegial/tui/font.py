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
