"""Comment screening for the moderation queue: plain Python, no Django.

    >>> from screening import screen
    >>> [f.kind for f in screen("ring me on 07700 900077")]
    ['phone']

The Django side builds a ``Screener(WordLists.from_entries(rows))`` from the
word lists moderators edit and calls ``screener.screen(text)`` per comment.
"""

from .findings import (
    CHARACTERISTICS,
    KINDS,
    PERSONAL_DETAIL_KINDS,
    TERMS,
    Finding,
)
from .screener import Screener, default_screener, screen
from .wordlists import WordLists, default_wordlists, load_wordlists, parse_wordlist

__all__ = [
    "CHARACTERISTICS",
    "KINDS",
    "PERSONAL_DETAIL_KINDS",
    "TERMS",
    "Finding",
    "Screener",
    "WordLists",
    "default_screener",
    "default_wordlists",
    "load_wordlists",
    "parse_wordlist",
    "screen",
]
