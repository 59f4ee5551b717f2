"""Possible hate crime: hostility aimed at a protected characteristic.

The policy sends these to the Chief Executive and possibly the police, so a
false alarm costs real time and a plain mention of a group must never flag
("my disabled son", "the mosque on the High Street", "trans patients deserve
better care"). We flag slurs, and a group noun only inside a hostile shape:
"<group> are vermin", "<group> should be deported", "deport all <group>",
"I hate <group>", "<group> go back", plus stand-alone hostile phrases.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .findings import CHARACTERISTICS, Finding, make_finding
from .gate import Gate
from .patterns import PLURAL, PhraseMatcher, WordMatcher, phrases_pattern, words_pattern
from .wordlists import WordLists

_COPULA = r"(?:are|r|is|be|were|was)"
_PADDING = (
    r"(?:(?:all|just|nothing|but|basically|like|such|a|an|bunch|of|lot|bloody|fucking|"
    r"literally|simply|total|complete)\W+){0,3}"
)
_SHOULD = r"(?:should|must|need\W+to|ought\W+to|deserve\W+to|want\W+to|wanna)"
_ALL = r"(?:all|every|each|them\W+all)"
_DETERMINERS = r"(?:(?:the|these|those|of|bloody|fucking)\W+){0,2}"
_HATE_VERB = r"\b(?:i|we)\W+(?:\w+\W+)?(?:hate|despise|detest|loathe|can['’]?t\W+stand)"
_GO_BACK = r"(?:go|get|fuck|piss|clear|sod)\W+(?:back|off|out)"


def _hostile_group_regex(
    groups: str, predicates: str | None, actions: str | None
) -> re.Pattern[str]:
    shapes = [
        rf"{_HATE_VERB}\W+(?:{_ALL}\W+)?{_DETERMINERS}(?:{groups})",
        rf"(?:{groups})\W+{_GO_BACK}\b",
    ]
    if predicates:
        shapes.append(rf"(?:{groups})\W+{_COPULA}\W+{_PADDING}(?:{predicates})")
    if actions:
        shapes.append(
            rf"(?:{groups})\W+{_SHOULD}\W+(?:all\W+)?(?:be\W+|get\W+)?(?:all\W+)?(?:{actions})"
        )
        # Without "all"/"every", "this cut will kill disabled people" would count.
        shapes.append(rf"(?:{actions})\W+{_ALL}\W+{_DETERMINERS}(?:{groups})")
    # Every shape starts at a word: asserting that once up front is much faster.
    return re.compile(r"(?<![^\W_])(?:" + "|".join(f"(?:{s})" for s in shapes) + ")", re.IGNORECASE)


class HateDetector:
    """One pass per list over the text, then work out which characteristic a
    match was about. Running each characteristic's patterns separately would
    scan every comment fifteen times for what is, thankfully, rare."""

    kind = "hate"

    def __init__(self, lists: WordLists) -> None:
        self._lists = lists

        self._slurs = WordMatcher(_every(lists.hate_slurs), PLURAL)
        self._phrases = PhraseMatcher(_every(lists.hate_phrases))
        groups = phrases_pattern(_every(lists.hate_groups), PLURAL)
        self._hostile = (
            _hostile_group_regex(
                groups, phrases_pattern(lists.hate_predicates), phrases_pattern(lists.hate_actions)
            )
            if groups
            else None
        )
        # Which characteristic a match belongs to: its slur or phrase matches a
        # list in full, or its group noun appears in it.
        self._whole: list[tuple[str, re.Pattern[str] | None, re.Pattern[str] | None]] = []
        self._group_of: list[tuple[str, re.Pattern[str]]] = []
        for c in CHARACTERISTICS:
            slurs = words_pattern(lists.hate_slurs.get(c, []), PLURAL)
            phrases = phrases_pattern(lists.hate_phrases.get(c, []))
            self._whole.append((c, _compile(slurs), _compile(phrases)))
            group = _compile(phrases_pattern(lists.hate_groups.get(c, []), PLURAL))
            if group is not None:
                self._group_of.append((c, group))

    def open_gate(self, gate: Gate, owner: str) -> None:
        gate.add_words(owner, _every(self._lists.hate_slurs), disguise_tolerant=True)
        gate.add_phrases(owner, _every(self._lists.hate_phrases))
        # Every hostile shape names a group.
        gate.add_phrases(owner, _every(self._lists.hate_groups), plural=True)

    def __call__(self, text: str) -> Iterator[Finding]:
        for start, end in list(self._slurs.spans(text)) + list(self._phrases.spans(text)):
            found = text[start:end]
            for c, slurs, phrases in self._whole:
                if any(r is not None and r.fullmatch(found) for r in (slurs, phrases)):
                    yield make_finding(text, self.kind, start, end, c)
        if self._hostile is None:
            return
        for m in self._hostile.finditer(text):
            for c, group in self._group_of:
                if group.search(m.group(0)):
                    yield make_finding(text, self.kind, m.start(), m.end(), c)


def _every(sections: dict[str, list[str]]) -> list[str]:
    return [entry for c in CHARACTERISTICS for entry in sections.get(c, [])]


def _compile(source: str | None) -> re.Pattern[str] | None:
    return re.compile(source, re.IGNORECASE) if source else None
