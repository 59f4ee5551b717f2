"""Webhook bodies: their signatures, and what is in them.

Nothing here trusts a body before its signature has been checked over the raw bytes, and
nothing here touches the database: views check and store, tasks turn bodies into items.
"""

import hashlib
import hmac
import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 1024 * 1024
MAX_COMMENTS_PER_REQUEST = 1000
MAX_ID_LENGTH = 255
MAX_NAME_LENGTH = 255
MAX_TEXT_LENGTH = 20_000
MAX_PERMALINK_LENGTH = 500


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

    def as_kwargs(self) -> dict[str, Any]:
        return {
            "platform_item_id": self.platform_item_id,
            "author_id": self.author_id,
            "author_name": self.author_name,
            "text": self.text,
            "posted_at": self.posted_at,
            "permalink": self.permalink,
            "parent_post_id": self.parent_post_id,
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
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{value[:80]!r} is not an http(s) URL")
    if len(value) > MAX_PERMALINK_LENGTH:
        raise ValueError(f"is longer than {MAX_PERMALINK_LENGTH} characters")
    return value


def _clean_id(value: Any, label: str) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError(f"{label} must be a string or a whole number")
    text = str(value).strip()
    if not text:
        raise ValueError(f"{label} must not be empty")
    if len(text) > MAX_ID_LENGTH:
        raise ValueError(f"{label} is longer than {MAX_ID_LENGTH} characters")
    return text


def clean_comment(raw: Any, index: int) -> Comment | CommentErrors:
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
    check("posted_at", parse_iso_datetime)
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
    if not isinstance(value, str) or not value.strip():
        raise ValueError("must be a non-empty string")
    if len(value) > MAX_NAME_LENGTH:
        raise ValueError(f"is longer than {MAX_NAME_LENGTH} characters")
    return value.strip()


def _clean_text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("must be a non-empty string")
    if len(value) > MAX_TEXT_LENGTH:
        raise ValueError(f"is longer than {MAX_TEXT_LENGTH} characters")
    return value


def parse_channel_body(body: bytes) -> tuple[list[Comment], list[CommentErrors]]:
    """One comment object, or {"comments": [...]}: the comments, and every bad one."""
    try:
        data = json.loads(body.decode("utf-8"))
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
        cleaned = clean_comment(raw, index)
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


def _meta_time(value: Any, fallback: datetime) -> datetime:
    # Meta sends Unix seconds in feed changes; tolerate ISO strings and milliseconds.
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = value / 1000 if value > 10**11 else value
        return datetime.fromtimestamp(seconds, tz=UTC)
    if isinstance(value, str):
        try:
            return parse_iso_datetime(value)
        except ValueError:
            pass
    return fallback


def _facebook_permalink(page_id: str, post_id: str, comment_id: str) -> str:
    post = post_id.split("_")[-1] if post_id else ""
    comment = comment_id.split("_")[-1]
    if not post:
        return ""
    return f"https://www.facebook.com/{page_id}/posts/{post}?comment_id={comment}"


def _facebook_change(page_id: str, value: dict, entry_time: datetime) -> MetaChange | None:
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
    return MetaChange(
        platform="facebook",
        account_id=page_id,
        verb=verb,
        comment=Comment(
            platform_item_id=str(comment_id),
            author_id=str(sender.get("id") or ""),
            author_name=str(sender.get("name") or ""),
            text=str(value.get("message") or ""),
            posted_at=_meta_time(value.get("created_time"), entry_time),
            permalink=_facebook_permalink(page_id, post_id, str(comment_id)),
            parent_post_id=post_id,
        ),
    )


def _instagram_change(account_id: str, value: dict, entry_time: datetime) -> MetaChange | None:
    comment_id = value.get("id")
    if not comment_id:
        log.warning("Meta webhook: Instagram comment without id for account %s", account_id)
        return None
    sender = value.get("from") if isinstance(value.get("from"), dict) else {}
    media = value.get("media") if isinstance(value.get("media"), dict) else {}
    return MetaChange(
        platform="instagram",
        account_id=account_id,
        verb="add",
        comment=Comment(
            platform_item_id=str(comment_id),
            author_id=str(sender.get("id") or ""),
            author_name=str(sender.get("username") or ""),
            text=str(value.get("text") or ""),
            posted_at=_meta_time(value.get("timestamp"), entry_time),
            parent_post_id=str(media.get("id") or ""),
        ),
    )


def parse_meta_body(body: str, now: datetime) -> list[MetaChange]:
    """The comment events of a verified Meta delivery. Anything else is logged and skipped:
    Meta sends many kinds of change, and an unexpected one must not fail the delivery."""
    try:
        data = json.loads(body)
    except json.JSONDecodeError:
        log.warning("Meta webhook: delivery is not JSON; ignored")
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
        account_id = str(entry.get("id") or "")
        entry_time = _meta_time(entry.get("time"), now)
        for change in entry["changes"]:
            if not isinstance(change, dict) or not isinstance(change.get("value"), dict):
                continue
            field_name = change.get("field")
            if obj == "page" and field_name == "feed":
                parsed = _facebook_change(account_id, change["value"], entry_time)
            elif obj == "instagram" and field_name == "comments":
                parsed = _instagram_change(account_id, change["value"], entry_time)
            else:
                log.info("Meta webhook: ignored %r field %r for %s", obj, field_name, account_id)
                continue
            if parsed is not None:
                changes.append(parsed)
    return changes
