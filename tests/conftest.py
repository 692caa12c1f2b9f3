"""Shared helpers: run the real command line, and lint text with one ad-hoc rule."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from lint.checks import Context
from lint.document import Document
from lint.finding import Finding
from lint.ruleset import build_checks, load_rule

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture(autouse=True)
def _not_in_ci(monkeypatch):
    """CI sets CI=true, under which essaylint never reads a result cache; the tests of the cache
    run as on a developer's machine (test_cache_is_not_read_in_ci sets it back)."""
    monkeypatch.delenv("CI", raising=False)


def run_cli(
    *args: str, cwd: Path | None = None, input: bytes | None = None, env: dict | None = None, timeout: float = 300
) -> subprocess.CompletedProcess:
    """Run `python -m lint ARGS` as a user would, capturing text output."""
    import os

    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "lint", *args],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        input=input.decode() if input else None,
        env=full_env,
        timeout=timeout,
    )


def make_rule(tmp_path: Path, yaml_text: str, rule_id: str = "test.rule", folder: str = "style"):
    path = tmp_path / f"{rule_id}.yaml"
    path.write_text(textwrap.dedent(yaml_text), encoding="utf-8")
    return load_rule(path, rule_id, folder)


def lint_with(rule, text: str, context: Context | None = None) -> list[Finding]:
    check = build_checks([rule])[rule.id]
    doc = Document.from_text("essay.md", text)
    return sorted(check.check(doc, context or Context()), key=Finding.sort_key)


@pytest.fixture
def rule_factory(tmp_path: Path):
    def factory(yaml_text: str, rule_id: str = "test.rule", folder: str = "style"):
        return make_rule(tmp_path, yaml_text, rule_id, folder)

    return factory
