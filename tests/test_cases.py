"""Markdown cases with their expected findings beside them (the markdownlint way), for every rule.

Each `tests/cases/<category>/<rule>/<case>.md` has a `<case>.expected`
listing one `LINE:COL RULE` per expected finding (`#` starts a comment; an
empty file means "nothing is flagged"). The rule of the folder runs alone
unless a line `select: a, b` names the rules to run (prefixes and
off-by-default rules included); `language: en-GB` sets the config's language. An optional `<case>.fixed.md` is the text
after every fix of those findings, safe and unsafe, is applied.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from lint.config import Config
from lint.engine import Linter, Selection

CASES = Path(__file__).parent / "cases"


def case_files() -> list[Path]:
    return sorted(p for p in CASES.glob("*/*/*.md") if not p.name.endswith(".fixed.md"))


def parse_expected(path: Path) -> tuple[list[str] | None, list[tuple[int, int, str]]]:
    select = None
    expected = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("language:"):
            continue
        if line.startswith("select:"):
            select = [s.strip() for s in line[len("select:") :].split(",") if s.strip()]
            continue
        where, rule = line.split(None, 1)
        number, column = where.split(":")
        expected.append((int(number), int(column), rule.strip()))
    return select, sorted(expected)


@cache
def _linter_for(chosen: tuple[str, ...], language: str) -> Linter:
    """One linter per selection and language: loading the rules is most of a case's time."""
    return Linter(
        Config(language=language), Selection(select=list(chosen), extend_select=list(chosen), use_cache=False)
    )


def _linter(case: Path, select: list[str] | None) -> Linter:
    rule = f"{case.parent.parent.name}.{case.parent.name}"
    chosen = select or [rule]
    language = next(
        (
            line.split(":", 1)[1].strip()
            for line in case.with_suffix(".expected").read_text().splitlines()
            if line.startswith("language:")
        ),
        "en",
    )
    return _linter_for(tuple(chosen), language)


@pytest.mark.parametrize("case", case_files(), ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}/{p.stem}")
def test_case(case: Path):
    expected_file = case.with_suffix(".expected")
    assert expected_file.exists(), f"{case.name} has no .expected file beside it"
    select, expected = parse_expected(expected_file)
    linter = _linter(case, select)
    result = linter.lint_path(case, case.name)
    assert sorted((f.line, f.column, f.rule) for f in result.findings) == expected
    fixed = case.with_name(case.stem + ".fixed.md")
    if fixed.exists():
        from lint.document import Document
        from lint.fixes import apply_edits

        text = Document(case.name, case.read_bytes()).text  # as the rules read it (UTF-16 decoded, say)
        assert apply_edits(text, [f for f in result.findings if f.fix is not None])[0] == fixed.read_bytes().decode()


def _default_rules() -> list[str]:
    linter = Linter(Config(), Selection(use_cache=False))
    return sorted(r.id for r in linter.rules)


def test_every_default_rule_has_three_cases_and_every_case_folder_is_a_rule():
    linter = Linter(Config(), Selection(use_cache=False))
    known = {r.id for r in linter.all_rules}
    folders = {f"{p.parent.name}.{p.name}": p for p in CASES.glob("*/*") if p.is_dir()}
    assert set(folders) <= known, sorted(set(folders) - known)
    thin = {
        rule: len([c for c in folders[rule].glob("*.md") if not c.name.endswith(".fixed.md")]) if rule in folders else 0
        for rule in _default_rules()
    }
    assert {rule: n for rule, n in thin.items() if n < 3} == {}
    for rule in _default_rules():  # and at least one of them flags it
        flagged = {r for case in folders[rule].glob("*.expected") for *_, r in parse_expected(case)[1]}
        assert rule in flagged, f"no case of {rule} expects a finding of it"


def test_every_case_of_a_rule_that_fixes_shows_its_fix():
    """A rule whose findings carry fixes has at least one case with its `.fixed.md`."""
    for folder in (p for p in CASES.glob("*/*") if p.is_dir()):
        rule = f"{folder.parent.name}.{folder.name}"
        fixes = any(
            f.fix is not None and f.rule == rule
            for case in folder.glob("*.md")
            if not case.name.endswith(".fixed.md")
            for f in _linter(case, parse_expected(case.with_suffix(".expected"))[0]).lint_path(case, case.name).findings
        )
        if fixes:
            assert list(folder.glob("*.fixed.md")), f"{folder}: its findings carry fixes, and no case shows one"
