"""GitLab Code Quality report (the JSON array `codequality` artifacts take)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from lint.reporters import ITEMS, ReportOptions, json_chunks
from lint.result import FileResult

SEVERITY = {"error": "major", "warning": "minor", "suggestion": "info"}


def chunks(results: Sequence[FileResult], options: ReportOptions) -> Iterator[str]:
    issues = (
        {
            "description": f"{f.rule}: {f.message}",
            "check_name": f.rule,
            "fingerprint": f.fingerprint,
            "severity": SEVERITY[f.level.label],
            "location": {"path": f.path, "lines": {"begin": f.line, "end": f.end_line}},
        }
        for result in results
        for f in result.findings
    )
    return json_chunks(ITEMS, issues)
