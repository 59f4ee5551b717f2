"""The cheap first pass: which detectors could possibly match this comment?

Most comments are clean, and a clean comment should cost one pass, not one
pass per detector. Every detector names the literal words it cannot match
without (its anchors): a word list's entries, a phrase's required word. One
Aho-Corasick automaton finds all of them in a single scan, and only the
detectors whose anchors turned up run their full expressions.

The scan runs over a *skeleton* of the text in which the disguises word lists
see through are undone: lower case, leetspeak mapped to letters (sh1t, @rse),
``l``/``1``/``|``/``!`` all read as ``i``, and a second copy with runs of one
letter squeezed to one (fuuuck). A disguise the skeleton cannot undo
cheaply, a masked letter (f*ck) or letters spaced out (f u c k), makes every
disguise-tolerant detector run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import ahocorasick

from .patterns import LEET, MASK

# Every leet character and the letter it stands for; "1" and "|" stand for
# both i and l, so i and l are one letter in the skeleton.
_SKELETON = str.maketrans(
    {ch: ("i" if letter == "l" else letter) for letter, chars in LEET.items() for ch in chars}
    | {"l": "i"}
)
_RUNS = re.compile(r"(.)\1+")
# Three or more lone letters in a row: "f u c k", "b.a.s.t.a.r.d".
_SPACED_OUT = re.compile(r"(?<![^\W_])[^\W_](?:[ \t.\-_/]{1,2}[^\W_](?![^\W_])){2,}")
# Keys shorter than this after squeezing are searched for unsqueezed ("ass",
# not "as"), or they would be found in every comment.
_MIN_SQUEEZED = 3
_SEPARATOR = "\x00"


def skeleton(text: str) -> str:
    return text.lower().translate(_SKELETON)


def _squeeze(text: str) -> str:
    return _RUNS.sub(r"\1", text)


def anchor_key(word: str) -> str | None:
    """The skeleton form of one anchor word, or None if it is empty."""
    raw = skeleton(word.strip("*").strip())
    if not raw:
        return None
    squeezed = _squeeze(raw)
    return squeezed if len(squeezed) >= _MIN_SQUEEZED else raw


class Gate:
    """One automaton over every detector's anchors."""

    def __init__(self) -> None:
        self._automaton = ahocorasick.Automaton()
        self._owners: dict[str, set[str]] = {}
        self._disguise_tolerant: set[str] = set()
        self._built = False

    def add(self, owner: str, words: Iterable[str], disguise_tolerant: bool = False) -> None:
        for word in words:
            key = anchor_key(word)
            if key is not None:
                self._owners.setdefault(key, set()).add(owner)
        if disguise_tolerant:
            self._disguise_tolerant.add(owner)

    def build(self) -> None:
        for key, owners in self._owners.items():
            self._automaton.add_word(key, frozenset(owners))
        if self._owners:
            self._automaton.make_automaton()
        self._built = True

    def open(self, text: str) -> set[str] | None:
        """The owners whose anchors occur in text; None means "run everything"."""
        lower = text.lower()
        if len(lower) != len(text):
            return None
        raw = lower.translate(_SKELETON)
        found: set[str] = set()
        if self._owners:
            for _, owners in self._automaton.iter(raw + _SEPARATOR + _squeeze(raw)):
                found |= owners
        if MASK in text or _SPACED_OUT.search(text):
            found |= self._disguise_tolerant
        return found
