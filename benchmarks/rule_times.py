"""Where the time goes on real text: seconds per rule, and for the document model, one core.

    python benchmarks/rule_times.py [--corpus ../shared/realtext] [--top 25]

Each document is read and its shared structures built first (blocks, prose
copy, sentences, words: "document model"), then every default rule runs on
it with its own clock, in the engine's order; shared data a rule builds
first (the spelling tokens, the readability units) counts to that rule. The
total is close to `essaylint check --jobs 1` on the same files (that adds
start-up, file discovery and reporting).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.config import Config  # noqa: E402
from lint.document import Document  # noqa: E402
from lint.engine import Linter, Selection  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "realtext")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    paths = sorted(p for p in args.corpus.rglob("*.md") if p.is_file())
    linter = Linter(Config(), Selection())
    linter.load()
    for check in linter.checks.values():
        check.prepare()
    times: Counter[str] = Counter()
    size = 0
    for path in paths:
        raw = path.read_bytes()
        size += len(raw)
        start = time.perf_counter()
        doc = Document(str(path), raw)
        _ = doc.prose, doc.sentences, list(doc.iter_words())
        times["(document model)"] += time.perf_counter() - start
        for rule in linter.rules:
            if not rule.enabled:
                continue
            check = linter.checks[rule.id]
            start = time.perf_counter()
            check.start_file(doc)
            list(check.check(doc, linter.context))
            times[rule.id] += time.perf_counter() - start
    total = sum(times.values())
    print(f"{len(paths)} documents, {size / 1e6:.2f} MB, {total:.2f} s, {size / 1e6 / total:.2f} MB/s (one core)")
    for name, seconds in times.most_common(args.top):
        print(f"{seconds:7.2f} s  {100 * seconds / total:5.1f}%  {name}")


if __name__ == "__main__":
    main()
