"""Comment screening for the moderation queue: plain Python, no Django.

    >>> from screening import screen
    >>> [f.kind for f in screen("ring me on 07700 900077")]
    ['phone']

The Django side builds a ``Screener(WordLists.from_entries(rows))`` from the
word lists moderators edit and calls ``screener.screen(text)`` per comment.

Every finding names a kind; ``KINDS`` gives its term and severity. Beyond the
policy's six terms (``TERMS``):

* ``safeguarding`` (``SAFEGUARDING_KINDS``: ``self_harm``, ``abuse_disclosure``)
  is not a reason to delete; it has the highest severity and means someone
  may be at risk now.
* Abuse aimed at a person or at HWS, which the overdue clock treats as abuse,
  is any finding whose kind is in ``ABUSE_KINDS``: ``insult`` (term
  ``bullying``: an insult aimed at someone, "you idiot", "useless idiots the
  lot of you"), ``abuse`` (term ``inappropriate_behaviour``: profanity told to
  someone, "F*** off Healthwatch") and ``hate``. Profanity on its own
  (``profanity``, "f***ing brilliant") is not.
* Personal details (``PERSONAL_DETAIL_KINDS``) include ``location``: where a
  person can be found ("I'm in ward 5", "I live on Carshalton Road").
"""

from .findings import (
    ABUSE_KINDS,
    CHARACTERISTICS,
    KINDS,
    PERSONAL_DETAIL_KINDS,
    SAFEGUARDING,
    SAFEGUARDING_KINDS,
    TERMS,
    Finding,
)
from .screener import Screener, default_screener, screen
from .wordlists import WordLists, default_wordlists, load_wordlists, parse_wordlist

__all__ = [
    "ABUSE_KINDS",
    "CHARACTERISTICS",
    "KINDS",
    "PERSONAL_DETAIL_KINDS",
    "SAFEGUARDING",
    "SAFEGUARDING_KINDS",
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
