"""Soliciting business (policy: "to solicit business for personal gain").

Two ways a comment solicits. A phrase from the ``solicitation`` list does it
alone ("DM me for prices", "use code"). An offer from the ``offers`` list
("I offer", "available now", "order online", "without a prescription") does it
only when the same comment also gives the shape of a sale (a price, a rate, a
way to get in touch, a website, a call to buy) or a second offer. A price per hour beside a
contact is an offer even without an offer word ("£35 per hour, contact me").
So "I paid £300 for a private scan" (a price, no offer) and "please message
me back" (a contact, no offer) stay clean.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .findings import Finding, make_finding
from .gate import Gate
from .patterns import PhraseMatcher
from .wordlists import WordLists

_PRICE = r"(?:£[ \t]?\d+(?:[.,]\d+)?|(?<![\w.,])\d+(?:[.,]\d\d)?[ \t]?(?:pounds|quid|gbp)\b)"
_UNIT = r"(?:hour|hr|session|visit|lesson|class|appointment|treatment|month|week|day|scan)s?"
_RATE = rf"{_PRICE}[ \t]*(?:(?:an?|per|each|every)[ \t]+|/[ \t]?){_UNIT}\b"
_CONTACT = (
    r"\b(?:(?:message|msg|text|dm|pm|inbox|whatsapp|email|e-mail|call|ring|phone|contact)"
    r"[ \t]+(?:me|us)\b"
    r"|drop[ \t]+(?:me|us)[ \t]+a[ \t]+(?:message|line|text|dm|pm)"
    r"|get[ \t]+in[ \t]+touch|send[ \t]+(?:me|us)[ \t]+a[ \t]+(?:message|dm|pm))"
)
_WEBSITE = (
    r"\b(?:www\.)?[a-z0-9][a-z0-9\-]*\.(?:co\.uk|org\.uk|com|net|biz|shop|store|online|uk)\b"
    r"|\b(?:my|our)[ \t]+(?:website|site|shop|store|page|profile|channel)\b"
)
_CALL_TO_BUY = r"\b(?:buy|order|book)[ \t]+(?:now|today|online|here|yours|it|them|in)\b"
_SALE = re.compile(rf"{_PRICE}|{_CONTACT}|{_WEBSITE}|{_CALL_TO_BUY}", re.IGNORECASE)
_RATE_RE = re.compile(_RATE, re.IGNORECASE)
_CONTACT_RE = re.compile(_CONTACT, re.IGNORECASE)


class SolicitationDetector:
    kind = "solicitation"

    def __init__(self, lists: WordLists) -> None:
        self._lists = lists
        self._phrases = PhraseMatcher(lists.solicitation)
        self._offers = PhraseMatcher(lists.offers)

    def open_gate(self, gate: Gate, owner: str) -> None:
        gate.add_phrases(owner, self._lists.solicitation)
        gate.add_phrases(owner, self._lists.offers)
        # A rate beside a contact needs a price.
        gate.add_literals(owner, ["£"])
        gate.add_words(owner, ["pounds", "quid", "gbp"], endings=[""])

    def __call__(self, text: str) -> Iterator[Finding]:
        for start, end in self._phrases.spans(text):
            yield make_finding(text, self.kind, start, end)
        offers = list(self._offers.spans(text))
        rates = [m.span() for m in _RATE_RE.finditer(text)]
        if not offers and not rates:
            return
        # "book online" is an offer and a call to buy: it cannot be both halves.
        sales = [
            m.span()
            for m in _SALE.finditer(text)
            if not any(m.start() < end and start < m.end() for start, end in offers)
        ]
        # Two different offers make a sale too: "order online ... next day
        # delivery", "without a GP ... order here".
        distinct_offers = {text[start:end].lower() for start, end in offers}
        if offers and (sales or len(distinct_offers) > 1):
            for start, end in offers + sales:
                yield make_finding(text, self.kind, start, end)
        elif rates and _CONTACT_RE.search(text):
            for start, end in rates + [m.span() for m in _CONTACT_RE.finditer(text)]:
                yield make_finding(text, self.kind, start, end)
