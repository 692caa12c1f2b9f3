"""Vale's `--output=line`: `file:line:column:Style.Rule:Message`, one finding a line, sorted.

A Vale user's scripts and editor integrations read this format, and the
styles' own fixtures are written in it (`features/*.feature`), so
`essaylint check --format line --select Microsoft` in a fixture folder prints
what those fixtures expect. Line breaks and control characters in a message
are shown as escapes (`\x0a`), so one finding is always one line.
"""

from __future__ import annotations

from collections.abc import Sequence

from lint.reporters import ReportOptions, terminal_safe
from lint.result import FileResult


def render(results: Sequence[FileResult], options: ReportOptions) -> str:
    rows = sorted((r.path, f.line, f.column, f.rule, f.message) for r in results for f in r.findings)
    return "".join(
        terminal_safe(f"{path}:{line}:{column}:{rule}:{message}") + "\n" for path, line, column, rule, message in rows
    )
