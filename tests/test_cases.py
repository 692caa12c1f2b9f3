"""Markdown examples with their expected findings beside them (the markdownlint way).

Each `tests/cases/<category>/<name>.md` has a `<name>.expected` listing one
`LINE RULE` per expected finding; an empty file means "nothing is flagged".
A first line `select: a, b` narrows the rules (off-by-default ones included);
otherwise every default-enabled rule of the category runs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.config import Config
from lint.engine import Linter, Selection

CASES = Path(__file__).parent / "cases"


def case_files() -> list[Path]:
    return sorted(CASES.glob("*/*.md"))


def parse_expected(path: Path) -> tuple[list[str] | None, list[tuple[int, str]]]:
    select = None
    expected = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("select:"):
            select = [s.strip() for s in line[len("select:") :].split(",") if s.strip()]
            continue
        number, rule = line.split(None, 1)
        expected.append((int(number), rule.strip()))
    return select, sorted(expected)


@pytest.mark.parametrize("case", case_files(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_case(case: Path):
    expected_file = case.with_suffix(".expected")
    assert expected_file.exists(), f"{case.name} has no .expected file beside it"
    select, expected = parse_expected(expected_file)
    category = case.parent.name
    selection = Selection(select=select or [category], extend_select=select or [])
    linter = Linter(Config(), selection)
    found = sorted((f.line, f.rule) for f in linter.lint_path(case, case.name).findings)
    assert found == expected


def test_every_structure_rule_has_a_flagged_case():
    flagged = set()
    for expected in CASES.glob("structure/*.expected"):
        flagged.update(rule for _, rule in parse_expected(expected)[1])
    rules = {p.stem for p in (Path(__file__).parent.parent / "rules" / "structure").glob("*.yaml")}
    assert {f"structure.{r}" for r in rules} <= flagged
