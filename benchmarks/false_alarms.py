"""False alarms of the default rules on published prose written outside the project.

    python benchmarks/false_alarms.py [FOLDERS...] [--errors] [--rule RULE] [--json]

Each folder is one source (default: every source folder of ../shared/realtext).
Edited, published text: what a rule flags there is, to a first approximation,
a false alarm. For each source the table gives findings per 1,000 words, by
level and by rule, and the figures the targets are set on:

- errors per 1,000 words (target 0);
- warnings per 1,000 words without `spelling.unknown-word` (target at most
  1.5; unknown words are domain vocabulary, `goroutine`, or old spelling,
  `hath`: what a project vocabulary is for, so they are reported apart);
- `spelling.confusables` per 1,000 words (target at most 0.2).

`--errors` lists every error with its line, `--rule RULE` every finding of
that rule. Words are counted as `wc -w` counts them, over the whole file.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.config import Config  # noqa: E402
from lint.engine import Linter, Selection  # noqa: E402
from lint.finding import Finding  # noqa: E402

REALTEXT = ROOT.parent / "shared" / "realtext"
TARGETS = {"errors": 0.0, "warnings": 1.5, "confusables": 0.2}
APART = "spelling.unknown-word"


def default_sources() -> list[Path]:
    return sorted(p for p in REALTEXT.iterdir() if p.is_dir() and p.name != "LICENSES") if REALTEXT.is_dir() else []


def measure(linter: Linter, folder: Path) -> dict:
    """Findings of every Markdown file below `folder`, counted per rule and level."""
    files = sorted(p for p in folder.rglob("*") if p.suffix in (".md", ".markdown", ".txt") and p.is_file())
    words = 0
    by_rule: Counter[tuple[str, str]] = Counter()
    listed: list[tuple[str, Finding]] = []
    for path in files:
        raw = path.read_bytes()
        words += len(raw.split())
        result = linter.lint_bytes(str(path.relative_to(folder)), raw)
        for finding in result.findings:
            by_rule[(finding.level.label, finding.rule)] += 1
            listed.append((str(path), finding))
    per_k = 1000 / words if words else 0.0
    levels = Counter()
    for (level, _rule), n in by_rule.items():
        levels[level] += n
    warnings_apart = by_rule.get(("warning", APART), 0)
    return {
        "source": folder.name,
        "files": len(files),
        "words": words,
        "per_1000": {
            "errors": levels["error"] * per_k,
            "warnings": (levels["warning"] - warnings_apart) * per_k,
            "unknown_words": warnings_apart * per_k,
            "suggestions": levels["suggestion"] * per_k,
            "confusables": sum(n for (_lv, rule), n in by_rule.items() if rule == "spelling.confusables") * per_k,
        },
        "by_rule": {f"{level} {rule}": n for (level, rule), n in sorted(by_rule.items())},
        "findings": listed,
    }


def line_of(path: str, finding: Finding) -> str:
    try:
        lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
        return lines[finding.line - 1].strip()[:160]
    except (OSError, IndexError):
        return ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="*", type=Path, help="one folder per source (default: ../shared/realtext/*)")
    parser.add_argument("--errors", action="store_true", help="list every error-level finding with its line")
    parser.add_argument("--rule", action="append", default=[], help="list every finding of this rule")
    parser.add_argument("--by-rule", action="store_true", help="findings per 1,000 words for each rule and level")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    folders = args.folders or default_sources()
    if not folders:
        print("no source folders (../shared/realtext is missing): name some", file=sys.stderr)
        return 2
    linter = Linter(Config(), Selection())
    results = [measure(linter, folder) for folder in folders]
    if args.json:
        print(json.dumps([{k: v for k, v in r.items() if k != "findings"} for r in results], indent=2))
        return 0
    print("Findings per 1,000 words, default rules (targets: errors 0, warnings 1.5, confusables 0.2)\n")
    header = f"{'source':<18} {'files':>5} {'words':>8} {'errors':>7} {'warnings':>8} {'confus.':>7} {'unknown':>7} {'sugg.':>6}  met"
    print(header)
    print("-" * len(header))
    total_words = 0
    for r in results:
        k = r["per_1000"]
        total_words += r["words"]
        met = (
            k["errors"] <= TARGETS["errors"]
            and k["warnings"] <= TARGETS["warnings"]
            and k["confusables"] <= TARGETS["confusables"]
        )
        print(
            f"{r['source']:<18} {r['files']:>5} {r['words']:>8,} {k['errors']:>7.2f} {k['warnings']:>8.2f} "
            f"{k['confusables']:>7.2f} {k['unknown_words']:>7.2f} {k['suggestions']:>6.2f}  {'yes' if met else 'NO'}"
        )
    print(f"\n(warnings do not count {APART}, shown apart as 'unknown'; {total_words:,} words in all)")
    if args.by_rule:
        for r in results:
            print(f"\n{r['source']} ({r['words']:,} words): findings per 1,000 words by rule")
            for key, n in r["by_rule"].items():
                print(f"  {key:<48} {n:>5}  {n * 1000 / r['words']:>6.2f}")
    for r in results:
        for path, finding in r["findings"]:
            if (args.errors and finding.level.label == "error") or finding.rule in args.rule:
                print(
                    f"{path}:{finding.line}:{finding.column}: {finding.level.label} {finding.rule}: {finding.message}"
                )
                print(f"    {line_of(path, finding)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
