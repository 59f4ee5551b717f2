"""The first pass skips detectors that cannot match; it never hides a finding."""

import json
from pathlib import Path

import pytest

from screening import Screener

HERE = Path(__file__).parent
LABELLED = [
    json.loads(line)["text"]
    for name in ("dev", "heldout", "probe", "misses", "misses_heldout")
    for line in (HERE / f"{name}.jsonl").open(encoding="utf-8")
    if line.strip()
]
DISGUISED = [
    "f u c k this",
    "b.a.s.t.a.r.d",
    "fuuuuck off",
    "sh1t and @rse and p!ss-take",
    "you are a f*cking muppet",
    "bullshit",
    "window-licker",
    "you 1d10t",
    "I am self-harming",
    "I selfharm",
    "50% off everything",
    "earn £500 a week",
    "what a bunch of c|owns",
    "İstanbul then bullshit",
    "word•word and shit•happens",
]


@pytest.fixture(scope="module")
def every_detector() -> Screener:
    return Screener(first_pass=False)


@pytest.mark.parametrize("text", LABELLED + DISGUISED)
def test_the_first_pass_finds_what_running_every_detector_finds(text, screener, every_detector):
    assert screener.screen(text) == every_detector.screen(text)


def test_a_clean_comment_runs_no_word_detector(screener):
    seen = screener._gate.read(
        "The GP receptionist at the surgery was really kind to my mum, thank you"
    )
    assert seen.opened == frozenset()
