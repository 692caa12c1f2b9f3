"""Old code against new on real text, alternating, best of N: a speed change measured on a drifting machine.

    python benchmarks/ab.py --base REV [--rules RULE,RULE | all] [--rounds 5] [--corpus ../shared/realtext]

This VM's speed drifts by up to 1.7 times within an hour (proselint took
12.3 s to 20.0 s on the same files in one day), so a single timing before
and after a change says little. Here the working tree and a git worktree of
REV take turns, each run in a fresh process: the documents are built first,
then the chosen rules run on every document with their own clock. Printed:
the best and the median of each side and their ratio. `--rules none` times
building the documents (markdown, the prose mask, sentences, words) instead. The best of several
alternating runs is the figure docs/speed.md gives.

    python benchmarks/ab.py --base REV --instructions [--every 10] [--rules RULE,RULE]

counts instructions instead of seconds: `essaylint check --jobs 1 --no-cache`
over the corpus (every Nth file with `--every`) runs under valgrind's
callgrind in both trees at once, with a fixed hash seed. The count is the
same to a few in ten million from run to run, whatever else the machine
does, where seconds moved by a third on 2026-12-08; a change of a few
percent shows only this way. It needs valgrind (Debian's `valgrind`
package) and takes about 70 s per 0.45 MB.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Run in the tree being measured (its own `lint`), so old code needs no flag of this script.
_TIMER = """
import sys, time
from pathlib import Path
sys.path.insert(0, ".")
from lint.config import Config
from lint.document import Document
from lint.engine import Linter, Selection
rules, corpus = sys.argv[1], sys.argv[2]
linter = Linter(Config(), Selection() if rules in ("all", "none") else Selection(select=rules.split(",")))
linter.load()
for check in linter.checks.values():
    check.prepare()
raws = [(str(path), path.read_bytes()) for path in sorted(Path(corpus).rglob("*.md"))]
start = time.perf_counter()
docs = []
for name, raw in raws:
    doc = Document(name, raw)
    _ = doc.prose, doc.sentences, list(doc.iter_words())
    docs.append(doc)
if rules == "none":  # the document model alone
    print(time.perf_counter() - start)
    raise SystemExit
start = time.perf_counter()
for doc in docs:
    for rule in linter.rules:
        if rule.enabled:
            check = linter.checks[rule.id]
            check.start_file(doc)
            list(check.check(doc, linter.context))
print(time.perf_counter() - start)
"""


def timed(tree: Path, rules: str, corpus: Path) -> float:
    result = subprocess.run(
        [sys.executable, "-c", _TIMER, rules, str(corpus)], cwd=tree, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"ab: the run in {tree} failed:\n{result.stderr.strip()}")
    return float(result.stdout.strip().splitlines()[-1])


@contextmanager
def _worktree(rev: str) -> Iterator[Path]:
    """A git worktree of `rev` in a temporary folder (its `base` subfolder), removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="essaylint-ab-") as folder:
        base = Path(folder) / "base"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(base), rev], cwd=ROOT, check=True)
        try:
            yield base
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(base)], cwd=ROOT, check=False)


def _callgrind(tree: Path, rules: str, files: list[str], out: Path) -> subprocess.Popen[str]:
    """`check --jobs 1 --no-cache` of `files` in `tree` under callgrind, started (its total is read from `out`)."""
    select = [] if rules in ("all", "none") else ["--select", rules]
    command = [
        "valgrind",
        "--tool=callgrind",
        f"--callgrind-out-file={out}",
        sys.executable,
        "-m",
        "lint",
        "check",
        "--jobs",
        "1",
        "--no-cache",
        *select,
        *files,
    ]
    env = {**os.environ, "PYTHONHASHSEED": "0"}  # set and dict orders, and so the work done, fixed
    return subprocess.Popen(command, cwd=tree, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _collected(process: subprocess.Popen[str], tree: Path) -> int:
    _out, err = process.communicate()
    found = re.search(r"Collected : (\d+)", err)
    if found is None:
        raise SystemExit(f"ab: callgrind printed no total for {tree}:\n{err.strip()[-2000:]}")
    return int(found.group(1))


def compare_instructions(rev: str, rules: str, corpus: Path, every: int) -> None:
    if shutil.which("valgrind") is None:
        raise SystemExit("ab: --instructions needs valgrind (Debian: apt-get install valgrind)")
    files = [str(p) for p in sorted(corpus.rglob("*.md"))][:: max(1, every)]
    with _worktree(rev) as base:
        for tree in (base, ROOT):
            # Both trees byte-compiled, as an installed wheel is: with PYTHONDONTWRITEBYTECODE set
            # (as here) a new worktree compiled every module at every start, 3% of a 47-file run.
            subprocess.run([sys.executable, "-m", "compileall", "-q", "lint"], cwd=tree, check=True)
            # A first run in a new folder parses and keeps its rule files: not counted.
            warm = [sys.executable, "-m", "lint", "check", "--jobs", "1", "--no-cache", files[0]]
            subprocess.run(warm, cwd=tree, capture_output=True, check=False)
        runs = [(tree, _callgrind(tree, rules, files, base.parent / f"{n}.out")) for n, tree in enumerate((base, ROOT))]
        old, new = (_collected(process, tree) for tree, process in runs)
    print(f"rules: {rules}; corpus: {corpus}, {len(files)} files (every {every}); instructions of one run each")
    print(f"{rev:<12} {old:>16,}")
    print(f"{'working tree':<12} {new:>16,}")
    print(f"new / old: {new / old:.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", required=True, help="the commit to compare against (a git revision)")
    parser.add_argument(
        "--rules", default="all", help="rule ids or prefixes, comma-separated; 'all'; or 'none' for the document model"
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "realtext")
    parser.add_argument("--instructions", action="store_true", help="count instructions under callgrind, one run each")
    parser.add_argument("--every", type=int, default=1, help="with --instructions: every Nth file of the corpus")
    args = parser.parse_args()
    corpus = args.corpus.resolve()
    if args.instructions:
        compare_instructions(args.base, args.rules, corpus, args.every)
        return
    old: list[float] = []
    new: list[float] = []
    with _worktree(args.base) as base:
        for _ in range(args.rounds):
            old.append(timed(base, args.rules, corpus))
            new.append(timed(ROOT, args.rules, corpus))
    print(f"rules: {args.rules}; corpus: {corpus}; {args.rounds} alternating rounds")
    print(f"{args.base:<12} best {min(old):7.3f} s  median {statistics.median(old):7.3f} s")
    print(f"{'working tree':<12} best {min(new):7.3f} s  median {statistics.median(new):7.3f} s")
    print(f"new / old (best): {min(new) / min(old):.2f}")


if __name__ == "__main__":
    main()
