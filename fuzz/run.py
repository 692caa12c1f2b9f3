"""A longer fuzz run: generated Markdown through the whole default rule set.

    python fuzz/run.py [--count 10000] [--seed 0]

Checks, for every input: no exception, every finding's span inside the text,
safe fixes reaching a fixed point. Prints how many inputs it tried and how
many findings it saw; exits 1 on the first failure, printing the input.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from markdown_strategy import check_document, markdown_documents  # noqa: E402

from lint.config import Config  # noqa: E402
from lint.engine import Linter, Selection  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    config = Config()
    config.rule_options = {"claims.checkable-claim": {"ledger": False}}
    linter = Linter(config, Selection())
    stats = {"inputs": 0, "findings": 0, "fixed": 0}
    start = time.monotonic()

    @settings(
        max_examples=args.count,
        deadline=None,
        database=None,
        derandomize=False,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(markdown_documents())
    def one(raw: bytes) -> None:
        stats["inputs"] += 1
        found, fixed = check_document(linter, raw)
        stats["findings"] += found
        stats["fixed"] += fixed

    import random

    random.seed(args.seed)
    one()
    elapsed = time.monotonic() - start
    print(
        f"fuzz: {stats['inputs']} generated documents, {stats['findings']} findings, {stats['fixed']} fixes applied, "
        f"no exception, every span inside its text ({elapsed:.0f} s)"
    )


if __name__ == "__main__":
    main()
