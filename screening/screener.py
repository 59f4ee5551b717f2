"""The Screener: every detector, compiled once, run over one comment at a time.

One comment costs one cheap pass in the usual case. The text is normalised
(normalise.py), an Aho-Corasick automaton over every detector's anchor words
says which detectors could match (gate.py), and only those run their full
expressions. The detectors see the normalised text; their findings are mapped
back so that every offset and matched text is the original's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache

from . import personal_details as pd
from .abuse import AbuseDetector
from .bullying import BullyingDetector
from .findings import Finding, make_finding
from .gate import Gate
from .hate import HateDetector
from .language import PhraseListDetector, WordListDetector
from .normalise import normalise
from .safeguarding import SafeguardingDetector
from .solicitation import SolicitationDetector
from .wordlists import WordLists, default_wordlists

Detector = Callable[[str], Iterable[Finding]]

_DIGIT = re.compile(r"\d")
# An address needs an "@", or an "at" spelled out between words or brackets.
_EMAIL_HINT = re.compile(r"@|[\s(\[{<]at[\s)\]}>]", re.IGNORECASE)


@dataclass(frozen=True)
class _Slot:
    """One detector and what the first pass needs to know to skip it."""

    name: str
    detect: Detector
    # Literal words the detector cannot match without; None: always run.
    anchors: Sequence[str] | None = None
    # Runs whenever the text has a masked or spaced-out word (gate.py).
    disguise_tolerant: bool = False
    # A cheaper question than anchors for fixed formats (a digit, an "@").
    hint: re.Pattern[str] | None = None


def _span_detector(kind: str, spans: Callable[[str], Iterable[tuple[int, int]]]) -> Detector:
    def detect(text: str) -> Iterable[Finding]:
        return (make_finding(text, kind, start, end) for start, end in spans(text))

    return detect


def _slot(name: str, detector: Detector) -> _Slot:
    return _Slot(
        name,
        detector,
        anchors=getattr(detector, "anchors", None),
        disguise_tolerant=getattr(detector, "disguise_tolerant", False),
    )


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


class Screener:
    """Screens comments against the policy's terms using the given word lists.

    Build one per set of word lists (it compiles everything up front) and call
    ``screen`` per comment; it keeps no state between calls.
    """

    def __init__(self, wordlists: WordLists | None = None) -> None:
        lists = wordlists if wordlists is not None else default_wordlists()
        self.wordlists = lists
        self._slots: list[_Slot] = [
            _Slot("postcode", _span_detector("postcode", pd.postcodes), hint=_DIGIT),
            _Slot("phone", _span_detector("phone", pd.phones), hint=_DIGIT),
            _Slot("email", _span_detector("email", pd.emails), hint=_EMAIL_HINT),
            _Slot("nhs_number", _span_detector("nhs_number", pd.nhs_numbers), hint=_DIGIT),
            _Slot("street_address", _span_detector("street_address", pd.street_addresses), hint=_DIGIT),
            _Slot("location", _span_detector("location", pd.locations), anchors=pd.LOCATION_ANCHORS),
            _slot("profanity", WordListDetector("profanity", lists.profanity, names_allowed=True)),
            _slot("banned_word", WordListDetector("banned_word", lists.banned)),
            _slot("suspect_word", WordListDetector("suspect_word", lists.suspect, names_allowed=True)),
            _slot("insult", BullyingDetector(lists)),
            _slot("abuse", AbuseDetector()),
            _slot("solicitation", SolicitationDetector(lists)),
            _slot("hate", HateDetector(lists)),
            _slot("defamation", PhraseListDetector("defamation", lists.defamation)),
            _slot("self_harm", SafeguardingDetector("self_harm", lists.self_harm)),
            _slot("abuse_disclosure", SafeguardingDetector("abuse_disclosure", lists.abuse_disclosure)),
        ]  # fmt: skip
        self._gate = Gate()
        for slot in self._slots:
            if slot.anchors is not None:
                self._gate.add(slot.name, slot.anchors, slot.disguise_tolerant)
        self._gate.build()

    def _runs(self, slot: _Slot, text: str, opened: set[str] | None) -> bool:
        if slot.hint is not None:
            return slot.hint.search(text) is not None
        return slot.anchors is None or opened is None or slot.name in opened

    def screen(self, text: str) -> list[Finding]:
        """All findings in text, sorted by where they start; offsets are text's own."""
        normalised = normalise(text)
        seen = normalised.text
        opened = self._gate.open(seen)
        findings: list[Finding] = []
        for slot in self._slots:
            if self._runs(slot, seen, opened):
                findings.extend(slot.detect(seen))
        if seen is not text:
            findings = [self._in_original(f, normalised.span(f.start, f.end), text) for f in findings]
        return _resolve(findings)

    @staticmethod
    def _in_original(finding: Finding, span: tuple[int, int], text: str) -> Finding:
        start, end = span
        return replace(finding, start=start, end=end, match=text[start:end])


@cache
def default_screener() -> Screener:
    return Screener()


def screen(text: str) -> list[Finding]:
    """Screen with the shipped default word lists."""
    return default_screener().screen(text)
