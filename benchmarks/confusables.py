"""Precision and recall of spelling.confusables on real-word errors.

    python benchmarks/confusables.py [--threshold T] [--sweep] [--per-set] [--mistakes [--misses]] [--peers]

Two sets: the real-word errors mined from Wikipedia's revision history
(../shared/external/spelling, written elsewhere; each error sentence and its
corrected version, which counts as a negative) and our own
benchmarks/data/confusables.jsonl.

A true positive is a finding on the swapped word suggesting the intended
word; any other confusables finding in a sentence is a false positive. The
peers (codespell, pyspellchecker, typos) are run on the same sentences where
installed: they look for non-words, so real-word errors are invisible to them.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.config import Config  # noqa: E402
from lint.document import Document  # noqa: E402
from lint.engine import Linter, Selection  # noqa: E402

DATA = ROOT / "benchmarks" / "data" / "confusables.jsonl"
WIKIPEDIA = ROOT.parent / "shared" / "external" / "spelling" / "realword-wikipedia-train.jsonl"


def load_wikipedia(path: Path = WIKIPEDIA) -> list[dict]:
    """Real-word errors from Wikipedia's revision history, as pairs of examples in our format.

    Each record gives a sentence with the error and its corrected version: the
    first is an error at `offset`, the second a correct sentence (any
    finding in it is a false alarm).
    """
    examples = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        pair = f"{record['wrong'].lower()}/{record['right'].lower()}"
        examples.append(
            {
                "sentence": record["sentence_error"],
                "offset": record["offset"],
                "written": record["wrong"],
                "intended": record["right"].lower(),
                "label": "error",
                "set": pair,
                "line": 0,
            }
        )
        examples.append(
            {
                "sentence": record["sentence_correct"],
                "offset": record["offset"],
                "written": record["right"],
                "intended": record["right"].lower(),
                "label": "correct",
                "set": pair,
                "line": 1,
            }
        )
    return examples


def load() -> list[dict]:
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate(
    examples: list[dict], threshold: float | None = None, rules: tuple[str, ...] = ("spelling.confusables",)
) -> dict:
    config = Config()
    if threshold is not None:
        config.rule_options = {rule: {"threshold": threshold} for rule in rules}
    linter = Linter(config, Selection(select=list(rules)))
    tp = fp = fn = 0
    per_set: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # tp, fp, fn
    mistakes = []
    for example in examples:
        doc = Document.from_text("s.md", example["sentence"] + "\n")
        findings = linter.lint_document(doc).findings
        hit = [f for f in findings if f.offset == example["offset"]]
        others = [f for f in findings if f.offset != example["offset"]]
        stats = per_set[example["set"]]
        if example["label"] == "error":
            if hit and hit[0].suggestions and hit[0].suggestions[0].lower() == example["intended"]:
                tp += 1
                stats[0] += 1
            else:
                fn += 1
                stats[2] += 1
                mistakes.append(("missed", example))
                if hit:
                    fp += 1
                    stats[1] += 1
        elif hit:
            fp += 1
            stats[1] += 1
            mistakes.append(("false alarm", example))
        fp += len(others)
        stats[1] += len(others)
        mistakes.extend(("false alarm elsewhere", {**example, "finding": f.message}) for f in others)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": precision,
        "recall": recall,
        "per_set": per_set,
        "mistakes": mistakes,
    }


def peers(examples: list[dict]) -> dict[str, dict]:
    """How many swapped words each installed peer flags (and how many correct words)."""
    results: dict[str, dict] = {}
    words = [(e, e["sentence"][e["offset"] : e["offset"] + len(e["written"])]) for e in examples]
    try:
        from spellchecker import SpellChecker

        checker = SpellChecker()
        flagged = [(e, bool(checker.unknown([w.lower()]))) for e, w in words]
        results["pyspellchecker"] = _peer_counts(flagged)
    except ImportError:
        results["pyspellchecker"] = {"note": "not installed (pip install pyspellchecker)"}
    for tool, args in (("codespell", []), ("typos", ["--format", "brief"])):
        exe = shutil.which(tool, path=os.pathsep.join([os.path.dirname(sys.executable), os.environ.get("PATH", "")]))
        if exe is None:
            results[tool] = {"note": f"not installed (pip install {tool})"}
            continue
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "sentences.txt"
            path.write_text("\n".join(e["sentence"] for e in examples) + "\n", encoding="utf-8")
            out = subprocess.run([exe, *args, str(path)], capture_output=True, text=True).stdout
        lines = {
            int(part.split(":")[1])
            for part in out.splitlines()
            if part.count(":") >= 2 and part.split(":")[1].isdigit()
        }
        flagged = [(e, (i + 1) in lines) for i, e in enumerate(examples)]
        results[tool] = _peer_counts(flagged)
    return results


def _peer_counts(flagged: list[tuple[dict, bool]]) -> dict:
    tp = sum(1 for e, f in flagged if f and e["label"] == "error")
    fp = sum(1 for e, f in flagged if f and e["label"] == "correct")
    errors = sum(1 for e, _ in flagged if e["label"] == "error")
    return {
        "tp": tp,
        "fp": fp,
        "precision": tp / (tp + fp) if tp + fp else None,
        "recall": tp / errors if errors else 0.0,
    }


def speed() -> float:
    """Milliseconds for the whole spelling family on one 3 KB seed essay, loaded once."""
    linter = Linter(Config(), Selection(select=["spelling"]))
    doc_bytes = (ROOT / "corpus" / "002_e419e24209e60c16.txt").read_bytes()
    linter.lint_bytes("warm.md", doc_bytes)
    runs = 50
    start = time.perf_counter()
    for _ in range(runs):
        linter.lint_bytes("e.md", doc_bytes)
    return (time.perf_counter() - start) / runs * 1000


def report(title: str, examples: list[dict], args: argparse.Namespace, halves: bool) -> None:
    errors = sum(e["label"] == "error" for e in examples)
    print(
        f"\n== {title}: {len(examples)} sentences ({errors} real-word errors, {len(examples) - errors} correct), "
        f"{len({e['set'] for e in examples})} word pairs"
    )
    if args.sweep:
        print(f"{'threshold':>9}  {'precision':>9}  {'recall':>6}  {'tp':>4}  {'fp':>4}")
        for t in (3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 10.0):
            r = evaluate(examples, t)
            print(f"{t:>9.1f}  {r['precision']:>9.3f}  {r['recall']:>6.3f}  {r['tp']:>4}  {r['fp']:>4}")
    result = evaluate(examples, args.threshold)
    print(
        f"essaylint spelling.confusables: precision {result['precision']:.3f}, recall {result['recall']:.3f} "
        f"(tp {result['tp']}, fp {result['fp']}, fn {result['fn']})"
    )
    if halves:
        for name, part in (
            ("odd source lines", [e for e in examples if e["line"] % 2]),
            ("even source lines", [e for e in examples if not e["line"] % 2]),
        ):
            half = evaluate(part, args.threshold)
            print(
                f"  on the {name:<17} ({len(part)} sentences): precision {half['precision']:.3f}, recall {half['recall']:.3f}"
            )
    if args.per_set:
        print(f"\n{'set':<34} {'precision':>9} {'recall':>7}")
        for name, (tp, fp, fn) in sorted(result["per_set"].items()):
            p = f"{tp / (tp + fp):.2f}" if tp + fp else "-"
            r = f"{tp / (tp + fn):.2f}" if tp + fn else "-"
            print(f"{name:<34} {p:>9} {r:>7}")
    if args.mistakes:
        for kind, example in result["mistakes"]:
            if kind == "missed" and not args.misses:
                continue
            print(
                f"{kind}: [{example['set']}] {example['sentence']}"
                + (f"  ({example['finding']})" if "finding" in example else "")
            )
    if args.peers:
        print("peers on the same sentences (a flag on the swapped word counts as a detection):")
        for tool, counts in peers(examples).items():
            if "note" in counts:
                print(f"  {tool:<15} {counts['note']}")
            else:
                p = "n/a" if counts["precision"] is None else f"{counts['precision']:.3f}"
                print(
                    f"  {tool:<15} precision {p}, recall {counts['recall']:.3f} (tp {counts['tp']}, fp {counts['fp']})"
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threshold", type=float, help="override the rule's threshold")
    parser.add_argument("--sweep", action="store_true", help="precision and recall for several thresholds")
    parser.add_argument("--per-set", action="store_true", help="a line per confusion set")
    parser.add_argument("--mistakes", action="store_true", help="list the false alarms")
    parser.add_argument("--misses", action="store_true", help="with --mistakes: the misses too")
    parser.add_argument("--peers", action="store_true", help="run codespell, typos, pyspellchecker where installed")
    parser.add_argument("--no-speed", action="store_true", help="skip the timing line")
    args = parser.parse_args()
    if WIKIPEDIA.is_file():
        report("Wikipedia revision errors (written elsewhere)", load_wikipedia(), args, halves=False)
    else:
        print(f"\n(missing {WIKIPEDIA}: the Wikipedia set is not measured)")
    report("benchmarks/data/confusables.jsonl (our own labels)", load(), args, halves=True)
    if not args.no_speed:
        print(
            f"\nspelling family (unknown words, misspellings, repeats, confusables) on a 3 KB essay: {speed():.1f} ms"
        )


if __name__ == "__main__":
    main()
