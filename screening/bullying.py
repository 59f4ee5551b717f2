"""Insults and threats aimed at a person (policy: "using the page to bully")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .findings import Finding, make_finding
from .gate import Gate
from .patterns import NOT_WORD_BEFORE, PLURAL, PhraseMatcher, words_pattern
from .wordlists import WordLists

# What aims an insulting noun at someone: "you idiot", "you're an idiot",
# "she is a rude cow", "what a dickhead", "bunch of clowns". The noun alone
# is not enough: "I felt like an idiot" is not bullying.
_AIM = (
    r"(?:(?<![^\W_])|(?=['’]))"  # only try where a word starts: see patterns.PHRASE_START
    r"(?:\b(?:you|u|ya)(?:\W+(?:are|r)|['’]re)?"
    r"|\b(?:is|are|was|were|be)|['’](?:s|re)"
    r"|\bwhat\W+an?"
    r"|\b(?:bunch|load|pack|lot|set)\W+of)"
)
# Words that may sit between the aim and the noun.
_FILLERS = (
    "a|an|such|so|really|absolute|absolutely|total|totally|complete|completely|utter|utterly|"
    "right|proper|bloody|fucking|effing|little|big|old|silly|just|all|the|lazy|rude"
)
# "you're pathetic": the adjective alone insults when said to someone.
_YOU_ARE = r"(?<![^\W_])(?:you(?:\W+are|\W+r|['’]?re)|ur|u\W+r|u\W+are)"
_INTENSIFIERS = (
    r"(?:(?:so|such|really|absolutely|totally|completely|utterly|just|bloody|fucking)\W+)?"
)


# An insulting noun needs no aim when it is called names twice over ("useless
# idiots", "absolute morons") or handed to a crowd ("idiots, the lot of you").
_NAME_CALLING = r"(?:absolute|utter|complete|total|proper|bloody|fucking|right)"
_CROWD = r"(?:the[ \t]+lot[ \t]+of[ \t]+(?:you|them|em)|all[ \t]+of[ \t]+(?:you|them)|you[ \t]+lot)"
# ...unless the writer is calling themselves one: "I felt like a complete idiot".
_ABOUT_ONESELF = re.compile(
    r"(?:\blike|\bi['’]?m|\bi[ \t]+am|\bi[ \t]+was|\bi[ \t]+felt|\bfeel|\bfelt|\bmyself)"
    r"\W+(?:(?:an?|such|so|a[ \t]+bit[ \t]+of[ \t]+an?)\W+)?$",
    re.IGNORECASE,
)


class BullyingDetector:
    kind = "insult"

    def __init__(self, lists: WordLists) -> None:
        nouns = words_pattern(lists.insult_nouns, PLURAL)
        adjectives = words_pattern(lists.insult_adjectives, "")
        patterns: list[str] = []
        if nouns:
            # One copy of the nouns for every shape (compiling them is the
            # slow part): aimed, called names, or handed to a crowd; which
            # one matched is checked after.
            start = rf"(?:(?P<aim>{_AIM}\W+)|(?<![^\W_]))"
            modifier = rf"(?:(?:{_FILLERS}|{_NAME_CALLING})\W+" + (
                rf"|{adjectives}\W+)" if adjectives else ")"
            )
            patterns.append(rf"{start}(?P<modifiers>{modifier}{{0,3}}){nouns}(?P<crowd>\W+{_CROWD}\b)?")
        if adjectives:
            patterns.append(rf"(?P<you_are>{_YOU_ARE})\W+{_INTENSIFIERS}{adjectives}(?![^\W_])")
        self._regex = re.compile("|".join(patterns), re.IGNORECASE) if patterns else None
        called = rf"{NOT_WORD_BEFORE}{_NAME_CALLING}" + (rf"|{adjectives}" if adjectives else "")
        self._called = re.compile(called, re.IGNORECASE)
        self._phrases = PhraseMatcher(lists.bullying_phrases)
        self._lists = lists

    def open_gate(self, gate: Gate, owner: str) -> None:
        words = self._lists.insult_nouns + self._lists.insult_adjectives
        gate.add_words(owner, words, disguise_tolerant=True)
        gate.add_phrases(owner, self._lists.bullying_phrases)

    def __call__(self, text: str) -> Iterator[Finding]:
        if self._regex is not None:
            for m in self._regex.finditer(text):
                shape = m.groupdict()
                aimed = (
                    shape.get("you_are")
                    or shape.get("aim")
                    or shape.get("crowd")
                    or self._called.search(shape.get("modifiers") or "")
                )
                if not aimed or _ABOUT_ONESELF.search(text, max(0, m.start() - 30), m.start()):
                    continue
                yield make_finding(text, self.kind, *m.span())
        for start, end in self._phrases.spans(text):
            yield make_finding(text, self.kind, start, end)
