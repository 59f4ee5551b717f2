"""Detectors driven purely by one moderator-maintained list.

Word lists (profanity, banned, suspect) go through the disguise-tolerant word
matcher; phrase lists (solicitation, defamation) through the phrase matcher.
The kind decides the policy term and severity (see findings.KINDS).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .findings import Finding, make_finding
from .patterns import PhraseMatcher, WordMatcher


class WordListDetector:
    """Every disguised whole-word use of a list's entries, as one kind."""

    def __init__(self, kind: str, entries: Iterable[str]) -> None:
        self.kind = kind
        self._matcher = WordMatcher(entries)

    def __call__(self, text: str) -> Iterator[Finding]:
        for start, end in self._matcher.spans(text):
            yield make_finding(text, self.kind, start, end)


class PhraseListDetector:
    """Every occurrence of a list's phrases, as one kind."""

    def __init__(self, kind: str, phrases: Iterable[str]) -> None:
        self.kind = kind
        self._matcher = PhraseMatcher(phrases)

    def __call__(self, text: str) -> Iterator[Finding]:
        for start, end in self._matcher.spans(text):
            yield make_finding(text, self.kind, start, end)
