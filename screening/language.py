"""Detectors driven purely by one moderator-maintained list.

Word lists (profanity, banned, suspect) go through the disguise-tolerant word
matcher; phrase lists (solicitation, defamation) through the phrase matcher.
The kind decides the policy term and severity (see findings.KINDS).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .findings import Finding, make_finding
from .gate import Gate
from .patterns import PhraseMatcher, WordMatcher

# A rude word written as a name is a name: "Sir Thomas Dick Primary", "a man
# called Dick", "Dr Dick Whitworth", "Dick Sheppard school". It is one when it
# is capitalised, spelled plainly, and stands beside another capitalised word
# or after a title or "called".
_TITLE_BEFORE = re.compile(
    r"(?:\b(?:called|named|Sir|Dr|Mr|Mrs|Ms|Miss|Mx|St|Saint|Lord|Lady|Uncle|Aunt|Auntie|Rev|Prof)"
    r"\.?|\b[A-Z][a-z]+)[ \t]+$"
)
_CAPITALISED_AFTER = re.compile(r"[ \t]+[A-Z][a-z]")
_PLAIN_CAPITALISED = re.compile(r"[A-Z][a-z]+")


def is_proper_name(text: str, start: int, end: int) -> bool:
    if not _PLAIN_CAPITALISED.fullmatch(text, start, end):
        return False
    return bool(
        _CAPITALISED_AFTER.match(text, end)
        or _TITLE_BEFORE.search(text, max(0, start - 20), start)
    )


class WordListDetector:
    """Every disguised whole-word use of a list's entries, as one kind.

    With ``names_allowed``, a plainly spelled entry used as a proper name is
    not reported (see is_proper_name); reject-level lists do not allow it.
    """

    def __init__(self, kind: str, entries: Iterable[str], names_allowed: bool = False) -> None:
        self.kind = kind
        self.names_allowed = names_allowed
        self._entries = list(entries)
        self._matcher = WordMatcher(self._entries)

    def open_gate(self, gate: Gate, owner: str) -> None:
        gate.add_words(owner, self._entries, disguise_tolerant=True)

    def __call__(self, text: str) -> Iterator[Finding]:
        for start, end in self._matcher.spans(text):
            if self.names_allowed and is_proper_name(text, start, end):
                continue
            yield make_finding(text, self.kind, start, end)


class PhraseListDetector:
    """Every occurrence of a list's phrases, as one kind."""

    def __init__(self, kind: str, phrases: Iterable[str]) -> None:
        self.kind = kind
        self._phrases = list(phrases)
        self._matcher = PhraseMatcher(self._phrases)

    def open_gate(self, gate: Gate, owner: str) -> None:
        gate.add_phrases(owner, self._phrases)

    def __call__(self, text: str) -> Iterator[Finding]:
        for start, end in self._matcher.spans(text):
            yield make_finding(text, self.kind, start, end)
