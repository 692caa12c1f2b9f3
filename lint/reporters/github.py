"""GitHub Actions workflow commands: one annotation per finding.

`::error file=F,line=L,col=C,endColumn=EC,title=RULE::MESSAGE` (or `line=L,endLine=EL`
for a finding over several lines: GitHub ignores columns there),
escaped as GitHub's toolkit does: in the message `%`, CR and LF; in property
values also `:` and `,`. Suggestions become `notice`.
"""

from __future__ import annotations

from collections.abc import Sequence

from lint.reporters import ReportOptions
from lint.result import FileResult

COMMANDS = {"error": "error", "warning": "warning", "suggestion": "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render(results: Sequence[FileResult], options: ReportOptions) -> str:
    lines = []
    for result in results:
        for f in result.findings:
            props = {"file": f.path, "line": str(f.line)}
            if f.end_line == f.line:  # GitHub drops col and endColumn on a multi-line annotation
                props.update(col=str(f.column), endColumn=str(max(f.end_column, f.column)))
            else:
                props["endLine"] = str(f.end_line)
            props["title"] = f.rule
            prop_text = ",".join(f"{k}={escape_property(v)}" for k, v in props.items())
            message = f.message + (f" (suggestion: {' | '.join(f.suggestions[:3])})" if f.suggestions else "")
            lines.append(f"::{COMMANDS[f.level.label]} {prop_text}::{escape_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")
