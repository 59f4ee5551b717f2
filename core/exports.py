"""Helpers for files people download and open in a spreadsheet."""


def csv_safe(value) -> str:
    """Spreadsheets run a cell starting with = + - @ (or tab, CR) as a formula: quote it."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
