"""A subject-access export as people read it (the page and the PDF): label and value pairs,
dates in words, a comment's decisions one line each."""

import datetime

from django.utils import timezone
from django.utils.formats import date_format

Pair = tuple[str, object, bool]


def sections(data: dict) -> tuple[list[Pair], list[tuple[str, list[list[Pair]]]]]:
    """(the subject's pairs, [(section title, [record pairs, ...]), ...])."""
    return _pairs(data["subject"]), [
        (key.replace("_", " ").capitalize(), [_pairs(row) for row in rows])
        for key, rows in data.items() if key != "subject"
    ]


def _pairs(record: dict) -> list[tuple[str, object, bool]]:
    """A record as (label, value, is a list) for the readable page; a list of records (a
    comment's decisions) becomes one line per record, leaving out what is empty."""
    pairs = []
    for key, value in record.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            value = ["; ".join(f"{k.replace('_', ' ')}: {_shown(v)}" for k, v in row.items()
                               if v not in (None, "", []))
                     for row in value]
        elif isinstance(value, dict):
            value = [f"{k.replace('_', ' ')}: {_shown(v)}" for k, v in value.items()]
        else:
            value = _shown(value)
        pairs.append((key.replace("_", " ").capitalize(), value, isinstance(value, list)))
    return pairs


def _shown(value) -> str:
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "j M Y, H:i")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if value is True or value is False:
        return "yes" if value else "no"
    return "" if value is None else str(value)
