"""Webhook bodies: their signatures, and what is in them.

Nothing here trusts a body before its signature has been checked over the raw bytes, and
nothing here touches the database: views check and store, tasks turn bodies into items.
"""

import hashlib
import hmac
import json
import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 1024 * 1024
MAX_COMMENTS_PER_REQUEST = 1000
MAX_ID_LENGTH = 255
MAX_NAME_LENGTH = 255
MAX_TEXT_LENGTH = 20_000
MAX_PERMALINK_LENGTH = 500
# Deeper JSON than any sender needs; checked before parsing, so a body of nested brackets is
# refused with a message instead of exhausting the parser.
MAX_JSON_DEPTH = 32
# A comment dated outside these is a sender's mistake (or 9999-12-31): such a date would break
# every page that shows or sorts it.
EARLIEST_POSTED_AT = datetime(2000, 1, 1, tzinfo=UTC)
LATEST_AHEAD = timedelta(days=1)

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable(value: str) -> str:
    """`value` as a database can keep it: NUL removed (PostgreSQL refuses it in text), lone
    surrogates (not UTF-8) replaced by U+FFFD."""
    return _UNSTORABLE.sub(lambda m: "" if m.group() == "\x00" else "\ufffd", value)


def json_depth_exceeds(body: bytes | str, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when arrays and objects nest deeper than `limit` anywhere in the JSON `body`.
    Strings are skipped (a bracket inside one does not count); invalid JSON is left for the
    parser to describe."""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    if text.count("[") + text.count("{") <= limit:
        return False
    depth = 0
    for token in _JSON_STRUCTURE.finditer(text):
        char = token.group()
        if char in "[{":
            depth += 1
            if depth > limit:
                return True
        elif char in "]}":
            depth -= 1
    return False


_JSON_STRUCTURE = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def loads(body: bytes | str):
    """json.loads, refusing nesting deeper than MAX_JSON_DEPTH with a BodyError."""
    if json_depth_exceeds(body):
        raise BodyError(
            f"The JSON nests arrays or objects more than {MAX_JSON_DEPTH} deep; "
            "comments never need that."
        )
    try:
        return json.loads(body)
    except RecursionError:  # pragma: no cover - the depth check comes first
        raise BodyError(f"The JSON nests deeper than {MAX_JSON_DEPTH}.") from None
    except json.JSONDecodeError:
        raise
    except ValueError as exc:  # a number of more than 4,300 digits
        raise BodyError(f"The JSON cannot be read: {exc}.") from None


def check_posted_at(value: datetime, received_at: datetime) -> datetime:
    """`value` if it is a date a comment can have (from 2000 to a day after it arrived)."""
    try:
        utc = value.astimezone(UTC)
    except (OverflowError, ValueError):
        raise ValueError(f"{value.isoformat()} is out of range") from None
    if utc < EARLIEST_POSTED_AT:
        raise ValueError(f"{value.isoformat()} is before 1 January 2000")
    if utc > received_at + LATEST_AHEAD:
        raise ValueError(f"{value.isoformat()} is more than a day in the future")
    return value


def signature_for(secret: str | bytes, body: bytes) -> str:
    """The header value a sender puts beside `body`: "sha256=<hex HMAC-SHA256>"."""
    key = secret.encode() if isinstance(secret, str) else secret
    return "sha256=" + hmac.new(key, body, hashlib.sha256).hexdigest()


def signature_matches(secret: str, body: bytes, header: str | None) -> bool:
    if not secret or not header:
        return False
    return hmac.compare_digest(signature_for(secret, body).encode(), header.strip().encode())


# --- the signed JSON webhook ----------------------------------------------------------------

@dataclass
class Comment:
    """One comment, as every source hands it to `services.ingest`."""

    platform_item_id: str
    author_id: str
    author_name: str
    text: str
    posted_at: datetime
    permalink: str = ""
    parent_post_id: str = ""
    note: str = ""  # what was wrong with what the sender gave, for the moderator

    def as_kwargs(self) -> dict[str, Any]:
        return {
            "platform_item_id": self.platform_item_id,
            "author_id": self.author_id,
            "author_name": self.author_name,
            "text": self.text,
            "posted_at": self.posted_at,
            "permalink": self.permalink,
            "parent_post_id": self.parent_post_id,
            "note": self.note,
        }


@dataclass
class CommentErrors:
    """What is wrong with one comment of a request, by field."""

    index: int
    id: Any
    errors: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"index": self.index, "id": self.id, "errors": self.errors}


class BodyError(ValueError):
    """The body as a whole cannot be read: not JSON, or not the expected shape."""


def parse_iso_datetime(value: Any) -> datetime:
    """An ISO 8601 date and time with its offset ("2026-11-24T14:05:00Z")."""
    if not isinstance(value, str):
        raise ValueError("must be an ISO 8601 date and time string, e.g. 2026-11-24T14:05:00Z")
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(
            f"{value!r} is not an ISO 8601 date and time, e.g. 2026-11-24T14:05:00Z"
        ) from None
    if parsed.tzinfo is None:
        raise ValueError(
            f"{value!r} has no time zone; add Z or an offset such as +01:00"
        )
    return parsed


def clean_permalink(value: Any) -> str:
    if value in (None, ""):
        return ""
    if not isinstance(value, str):
        raise ValueError("must be a URL string")
    value = storable(value).strip()
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{value[:80]!r} is not an http(s) URL")
    if len(value) > MAX_PERMALINK_LENGTH:
        raise ValueError(f"is longer than {MAX_PERMALINK_LENGTH} characters")
    return value


def _clean_id(value: Any, label: str) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError(f"{label} must be a string or a whole number")
    text = storable(str(value)).strip()
    if not text:
        raise ValueError(f"{label} must not be empty")
    if len(text) > MAX_ID_LENGTH:
        raise ValueError(f"{label} is longer than {MAX_ID_LENGTH} characters")
    return text


def clean_comment(raw: Any, index: int, received_at: datetime) -> Comment | CommentErrors:
    """Check one comment of the signed JSON webhook; every problem is named by field."""
    if not isinstance(raw, dict):
        return CommentErrors(index, None, {"comment": "must be a JSON object"})
    problems = CommentErrors(index, raw.get("id"))
    values: dict[str, Any] = {}

    def check(name: str, clean, required: bool = True):
        if name not in raw or raw[name] in (None, ""):
            if required:
                problems.errors[name] = "is required"
            return
        try:
            values[name] = clean(raw[name])
        except ValueError as exc:
            problems.errors[name] = str(exc)

    check("id", lambda v: _clean_id(v, "id"))
    check("author_id", lambda v: _clean_id(v, "author_id"))
    check("author_name", _clean_name)
    check("text", _clean_text)
    check("posted_at", lambda v: check_posted_at(parse_iso_datetime(v), received_at))
    check("permalink", clean_permalink, required=False)
    check("parent_post_id", lambda v: _clean_id(v, "parent_post_id"), required=False)
    if problems.errors:
        return problems
    return Comment(
        platform_item_id=values["id"],
        author_id=values["author_id"],
        author_name=values["author_name"],
        text=values["text"],
        posted_at=values["posted_at"],
        permalink=values.get("permalink", ""),
        parent_post_id=values.get("parent_post_id", ""),
    )


def _clean_name(value: Any) -> str:
    if not isinstance(value, str) or not storable(value).strip():
        raise ValueError("must be a non-empty string")
    value = storable(value)
    if len(value) > MAX_NAME_LENGTH:
        raise ValueError(f"is longer than {MAX_NAME_LENGTH} characters")
    return value.strip()


def _clean_text(value: Any) -> str:
    if not isinstance(value, str) or not storable(value).strip():
        raise ValueError("must be a non-empty string")
    value = storable(value)
    if len(value) > MAX_TEXT_LENGTH:
        raise ValueError(f"is longer than {MAX_TEXT_LENGTH} characters")
    return value


def parse_channel_body(
    body: bytes, received_at: datetime
) -> tuple[list[Comment], list[CommentErrors]]:
    """One comment object, or {"comments": [...]}: the comments, and every bad one. Dates are
    checked against `received_at`, when the delivery arrived."""
    try:
        data = loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise BodyError("The body is not UTF-8.") from None
    except json.JSONDecodeError as exc:
        raise BodyError(
            f"The body is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}."
        ) from None
    if isinstance(data, dict) and "comments" in data:
        raw_comments = data["comments"]
        if not isinstance(raw_comments, list):
            raise BodyError('"comments" must be a list of comment objects.')
        if not raw_comments:
            raise BodyError('"comments" is empty: send at least one comment.')
    elif isinstance(data, dict):
        raw_comments = [data]
    else:
        raise BodyError('Send one comment object, or {"comments": [...]}.')
    if len(raw_comments) > MAX_COMMENTS_PER_REQUEST:
        raise BodyError(
            f"{len(raw_comments)} comments in one request; send at most "
            f"{MAX_COMMENTS_PER_REQUEST} per request."
        )
    comments, errors = [], []
    for index, raw in enumerate(raw_comments):
        cleaned = clean_comment(raw, index, received_at)
        (errors if isinstance(cleaned, CommentErrors) else comments).append(cleaned)
    return comments, errors


# --- Meta (Facebook Pages and Instagram) ----------------------------------------------------

@dataclass
class MetaChange:
    """One comment event from Meta, for the page or account `account_id`."""

    platform: str  # a Channel.Platform value
    account_id: str
    verb: str  # add, edited, remove
    comment: Comment


def _meta_time(value: Any, received_at: datetime) -> tuple[datetime | None, str]:
    """The time Meta gave (Unix seconds in feed changes; ISO strings and milliseconds are
    tolerated), or None when it gave none. A time no comment can have is replaced by when the
    delivery arrived, with a note for the item saying what Meta sent: refusing a Meta delivery
    only makes Meta send it again."""
    if value is None or value == "":
        return None, ""
    try:
        if isinstance(value, int | float) and not isinstance(value, bool):
            seconds = value / 1000 if value > 10**11 else value
            parsed = datetime.fromtimestamp(seconds, tz=UTC)
        else:
            parsed = parse_iso_datetime(value)
        return check_posted_at(parsed, received_at), ""
    except (OverflowError, OSError, ValueError):
        shown = storable(repr(value)[:80])
        log.warning("Meta webhook: unusable comment time %s; the arrival time is used", shown)
        return received_at, (
            f"Meta sent the time {shown}, which no comment can have; "
            "the time the delivery arrived is shown instead."
        )


def _meta_comment(
    account_id: str, *, comment_id: Any, author_id: Any, author_name: Any, text: Any,
    created: Any, entry_time: datetime, received_at: datetime, permalink: str = "",
    parent_post_id: str = "",
) -> Comment | None:
    """A Meta comment made storable: NUL and lone surrogates out, a name cut to fit; a comment
    whose ids do not fit is skipped (with a log), as no id of Meta's is that long."""
    ids = {
        "comment id": storable(str(comment_id)).strip(),
        "author id": storable(str(author_id or "")).strip(),
        "post id": storable(parent_post_id).strip(),
    }
    too_long = [name for name, value in ids.items() if len(value) > MAX_ID_LENGTH]
    if too_long or not ids["comment id"]:
        log.warning("Meta webhook: comment %r for %s skipped: %s", ids["comment id"][:80],
                    account_id, f"{', '.join(too_long)} longer than {MAX_ID_LENGTH} characters"
                    if too_long else "no usable comment id")
        return None
    posted_at, note = _meta_time(created, received_at)
    return Comment(
        platform_item_id=ids["comment id"],
        author_id=ids["author id"],
        author_name=storable(str(author_name or "")).strip()[:MAX_NAME_LENGTH],
        text=storable(str(text or "")),
        posted_at=posted_at or entry_time,
        permalink=storable(permalink)[:MAX_PERMALINK_LENGTH],
        parent_post_id=ids["post id"],
        note=note,
    )


def _facebook_permalink(page_id: str, post_id: str, comment_id: str) -> str:
    post = post_id.split("_")[-1] if post_id else ""
    comment = comment_id.split("_")[-1]
    if not post:
        return ""
    return f"https://www.facebook.com/{page_id}/posts/{post}?comment_id={comment}"


def _facebook_change(
    page_id: str, value: dict, entry_time: datetime, received_at: datetime
) -> MetaChange | None:
    if value.get("item") != "comment":
        log.info("Meta webhook: ignored feed item %r on page %s", value.get("item"), page_id)
        return None
    verb = value.get("verb")
    if verb not in ("add", "edited", "remove"):
        log.info("Meta webhook: ignored comment verb %r on page %s", verb, page_id)
        return None
    comment_id = value.get("comment_id")
    if not comment_id:
        log.warning("Meta webhook: comment change without comment_id on page %s", page_id)
        return None
    sender = value.get("from") if isinstance(value.get("from"), dict) else {}
    post_id = str(value.get("post_id") or "")
    comment = _meta_comment(
        page_id, comment_id=comment_id, author_id=sender.get("id"),
        author_name=sender.get("name"), text=value.get("message"),
        created=value.get("created_time"), entry_time=entry_time, received_at=received_at,
        permalink=_facebook_permalink(page_id, post_id, str(comment_id)), parent_post_id=post_id,
    )
    if comment is None:
        return None
    return MetaChange(platform="facebook", account_id=page_id, verb=verb, comment=comment)


def _instagram_change(
    account_id: str, value: dict, entry_time: datetime, received_at: datetime
) -> MetaChange | None:
    comment_id = value.get("id")
    if not comment_id:
        log.warning("Meta webhook: Instagram comment without id for account %s", account_id)
        return None
    sender = value.get("from") if isinstance(value.get("from"), dict) else {}
    media = value.get("media") if isinstance(value.get("media"), dict) else {}
    comment = _meta_comment(
        account_id, comment_id=comment_id, author_id=sender.get("id"),
        author_name=sender.get("username"), text=value.get("text"),
        created=value.get("timestamp"), entry_time=entry_time, received_at=received_at,
        parent_post_id=str(media.get("id") or ""),
    )
    if comment is None:
        return None
    return MetaChange(platform="instagram", account_id=account_id, verb="add", comment=comment)


def parse_meta_body(body: str, received_at: datetime) -> list[MetaChange]:
    """The comment events of a verified Meta delivery that arrived at `received_at`. Anything
    else is logged and skipped: Meta sends many kinds of change, and an unexpected one must not
    fail the delivery."""
    try:
        data = loads(body)
    except (json.JSONDecodeError, BodyError):
        log.warning("Meta webhook: delivery is not JSON (or nests too deep); ignored")
        return []
    if not isinstance(data, dict) or not isinstance(data.get("entry"), list):
        log.warning("Meta webhook: delivery without entries; ignored")
        return []
    obj = data.get("object")
    changes: list[MetaChange] = []
    for entry in data["entry"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("changes"), list):
            log.info("Meta webhook: entry without changes ignored")
            continue
        account_id = storable(str(entry.get("id") or ""))
        entry_time = _meta_time(entry.get("time"), received_at)[0] or received_at
        for change in entry["changes"]:
            if not isinstance(change, dict) or not isinstance(change.get("value"), dict):
                continue
            field_name = change.get("field")
            if obj == "page" and field_name == "feed":
                parsed = _facebook_change(account_id, change["value"], entry_time, received_at)
            elif obj == "instagram" and field_name == "comments":
                parsed = _instagram_change(account_id, change["value"], entry_time, received_at)
            else:
                log.info("Meta webhook: ignored %r field %r for %s", obj, field_name, account_id)
                continue
            if parsed is not None:
                changes.append(parsed)
    return changes
