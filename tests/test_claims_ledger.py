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


def test_two_concurrent_marks_both_land_in_each_of_100_rounds(tmp_path):
    path = tmp_path / "claims.yaml"
    context = multiprocessing.get_context("fork")
    with context.Pool(2) as pool:
        for round_ in range(100):
            ids = pool.map(_mark_one, [(str(path), 1000 + 2 * round_), (str(path), 1001 + 2 * round_)])
            recorded = {e.id for e in load_ledger(path).entries}
            assert set(ids) <= recorded, (round_, sorted(set(ids) - recorded))
    assert len(load_ledger(path).entries) == 200


TIPPED = "In 2019 the national intelligence agency tipped Australian authorities about a planned cyberattack."


def _project(tmp_path: Path) -> Path:
    import subprocess

    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    for year in ("2023", "2024"):
        (tmp_path / year).mkdir()
        (tmp_path / year / "intro.md").write_text(f"# Intro {year}\n\n{TIPPED}\n")
    return tmp_path


def _claims(cwd: Path, *paths: str) -> list[dict]:
    import json

    from tests.conftest import run_cli

    out = run_cli("claims", "list", *paths, "--format", "json", cwd=cwd)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)["claims"]


def test_ledger_is_found_from_a_subfolder_and_matches_by_path_from_the_root(tmp_path):
    from tests.conftest import run_cli

    project = _project(tmp_path)
    (cid,) = {c["claim_id"] for c in _claims(project, ".")}
    marked = run_cli("claims", "mark", cid, "--status", "verified", cwd=project)
    assert marked.returncode == 2 and "in 2 files" in marked.stderr and "--paths" in marked.stderr
    marked = run_cli("claims", "mark", cid, "--paths", "2023/intro.md", "--status", "verified", cwd=project)
    assert marked.returncode == 0, marked.stderr
    (entry,) = load_ledger(project / "claims.yaml").entries
    assert entry.file == "2023/intro.md"
    # From a subfolder: the same ledger, the same entry; the same sentence in 2024/ is still new.
    states = {c["relpath"]: c["state"] for c in _claims(project / "2023", ".", "../2024")}
    assert states == {"2023/intro.md": "verified", "2024/intro.md": "new"}
    checked = run_cli("check", "intro.md", "--select", "claims", "--format", "json", cwd=project / "2023")
    assert checked.returncode == 0 and '"claims.checkable-claim"' not in checked.stdout
    other = run_cli("check", "intro.md", "--select", "claims", "--format", "json", cwd=project / "2024")
    assert '"claims.checkable-claim"' in other.stdout


def test_reviewer_falls_back_to_the_git_user(tmp_path, monkeypatch):
    import subprocess

    project = _project(tmp_path)
    subprocess.run(["git", "-C", str(project), "config", "user.name", "Ada Editor"], check=True)
    monkeypatch.delenv("USER", raising=False)
    monkeypatch.chdir(project)
    claim = {"claim_id": "abc", "file": "2023/intro.md", "sentence": TIPPED}
    assert mark(project / "claims.yaml", claim, "verified").reviewer == "Ada Editor"
