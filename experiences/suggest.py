"""Suggest the service, the themes and the sentiment of an experience from its text.

Plain Python, no Django: the service and theme keywords are the charity's own (edited with the
lists in the admin site); the sentiment words are data files in experiences/data/. The
moderator sees the suggestion already filled in, and accepts it with one key or corrects it.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
# A sentiment word right after one of these (within two words) counts the other way round:
# "not helpful" is negative, "never rude" positive.
NEGATORS = frozenset({"not", "never", "no", "hardly", "wasn't", "isn't", "didn't", "don't",
                      "weren't", "won't", "couldn't", "nobody", "without"})
_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


def read_words(path: Path) -> tuple[str, ...]:
    """One word or phrase per line; blank lines and lines starting with # are skipped."""
    lines = (line.strip().lower() for line in path.read_text(encoding="utf-8").splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


@cache
def sentiment_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    return read_words(DATA / "positive.txt"), read_words(DATA / "negative.txt")


def keywords(text: str) -> tuple[str, ...]:
    """"GP, surgery , doctor's" -> ("gp", "surgery", "doctor's")."""
    return tuple(word.strip().lower() for word in text.split(",") if word.strip())


@dataclass(frozen=True)
class Suggestion:
    service: int | None
    themes: tuple[int, ...]
    sentiment: str  # positive, negative, mixed, neutral


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def _hits(tokens: list[str], phrase: str) -> list[int]:
    """Where `phrase` (one or more words; a trailing "s" also matches) starts in `tokens`."""
    words = _tokens(phrase)
    if not words:
        return []
    n = len(words)
    found = []
    for i in range(len(tokens) - n + 1):
        window = tokens[i:i + n]
        if window[:-1] == words[:-1] and window[-1] in (words[-1], words[-1] + "s"):
            found.append(i)
    return found


def _score(tokens: list[str], phrases: Iterable[str]) -> int:
    return sum(len(_hits(tokens, phrase)) for phrase in phrases)


def _sentiment(tokens: list[str], positive: Iterable[str], negative: Iterable[str]) -> str:
    counts = {"positive": 0, "negative": 0}
    for kind, phrases, other in (("positive", positive, "negative"),
                                 ("negative", negative, "positive")):
        for phrase in phrases:
            for at in _hits(tokens, phrase):
                negated = any(t in NEGATORS for t in tokens[max(0, at - 2):at])
                counts[other if negated else kind] += 1
    if counts["positive"] and counts["negative"]:
        return "mixed"
    if counts["positive"]:
        return "positive"
    if counts["negative"]:
        return "negative"
    return "neutral"


def suggest(
    text: str,
    services: Mapping[int, Iterable[str]],
    themes: Mapping[int, Iterable[str]],
    positive: Iterable[str],
    negative: Iterable[str],
) -> Suggestion:
    """The service with the most keyword hits (the first listed on a tie; none without a
    hit), every theme with at least one hit, and the sentiment: positive and negative words
    together make it mixed, neither neutral."""
    tokens = _tokens(text)
    best, best_score = None, 0
    for service_id, phrases in services.items():
        score = _score(tokens, phrases)
        if score > best_score:
            best, best_score = service_id, score
    theme_ids = tuple(t for t, phrases in themes.items() if _score(tokens, phrases))
    return Suggestion(best, theme_ids, _sentiment(tokens, positive, negative))
