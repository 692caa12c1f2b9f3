"""reviewdog's Diagnostic Format (rdjson), for `reviewdog -f=rdjson` pull-request comments."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from lint.reporters import ITEMS, ReportOptions, json_chunks
from lint.result import FileResult

SEVERITY = {"error": "ERROR", "warning": "WARNING", "suggestion": "INFO"}


def chunks(results: Sequence[FileResult], options: ReportOptions) -> Iterator[str]:
    def diagnostics() -> Iterator[dict[str, Any]]:
        for result in results:
            for f in result.findings:
                # reviewdog counts columns in UTF-8 bytes: code points put its fixes in the wrong place on
                # any line with a non-ASCII character before the finding.
                rng = {
                    "start": {"line": f.line, "column": f.byte_column or f.column},
                    "end": {"line": f.end_line, "column": f.end_byte_column or f.end_column},
                }
                entry: dict[str, Any] = {
                    "message": f.message,
                    "location": {"path": f.path, "range": rng},
                    "severity": SEVERITY[f.level.label],
                    "code": {"value": f.rule},
                }
                if f.fix is not None and len(f.fix.edits) == 1 and f.suggestions:
                    entry["suggestions"] = [{"range": rng, "text": f.suggestions[0]}]
                yield entry

    return json_chunks({"source": {"name": "essaylint"}, "diagnostics": ITEMS}, diagnostics())
