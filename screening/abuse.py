"""Abuse aimed at a person or at HWS: "F*** off Healthwatch", "fuck you".

Profanity on its own is a matter of taste ("the nurses were f***ing
brilliant"); told to someone it is abuse, which the policy asks the team to
act on promptly. Such a match is the kind ``abuse`` under the term
``inappropriate_behaviour``. With ``insult`` (bullying: an insult aimed at
someone) and ``hate``, it is what the queue's overdue clock counts as abuse
(findings.ABUSE_KINDS).

The shapes are grammar, not vocabulary: a dismissive verb (spelled out,
masked as f*** or f-off, or euphemised as "eff") followed by "off" or "you";
or someone told to go away ("Healthwatch can piss off", "the lot of you can
sod off").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .findings import Finding, make_finding
from .gate import Gate

_VERBS = ("fuck", "piss", "sod", "bugger", "naff", "eff", "frig", "feck", "screw", "shove")
# f***, f**k, f*ck, f-, f#@%: the first letter and a mask or a dash.
_MASKED_F = r"f(?:[*#@%!$]+[a-z]{0,2}|[\-.][ \t]?(?=off\b))"
_VERB = (
    r"(?:(?:fuck|fuk|fcuk|phuck|eff|effing|piss|sod|bugger|naff|frig|feck)(?:ing)?"
    rf"|{_MASKED_F})"
)
_ABUSE = re.compile(
    rf"(?<![^\W_]){_VERB}[ \t]+(?:right[ \t]+)?off\b"
    rf"|(?<![^\W_])(?:{_VERB}|screw)[ \t]+(?:you|u|ya|yourselves|the[ \t]+lot[ \t]+of[ \t]+you)\b",
    re.IGNORECASE,
)


class AbuseDetector:
    kind = "abuse"

    def open_gate(self, gate: Gate, owner: str) -> None:
        # A masked letter (f***) opens every disguise-tolerant detector.
        gate.add_words(owner, (*_VERBS, "fuk", "fcuk", "phuck"), disguise_tolerant=True)

    def __call__(self, text: str) -> Iterator[Finding]:
        for m in _ABUSE.finditer(text):
            yield make_finding(text, self.kind, *m.span())
