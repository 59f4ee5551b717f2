"""Turn moderators' word and phrase lists into compiled regular expressions.

Two small languages, both matched case-insensitively against the original text
so that every match's offsets point straight into what the person wrote:

* word lists (profanity, banned, suspect, slurs, insults) see through the
  disguises people use to dodge filters: leetspeak (sh1t, @rse, p!ss), masked
  letters (f*ck), stretched letters (fuuuck) and spaced-out letters
  (f u c k, b.a.s.t.a.r.d). They only match whole words, which is what keeps
  "Scunthorpe", "assessment" and "cocktail" clean.
* phrase lists (solicitation, defamation, bullying and hostile phrases) are
  plain words with ``a|b`` alternatives, ``[optional]`` words, ``*`` for a gap
  of one to three words and ``<number>`` for a number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

# Characters people substitute for a letter. Digits count only as a disguise
# inside a word that also has real letters (see MIN_LETTERS).
LEET: dict[str, str] = {
    "a": "@4",
    "b": "8",
    "e": "3€",
    "g": "9",
    "i": "1!|",
    "l": "1|",
    "o": "0",
    "s": "5$",
    "t": "7+",
    "z": "2",
}
MASK = "*"
# A match must keep at least this many real letters, so "917" is not "git"
# and "****" is not every four-letter word.
MIN_LETTERS = 2

NOT_WORD_BEFORE = r"(?<![^\W_])"
NOT_WORD_AFTER = r"(?![^\W_])"
LETTERS = r"[^\W\d_]"
# Endings that keep a word rude (fucking, pissed, bastards). "y" is left out on
# purpose: "dicky" is British for "faulty".
ENDINGS = r"(?:s|es|ed|d|er|ers|ing|in['’]?)?"
PLURAL = r"(?:s|es)?"
# Between spaced-out letters: "f u c k", "f.u.c.k", "f-u-c-k".
SPACER = r"[ \t.\-_/]{1,2}"
# "a" and "I" are real one-letter words, so "what a f u c k i n g joke" still
# counts; any other lone letter before or after means we are inside a longer
# spaced-out run and must not match a piece of it.
LONE_LETTER_BEFORE = r"(?<!(?<![^\W_])[b-hj-z0-9][ \t.\-_/])"
LONE_LETTER_AFTER = r"(?![ \t.\-_/]{1,2}[b-hj-z0-9](?![^\W_]))"
SPACED_ENDINGS = ("s", "ed", "er", "ing", "in")


def _letter(ch: str) -> str:
    return "[" + re.escape(ch + LEET.get(ch, "") + MASK) + "]"


def _compact_core(word: str) -> str:
    """One entry as written run-together: stretched letters allowed."""
    out: list[str] = []
    for run in re.finditer(r"(.)\1*", word):
        ch, n = run.group(1), len(run.group(0))
        if ch.isalpha():
            out.append(_letter(ch) + ("+" if n == 1 else f"{{{n},}}"))
        elif ch.isspace():
            out.append(r"[\W_]{1,3}")
        elif ch == "-":
            # "piss-take", "piss take" and "pisstake" are the same insult.
            out.append(r"[\W_]{0,3}")
        elif ch in "'’":
            out.append("['’]?")
        else:
            out.append(re.escape(run.group(0)))
    return "".join(out)


def _spaced_core(word: str, endings: bool) -> str:
    spaced = SPACER.join(_letter(ch) for ch in word)
    if endings:
        alts = "|".join(SPACER + SPACER.join(_letter(ch) for ch in e) for e in SPACED_ENDINGS)
        spaced += f"(?:{alts})?"
    return spaced


def word_entry_pattern(entry: str, endings: str = ENDINGS) -> str:
    """Regex source for one word-list entry, including its word boundaries.

    A leading ``*`` lets the entry end a longer word (``*shit``: bullshit), a
    trailing ``*`` lets it start one (``fuck*``: fuckwit).
    """
    entry = entry.strip().lower()
    embedded_start = entry.startswith("*")
    embedded_end = entry.endswith("*") and len(entry) > 1
    word = entry.strip("*").strip()
    if not word:
        raise ValueError(f"empty word-list entry {entry!r}")
    tail = LETTERS + "*" if embedded_end else endings
    head = LETTERS + "*?" if embedded_start else ""
    compact = f"{head}{_compact_core(word)}{tail}{NOT_WORD_AFTER}"
    # Spelling a word out letter by letter is a disguise for any entry, stars
    # or not; too short a word would turn up by chance in initials.
    if not word.isalpha() or len(word) < 3:
        return compact
    spaced = (
        f"{LONE_LETTER_BEFORE}{_spaced_core(word, endings != '')}"
        f"{NOT_WORD_AFTER}{LONE_LETTER_AFTER}"
    )
    return f"{compact}|{spaced}"


def words_pattern(entries: Iterable[str], endings: str = ENDINGS) -> str | None:
    """Alternation of all entries; longest first so "motherfucker" beats "fuck"."""
    unique = sorted({e.strip() for e in entries if e.strip()}, key=lambda e: (-len(e), e))
    if not unique:
        return None
    # Group entries by first letter behind a one-character lookahead, so at each
    # word start the engine tries only the entries that could begin there.
    by_first: dict[str, list[str]] = {}
    anywhere: list[str] = []
    for entry in unique:
        source = f"(?:{word_entry_pattern(entry, endings)})"
        if entry.startswith("*"):
            anywhere.append(source)
        else:
            by_first.setdefault(entry[0].lower(), []).append(source)
    branches = [
        f"(?={_letter(first) if first.isalpha() else re.escape(first)})(?:{'|'.join(alts)})"
        for first, alts in by_first.items()
    ] + anywhere
    return f"{NOT_WORD_BEFORE}(?:{'|'.join(branches)})"


class WordMatcher:
    """Finds disguised whole-word occurrences of a list's entries."""

    def __init__(self, entries: Iterable[str], endings: str = ENDINGS) -> None:
        source = words_pattern(entries, endings)
        self._regex = re.compile(source, re.IGNORECASE) if source else None

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        if self._regex is None:
            return
        for m in self._regex.finditer(text):
            if sum(ch.isalpha() for ch in m.group(0)) >= MIN_LETTERS:
                yield m.span()


