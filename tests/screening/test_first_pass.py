"""The first pass skips detectors that cannot match; it never hides a finding."""

import json
import random
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
    "I want to end it all!",
    "you idiot!",
    "what a load of bollocks!!",
    "sh1t! and $hit! and a$$!",
    "message me for prices!|",
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


PUNCTUATION = list("!?.,;:'\"()|$@+-_/*#&%£0123456789€") + [
    "’", "…", "—", "\u200b", " ", "\uff41", "\u0441", "ﬁ", "\u00ad", "\n", "İ",
]  # fmt: skip
LEET = {"a": "@", "i": "1", "o": "0", "s": "$", "e": "3", "l": "1", "t": "7"}


def _mangled(rng: random.Random, text: str) -> str:
    """The labelled text with a few characters added, doubled, capitalised or swapped
    for leetspeak: the ways people (and typos) put symbols beside and inside words."""
    chars = list(text)
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(chars) + 1)
        change = rng.random()
        if change < 0.5:
            chars.insert(i, rng.choice(PUNCTUATION))
        elif i == len(chars):
            continue
        elif change < 0.7:
            chars[i] = chars[i].upper()
        elif change < 0.85:
            chars[i] = LEET.get(chars[i].lower(), chars[i])
        else:
            chars.insert(i, chars[i])
    return "".join(chars)


def test_the_first_pass_finds_the_same_in_comments_mangled_at_random(screener, every_detector):
    rng = random.Random(15)
    for _ in range(1500):
        text = _mangled(rng, rng.choice(LABELLED))
        if rng.random() < 0.2:
            text += rng.choice(PUNCTUATION) + rng.choice(LABELLED)
        assert screener.screen(text) == every_detector.screen(text), text
