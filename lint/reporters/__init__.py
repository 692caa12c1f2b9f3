"""Output formats. Each reporter reads only FileResults and Findings.

`render(name, results, options)` returns the whole output as text, so the
CLI can send it to stdout or `--output FILE` alike.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from lint.engine import FileResult

FORMATS: dict[str, str] = {
    "text": "text",
    "json": "json",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "rdjson": "rdjson",
    "gitlab": "gitlab",
    "markdown": "markdown",
}


@dataclass
class ReportOptions:
    color: bool = False
    quiet: bool = False
    rules: Mapping[str, Any] = field(default_factory=dict)  # rule id -> Rule, for help text
    version: str = ""


def render(name: str, results: Sequence[FileResult], options: ReportOptions) -> str:
    module = importlib.import_module(f"lint.reporters.{FORMATS[name]}")
    return module.render(results, options)


def summary(results: Sequence[FileResult]) -> dict[str, Any]:
    from lint.engine import count_levels

    findings = [f for r in results for f in r.findings]
    categories: dict[str, int] = {}
    for finding in findings:
        categories[finding.category] = categories.get(finding.category, 0) + 1
    return {
        "files": len(results),
        "files_with_findings": sum(1 for r in results if r.findings),
        "skipped": sum(1 for r in results if r.skipped),
        "findings": len(findings),
        "by_level": count_levels(findings),
        "by_category": dict(sorted(categories.items())),
    }
