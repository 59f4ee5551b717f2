"""The Screener: every detector, compiled once, run over one comment at a time."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache

from . import personal_details as pd
from .bullying import BullyingDetector
from .findings import Finding, make_finding
from .hate import HateDetector
from .language import PhraseListDetector, WordListDetector
from .wordlists import WordLists, default_wordlists

Detector = Callable[[str], Iterable[Finding]]


def _span_detector(kind: str, spans: Callable[[str], Iterable[tuple[int, int]]]) -> Detector:
    def detect(text: str) -> Iterable[Finding]:
        return (make_finding(text, kind, start, end) for start, end in spans(text))

    return detect


# When two detectors claim overlapping text for the same term, the winner is the
# more specific reading: a valid NHS number is not also a phone number, and a
# number inside an email address is part of the address.
_OUTRANKS: dict[str, frozenset[str]] = {
    "email": frozenset({"phone", "postcode", "nhs_number", "street_address"}),
    "nhs_number": frozenset({"phone"}),
    "banned_word": frozenset({"profanity", "suspect_word"}),
    "profanity": frozenset({"suspect_word"}),
}


def _overlaps(a: Finding, b: Finding) -> bool:
    return a.start < b.end and b.start < a.end


def _resolve(findings: list[Finding]) -> list[Finding]:
    unique = {(f.kind, f.start, f.end, f.characteristic): f for f in findings}
    kept = [
        f
        for f in unique.values()
        if not any(
            f.kind in _OUTRANKS.get(other.kind, ()) and _overlaps(f, other)
            for other in unique.values()
        )
    ]
    return sorted(kept, key=lambda f: (f.start, f.end, f.kind, f.characteristic or ""))


class Screener:
    """Screens comments against the policy's terms using the given word lists.

    Build one per set of word lists (it compiles everything up front) and call
    ``screen`` per comment; it keeps no state between calls.
    """

    def __init__(self, wordlists: WordLists | None = None) -> None:
        lists = wordlists if wordlists is not None else default_wordlists()
        self.wordlists = lists
        self.detectors: list[Detector] = [
            _span_detector("postcode", pd.postcodes),
            _span_detector("phone", pd.phones),
            _span_detector("email", pd.emails),
            _span_detector("nhs_number", pd.nhs_numbers),
            _span_detector("street_address", pd.street_addresses),
            WordListDetector("profanity", lists.profanity),
            WordListDetector("banned_word", lists.banned),
            WordListDetector("suspect_word", lists.suspect),
            BullyingDetector(lists),
            PhraseListDetector("solicitation", lists.solicitation),
            HateDetector(lists),
            PhraseListDetector("defamation", lists.defamation),
        ]

    def screen(self, text: str) -> list[Finding]:
        """All findings in text, sorted by where they start."""
        findings: list[Finding] = []
        for detect in self.detectors:
            findings.extend(detect(text))
        return _resolve(findings)


@cache
def default_screener() -> Screener:
    return Screener()


def screen(text: str) -> list[Finding]:
    """Screen with the shipped default word lists."""
    return default_screener().screen(text)
