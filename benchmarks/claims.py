"""Precision, recall and F1 of claims.checkable-claim on three test sets, beside two baselines.

    python benchmarks/claims.py [--mistakes SET] [--no-speed] [--json]

Sets (benchmarks/claims_data.py): the ClaimBuster test split (debate speech,
labelled by its coders), `prose` (published prose and corpus/, labelled by
hand for essaylint) and `old` (the first set, mostly written for the lexicon
rules). Detectors, each run on the same sentences:

- `model`: the shipped rule (the trained model with its threshold);
- `lexicon`: the previous detector (`detector: lexicon`);
- `digit-or-capital`: a sentence with a digit or a capitalised word after the first.

Each sentence is linted as a one-paragraph document with the ledger off, so
the figures include Markdown handling and sentence splitting.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.claims_data import Row, test_sets  # noqa: E402
from lint.config import Config  # noqa: E402
from lint.document import Document  # noqa: E402
from lint.engine import Linter, Selection  # noqa: E402

_CAPITAL_AFTER_FIRST = re.compile(r"\S\s+[\"“(]?[A-Z]")


def digit_or_capital(sentence: str) -> bool:
    """The trivial baseline of the issue: any digit, or a capitalised word after the first."""
    return any(c.isdigit() for c in sentence) or bool(_CAPITAL_AFTER_FIRST.search(sentence))


def linter_for(detector: str) -> Linter:
    config = Config()
    config.rule_options = {"claims.checkable-claim": {"ledger": False, "detector": detector}}
    return Linter(config, Selection(select=["claims"]))


def flags(detector: str, rows: list[Row]) -> list[bool]:
    if detector == "digit-or-capital":
        return [digit_or_capital(sentence) for _, _, sentence in rows]
    linter = linter_for(detector)
    return [bool(linter.lint_document(Document.from_text("s.md", s + "\n")).findings) for _, _, s in rows]


def score(rows: list[Row], flagged: list[bool]) -> dict:
    tp = sum(1 for (y, _, _), f in zip(rows, flagged, strict=True) if y and f)
    fp = sum(1 for (y, _, _), f in zip(rows, flagged, strict=True) if not y and f)
    fn = sum(1 for (y, _, _), f in zip(rows, flagged, strict=True) if y and not f)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def source_of(provenance: str) -> str:
    """realtext/go-blog/x.md:12 -> go-blog; corpus/004:11 -> corpus; written -> written."""
    parts = provenance.split(":")[0].split("/")
    return parts[1] if parts[0] == "realtext" and len(parts) > 1 else parts[0]


def per_sentence_ms(rows: list[Row]) -> float:
    """Milliseconds per sentence for the shipped rule's decision alone, one core."""
    (check,) = linter_for("model").checks.values()
    sentences = [s for _, _, s in rows]
    check.assess(sentences[0])
    start = time.perf_counter()
    for sentence in sentences:
        check.assess(sentence)
    return (time.perf_counter() - start) * 1000 / len(sentences)


DETECTORS = ("model", "lexicon", "digit-or-capital")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mistakes", metavar="SET", help="list the model's misses and false alarms on one set")
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    sets = test_sets()
    results: dict[str, dict] = {}
    model_flags: dict[str, list[bool]] = {}
    for name, rows in sets.items():
        results[name] = {"sentences": len(rows), "claims": sum(1 for y, _, _ in rows if y)}
        for detector in DETECTORS:
            flagged = flags(detector, rows)
            if detector == "model":
                model_flags[name] = flagged
            results[name][detector] = score(rows, flagged)
    if not args.no_speed:
        everything = [row for rows in sets.values() for row in rows]
        results["ms_per_sentence"] = round(per_sentence_ms(everything), 3)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(f"{'set':<18} {'sentences':>9} {'claims':>6}  " + "  ".join(f"{d + ' P/R/F1':<24}" for d in DETECTORS))
        for name in sets:
            r = results[name]
            cells = "  ".join(
                f"{r[d]['precision']:.3f}/{r[d]['recall']:.3f}/{r[d]['f1']:.3f}".ljust(24) for d in DETECTORS
            )
            print(f"{name:<18} {r['sentences']:>9} {r['claims']:>6}  {cells}")
        for name, rows in sets.items():  # per source of text, where a set mixes sources
            sources = sorted({source_of(prov) for _, prov, _ in rows})
            if len(sources) < 2:
                continue
            for source in sources:
                members = [i for i, (_, prov, _) in enumerate(rows) if source_of(prov) == source]
                part = [rows[i] for i in members]
                r = score(part, [model_flags[name][i] for i in members])
                claims = sum(1 for y, _, _ in part if y)
                print(
                    f"  {name}/{source:<24} {len(part):>4} sentences {claims:>3} claims: "
                    f"model P/R/F1 {r['precision']:.3f}/{r['recall']:.3f}/{r['f1']:.3f}"
                )
        if "ms_per_sentence" in results:
            print(f"model: {results['ms_per_sentence']:.3f} ms per sentence (one core, decision only)")
    if args.mistakes:
        rows = sets[args.mistakes]
        for (label, provenance, sentence), flagged in zip(rows, model_flags[args.mistakes], strict=True):
            if label != flagged:
                print(f"{'missed' if label else 'false alarm'} [{provenance}]: {sentence}")


if __name__ == "__main__":
    main()
