"""Output formats. Each reporter reads only FileResults and Findings.

`render(name, results, options)` returns the whole output as text, so the
CLI can send it to stdout or `--output FILE` alike.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from lint.engine import FileResult
from lint.finding import Level

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
    root: str = ""  # the project root: SARIF's %SRCROOT%, to which file URIs are relative
    fail_on: Level = Level.ERROR  # JUnit fails a rule only for findings at or above it, as the exit status does


# C0 and C1 controls, DEL, and the bidirectional controls: what a terminal or a CI log would obey.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def terminal_safe(text: str) -> str:
    """Text with every character a terminal or CI log would act on shown as an escape (`\\x1b`).

    A heading `## \\x1b]0;owned\\x07` used to retitle the reader's terminal, and
    text reaching a CI log raw could be read as a workflow command.
    """
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text
    )


def log_line(line: str) -> str:
    """A line that GitHub Actions cannot take for a workflow command: none starts with `::`."""
    return "./" + line if line.startswith("::") else line


def render(name: str, results: Sequence[FileResult], options: ReportOptions) -> str:
    module = importlib.import_module(f"lint.reporters.{FORMATS[name]}")
    return module.render(results, options)


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """ "1 error", "2 errors", "679,803 words": the number with thousands separators, the noun agreeing."""
    return f"{n:,} {noun if n == 1 else (plural or noun + 's')}"


def one_decimal(value: Any) -> Any:
    """A score as the report shows it: one decimal ("17.0" beside "18.0", not "17" beside "18.04")."""
    return round(float(value), 1) if isinstance(value, int | float) and not isinstance(value, bool) else value


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
