"""The cheap first pass: which detectors could possibly match this comment?

Most comments are clean, and a clean comment should cost one pass, not one
pass per detector. Each detector tells the gate what it cannot match without:

* a word list's entries (``add_words``): the entry as a whole word, with the
  endings word lists allow, or anywhere in a word for ``*`` entries;
* a phrase list (``add_phrases``): every required word of some phrase (a
  phrase's optional words, gaps and numbers are left out, so the test is
  never stricter than the phrase);
* literal characters (``add_literals``): a "£" sign.

The comment is read once into a set of words, and only the detectors whose
words (or characters) are all there run their full expressions.

The words are read from a *skeleton* of the text in which the disguises word
lists see through are undone: lower case, leetspeak mapped to letters (sh1t,
@rse), ``l``/``1``/``|``/``!`` all read as ``i``, and each word also with runs
of a letter squeezed to one (fuuuck). A disguise the skeleton cannot undo
cheaply, a masked letter (f*ck) or letters spaced out (f u c k), opens every
disguise-tolerant detector.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from .patterns import GAP_MARK, LEET, MASK, PHRASE_TOKEN

# Every leet character and the letter it stands for; "1" and "|" stand for
# both i and l, so i and l are one letter in the skeleton.
_SKELETON = str.maketrans(
    {ch: ("i" if letter == "l" else letter) for letter, chars in LEET.items() for ch in chars}
    | {"l": "i"}
)
# The same, also turning every other ASCII character into a space, so that
# str.split() reads the words.
_WORDS_ONLY = str.maketrans(
    {chr(c): " " for c in range(128) if not chr(c).isalpha()}
    | {ch: ("i" if letter == "l" else letter) for letter, chars in LEET.items() for ch in chars}
    | {"l": "i"}
)
_WORD = re.compile(r"[^\W\d_]+")
_NOT_A_LETTER = re.compile(r"[\W\d_]+")
LEET_SYMBOLS = "".join(
    sorted({ch for chars in LEET.values() for ch in chars if not ch.isalnum()} | {MASK})
)
_SYMBOLS_AS_SPACE = str.maketrans(dict.fromkeys(LEET_SYMBOLS, " "))
_DIGITS_AS_SPACE = str.maketrans(dict.fromkeys("0123456789", " "))
_SYMBOL_RUN = "[" + re.escape(LEET_SYMBOLS) + "]+"
_TRAILING_BANGS = re.compile(r"[!|]+(?![^\W_])")
_EDGE_SYMBOLS = re.compile(rf"(?<![^\W_]){_SYMBOL_RUN}|{_SYMBOL_RUN}(?![^\W_])")
_DOUBLES = tuple((ch + ch, ch) for ch in "abcdefghijkmnopqrstuvwxyz")
# Comments reuse the same few thousand words: remembering how each squeezes
# makes the first pass cheap, and the bound keeps memory small.
SQUEEZED_WORDS_KEPT = 20_000
# Stands for "the comment has a digit" among the words, for phrases that
# require a <number>.
NUMBER = "<number>"
# Signs phrases require ("<number>% off", "earn £<number>"), read as words.
SYMBOLS = ("%", "£")
# Three lone letters in a row are a word spelled out: "f u c k", "b.a.s.t.a.r.d".
SPACED_OUT_LETTERS = 3
# The endings a word-list entry may take (patterns.ENDINGS, spelled out).
WORD_ENDINGS = ("", "s", "es", "ed", "d", "er", "ers", "ing", "in")


def skeleton(text: str) -> str:
    return text.lower().translate(_SKELETON)


@lru_cache(maxsize=SQUEEZED_WORDS_KEPT)
def squeeze(word: str) -> str:
    """Runs of one letter as one letter: "fuuuck" is "fuck"."""
    for double, single in _DOUBLES:
        while double in word:
            word = word.replace(double, single)
    return word


def _spelled_out(words: list[str]) -> bool:
    run = 0
    for word in words:
        run = run + 1 if len(word) == 1 else 0
        if run == SPACED_OUT_LETTERS:
            return True
    return False


@dataclass(frozen=True)
class Seen:
    """What the first pass learnt about one comment."""

    words: set[str]
    opened: frozenset[str] | None  # None: could not tell, run everything
    digits: int


@dataclass
class _Phrase:
    owner: str
    groups: list[frozenset[str]]
    # Word pairs the phrase has side by side ("on the", "the take"): one of
    # each set must be side by side in the comment too.
    pairs: list[frozenset[str]] = field(default_factory=list)


@dataclass
class Gate:
    _words: dict[str, set[str]] = field(default_factory=dict)
    _inside: dict[str, set[str]] = field(default_factory=dict)
    _phrases: dict[str, list[_Phrase]] = field(default_factory=dict)
    _literals: dict[str, set[str]] = field(default_factory=dict)
    _disguise_tolerant: set[str] = field(default_factory=set)
    _keys: frozenset[str] = frozenset()

    def add_words(
        self,
        owner: str,
        entries: Iterable[str],
        endings: Iterable[str] = WORD_ENDINGS,
        disguise_tolerant: bool = False,
    ) -> None:
        endings = tuple(endings)
        for entry in entries:
            entry = entry.strip().lower()
            word = skeleton(entry.strip("*").strip())
            first = _WORD.search(word)
            if first is None:
                continue
            if entry.startswith("*") or entry.endswith("*"):
                # Part of a longer word ("bullshit", "fuckwit"): look anywhere.
                for key in {first.group(0), squeeze(first.group(0))}:
                    self._inside.setdefault(key, set()).add(owner)
                continue
            runs = _WORD.findall(word)
            if len(runs) > 1:
                # "window licker", "piss-take": every word, or all run together.
                groups = [frozenset({run}) for run in runs[:-1]]
                groups.append(frozenset(runs[-1] + ending for ending in endings))
                self._phrases.setdefault(runs[0], []).append(_Phrase(owner, groups))
            for ending in endings:
                for key in {"".join(runs) + ending, squeeze("".join(runs) + ending)}:
                    self._words.setdefault(key, set()).add(owner)
        if disguise_tolerant:
            self._disguise_tolerant.add(owner)

    def add_phrases(self, owner: str, phrases: Iterable[str], plural: bool = False) -> None:
        """plural: the phrases' last words may take "s" or "es" ("immigrants")."""
        for phrase in phrases:
            groups, pairs = _required_groups(phrase)
            if plural and groups:
                groups[-1] = frozenset(w + end for w in groups[-1] for end in ("", "s", "es"))
            if not groups:
                # Nothing required but numbers and gaps: always a candidate.
                self._literals.setdefault("", set()).add(owner)
                continue
            key_group = max(groups, key=lambda g: min(map(len, g)))
            side_by_side = [
                frozenset(f"{a} {b}" for a in groups[i - 1] for b in groups[i]) for _, i in pairs
            ]
            for key in key_group:
                self._phrases.setdefault(key, []).append(_Phrase(owner, groups, side_by_side))

    def add_literals(self, owner: str, literals: Iterable[str]) -> None:
        for literal in literals:
            self._literals.setdefault(literal.lower(), set()).add(owner)

    def build(self) -> None:
        self._keys = frozenset(self._words) | frozenset(self._phrases)

    @staticmethod
    def _words_of(lower: str) -> str:
        raw = lower.translate(_WORDS_ONLY)
        if not raw.isascii():
            # Only ASCII punctuation is in the table: "word•word" is two words.
            raw = _NOT_A_LETTER.sub(" ", raw)
        return raw

    def read(self, text: str) -> Seen:
        lower = text.lower()
        raw = self._words_of(lower)
        in_order = raw.split()
        readings = [in_order]
        digits = sum(map(text.count, "0123456789"))
        if digits:
            # "35pounds", "24hrs": a number glued to a word is not a letter.
            readings.append(self._words_of(lower.translate(_DIGITS_AS_SPACE)).split())
        symbols = [symbol for symbol in LEET_SYMBOLS if symbol in lower]
        if symbols:
            # A symbol is a letter inside a word (p!ss, a$$) and punctuation
            # around or between words ("idiot!", "system@Mongs", "cr@p$Ring"):
            # read the comment every way a detector's expression could.
            variants = [
                _TRAILING_BANGS.sub(" ", lower),
                _EDGE_SYMBOLS.sub(" ", lower),
                lower.translate(_SYMBOLS_AS_SPACE),
                *(lower.replace(symbol, " ") for symbol in symbols),
            ]
            readings += [self._words_of(variant).split() for variant in variants]
        words = {word for reading in readings for word in reading}
        words.update([squeeze(word) for word in words])
        if digits:
            words.add(NUMBER)
        words.update(symbol for symbol in SYMBOLS if symbol in text)
        if len(lower) != len(text):
            return Seen(words, None, digits)
        opened: set[str] = set()
        pairs: set[str] | None = None
        for key in words & self._keys:
            opened |= self._words.get(key, set())
            for phrase in self._phrases.get(key, ()):
                if phrase.owner in opened or not all(words & g for g in phrase.groups):
                    continue
                if phrase.pairs and pairs is None:
                    pairs = {
                        f"{a} {b}"
                        for reading in readings
                        for a, b in zip(reading, reading[1:], strict=False)
                    }
                if all(pairs & p for p in phrase.pairs):
                    opened.add(phrase.owner)
        every_word = " ".join(words)
        for key, owners in self._inside.items():
            if key in every_word:
                opened |= owners
        for literal, owners in self._literals.items():
            if literal in lower:
                opened |= owners
        if MASK in text or _spelled_out(in_order):
            opened |= self._disguise_tolerant
        return Seen(words, frozenset(opened), digits)


