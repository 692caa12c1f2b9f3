"""SARIF 2.1.0, as GitHub code scanning accepts it.

One rule object per loaded rule (with help text), results with regions and a
stable `partialFingerprints` entry so code scanning tracks a finding across
commits even when lines move. Columns are Unicode code points, declared with
`columnKind`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from lint.reporters import ITEMS, ReportOptions, json_chunks
from lint.result import FileResult

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "suggestion": "note"}
HOME = "https://github.com/essaylint/essaylint"


FULL_DESCRIPTION_LIMIT = 1024  # GitHub code scanning's limit
_SENTENCE_END = re.compile(r"(?<!\be\.g\.)(?<!\bi\.e\.)(?<=[.!?])[\"”’)]*\s")


def first_sentence(text: str) -> str:
    """The description's first whole sentence, on one line (its first line was often cut mid-sentence)."""
    flat = " ".join(text.split())
    match = _SENTENCE_END.search(flat + " ")
    return flat[: match.start()].strip() if match else flat


def _shortened(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut + "…"


def _rule(rule: Any) -> dict[str, Any]:
    description = " ".join(rule.description.split())
    summary = first_sentence(rule.description) or rule.id
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "name": rule.id.replace(".", "/"),
        "shortDescription": {"text": summary},
        "fullDescription": {"text": _shortened(description or summary, FULL_DESCRIPTION_LIMIT)},
        "help": {
            "text": (rule.description.strip() or summary) + f"\n\nRun `essaylint explain {rule.id}` for its keys.",
            "markdown": (rule.description.strip() or summary) + f"\n\nRun `essaylint explain {rule.id}` for its keys.",
        },
        "defaultConfiguration": {"level": LEVELS[rule.level.label]},
        "properties": {"tags": list(dict.fromkeys([rule.category, rule.kind]))},
    }
    if rule.link:
        descriptor["helpUri"] = rule.link
    return descriptor


def _artifact(path: str, root: str) -> dict[str, Any]:
    """The file's URI relative to the project root (%SRCROOT%), percent-encoded; absolute outside it."""
    absolute = os.path.abspath(path)
    base = os.path.abspath(root) if root else os.getcwd()
    if absolute == base or absolute.startswith(base + os.sep):
        relative = Path(os.path.relpath(absolute, base)).as_posix()
        return {"uri": quote(relative, safe="/"), "uriBaseId": "%SRCROOT%"}
    return {"uri": Path(absolute).as_uri()}


def chunks(results: Sequence[FileResult], options: ReportOptions) -> Iterator[str]:
    rules = dict(options.rules)
    for result in results:
        for f in result.findings:
            if f.rule not in rules:  # engine findings (io-error, rule-timeout) have no YAML rule
                rules[f.rule] = None
    ids = sorted(rules)
    index = {rule_id: i for i, rule_id in enumerate(ids)}
    descriptors = [
        _rule(rules[r])
        if rules[r] is not None
        else {"id": r, "name": r.replace(".", "/"), "shortDescription": {"text": "essaylint itself"}}
        for r in ids
    ]

    def entries() -> Iterator[dict[str, Any]]:
        for result in results:
            for f in result.findings:
                entry: dict[str, Any] = {
                    "ruleId": f.rule,
                    "ruleIndex": index[f.rule],
                    "level": LEVELS[f.level.label],
                    "message": {"text": f.message},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": _artifact(f.path, options.root),
                                "region": {
                                    "startLine": f.line,
                                    "startColumn": f.column,
                                    "endLine": f.end_line,
                                    # A single-line region needs one character; a multi-line one ends where the finding does.
                                    "endColumn": max(f.end_column, f.column + 1)
                                    if f.end_line == f.line
                                    else f.end_column,
                                },
                            }
                        }
                    ],
                    "partialFingerprints": {"essaylint/v1": f.fingerprint},
                }
                if f.suggestions:
                    entry["properties"] = {"suggestions": list(f.suggestions)}
                yield entry

    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "essaylint",
                        "version": options.version,
                        "informationUri": HOME,
                        "rules": descriptors,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "originalUriBaseIds": {
                    "%SRCROOT%": {"uri": Path(options.root or os.getcwd()).resolve().as_uri() + "/"}
                },
                "results": ITEMS,
            }
        ],
    }
    return json_chunks(log, entries())
