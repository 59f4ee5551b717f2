"""Print screening throughput (comments per second) on a generated corpus.

    python bench/screening_bench.py [--comments 20000] [--dev FILE]

The corpus mixes the labelled dev set with clean filler of realistic length,
roughly one flagged comment in five, as a busy week of comments might be.
Prints numbers only; nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a plain script from anywhere: the package lives at the repo root.
sys.path.insert(0, str(ROOT))

from screening import Screener  # noqa: E402

DEFAULT_DEV = ROOT / "tests" / "screening" / "dev.jsonl"
FILLER = [
    "Waited {n} hours at St Helier A&E on {day} and the staff were run off their feet",
    "The GP receptionist at the surgery on the High Street was really kind to my mum",
    "Thank you Healthwatch Sutton for following up on the pharmacy opening hours",
    "Has anyone else had trouble booking a blood test at the {place} clinic this month?",
    "My dad's care package was reviewed after {n} weeks and it is much better now",
    "The {n} bus to the hospital is always late, so we missed the physio appointment",
    "Over {n},000 people answered the survey; well done to the volunteers in {place}",
    "Mental health support for young people in {place} needs more funding, not less",
]
DAYS = ["Monday", "Tuesday", "Saturday", "Sunday"]
PLACES = ["Sutton", "Carshalton", "Wallington", "Cheam", "Belmont", "Worcester Park"]


def corpus(size: int, dev: Path, seed: int = 2025) -> list[str]:
    rng = random.Random(seed)
    flagged = [json.loads(line)["text"] for line in dev.open(encoding="utf-8") if line.strip()]
    texts = []
    for _ in range(size):
        if flagged and rng.random() < 0.2:
            texts.append(rng.choice(flagged))
        else:
            texts.append(
                rng.choice(FILLER).format(
                    n=rng.randint(2, 154), day=rng.choice(DAYS), place=rng.choice(PLACES)
                )
            )
    return texts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=20_000)
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    screener = Screener()
    compiled = time.perf_counter() - started
    texts = corpus(args.comments, args.dev)

    started = time.perf_counter()
    findings = sum(len(screener.screen(text)) for text in texts)
    elapsed = time.perf_counter() - started
    chars = sum(map(len, texts))
    print(f"compile word lists: {compiled * 1000:.0f} ms")
    print(
        f"screened {len(texts)} comments ({chars / len(texts):.0f} chars on average) "
        f"in {elapsed:.2f} s: {len(texts) / elapsed:,.0f} comments/s, {findings} findings"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
