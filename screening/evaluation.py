"""Precision and recall of the screener on a labelled set of comments.

A labelled line is {"id", "text", "expect": {"pd": [kinds], "offensive": bool,
"gain": bool, "hate": bool (optional), "safeguarding": bool (optional)}}, the
format of the shared dev set.
Each measure is scored per comment: did the screener say yes where a
moderator would?
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .findings import PERSONAL_DETAIL_KINDS, Finding
from .screener import Screener

# Which finding kinds answer "is this comment offensive?" Suspect words and
# defamation are prompts for a moderator, not a verdict, so they do not count.
OFFENSIVE_KINDS = frozenset({"profanity", "banned_word", "insult", "abuse", "hate"})
GAIN_KINDS = frozenset({"solicitation"})
HATE_KINDS = frozenset({"hate"})
SAFEGUARDING_KINDS = frozenset({"self_harm", "abuse_disclosure"})


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def add(self, expected: bool, predicted: bool, label: str) -> None:
        if expected and predicted:
            self.tp += 1
        elif predicted:
            self.fp += 1
            self.errors.append(f"false positive: {label}")
        elif expected:
            self.fn += 1
            self.errors.append(f"missed: {label}")


def read_labelled(lines: Iterable[str]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in lines if line.strip()]


def _measures(expect: dict[str, Any], findings: list[Finding]) -> dict[str, tuple[bool, bool]]:
    kinds = {f.kind for f in findings}
    measures = {
        kind: (kind in expect.get("pd", []), kind in kinds) for kind in PERSONAL_DETAIL_KINDS
    }
    measures["offensive"] = (bool(expect.get("offensive")), bool(kinds & OFFENSIVE_KINDS))
    measures["gain"] = (bool(expect.get("gain")), bool(kinds & GAIN_KINDS))
    if "hate" in expect:
        measures["hate"] = (bool(expect["hate"]), bool(kinds & HATE_KINDS))
    if "safeguarding" in expect:
        measures["safeguarding"] = (
            bool(expect["safeguarding"]),
            bool(kinds & SAFEGUARDING_KINDS),
        )
    return measures


def evaluate(records: Iterable[dict[str, Any]], screener: Screener) -> dict[str, Score]:
    scores: dict[str, Score] = {}
    for record in records:
        findings = screener.screen(record["text"])
        for measure, (expected, predicted) in _measures(record["expect"], findings).items():
            label = f"{record['id']} {record['text']!r} -> {[f.match for f in findings]}"
            scores.setdefault(measure, Score()).add(expected, predicted, label)
    return scores
