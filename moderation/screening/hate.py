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
from .patterns import PLURAL, PhraseMatcher, WordMatcher, phrases_pattern
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
    return re.compile("|".join(f"(?:{s})" for s in shapes), re.IGNORECASE)


# characteristic, its slurs, its hostile phrases, its "<group> are vermin" shapes
_CharacteristicMatchers = tuple[str, WordMatcher, PhraseMatcher, re.Pattern[str] | None]


class HateDetector:
    kind = "hate"

    def __init__(self, lists: WordLists) -> None:
        predicates = phrases_pattern(lists.hate_predicates)
        actions = phrases_pattern(lists.hate_actions)
        self._by_characteristic: list[_CharacteristicMatchers] = []
        for characteristic in CHARACTERISTICS:
            groups = phrases_pattern(lists.hate_groups.get(characteristic, []), PLURAL)
            hostile = _hostile_group_regex(groups, predicates, actions) if groups else None
            self._by_characteristic.append(
                (
                    characteristic,
                    WordMatcher(lists.hate_slurs.get(characteristic, []), PLURAL),
                    PhraseMatcher(lists.hate_phrases.get(characteristic, [])),
                    hostile,
                )
            )

    def __call__(self, text: str) -> Iterator[Finding]:
        for characteristic, slurs, phrases, hostile in self._by_characteristic:
            spans = list(slurs.spans(text)) + list(phrases.spans(text))
            if hostile is not None:
                spans += [m.span() for m in hostile.finditer(text)]
            for start, end in spans:
                yield make_finding(text, self.kind, start, end, characteristic)
