"""Screen a file of comments: JSON lines or CSV in, one JSON line per comment out.

Shared by ``python manage.py screen FILE`` and ``python -m screening FILE``.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from .screener import Screener, default_screener

JSONL = "jsonl"
CSV = "csv"
FORMATS = (JSONL, CSV)


class InputError(ValueError):
    """A comment file the screener cannot read; the message names the line."""


def format_for_path(path: str) -> str | None:
    """The format a file's extension implies, or None to sniff its content."""
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        return CSV
    if suffix in (".jsonl", ".ndjson", ".json"):
        return JSONL
    return None


def sniff_format(first_line: str) -> str:
    # A JSON line always opens with "{"; anything else must be a CSV header.
    return JSONL if first_line.lstrip().startswith("{") else CSV


def _jsonl_comments(lines: Iterable[str]) -> Iterator[tuple[Any, str]]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"line {number}: not valid JSON ({exc.msg})") from exc
        if not isinstance(record, dict):
            raise InputError(f"line {number}: expected a JSON object with 'id' and 'text'")
        missing = [key for key in ("id", "text") if key not in record]
        if missing:
            raise InputError(f"line {number}: missing {', '.join(repr(k) for k in missing)}")
        if not isinstance(record["text"], str):
            raise InputError(f"line {number}: 'text' must be a string")
        yield record["id"], record["text"]


def _csv_comments(lines: Iterable[str]) -> Iterator[tuple[Any, str]]:
    reader = csv.DictReader(lines)
    fieldnames = [name.strip() for name in reader.fieldnames or []]
    missing = [column for column in ("id", "text") if column not in fieldnames]
    if missing:
        raise InputError(
            f"line 1: CSV header needs columns 'id' and 'text'; missing "
            f"{', '.join(repr(c) for c in missing)} (found {fieldnames or 'nothing'})"
        )
    reader.fieldnames = fieldnames
    for row in reader:
        # A row with fewer cells than the header leaves text as None.
        if row.get("text") is None or row.get("id") is None:
            raise InputError(f"line {reader.line_num}: row has no 'id' or 'text' cell")
        yield row["id"], row["text"]


def read_comments(lines: Iterable[str], fmt: str | None = None) -> Iterator[tuple[Any, str]]:
    """(id, text) pairs in input order. fmt None sniffs the first non-blank line."""
    iterator = iter(lines)
    if fmt is None:
        head: list[str] = []
        for line in iterator:
            head.append(line)
            if line.strip():
                break
        fmt = sniff_format(head[-1]) if head else JSONL
        iterator = _chain(head, iterator)
    if fmt == JSONL:
        return _jsonl_comments(iterator)
    if fmt == CSV:
        return _csv_comments(iterator)
    raise InputError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def _chain(head: list[str], rest: Iterator[str]) -> Iterator[str]:
    yield from head
    yield from rest


def run(
    lines_or_stream: Iterable[str] | TextIO,
    fmt: str | None = None,
    screener: Screener | None = None,
    out: TextIO | None = None,
) -> int:
    """Screen every comment and write {"id", "findings"} lines; returns how many.

    Each line is written as soon as its comment is screened, so a bad line
    further down still leaves the earlier results on ``out`` before InputError.
    """
    screener = screener or default_screener()
    out = out or sys.stdout
    count = 0
    for comment_id, text in read_comments(lines_or_stream, fmt):
        findings = [f.as_dict() for f in screener.screen(text)]
        out.write(json.dumps({"id": comment_id, "findings": findings}, ensure_ascii=False) + "\n")
        count += 1
    return count


def open_input(path: str) -> tuple[TextIO, str | None]:
    """The stream and its format for a path; "-" is standard input, sniffed."""
    if path == "-":
        return io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", newline=""), None
    # newline="" lets the csv module handle line breaks inside quoted cells.
    return open(path, encoding="utf-8-sig", newline=""), format_for_path(path)  # noqa: SIM115


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        sys.stderr.write("usage: python -m screening FILE  (.jsonl, .csv or -)\n")
        return 2
    try:
        stream, fmt = open_input(args[0])
    except OSError as exc:
        sys.stderr.write(f"cannot read {args[0]}: {exc.strerror}\n")
        return 2
    try:
        with stream:
            run(stream, fmt)
    except InputError as exc:
        sys.stderr.write(f"{args[0]}: {exc}\n")
        return 1
    return 0
