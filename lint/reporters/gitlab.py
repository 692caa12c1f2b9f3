"""GitLab Code Quality report (the JSON array `codequality` artifacts take)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from lint.engine import FileResult
from lint.reporters import ReportOptions

SEVERITY = {"error": "major", "warning": "minor", "suggestion": "info"}


def render(results: Sequence[FileResult], options: ReportOptions) -> str:
    issues = [
        {
            "description": f"{f.rule}: {f.message}",
            "check_name": f.rule,
            "fingerprint": f.fingerprint,
            "severity": SEVERITY[f.level.label],
            "location": {"path": f.path, "lines": {"begin": f.line, "end": f.end_line}},
        }
        for result in results
        for f in result.findings
    ]
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
