"""Findings on the corpus and on ../shared/realtext, compared with the ones recorded here.

Speed work must not change what is found. The corpus's findings are
recorded line by line (`tests/snapshots/corpus.tsv`); for the 473 published
documents, a digest and the count of each rule per source
(`tests/snapshots/realtext.json`), so a change names the rule and source
it touched. After an intended change of findings or suggestions, record
them again with `ESSAYLINT_UPDATE_SNAPSHOTS=1 pytest tests/test_findings_snapshot.py`
and say why in the commit.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli

SNAPSHOTS = Path(__file__).parent / "snapshots"
REALTEXT = ROOT.parent / "shared" / "realtext"
UPDATE = os.environ.get("ESSAYLINT_UPDATE_SNAPSHOTS") == "1"


def findings_lines(folder: Path, cwd: Path) -> list[str]:
    out = run_cli("check", str(folder), "--format", "json", "--no-cache", "--jobs", "2", cwd=cwd)
    assert out.returncode in (0, 1), out.stderr
    lines = []
    for file in json.loads(out.stdout)["files"]:
        path = os.path.relpath(file["path"], folder) if os.path.isabs(file["path"]) else file["path"]
        for f in file["findings"]:
            lines.append("\t".join([path, f["rule"], str(f["line"]), str(f["column"]), ", ".join(f["suggestions"])]))
    return sorted(lines)


def test_corpus_findings_are_the_recorded_ones():
    snapshot = SNAPSHOTS / "corpus.tsv"
    lines = findings_lines(Path("corpus"), ROOT)
    if UPDATE:
        snapshot.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert lines == snapshot.read_text(encoding="utf-8").splitlines()


@pytest.mark.skipif(not REALTEXT.exists(), reason="../shared/realtext is not here")
def test_realtext_findings_are_the_recorded_ones():
    snapshot = SNAPSHOTS / "realtext.json"
    lines = findings_lines(REALTEXT, REALTEXT)
    by_source: dict[str, list[str]] = {}
    for line in lines:
        by_source.setdefault(line.split("/", 1)[0] if "/" in line.split("\t", 1)[0] else ".", []).append(line)
    found = {
        source: {
            "sha256": hashlib.sha256("\n".join(members).encode("utf-8")).hexdigest(),
            "rules": dict(sorted(Counter(m.split("\t")[1] for m in members).items())),
        }
        for source, members in sorted(by_source.items())
    }
    if UPDATE:
        snapshot.write_text(json.dumps(found, indent=1) + "\n", encoding="utf-8")
    recorded = json.loads(snapshot.read_text(encoding="utf-8"))
    assert {s: v["rules"] for s, v in found.items()} == {s: v["rules"] for s, v in recorded.items()}
    assert found == recorded  # same counts, other places or suggestions
