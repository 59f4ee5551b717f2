"""Emails a moderator logs as opt-in requests: uploaded .eml/.txt files read as text."""

import email
import re
from email import policy
from html.parser import HTMLParser
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
    return "\n".join(lines) + "\n\n" + plain_text(content).strip()


_MARKUP = re.compile(r"<[a-zA-Z/!][^>]*>|&(?:#\d+|#[xX][0-9a-fA-F]+|[a-zA-Z]+\d*);")
_TAG_NAME = re.compile(r"[a-z][a-z0-9]*")
_LINE_BREAKING = {"br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6",
                  "blockquote", "table", "hr"}


class _TextOnly(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if not _TAG_NAME.fullmatch(tag):  # "<dev@example.org>" in a header is not a tag
            self.parts.append(self.get_starttag_text())
        elif tag in ("script", "style", "head", "title"):
            self._hidden += 1
        elif tag in _LINE_BREAKING:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "head", "title"):
            self._hidden = max(0, self._hidden - 1)
        elif tag in _LINE_BREAKING:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def plain_text(text: str) -> str:
    """`text` as a person reads it: HTML tags removed and entities decoded (a number written
    `<span>07400</span>&nbsp;<span>123456</span>` becomes "07400 123456", so it can be found
    and erased). Text without markup comes back unchanged."""
    if not text or not _MARKUP.search(text):
        return text
    parser = _TextOnly()
    parser.feed(text)
    parser.close()
    joined = "".join(parser.parts).replace("\xa0", " ")
    lines = "\n".join(line.rstrip() for line in joined.splitlines())
    return re.sub(r"\n{3,}", "\n\n", lines).strip()
