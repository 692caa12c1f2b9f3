"""`{"version": 1, "files": [...], "summary": {...}}`, every Finding field included."""

from __future__ import annotations

import json
from collections.abc import Sequence

from lint.engine import FileResult
from lint.reporters import ReportOptions, summary


def render(results: Sequence[FileResult], options: ReportOptions) -> str:
    files = []
    for result in results:
        entry = {"path": result.path, "findings": [f.to_dict() for f in result.findings]}
        if result.skipped:
            entry["skipped"] = True
        if result.notices:
            entry["notices"] = result.notices
        if result.metrics:
            entry["metrics"] = result.metrics
        files.append(entry)
    return json.dumps({"version": 1, "files": files, "summary": summary(results)}, indent=2, ensure_ascii=False) + "\n"
