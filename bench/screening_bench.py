"""Screening speed against a bare baseline, and peak memory.

    python bench/screening_bench.py [--comments 5000] [--rounds 5] [--dev FILE]

The corpus is realistic comments of about 300 characters: a few sentences of
the kind people post, one comment in five carrying a labelled example from the
dev set. The baseline is the least any screener could do: one pass of Python
``re`` with a 200-word alternation, plus three simple regexes for postcode,
phone and email, over the same comments in the same run. The ratio is the
screener's speed over the baseline's (1.0 or more: at least as fast). Each is
timed ``--rounds`` times, alternating, and the best round counts, so a busy
machine slows both alike. Peak memory (tracemalloc) covers compiling the
screener and screening the corpus. Prints numbers only; the suite asserts none.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a plain script from anywhere: the package lives at the repo root.
sys.path.insert(0, str(ROOT))

from screening import Screener, default_wordlists  # noqa: E402
from screening.gate import squeeze  # noqa: E402

DEFAULT_DEV = ROOT / "tests" / "screening" / "dev.jsonl"
SENTENCES = [
    "Waited {n} hours at St Helier A&E on {day} and the staff were run off their feet.",
    "The GP receptionist at the surgery on the High Street was really kind to my mum.",
    "Thank you Healthwatch Sutton for following up on the pharmacy opening hours.",
    "Has anyone else had trouble booking a blood test at the {place} clinic this month?",
    "My dad's care package was reviewed after {n} weeks and it is much better now.",
    "The {n} bus to the hospital is always late, so we missed the physio appointment.",
    "Over {n},000 people answered the survey; well done to the volunteers in {place}.",
    "Mental health support for young people in {place} needs more funding, not less.",
    "I rang the surgery at 8am on {day} and was number {n} in the queue.",
    "The new online booking system is confusing for older people who don't use apps.",
    "My prescription wasn't ready again, that's the third time since the summer.",
    "The district nurses have been wonderful with my husband since his operation.",
    "Why does it take {n} days to get a call back from the community mental health team?",
    "We were told the dentist in {place} is not taking NHS patients any more.",
    "The discharge letter never reached our GP, so nobody followed up the tests.",
    "Parking at the hospital costs a fortune when you visit every day for a week.",
]
DAYS = ["Monday", "Tuesday", "Saturday", "Sunday"]
PLACES = ["Sutton", "Carshalton", "Wallington", "Cheam", "Belmont", "Worcester Park"]
TARGET_CHARS = 300


def corpus(size: int, dev: Path, seed: int = 2025) -> list[str]:
    rng = random.Random(seed)
    flagged = [json.loads(line)["text"] for line in dev.open(encoding="utf-8") if line.strip()]
    texts = []
    for _ in range(size):
        parts = [rng.choice(flagged)] if flagged and rng.random() < 0.2 else []
        while sum(map(len, parts)) < TARGET_CHARS - 60:
            parts.append(
                rng.choice(SENTENCES).format(
                    n=rng.randint(2, 154), day=rng.choice(DAYS), place=rng.choice(PLACES)
                )
            )
        rng.shuffle(parts)
        texts.append(" ".join(parts))
    return texts


def baseline() -> Callable[[str], int]:
    """One 200-word alternation and three simple regexes: the floor to beat."""
    lists = default_wordlists()
    words = sorted(
        {w for _, _, entry in lists.entries() for w in re.findall(r"[a-z]{3,}", entry.lower())}
    )[:200]
    alternation = re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE)
    postcode = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b", re.IGNORECASE)
    phone = re.compile(r"(?:\+44 ?|\b0)\d{3,4}[ \-]?\d{3}[ \-]?\d{3,4}\b")
    email = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
    patterns = (alternation, postcode, phone, email)
    assert len(words) == 200, f"only {len(words)} distinct words in the lists"

    def run(text: str) -> int:
        return sum(len(p.findall(text)) for p in patterns)

    return run


def best_rate(run: Callable[[str], object], texts: list[str]) -> float:
    started = time.perf_counter()
    for text in texts:
        run(text)
    return len(texts) / (time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=5_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    args = parser.parse_args(argv)

    texts = corpus(args.comments, args.dev)
    started = time.perf_counter()
    screener = Screener()
    compiled = time.perf_counter() - started
    floor = baseline()

    screener_rates, baseline_rates = [], []
    for _ in range(args.rounds):
        screener_rates.append(best_rate(screener.screen, texts))
        baseline_rates.append(best_rate(floor, texts))
    screened, bare = max(screener_rates), max(baseline_rates)
    findings = sum(len(screener.screen(text)) for text in texts)

    # Start from nothing cached, so compiling is measured in full.
    re.purge()
    squeeze.cache_clear()
    tracemalloc.start()
    measured = Screener()
    for text in texts:
        measured.screen(text)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()

    chars = sum(map(len, texts))
    print(f"compile word lists: {compiled * 1000:.0f} ms")
    print(f"comments: {len(texts)}, {chars / len(texts):.0f} chars on average, {findings} findings")
    print(f"screener: {screened:,.0f} comments/s (best of {args.rounds})")
    print(f"baseline: {bare:,.0f} comments/s (200-word alternation + postcode, phone, email)")
    print(f"ratio screener/baseline: {screened / bare:.2f}")
    print(f"peak memory (compile + screen): {peak / 1_000_000:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
