"""CSV exports that a spreadsheet opens as data, never as formulas.

Excel and LibreOffice run a cell that starts with = + - @ (or a tab or carriage return) as a
formula, and they read the full-width and small forms of those signs ("＝", "﹢") as the signs
themselves, and look past leading invisible characters. So the check is made on the text after
Unicode compatibility normalisation (NFKC) with leading invisible format characters and spaces
removed; a cell that would start a formula is written with a leading apostrophe, its own text
otherwise unchanged. Every export writes through `csv_writer`.
"""

import csv
import unicodedata
from itertools import dropwhile

from django.http import HttpResponse

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def starts_a_formula(text: str) -> bool:
    if text[:1] in FORMULA_TRIGGERS:
        return True
    normalised = unicodedata.normalize("NFKC", text)
    visible = "".join(dropwhile(_invisible, normalised))
    return visible[:1] in FORMULA_TRIGGERS


def _invisible(char: str) -> bool:
    return unicodedata.category(char) == "Cf" or char.isspace()


def csv_safe(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if starts_a_formula(text) else text


class _SafeWriter:
    def __init__(self, response: HttpResponse):
        self._writer = csv.writer(response)

    def writerow(self, row) -> None:
        self._writer.writerow([csv_safe(value) for value in row])


def csv_writer(filename: str) -> tuple[HttpResponse, _SafeWriter]:
    """A CSV download named `filename` and the writer that fills it, cell by cell made safe."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response, _SafeWriter(response)
