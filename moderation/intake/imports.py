"""Reading a CSV export of comments into rows a moderator can preview before anything is saved.

Plain data in, plain data out: the preview keeps the rows in the session (JSON), and
services.import_comments stores them.
"""

import csv
import io
from dataclasses import asdict, dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from .webhooks import (
    MAX_ID_LENGTH,
    MAX_NAME_LENGTH,
    MAX_TEXT_LENGTH,
    check_posted_at,
    clean_permalink,
    storable,
)

MAX_FILE_BYTES = 1024 * 1024
MAX_ROWS = 5000
REQUIRED_COLUMNS = ("id", "author", "text", "posted_at")
OPTIONAL_COLUMNS = ("permalink", "author_id")
LONDON = ZoneInfo("Europe/London")
# Exports from spreadsheets rarely carry ISO 8601: the UK forms are accepted too, read as
# London time when they carry no offset.
UK_FORMATS = ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y")


class ImportFileError(ValueError):
    """The file as a whole cannot be imported; the message says why and what to do."""


@dataclass
class ImportRow:
    line: int
    id: str
    author: str
    author_id: str
    text: str
    posted_at: str  # ISO 8601, so that the preview can be kept in the session
    permalink: str = ""
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)

    def posted_at_datetime(self) -> datetime | None:
        return datetime.fromisoformat(self.posted_at) if self.posted_at else None


def parse_posted_at(value: str) -> datetime:
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        for fmt in UK_FORMATS:
            try:
                parsed = datetime.strptime(value, fmt)  # noqa: DTZ007 - zone added below
                break
            except ValueError:
                continue
        else:
            raise ValueError(
                f"posted_at {value!r} is not a date and time; use ISO 8601 "
                "(2026-11-24T14:05:00Z) or 24/11/2026 14:05"
            ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=LONDON)
    return parsed


def decode_upload(data: bytes) -> str:
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(
            f"The file is {len(data) / 1024 / 1024:.1f} MB; the limit is 1 MB. "
            "Split the export into smaller files."
        )
    if not data.strip():
        raise ImportFileError("The file is empty.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            f"The file is not UTF-8 text (byte {exc.start + 1} is not valid UTF-8). "
            "Save it from your spreadsheet as \"CSV UTF-8\" and upload it again."
        ) from None


def parse_csv(data: bytes) -> list[ImportRow]:
    """Every data row, each with its errors (empty when the row is good)."""
    text = decode_upload(data)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except csv.Error as exc:
        raise ImportFileError(f"The header row cannot be read as CSV: {exc}.") from None
    columns = [name.strip().lower() for name in header]
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise ImportFileError(
            f"The header row has no {', '.join(missing)} column"
            f"{'s' if len(missing) > 1 else ''}. Required columns: "
            f"{', '.join(REQUIRED_COLUMNS)}; optional: {', '.join(OPTIONAL_COLUMNS)}. "
            f"Found: {', '.join(c for c in columns if c) or 'nothing'}."
        )
    duplicated = sorted({c for c in columns if c and columns.count(c) > 1})
    if duplicated:
        raise ImportFileError(f"The header row names {', '.join(duplicated)} more than once.")
    position = {name: columns.index(name) for name in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)
                if name in columns}

    rows: list[ImportRow] = []
    seen: dict[str, int] = {}
    try:
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if len(rows) >= MAX_ROWS:
                raise ImportFileError(
                    f"The file has more than {MAX_ROWS:,} rows; split it into files of at "
                    f"most {MAX_ROWS:,} rows."
                )
            rows.append(_row(reader.line_num, cells, len(columns), position, seen))
    except csv.Error as exc:
        raise ImportFileError(f"Line {reader.line_num} cannot be read as CSV: {exc}.") from None
    if not rows:
        raise ImportFileError("The file has a header row but no comments.")
    return rows


def _row(
    line: int, cells: list[str], width: int, position: dict[str, int], seen: dict[str, int]
) -> ImportRow:
    def cell(name: str) -> str:
        index = position.get(name)
        return storable(cells[index]).strip() if index is not None and index < len(cells) else ""

    row = ImportRow(line=line, id=cell("id"), author=cell("author"), author_id=cell("author_id"),
                    text=cell("text"), posted_at="", permalink="")
    if len(cells) != width:
        row.errors.append(f"has {len(cells)} cells; the header has {width} columns")
    if not row.id:
        row.errors.append("id is empty")
    elif len(row.id) > MAX_ID_LENGTH:
        row.errors.append(f"id is longer than {MAX_ID_LENGTH} characters")
    elif row.id in seen:
        row.errors.append(f"id {row.id!r} is also on line {seen[row.id]}")
    else:
        seen[row.id] = line
    if not row.author:
        row.errors.append("author is empty")
    elif len(row.author) > MAX_NAME_LENGTH or len(row.author_id) > MAX_ID_LENGTH:
        row.errors.append("author or author_id is too long")
    if not row.text:
        row.errors.append("text is empty")
    elif len(row.text) > MAX_TEXT_LENGTH:
        row.errors.append(f"text is longer than {MAX_TEXT_LENGTH:,} characters")
    raw_posted = cell("posted_at")
    if not raw_posted:
        row.errors.append("posted_at is empty")
    else:
        try:
            posted_at = check_posted_at(parse_posted_at(raw_posted), timezone.now())
            row.posted_at = posted_at.isoformat()
        except ValueError as exc:
            row.errors.append(f"posted_at {exc}" if not str(exc).startswith("posted_at")
                              else str(exc))
    try:
        row.permalink = clean_permalink(cell("permalink"))
    except ValueError as exc:
        row.errors.append(f"permalink {exc}")
    return row
