"""`{"version": 1, "files": [...], "summary": {...}}`, every Finding field included."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from lint.reporters import ITEMS, ReportOptions, json_chunks, summary
from lint.result import FileResult


def chunks(results: Sequence[FileResult], options: ReportOptions) -> Iterator[str]:
    def files() -> Iterator[Iterator[str]]:
        for result in results:
            entry: dict[str, Any] = {"path": result.path, "findings": ITEMS}
            if result.skipped:
                entry["skipped"] = True
            if result.notices:
                entry["notices"] = result.notices
            if result.metrics:
                entry["metrics"] = result.metrics
            yield json_chunks(entry, (f.to_dict() for f in result.findings), last_newline=False)

    return json_chunks({"version": 1, "files": ITEMS, "summary": summary(results)}, files(), nested=True)
