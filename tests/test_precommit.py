"""The pre-commit hook as another repository would use it (`pre-commit try-repo`)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

GOOD = "# A Short Walk\n\nWe walked to the park. The sun was warm.\n\n## Home\n\nWe went home at four.\n"
BAD = "# A Short Walk\n\nWe walked to the the park.\n"


def pre_commit() -> list[str]:
    exe = shutil.which(
        "pre-commit", path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    )
    if exe is None:
        pytest.skip("pre-commit is not installed (it is in the test extras)")
    return [exe]


def test_hook_definitions_are_well_formed():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    essaylint = next(h for h in hooks if h["id"] == "essaylint")
    assert essaylint["language"] == "python" and essaylint["entry"].startswith("essaylint check")
    assert set(essaylint["types_or"]) == {"markdown", "plain-text"}
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    ids = {h["id"] for repo in config["repos"] for h in repo["hooks"]}
    assert {"essaylint", "ruff", "readme-tables"} <= ids
    tables = next(h for repo in config["repos"] for h in repo["hooks"] if h["id"] == "readme-tables")
    assert tables["entry"] == "python -m lint.explain README.md" and not tables["pass_filenames"]


def test_try_repo_fails_on_a_bad_essay_and_passes_on_a_good_one(tmp_path):
    cmd = pre_commit()
    repo = tmp_path / "essays"
    repo.mkdir()
    (repo / "good.md").write_text(GOOD)
    (repo / "bad.md").write_text(BAD)
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(ROOT / ".venv" / "pre-commit-cache")
        if (ROOT / ".venv").is_dir()
        else os.environ.get("PRE_COMMIT_HOME", str(tmp_path / "cache")),
        "NO_COLOR": "1",
    }
    for args in (["init", "-q"], ["add", "."], ["-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "x"]):
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)
    good = subprocess.run(
        [*cmd, "try-repo", str(ROOT), "essaylint", "--files", "good.md"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    assert good.returncode == 0, good.stdout + good.stderr
    bad = subprocess.run(
        [*cmd, "try-repo", str(ROOT), "essaylint", "--files", "bad.md"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "spelling.repeated-word" in bad.stdout
