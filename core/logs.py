"""Structured logs: one JSON object a line, which a log collector reads without parsing text."""

import json
import logging
from datetime import UTC, datetime

# The attributes every LogRecord has; anything else was passed with `extra=` and is kept.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JSONFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        entry.update(
            {key: value for key, value in vars(record).items() if key not in _STANDARD}
        )
        return json.dumps(entry, default=str, ensure_ascii=False)
