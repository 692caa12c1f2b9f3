"""A longer fuzz run: generated Markdown through the whole default rule set.

    python fuzz/run.py [--count 10000] [--seed 0] [--names 200] [--records 2000]

Checks, for every input: no exception, every finding's span inside the text,
safe fixes reaching a fixed point. Prints how many inputs it tried and how
many findings it saw; exits 1 on the first failure, printing the input.

`--commands N` runs N generated documents through `check` (files and JSONL),
`stats`, `report` and `--fix` in batches of 500: no traceback, every input
in every output. `--names N` writes N essays under odd file names (bytes that are not UTF-8,
control characters, `::` workflow-command look-alikes, very long names)
and runs `essaylint check` on the folder as a user would: every file must be
in the JSON output and no run may end in an internal error. `--records N`
writes a JSONL dataset of N records, some broken (not UTF-8, not JSON, no
text field, lone surrogates in ids): every record must come out, in order.
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


def odd_names(count: int, seed: int) -> None:
    """Essays under hostile file names through the command line; every one must be reported on."""
    import json
    import os
    import random
    import subprocess
    import tempfile

    rng = random.Random(seed)
    pieces = [
        b"\xff",
        b"\xc3(",
        b"\x1b[2J",
        b"::warning title=x::",
        b"\n",
        b"\t",
        b" ",
        b"%",
        b"\\",
        b"\xe2\x80\xae",
        b"a" * 200,
    ]
    with tempfile.TemporaryDirectory() as tmp:
        made = set()
        for i in range(count):
            name = b"".join(rng.choice(pieces) for _ in range(rng.randint(1, 3))).replace(b"/", b"_")[:240]
            name = name + f"-{i}.md".encode()
            with open(os.path.join(os.fsencode(tmp), name), "wb") as handle:
                handle.write(f"# Title {i}\n\nThe the text {i}.\n".encode())
            made.add(i)
        run = subprocess.run(
            [sys.executable, "-m", "lint", "check", ".", "--format", "json", "--no-cache"],
            cwd=tmp,
            capture_output=True,
            text=True,
            check=False,
        )
        if run.returncode not in (0, 1) or "internal error" in run.stderr:
            sys.exit(f"fuzz: odd names: exit {run.returncode}: {run.stderr[-500:]}")
        seen = {int(f["path"].rsplit("-", 1)[1][:-3]) for f in json.loads(run.stdout)["files"]}
        if seen != made:
            sys.exit(f"fuzz: odd names: {len(made - seen)} files missing from the output")
    print(f"fuzz: {count} odd file names, every file reported, no internal error")


def broken_records(count: int, seed: int) -> None:
    """A JSONL dataset with broken records; every record must come out, in order."""
    import json
    import random
    import subprocess
    import tempfile

    rng = random.Random(seed)
    lines = []
    for i in range(1, count + 1):
        kind = rng.random()
        if kind < 0.03:
            lines.append(b'{"id": "r%d", "text": "bad \xff byte"}' % i)
        elif kind < 0.06:
            lines.append(b"{not json %d" % i)
        elif kind < 0.08:
            lines.append(b'{"id": "r%d", "body": "no text"}' % i)
        elif kind < 0.10:
            lines.append(b'{"id": "r%d\\ud800", "text": "# T\\n\\nText \\udc00 here."}' % i)
        else:
            lines.append(json.dumps({"id": f"r{i}", "text": f"# Title\n\nRecord {i}."}).encode())
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "d.jsonl"
        path.write_bytes(b"\n".join(lines) + b"\n")
        for jobs in ("1", "2"):
            run = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "lint",
                    "check",
                    str(path),
                    "--input-format",
                    "jsonl",
                    "--id-field",
                    "id",
                    "--jobs",
                    jobs,
                ],
                capture_output=True,
                text=True,
                check=False,
            )
            out = [json.loads(line) for line in run.stdout.splitlines()]
            if len(out) != count or "internal error" in run.stderr:
                sys.exit(f"fuzz: records (--jobs {jobs}): {len(out)} of {count} records out; {run.stderr[-300:]}")
            for number, record in enumerate(out, 1):
                if "error" in record and record.get("line") != number:
                    sys.exit(f"fuzz: records: error record out of place at {number}")
                if "error" not in record and not str(record["id"]).startswith(f"r{number}"):
                    sys.exit(f"fuzz: records: record {number} out of order ({record['id']!r})")
    print(f"fuzz: {count} JSONL records, some broken, every record out in order (1 and 2 jobs)")


def generated(count: int, seed_value: int = 0) -> list[bytes]:
    """`count` documents from the Markdown strategy (hypothesis, no shrinking), the same for the same seed."""
    from hypothesis import seed

    found: list[bytes] = []

    @seed(seed_value)
    @settings(
        max_examples=count,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(markdown_documents())
    def collect(raw: bytes) -> None:
        found.append(raw)

    collect()
    return found[:count]


def through_commands(count: int, batch: int = 500, seed_value: int = 0) -> None:
    """Generated documents through check (files and JSONL), stats, report and --fix, in batches.

    Every run must end with status 0 or 1 and no internal error, and every
    input must be in the output: each file in check's and stats' JSON, each
    record in the JSONL output, each essay in the report.
    """
    import json
    import subprocess
    import tempfile

    documents = generated(count, seed_value)

    def cli(*args: str, cwd: str) -> subprocess.CompletedProcess[str]:
        run = subprocess.run(
            [sys.executable, "-m", "lint", *args], cwd=cwd, capture_output=True, text=True, check=False
        )
        if run.returncode not in (0, 1) or "internal error" in run.stderr or "Traceback" in run.stderr:
            sys.exit(f"fuzz: {' '.join(args)}: exit {run.returncode}: {run.stderr[-800:]}")
        return run

    for first in range(0, len(documents), batch):
        part = documents[first : first + batch]
        with tempfile.TemporaryDirectory() as tmp:
            names = [f"doc_{first + i:05d}.md" for i in range(len(part))]
            for name, raw in zip(names, part, strict=True):
                Path(tmp, name).write_bytes(raw)
            records = "".join(
                json.dumps({"id": name, "text": raw.decode("utf-8", "replace")}) + "\n"
                for name, raw in zip(names, part, strict=True)
            )
            Path(tmp, "records.jsonl").write_text(records, encoding="utf-8")
            checked = json.loads(cli("check", ".", "--format", "json", "--no-cache", "--jobs", "2", cwd=tmp).stdout)
            shown = {f["path"] for f in checked["files"]}
            skipped = {n.split(":", 1)[0] for n in checked.get("notices", [])} if isinstance(checked, dict) else set()
            missing = [n for n in names if n not in shown and n not in skipped]
            if missing:
                sys.exit(f"fuzz: check: {len(missing)} files missing from the JSON output, e.g. {missing[0]}")
            out = cli("check", "records.jsonl", "--input-format", "jsonl", "--id-field", "id", cwd=tmp).stdout
            if [json.loads(line)["id"] for line in out.splitlines()] != names:
                sys.exit("fuzz: check --input-format jsonl: records missing or out of order")
            stats = json.loads(cli("stats", ".", "--format", "json", cwd=tmp).stdout or "[]")
            if not isinstance(stats, list | dict):
                sys.exit("fuzz: stats: no JSON")
            cli("report", ".", "-o", "report.html", cwd=tmp)
            report = Path(tmp, "report.html").read_text(encoding="utf-8")
            absent = [n for n in names if n not in report]
            if absent:
                sys.exit(f"fuzz: report: {len(absent)} essays missing, e.g. {absent[0]}")
            cli("check", ".", "--fix", "--no-cache", cwd=tmp)
        print(
            f"fuzz: commands: {first + len(part)} of {len(documents)} documents through check, JSONL, stats, report, --fix"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--names", type=int, default=0, help="also: this many essays under odd file names")
    parser.add_argument(
        "--records", type=int, default=0, help="also: a JSONL dataset of this many records, some broken"
    )
    parser.add_argument(
        "--commands", type=int, default=0, help="also: this many documents through check, JSONL, stats, report, --fix"
    )
    args = parser.parse_args()
    if args.commands:
        through_commands(args.commands, seed_value=args.seed)
    if args.names:
        odd_names(args.names, args.seed)
    if args.records:
        broken_records(args.records, args.seed)
    if args.count <= 0:
        return
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
