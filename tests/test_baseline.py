"""Baselines as a module: written, read back, matched as a multiset; bad files named with their line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lint.baseline import BaselineError, apply_baseline, load_baseline, write_baseline
from lint.config import Config
from lint.engine import Linter, Selection

TEXT = "# Title\n\nThe the end came. The the start.\n"


def _lint(tmp_path: Path, text: str) -> list:
    path = tmp_path / "essay.md"
    path.write_text(text, encoding="utf-8")
    linter = Linter(Config(root=tmp_path), Selection(select=["spelling.repeated-word"]))
    return [linter.lint_path(path, "essay.md")]


def test_a_baseline_absorbs_its_findings_once_each_even_after_lines_move(tmp_path):
    before = _lint(tmp_path, TEXT)
    assert len(before[0].findings) == 2
    baseline = tmp_path / "baseline.json"
    assert write_baseline(baseline, before) == 2
    moved = _lint(tmp_path, "# Title\n\nA new first line.\n\n" + TEXT.split("\n\n", 1)[1])
    assert [r.findings for r in apply_baseline(moved, load_baseline(baseline))] == [[]]
    third = _lint(tmp_path, TEXT.rstrip("\n") + " The the third.\n")
    left = apply_baseline(third, load_baseline(baseline))[0].findings
    assert [f.line for f in left] == [3] and len(third[0].findings) == 3  # two old ones absorbed, one new


def test_the_written_file_names_each_finding(tmp_path):
    baseline = tmp_path / "baseline.json"
    write_baseline(baseline, _lint(tmp_path, TEXT))
    data = json.loads(baseline.read_text(encoding="utf-8"))
    assert data["version"] == 1 and {e["rule"] for e in data["findings"]} == {"spelling.repeated-word"}
    assert all(e["path"] == "essay.md" and e["line"] == 3 and len(e["fingerprint"]) == 20 for e in data["findings"])


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"version": 1,\n "findings": [\n}', "baseline.json:3: not a baseline (invalid JSON"),
        (b'{"version": 2, "findings": []}', "not an essaylint baseline (expected version 1"),
        (b"\xff\xfe", "not a baseline (not UTF-8, byte 0)"),
    ],
)
def test_a_bad_baseline_is_one_error_naming_the_file(tmp_path, content, expected):
    baseline = tmp_path / "baseline.json"
    baseline.write_bytes(content)
    with pytest.raises(BaselineError, match="baseline") as caught:
        load_baseline(baseline)
    assert expected in str(caught.value) and str(baseline) in str(caught.value)


def test_a_missing_baseline_is_an_error_not_an_empty_one(tmp_path):
    with pytest.raises(BaselineError, match="cannot read baseline"):
        load_baseline(tmp_path / "none.json")
