"""Safeguarding concerns: someone may be at risk, now.

Not one of the policy's six deletion terms. A comment that says "I want to
end it all" or "my stepdad hurts me" is not a rule broken; it is a person to
reach. Its findings carry the term ``safeguarding`` and the most urgent
severity, so the item goes to the very top of the queue and the safeguarding
lead is told at once. Two kinds:

* ``self_harm``: a risk of suicide or self-harm in the writer's own words;
* ``abuse_disclosure``: a disclosure of abuse or neglect of a child or an
  adult at risk.

Both lists are phrase lists moderators can extend (see bullying_phrases.txt).
"""

from __future__ import annotations

from collections.abc import Iterator

from .findings import Finding, make_finding
from .gate import Gate
from .patterns import PhraseMatcher


class SafeguardingDetector:
    def __init__(self, kind: str, phrases: list[str]) -> None:
        self.kind = kind
        self._phrases = phrases
        self._matcher = PhraseMatcher(phrases)

    def open_gate(self, gate: Gate, owner: str) -> None:
        gate.add_phrases(owner, self._phrases)

    def __call__(self, text: str) -> Iterator[Finding]:
        for start, end in self._matcher.spans(text):
            yield make_finding(text, self.kind, start, end)
