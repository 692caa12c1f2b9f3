"""Published Vale styles run unchanged, measured against their own fixtures (issue 19).

`../shared/external/vale/` holds Microsoft, Google, write-good and proselint
as published, each with `fixtures/<Case>/` (a `.vale.ini` and `test.md`) and
`features/rules.feature`, the exact lines Vale prints there
(`file:line:column:Style.Rule:Message`). Each scenario is run the way a
Vale user would: `essaylint check` in the fixture's folder, which finds its
`.vale.ini`; only the style's own alerts are compared (essaylint's rules add
their own findings). The floors are what this build reaches today, so a
change that loses alerts fails; the issue's target is 98% and no extra
alert, which is not reached yet: `python -m tests.test_vale_styles` prints
where each style stands and every line that differs.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from lint.config import load_config
from lint.engine import Linter, Selection

VALE = Path(__file__).resolve().parent.parent.parent / "shared" / "external" / "vale"
STYLES = ("Google", "Microsoft", "proselint", "write-good")
# (identical expected alerts, extra alerts) this build reaches per style; raise them as it improves.
# Measured 2026-12-01: 201 of 226 expected alerts identical (89%), 5 extra. What differs and why:
# - Google.Contractions expects 'it's' for "It is" where Microsoft's fixture, on the same rule shape
#   (replace action), expects 'Aren't' for "Are not": the Google expectation predates Vale's
#   capitalised suggestions; this build follows the newer Vale (1 missing + 1 extra).
# - capitalization with indicators (Headings) and repetition with `alpha` (Illusions) do not load
#   yet: each is skipped with a notice (6 missing); Google's Acronyms and DateFormat cases differ in
#   what the prose copy holds.
# - "he/she" and "and/or" are masked as paths in essaylint's prose (3 missing); 'y.  T' keeps its
#   two spaces where Vale's HTML collapses them (2 pairs); the rest are single cases.
FLOORS = {"Google": (45, 2), "Microsoft": (111, 1), "proselint": (36, 1), "write-good": (9, 1)}


@dataclass
class Scenario:
    style: str
    case: str
    expected: list[str]


def scenarios(style: str) -> list[Scenario]:
    """The scenarios of a style's feature file; commented-out lines are not expectations."""
    text = (VALE / style / "features" / "rules.feature").read_text(encoding="utf-8")
    found: list[Scenario] = []
    case = None
    block: list[str] | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            continue
        named = re.match(r'When I test "([^"]+)"', stripped)
        if named:
            case = named.group(1)
        elif stripped == '"""':
            if block is None:
                block = []
            else:
                if case is not None:
                    found.append(Scenario(style, case, block))
                block, case = None, None
        elif block is not None and stripped:
            block.append(stripped)
    return found


def alerts(style_root: Path, case: str) -> list[str]:
    """What essaylint reports for the case, as Vale's `--output=line` lines, the style's rules only."""
    folder = style_root / "fixtures" / case
    config = load_config(start=folder)
    assert config.vale is not None, f"{folder}: .vale.ini not found"
    linter = Linter(config, Selection(use_cache=False))
    styles = set(config.vale.styles())
    lines = []
    for path in sorted(folder.iterdir()):
        if not path.is_file() or path.name.startswith("."):
            continue
        result = linter.lint_path(path, path.name)
        for f in result.findings:
            if f.rule.split(".", 1)[0] in styles:
                lines.append((path.name, f.line, f.column, f.rule, f.message))
    lines.sort()
    return [f"{name}:{line}:{column}:{rule}:{message}" for name, line, column, rule, message in lines]


def measure(style: str) -> tuple[int, int, int, list[str]]:
    """(identical, expected, extra, differing lines) over every scenario of the style."""
    identical = expected = extra = 0
    report: list[str] = []
    for scenario in scenarios(style):
        got = alerts(VALE / style, scenario.case)
        want = list(scenario.expected)
        expected += len(want)
        for line in got:
            if line in want:
                want.remove(line)
                identical += 1
            else:
                extra += 1
                report.append(f"{scenario.case}: extra   {line}")
        report += [f"{scenario.case}: missing {line}" for line in want]
    return identical, expected, extra, report


needs_fixtures = pytest.mark.skipif(not VALE.is_dir(), reason="../shared/external/vale is not here")


@needs_fixtures
def test_every_feature_file_has_scenarios_with_expectations():
    for style in STYLES:
        found = scenarios(style)
        assert found and all(s.expected for s in found), style


@needs_fixtures
@pytest.mark.parametrize("style", STYLES)
def test_a_published_style_runs_and_keeps_its_measured_alerts(style, capsys):
    identical, expected, extra, _report = measure(style)
    floor, most_extra = FLOORS[style]
    print(f"{style}: {identical} of {expected} expected alerts identical, {extra} extra")
    assert identical >= floor and extra <= most_extra


if __name__ == "__main__":
    total = {}
    for name in sys.argv[1:] or STYLES:
        same, wanted, more, lines = measure(name)
        total[name] = {"identical": same, "expected": wanted, "extra": more}
        print("\n".join(lines))
    print(json.dumps(total, indent=2))
