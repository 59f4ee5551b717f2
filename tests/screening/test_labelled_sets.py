"""Precision and recall floors on labelled comments.

The dev set (a copy of the customer's labelled example set, kept here so the suite reads nothing
outside the repository) was used while building the screener; the held-out set was written
before it was first run, so it is the fairer check on generalisation.
"""

from pathlib import Path

import pytest

from screening.evaluation import evaluate, read_labelled

DEV_SET = Path(__file__).parent / "dev.jsonl"
HELDOUT_SET = Path(__file__).parent / "heldout.jsonl"

PD_KINDS = ("postcode", "phone", "email", "nhs_number", "street_address")
FLOORS = {kind: (0.9, 0.9) for kind in PD_KINDS} | {"offensive": (0.85, 0.85), "gain": (0.85, 0.85)}


def _scores(path: Path, screener):
    assert path.exists(), f"labelled set not found: {path}"
    with path.open(encoding="utf-8") as handle:
        return evaluate(read_labelled(handle), screener)


@pytest.mark.parametrize("path", [DEV_SET, HELDOUT_SET], ids=["dev", "heldout"])
@pytest.mark.parametrize("measure", list(FLOORS))
def test_precision_and_recall_meet_their_floor(path, measure, screener):
    score = _scores(path, screener)[measure]
    min_precision, min_recall = FLOORS[measure]
    assert score.precision >= min_precision, score.errors
    assert score.recall >= min_recall, score.errors