def _required_groups(phrase: str) -> tuple[list[frozenset[str]], list[tuple[int, int]]]:
    """Per required token of a phrase, the words one of which must be there;
    and which of those groups (as indices, i-1 and i) stand side by side in
    the phrase as plain words, with nothing optional between them."""
    groups: list[frozenset[str]] = []
    pairs: list[tuple[int, int]] = []
    previous_plain = False
    for token in PHRASE_TOKEN.findall(phrase.lower()):
        if token.startswith("[") or token == GAP_MARK:
            previous_plain = False
            continue
        plain = all(alt.isalpha() and alt.isascii() for alt in token.split("|"))
        words = set()
        for alternative in token.split("|"):
            runs = _WORD.findall(skeleton(alternative.replace(NUMBER, "")))
            symbols = [symbol for symbol in SYMBOLS if symbol in alternative]
            if not runs and (symbols or NUMBER in alternative):
                words.update(symbols or [NUMBER])
                continue
            if not runs:
                break
            # "self-harm" is also written "self harm" and "selfharm".
            words.update({runs[0], "".join(runs)})
        else:
            groups.append(frozenset(words))
            if plain and previous_plain:
                pairs.append((len(groups) - 2, len(groups) - 1))
            previous_plain = plain
            continue
        previous_plain = False
    return groups, pairs
