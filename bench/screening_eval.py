"""Print precision and recall per measure on a labelled JSONL set.

python bench/screening_eval.py [FILE ...]   (default: the project's copy of the dev set)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a plain script from anywhere: the package lives at the repo root.
sys.path.insert(0, str(ROOT))

from screening import Screener  # noqa: E402
from screening.evaluation import evaluate, read_labelled  # noqa: E402

DEFAULT = ROOT / "tests" / "screening" / "dev.jsonl"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=[DEFAULT])
    parser.add_argument("-v", "--verbose", action="store_true", help="list every error")
    args = parser.parse_args(argv)
    screener = Screener()
    for path in args.files:
        with path.open(encoding="utf-8") as handle:
            records = read_labelled(handle)
        print(f"{path} ({len(records)} comments)")
        print(f"  {'measure':<16}{'precision':>10}{'recall':>8}{'tp':>5}{'fp':>5}{'fn':>5}")
        for measure, score in evaluate(records, screener).items():
            print(
                f"  {measure:<16}{score.precision:>10.2f}{score.recall:>8.2f}"
                f"{score.tp:>5}{score.fp:>5}{score.fn:>5}"
            )
            if args.verbose:
                for error in score.errors:
                    print(f"      {error}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
