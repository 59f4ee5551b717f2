"""The Screener: every detector, compiled once, run over one comment at a time.

One comment costs one cheap pass in the usual case. The text is normalised
(normalise.py), its words are read once into a set, and only the detectors
whose words are all there run their full expressions (gate.py). The
detectors see the normalised text; their findings are mapped back so that
every offset and matched text is the original's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cache

from . import personal_details as pd
from .abuse import AbuseDetector
from .bullying import BullyingDetector
from .findings import Finding, make_finding
from .gate import Gate, Seen
from .hate import HateDetector
from .language import PhraseListDetector, WordListDetector
from .normalise import normalise
from .safeguarding import SafeguardingDetector
from .solicitation import SolicitationDetector
from .wordlists import WordLists, default_wordlists

Detector = Callable[[str], Iterable[Finding]]


@dataclass(frozen=True)
class _Slot:
    """One detector and what the first pass needs to know to skip it."""

    name: str
    detect: Detector
    # Whether the gate knows the detector's words (see gate.py); if not, the
    # cheaper questions below decide alone.
    gated: bool = True
    # Fixed formats: a phone number has ten digits, a postcode its inward code.
    min_digits: int = 0
    hint: re.Pattern[str] | None = None

    def runs(self, text: str, seen: Seen) -> bool:
        if seen.digits < self.min_digits:
            return False
        if self.hint is not None and not self.hint.search(text):
            return False
        return not self.gated or seen.opened is None or self.name in seen.opened


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
    "abuse": frozenset({"suspect_word"}),
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


def _in_original(finding: Finding, span: tuple[int, int], text: str) -> Finding:
    start, end = span
    return replace(finding, start=start, end=end, match=text[start:end])


class Screener:
    """Screens comments against the policy's terms using the given word lists.

    Build one per set of word lists (it compiles everything up front) and call
    ``screen`` per comment; it keeps no state between calls.
    """

    def __init__(self, wordlists: WordLists | None = None, first_pass: bool = True) -> None:
        """first_pass=False runs every detector on every comment: the same
        findings, slower; the tests compare the two."""
        lists = wordlists if wordlists is not None else default_wordlists()
        self.first_pass = first_pass
        self.wordlists = lists
        detectors = {
            "profanity": WordListDetector("profanity", lists.profanity, names_allowed=True),
            "banned_word": WordListDetector("banned_word", lists.banned),
            "suspect_word": WordListDetector("suspect_word", lists.suspect, names_allowed=True),
            "insult": BullyingDetector(lists),
            "abuse": AbuseDetector(),
            "solicitation": SolicitationDetector(lists),
            "hate": HateDetector(lists),
            "defamation": PhraseListDetector("defamation", lists.defamation),
            "self_harm": SafeguardingDetector("self_harm", lists.self_harm),
            "abuse_disclosure": SafeguardingDetector("abuse_disclosure", lists.abuse_disclosure),
        }
        self._gate = Gate()
        for name, detector in detectors.items():
            detector.open_gate(self._gate, name)
        self._gate.add_words("street_address", pd.STREET_TYPE_WORDS, endings=("",))
        self._gate.add_words("location", pd.LOCATION_WORDS, endings=("",))
        self._gate.build()
        span = _span_detector
        self._slots = [
            _Slot("postcode", span("postcode", pd.postcodes), False, 2, pd.POSTCODE_INWARD),
            _Slot("phone", span("phone", pd.phones), False, pd.MIN_PHONE_DIGITS),
            _Slot("email", span("email", pd.emails), False, hint=pd.EMAIL_HINT),
            _Slot("nhs_number", span("nhs_number", pd.nhs_numbers), False, 10),
            _Slot("street_address", span("street_address", pd.street_addresses), True, 1),
            _Slot("location", span("location", pd.locations)),
            *(_Slot(name, detector) for name, detector in detectors.items()),
        ]  # fmt: skip

    def screen(self, text: str) -> list[Finding]:
        """All findings in text, sorted by where they start; offsets are text's own."""
        normalised = normalise(text)
        read = normalised.text
        seen = self._gate.read(read)
        findings: list[Finding] = []
        for slot in self._slots:
            if not self.first_pass or slot.runs(read, seen):
                findings.extend(slot.detect(read))
        if read is not text:
            findings = [_in_original(f, normalised.span(f.start, f.end), text) for f in findings]
        return _resolve(findings)


@cache
def default_screener() -> Screener:
    return Screener()


def screen(text: str) -> list[Finding]:
    """Screen with the shipped default word lists."""
    return default_screener().screen(text)
