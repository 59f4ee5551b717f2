"""Cells written to a CSV that people open in a spreadsheet (every export guards what people typed).

Excel and LibreOffice run a cell that starts with = + - @ (or a tab or carriage return) as a
formula, and they read the full-width and small forms of those signs ("＝", "﹢") as the signs
themselves, and look past leading invisible characters. So the check is made on the text after
Unicode compatibility normalisation (NFKC) with leading invisible format characters and spaces
removed; a cell that would start a formula is written with a leading apostrophe, its own text
otherwise unchanged.
"""

import unicodedata
from itertools import dropwhile

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> str:
    """The cell's text, with a leading apostrophe if a spreadsheet would run it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if starts_a_formula(text) else text


def starts_a_formula(text: str) -> bool:
    first = text[:1]
    if first in FORMULA_TRIGGERS:
        return True
    if first.isascii() and not first.isspace():
        return False  # nothing normalises an ASCII letter, digit or sign into a trigger
    normalised = unicodedata.normalize("NFKC", text)
    return "".join(dropwhile(_invisible, normalised))[:1] in FORMULA_TRIGGERS


def _invisible(char: str) -> bool:
    return unicodedata.category(char) == "Cf" or char.isspace()
