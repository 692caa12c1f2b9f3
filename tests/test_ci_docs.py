"""The CI examples in docs/ci parse, and every essaylint command in them runs here."""

from __future__ import annotations

import shlex
from pathlib import Path

import yaml

from tests.conftest import ROOT, run_cli

DOCS = ROOT / "docs" / "ci"


def essaylint_commands(text: str) -> list[list[str]]:
    commands = []
    for line in text.splitlines():
        line = line.strip().lstrip("-").strip()
        if line.startswith("run: "):
            line = line[len("run: ") :]
        if line.startswith("essaylint "):
            command = line.split(" || ")[0]
            commands.append(shlex.split(command)[1:])
    return commands


def test_github_workflow_parses_and_its_commands_run(tmp_path):
    workflow = yaml.safe_load((DOCS / "github-actions.yml").read_text())
    steps = workflow["jobs"]["essaylint"]["steps"]
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif") for s in steps)
    assert workflow["permissions"]["security-events"] == "write"
    run_all(essaylint_commands((DOCS / "github-actions.yml").read_text()), tmp_path)


def test_gitlab_job_parses_and_its_commands_run(tmp_path):
    job = yaml.safe_load((DOCS / "gitlab-ci.yml").read_text())["essaylint"]
    assert set(job["artifacts"]["reports"]) == {"codequality", "junit"}
    run_all(essaylint_commands("\n".join(job["script"])), tmp_path)


def run_all(commands: list[list[str]], tmp_path: Path) -> None:
    assert commands
    (tmp_path / "corpus").mkdir()
    for path in (ROOT / "corpus").iterdir():
        (tmp_path / "corpus" / path.name).write_bytes(path.read_bytes())
    import subprocess

    for command in (["init", "-q"], ["add", "."], ["-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "x"]):
        subprocess.run(["git", *command], cwd=tmp_path, check=True, capture_output=True)
    for args in commands:
        args = [a.replace("$GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md")).replace("$BASE", "HEAD") for a in args]
        result = run_cli(*args, cwd=tmp_path)
        assert result.returncode in (0, 1), (args, result.stderr)
        if "--output" in args:
            assert (tmp_path / args[args.index("--output") + 1]).stat().st_size > 0


def test_the_readmes_table_of_kinds_is_the_one_made_from_the_classes():
    from lint.explain import kinds_table

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("<!-- kinds:start -->\n", 1)[1].split("\n<!-- kinds:end -->", 1)[0]
    assert shown == kinds_table(), "regenerate: python -m lint.explain README.md"


def test_the_readmes_table_of_default_rules_is_the_one_made_from_the_rule_files():
    from lint.explain import rules_table

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("<!-- rules:start -->\n", 1)[1].split("\n<!-- rules:end -->", 1)[0]
    assert shown == rules_table(), "regenerate: python -m lint.explain README.md"
    assert shown.count("\n| `") == len(list((ROOT / "rules").rglob("*.yaml")))


def test_the_readme_tables_are_made_anew_by_one_command(tmp_path):
    from lint.explain import kinds_table, rules_table, with_tables

    stale = "x\n<!-- kinds:start -->\nold\n<!-- kinds:end -->\ny\n<!-- rules:start -->\nold\n<!-- rules:end -->\n"
    fresh = with_tables(stale)
    assert (
        fresh
        == f"x\n<!-- kinds:start -->\n{kinds_table()}\n<!-- kinds:end -->\ny\n<!-- rules:start -->\n{rules_table()}\n<!-- rules:end -->\n"
    )
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert with_tables(readme) == readme
