"""Throughput of essaylint against its peers, on a synthetic corpus made from corpus/.

    python benchmarks/run.py [--essays 2000] [--jobs N] [--json]
    python benchmarks/run.py --corpus ../shared/realtext [--json]

The corpus is built deterministically (seeded) from the seed essays: each
synthetic essay takes a title from one seed and three to five sections from
others, so sizes fall between 2 and 4 KB like the seeds. Each tool runs in
its own process (essaylint with its modules byte-compiled, as an installed
copy has them); wall time (timed around that process alone; the median of
several runs for essaylint's rows, one run for each peer), essays/s, MB/s and
peak memory (the largest process, from getrusage) are printed as a table,
with the ratio to each installed peer (proselint, codespell, markdownlint-cli2).

`--corpus DIR` measures on a folder of real documents instead (its .md
files), with essaylint on one core and on all cores, cold and warm, and the
peers (proselint, codespell, typos, markdownlint-cli2) on the same files; a
peer that is not installed is listed as missing. Then `--pairs` rounds
(default 3) of essaylint on one core and proselint run back to back on the
whole folder: the ratio of their speeds per round and its median, the
figure least moved by the machine's drift. Last, each source (each
subfolder) on its own: essaylint on one core beside proselint, and the
ratio of their speeds.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"


def build_corpus(target: Path, count: int, seed: int = 20261123) -> tuple[list[Path], int]:
    essays = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").iterdir())]
    titles, sections = [], []
    for essay in essays:
        parts = re.split(r"(?m)^(?=## )", essay)
        titles.append(parts[0])
        sections.extend(p if p.endswith("\n") else p + "\n" for p in parts[1:])
    rng = random.Random(seed)
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    paths, size = [], 0
    for i in range(count):
        body = rng.choice(titles).rstrip("\n") + "\n\n" + "\n".join(rng.sample(sections, rng.randint(3, 5)))
        path = target / f"essay_{i:05d}.md"
        path.write_text(body, encoding="utf-8")
        paths.append(path)
        size += len(body.encode("utf-8"))
    return paths, size


def measure(cmd: list[str], cwd: Path, repeat: int = 1) -> dict:
    """Run a command in a child `repeat` times; the median wall time and the child's peak RSS (MB).

    The clock runs inside the probe, around the child alone, so the probe's
    own interpreter start-up is not charged to the tool measured.
    """
    probe = (
        "import resource, subprocess, sys, json, time;"
        "t = time.perf_counter();"
        "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
        "w = time.perf_counter() - t;"
        "print(json.dumps({'rc': r.returncode, 'wall': w, 'rss': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))"
    )
    runs = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", probe, *cmd], cwd=cwd, capture_output=True, text=True)
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    wall = statistics.median(r["wall"] for r in runs)
    peak = max(r["rss"] for r in runs)
    return {"wall_s": round(wall, 3), "peak_mb": round(peak / 1024, 1), "rc": runs[-1]["rc"], "runs": repeat}


def tool(name: str) -> str | None:
    return shutil.which(name, path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--essays", type=int, default=2000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--corpus", type=Path, help="a folder of real documents to measure on instead")
    parser.add_argument(
        "--pairs", type=int, default=3, help="with --corpus: rounds of essaylint (one core) and proselint back to back"
    )
    args = parser.parse_args()
    if args.corpus is not None:
        real_corpus(args.corpus.resolve(), args.json, args.pairs)
        return
    corpus_dir = OUT / "corpus"
    paths, size = build_corpus(corpus_dir, args.essays)
    # Bytecode for essaylint's own modules, as `pip install` of a wheel writes it: an editable
    # install under PYTHONDONTWRITEBYTECODE (set on these machines) would otherwise recompile
    # every module in every process, which no installed copy does.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "lint")], check=False)
    mb = size / 1e6
    essaylint = tool("essaylint") or sys.executable
    base = [essaylint] if essaylint.endswith("essaylint") else [sys.executable, "-m", "lint"]
    rows = []

    def record(name: str, cmd: list[str], count: int, prep=None, repeat: int = 1) -> None:
        if prep:
            prep()
        result = measure(cmd, OUT, repeat)
        result.update(
            name=name,
            essays=count,
            essays_per_s=round(count / result["wall_s"], 1),
            mb_per_s=round((mb if count == args.essays else size / args.essays * count / 1e6) / result["wall_s"], 2),
        )
        rows.append(result)

    cache = OUT / ".essaylint_cache"
    record(
        "essaylint cold",
        [*base, "check", "corpus", "--no-cache", "-q", "--jobs", str(args.jobs)],
        args.essays,
        prep=lambda: shutil.rmtree(cache, ignore_errors=True),
        repeat=3,
    )
    record(
        "essaylint warm (cache)",
        [*base, "check", "corpus", "-q", "--jobs", str(args.jobs)],
        args.essays,
        prep=lambda: measure([*base, "check", "corpus", "-q", "--jobs", str(args.jobs)], OUT),
        repeat=3,
    )
    # Sub-second runs: the median of five, so one scheduling hiccup does not decide the figure.
    record("essaylint one essay", [*base, "check", str(paths[0]), "--no-cache", "-q", "--jobs", "1"], 1, repeat=5)
    record("essaylint --help", [*base, "--help"], 1, repeat=5)
    peers = {
        "proselint": ["proselint", "check", *[str(p) for p in paths]] if tool("proselint") else None,
        "codespell": [tool("codespell") or "codespell", "corpus"] if tool("codespell") else None,
        "markdownlint-cli2": ["markdownlint-cli2", "corpus/**/*.md"] if tool("markdownlint-cli2") else None,
    }
    for name, cmd in peers.items():
        if cmd is None:
            rows.append({"name": name, "note": "not installed"})
            continue
        if name == "proselint":
            cmd = [tool("proselint"), *cmd[1:]]
        record(name, cmd, args.essays)
    report = OUT / "report.html"
    record(
        "essaylint report (HTML)", [*base, "report", "corpus", "-o", str(report), "--jobs", str(args.jobs)], args.essays
    )
    report_mb = round(report.stat().st_size / 1e6, 2) if report.exists() else None
    cold = rows[0]
    if args.json:
        print(
            json.dumps(
                {
                    "essays": args.essays,
                    "corpus_mb": round(mb, 2),
                    "jobs": args.jobs,
                    "results": rows,
                    "report_mb": report_mb,
                },
                indent=2,
            )
        )
        return
    print(
        f"{args.essays} essays, {mb:.1f} MB, jobs={args.jobs}, {os.cpu_count()} cores, Python {sys.version.split()[0]}"
    )
    print(f"{'run':<26} {'wall s':>8} {'essays/s':>9} {'MB/s':>6} {'peak MB':>8}  {'essaylint cold vs this':>22}")
    for row in rows:
        if "note" in row:
            print(f"{row['name']:<26} {row['note']}")
            continue
        ratio = ""
        if row["name"] in peers and row["essays"] == args.essays:
            ratio = f"{cold['essays_per_s'] / row['essays_per_s']:.2f}x"
        print(
            f"{row['name']:<26} {row['wall_s']:>8.2f} {row['essays_per_s']:>9.1f} {row['mb_per_s']:>6.2f} "
            f"{row['peak_mb']:>8.1f}  {ratio:>22}"
        )
    print(f"HTML report for {args.essays} essays: {report_mb} MB")
    print(
        f"peak memory of this process tree's largest process: {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB"
    )


def real_corpus(folder: Path, as_json: bool, pairs: int = 3) -> None:
    """Every .md file under `folder`, one core and all cores, cold and warm, beside the peers."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "lint")], check=False)
    paths = sorted(folder.rglob("*.md"))
    size = sum(p.stat().st_size for p in paths)
    listing = OUT / "real-files.txt"
    OUT.mkdir(parents=True, exist_ok=True)
    work = OUT / "real"
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(folder, work, ignore=shutil.ignore_patterns(".*"))
    files = [str(p.relative_to(folder)) for p in paths]
    listing.write_text("\n".join(files) + "\n", encoding="utf-8")
    essaylint = tool("essaylint") or sys.executable
    base = [essaylint] if essaylint.endswith("essaylint") else [sys.executable, "-m", "lint"]
    cores = os.cpu_count() or 1
    rows = []

    def record(name: str, cmd: list[str], prep=None, repeat: int = 1) -> None:
        if prep:
            prep()
        result = measure(cmd, work, repeat)
        result.update(name=name, files=len(paths), files_per_s=round(len(paths) / result["wall_s"], 1))
        result["mb_per_s"] = round(size / 1e6 / result["wall_s"], 3)
        rows.append(result)

    cache = work / ".essaylint_cache"
    clear = lambda: shutil.rmtree(cache, ignore_errors=True)  # noqa: E731
    check = [*base, "check", *files, "-q"]
    record("essaylint cold, 1 core", [*check, "--no-cache", "--jobs", "1"], clear, repeat=2)
    record(f"essaylint cold, {cores} cores", [*check, "--no-cache", "--jobs", str(cores)], clear, repeat=2)
    record("essaylint warm (cache)", [*check, "--jobs", str(cores)], lambda: measure([*check], work), repeat=3)
    peers = {
        "proselint": [tool("proselint"), "check", *files] if tool("proselint") else None,
        "codespell": [tool("codespell"), *files] if tool("codespell") else None,
        "typos": [tool("typos"), *files] if tool("typos") else None,
        "markdownlint-cli2": [tool("markdownlint-cli2"), *files] if tool("markdownlint-cli2") else None,
    }
    for name, cmd in peers.items():
        if cmd is None:
            rows.append({"name": name, "note": "missing (not installed)"})
        else:
            record(name, cmd)
    # The machine's speed drifts (1.7 times within an hour here): the ratio the target is set on is
    # taken from rounds of essaylint and proselint run back to back, one right after the other.
    paired = []
    if peers["proselint"] is not None:
        for _ in range(pairs):
            mine = measure([*check, "--no-cache", "--jobs", "1"], work)["wall_s"]
            theirs = measure(peers["proselint"], work)["wall_s"]
            paired.append({"essaylint_s": mine, "proselint_s": theirs, "ratio": round(theirs / mine, 3)})
    per_source = []
    for source in sorted({Path(f).parts[0] for f in files if len(Path(f).parts) > 1}):
        # Each source on its own, essaylint on one core beside proselint in the same minute:
        # the machine's speed drifts, and the ratio is what the target is set on.
        chosen = [f for f in files if Path(f).parts[0] == source]
        mb = sum((work / f).stat().st_size for f in chosen) / 1e6
        mine = measure([*base, "check", *chosen, "-q", "--no-cache", "--jobs", "1"], work)
        entry = {"source": source, "files": len(chosen), "mb": round(mb, 2), "essaylint_s": mine["wall_s"]}
        if peers["proselint"] is not None:
            entry["proselint_s"] = measure([tool("proselint"), "check", *chosen], work)["wall_s"]
        per_source.append(entry)
    if as_json:
        print(
            json.dumps(
                {
                    "corpus": str(folder),
                    "files": len(paths),
                    "mb": round(size / 1e6, 2),
                    "results": rows,
                    "paired": paired,
                    "per_source": per_source,
                },
                indent=2,
            )
        )
        return
    one_core = rows[0]
    print(f"{folder}: {len(paths)} files, {size / 1e6:.2f} MB, {cores} cores, Python {sys.version.split()[0]}")
    print(f"{'run':<26} {'wall s':>8} {'files/s':>8} {'MB/s':>7} {'peak MB':>8}  {'essaylint 1 core vs this':>24}")
    for row in rows:
        if "note" in row:
            print(f"{row['name']:<26} {row['note']}")
            continue
        ratio = f"{one_core['mb_per_s'] / row['mb_per_s']:.2f}x" if row["name"] in peers else ""
        print(
            f"{row['name']:<26} {row['wall_s']:>8.2f} {row['files_per_s']:>8.1f} {row['mb_per_s']:>7.3f} "
            f"{row['peak_mb']:>8.1f}  {ratio:>24}"
        )
    if paired:
        ratios = [p["ratio"] for p in paired]
        shown = ", ".join(f"{p['essaylint_s']:.2f} s / {p['proselint_s']:.2f} s" for p in paired)
        print(
            f"\nessaylint one core against proselint, {len(paired)} rounds back to back ({shown}): "
            f"essaylint's speed {statistics.median(ratios):.2f}x proselint's (median; {min(ratios):.2f}-{max(ratios):.2f}x)"
        )
    if per_source:
        print(
            f"\nper source, one core: {'source':<20} {'files':>5} {'MB':>6} {'essaylint s':>11} {'MB/s':>6} "
            f"{'proselint s':>11} {'ratio':>6}"
        )
        for entry in per_source:
            theirs = entry.get("proselint_s")
            ratio = f"{theirs / entry['essaylint_s']:.2f}x" if theirs else "missing"
            print(
                f"{'':<21}{entry['source']:<20} {entry['files']:>5} {entry['mb']:>6.2f} {entry['essaylint_s']:>11.2f} "
                f"{entry['mb'] / entry['essaylint_s']:>6.3f} {theirs or 0:>11.2f} {ratio:>6}"
            )


if __name__ == "__main__":
    main()
