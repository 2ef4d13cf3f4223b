"""How wide a line of text will be drawn, estimated at build time for the pathway diagram.

SVG text does not wrap, so the diagram breaks labels into lines before the page reaches
a browser. The widths are those of DejaVu Sans, the widest of the fonts the theme's font
stack (system fonts, then Helvetica, Arial, sans-serif) ends up with; every other font of
that stack draws the same text narrower, so a line that fits here fits everywhere.
"""

from __future__ import annotations

import unicodedata

# Advance widths in thousandths of the font size, of the printable ASCII characters
# (space to tilde) in DejaVu Sans Book and Bold, as Chromium measures them.
_REGULAR = (
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,
    636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,
    1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,
    603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,
    500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
    635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
)
_BOLD = (
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365,
    696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580,
    1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850,
    733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500,
    500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687,
    716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
)
# Punctuation that titles often hold, outside ASCII.
_OTHER = {"\u00a0": 318, "\u2018": 318, "\u2019": 318, "\u201c": 511, "\u201d": 511, "\u2013": 500, "\u2014": 1000, "\u2026": 1000, "\u00b7": 318}
_UNKNOWN = 1000  # wider than any letter of the table: an unknown character never overflows


def _advance(char: str, table: tuple[int, ...]) -> int:
    if " " <= char <= "~":
        return table[ord(char) - 32]
    if char in _OTHER:
        return _OTHER[char]
    base = unicodedata.normalize("NFD", char)[0]  # an accented letter is as wide as its letter
    if " " <= base <= "~":
        return table[ord(base) - 32]
    return _UNKNOWN


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width in pixels of `text` set at `size` pixels."""
    table = _BOLD if bold else _REGULAR
    return sum(_advance(char, table) for char in text) * size / 1000


def wrap(text: str, width: float, size: float, bold: bool = False) -> tuple[str, ...]:
    """`text` broken at spaces into lines no wider than `width` pixels, every word kept: a
    word wider than a line on its own is broken inside (a label is never cut short)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, size, bold) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while text_width(word, size, bold) > width:
            cut = _fitting_prefix(word, width, size, bold)
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    return (*lines, line) if line or not lines else tuple(lines)


def _fitting_prefix(word: str, width: float, size: float, bold: bool) -> int:
    """How many characters of `word` fit in `width` (at least one, so wrapping ends)."""
    count = 1
    while count < len(word) and text_width(word[: count + 1], size, bold) <= width:
        count += 1
    return count
