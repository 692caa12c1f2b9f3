"""Precision and recall of claims.checkable-claim on benchmarks/data/claims.tsv.

    python benchmarks/claims.py [--mistakes]

Each sentence is linted as a one-paragraph document with the default rule
(ledger off). Labels: `claim` (asserts a specific checkable fact) or `none`.
Provenance is in the second column: `written` (for essaylint) or the
corpus file and line it comes from.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.config import Config  # noqa: E402
from lint.document import Document  # noqa: E402
from lint.engine import Linter, Selection  # noqa: E402

DATA = ROOT / "benchmarks" / "data" / "claims.tsv"


def load() -> list[tuple[str, str, str]]:
    rows = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, provenance, sentence = line.split("\t", 2)
        rows.append((label, provenance, sentence))
    return rows


def evaluate(rows: list[tuple[str, str, str]]) -> dict:
    config = Config()
    config.rule_options = {"claims.checkable-claim": {"ledger": False}}
    linter = Linter(config, Selection(select=["claims"]))
    tp = fp = fn = tn = 0
    mistakes = []
    for label, provenance, sentence in rows:
        flagged = bool(linter.lint_document(Document.from_text("s.md", sentence + "\n")).findings)
        if label == "claim":
            tp += flagged
            fn += not flagged
            if not flagged:
                mistakes.append(("missed", provenance, sentence))
        else:
            fp += flagged
            tn += not flagged
            if flagged:
                mistakes.append(("false alarm", provenance, sentence))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "tn": tn, "precision": precision, "recall": recall, "mistakes": mistakes}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mistakes", action="store_true", help="list misses and false alarms")
    args = parser.parse_args()
    rows = load()
    claims = sum(1 for r in rows if r[0] == "claim")
    print(f"{len(rows)} sentences: {claims} claims, {len(rows) - claims} non-claims")
    result = evaluate(rows)
    print(
        f"claims.checkable-claim: precision {result['precision']:.3f}, recall {result['recall']:.3f} "
        f"(tp {result['tp']}, fp {result['fp']}, fn {result['fn']}, tn {result['tn']})"
    )
    for subset in ("corpus", "written"):
        part = [r for r in rows if r[1].startswith(subset)]
        sub = evaluate(part)
        print(f"  {subset:<8} ({len(part)} sentences): precision {sub['precision']:.3f}, recall {sub['recall']:.3f}")
    if args.mistakes:
        for kind, provenance, sentence in result["mistakes"]:
            print(f"{kind} [{provenance}]: {sentence}")


if __name__ == "__main__":
    main()
