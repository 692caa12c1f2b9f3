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
that rule, `--peers` adds what proselint, codespell, typos and
markdownlint-cli2 report on the same files (findings per 1,000 words; a
missing peer is listed as missing). Words are counted as `wc -w` counts
them, over the whole file.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
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


PEERS = {
    "proselint": ["check"],
    "codespell": [],
    "typos": ["--format", "brief"],
    "markdownlint-cli2": [],
}


def peer_counts(folder: Path, words: int) -> dict[str, float | None]:
    """Findings per 1,000 words each installed peer reports on the folder's files (None: not installed).

    One finding is one line of output naming a file, which is how each of
    these tools prints a finding.
    """
    files = sorted(str(p) for p in folder.rglob("*.md"))
    found: dict[str, float | None] = {}
    search = os.pathsep.join([os.path.dirname(sys.executable), os.environ.get("PATH", "")])
    for tool, args in PEERS.items():
        exe = shutil.which(tool, path=search)
        if exe is None or not files:
            found[tool] = None
            continue
        run = subprocess.run([exe, *args, *files], capture_output=True, text=True, errors="replace", check=False)
        names = {str(Path(f).resolve()) for f in files}
        output = (run.stdout + run.stderr).splitlines()  # markdownlint-cli2 reports on stderr
        hits = sum(1 for line in output if ":" in line and str(Path(line.split(":", 1)[0]).resolve()) in names)
        found[tool] = hits * 1000 / words if words else 0.0
    return found


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
    parser.add_argument("--peers", action="store_true", help="also run proselint, codespell, typos, markdownlint-cli2")
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
    if args.peers:
        print("\nPeers on the same files, findings per 1,000 words (every level; '-' not installed)\n")
        print(f"{'source':<18} {'essaylint':>9} " + " ".join(f"{tool:>17}" for tool in PEERS))
        for folder, r in zip(folders, results, strict=True):
            counts = peer_counts(folder, r["words"])
            ours = r["per_1000"]["errors"] + r["per_1000"]["warnings"] + r["per_1000"]["unknown_words"]
            cells = " ".join(f"{'-' if counts[t] is None else format(counts[t], '.2f'):>17}" for t in PEERS)
            print(f"{r['source']:<18} {ours:>9.2f} {cells}")
        print("(essaylint: errors and warnings, unknown words included; suggestions are not counted)")
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