# --- phrases ---------------------------------------------------------------

PHRASE_SEP = r"[\W_]+"
GAP_MARK = "*"
GAP = r"\w+(?:[\W_]+\w+){0,2}?"
NUMBER = r"\d+(?:[.,]\d+)?"
PHRASE_TOKEN = re.compile(r"\[[^\]]*\]|[^\s\[]+")


def _phrase_word(word: str, end_boundary: bool) -> str:
    source = (
        re.escape(word)
        .replace(re.escape("<number>"), NUMBER)
        .replace("%", r"\s?%")
        .replace("£", r"£\s?")
        .replace("'", "['’]")
        .replace(r"\-", r"[\W_]?")
    )
    if word[:1].isalnum() or word.startswith("<number>"):
        source = r"(?<!\w)" + source
    if end_boundary and (word[-1:].isalnum() or word.endswith("<number>")):
        source += r"(?!\w)"
    return source


def _phrase_token(token: str, end_boundary: bool = True) -> tuple[str, bool]:
    optional = token.startswith("[") and token.endswith("]")
    if optional:
        token = token[1:-1]
    if token == GAP_MARK:
        return GAP, optional
    alts = [a.split() for a in token.split("|") if a.strip()]
    if not alts:
        raise ValueError(f"empty alternative in phrase token {token!r}")
    # An alternative inside [brackets] may be several words: "[check out|visit]".
    sources = [
        PHRASE_SEP.join(
            _phrase_word(w, end_boundary or i < len(words) - 1) for i, w in enumerate(words)
        )
        for words in alts
    ]
    return "(?:" + "|".join(sources) + ")", optional


def phrase_pattern(entry: str, suffix: str = "") -> str:
    """Regex source for one phrase entry; suffix (e.g. a plural) may end its last word."""
    tokens = PHRASE_TOKEN.findall(entry.lower())
    if not tokens:
        raise ValueError("empty phrase entry")
    out = ""
    need_sep = False
    last = len(tokens) - 1
    for i, token in enumerate(tokens):
        if i == last and suffix:
            piece, optional = _phrase_token(token, end_boundary=False)
            piece = f"{piece}{suffix}(?!\\w)"
        else:
            piece, optional = _phrase_token(token)
        if optional and not need_sep:
            out += f"(?:{piece}{PHRASE_SEP})?"
        elif optional:
            out += f"(?:{PHRASE_SEP}{piece})?"
        else:
            out += (PHRASE_SEP if need_sep else "") + piece
            need_sep = True
    return out


# A phrase can only start where a word or an apostrophe ("'s a liar") starts.
# Checking that once, before the alternation, spares the regex engine from
# trying every phrase at every character, which is most of the speed.
PHRASE_START = r"(?:(?<![^\W_])|(?=['’]))"


def phrases_pattern(entries: Iterable[str], suffix: str = "") -> str | None:
    unique = sorted({e.strip() for e in entries if e.strip()}, key=lambda e: (-len(e), e))
    if not unique:
        return None
    return PHRASE_START + "(?:" + "|".join(f"(?:{phrase_pattern(e, suffix)})" for e in unique) + ")"


class PhraseMatcher:
    """Finds any of a list of phrases, case-insensitively."""

    def __init__(self, entries: Iterable[str]) -> None:
        source = phrases_pattern(entries)
        self._regex = re.compile(source, re.IGNORECASE) if source else None

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        if self._regex is None:
            return
        for m in self._regex.finditer(text):
            if m.end() > m.start():
                yield m.span()

