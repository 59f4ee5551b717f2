"""Emails a moderator logs as opt-in requests: uploaded .eml/.txt files read as text."""

import email
from email import policy
from pathlib import PurePath

ALLOWED_SUFFIXES = (".eml", ".txt")
MAX_BYTES = 1024 * 1024


class UnreadableEmail(ValueError):
    pass


def readable_text(name: str, data: bytes) -> str:
    """The message as a person reads it: the main headers and the plain-text body."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise UnreadableEmail("Upload the email as a .eml or .txt file.")
    if len(data) > MAX_BYTES:
        raise UnreadableEmail("That file is larger than 1 MB: an opt-in email never is.")
    if not data.strip():
        raise UnreadableEmail("That file is empty.")
    if suffix == ".txt":
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return data.decode("latin-1")
    message = email.message_from_bytes(data, policy=policy.default)
    lines = [f"{header}: {message[header]}" for header in ("From", "To", "Date", "Subject")
             if message[header]]
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None:
        raise UnreadableEmail("That .eml file has no text in it that could be read.")
    try:
        content = body.get_content()
    except (LookupError, ValueError) as exc:
        raise UnreadableEmail("That .eml file could not be read as an email.") from exc
    return "\n".join(lines) + "\n\n" + content.strip()
