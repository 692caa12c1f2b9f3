"""The claims ledger: concurrent marks all land, and the file is never half written."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from lint.claims_ledger import load_ledger, mark


def _mark_one(args: tuple[str, int]) -> str:
    path, i = args
    claim = {"claim_id": f"id{i:03d}", "file": "e.md", "sentence": f"In 20{i:02d} it rose by {i}%."}
    return mark(Path(path), claim, "verified", source=f"source {i}").id


def test_concurrent_marks_lose_no_entry(tmp_path):
    path = tmp_path / "claims.yaml"
    context = multiprocessing.get_context("fork")
    for trial in range(3):
        with context.Pool(8) as pool:
            ids = pool.map(_mark_one, [(str(path), trial * 100 + i) for i in range(16)])
        ledger = load_ledger(path)
        recorded = {e.id for e in ledger.entries}
        assert set(ids) <= recorded, sorted(set(ids) - recorded)
    assert len(load_ledger(path).entries) == 48
    assert [p.name for p in tmp_path.iterdir()] == ["claims.yaml"]  # no lock or temporary file left behind
