"""SARIF 2.1.0, as GitHub code scanning accepts it.

One rule object per loaded rule (with help text), results with regions and a
stable `partialFingerprints` entry so code scanning tracks a finding across
commits even when lines move. Columns are Unicode code points, declared with
`columnKind`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from lint.engine import FileResult
from lint.reporters import ReportOptions

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "suggestion": "note"}
HOME = "https://github.com/essaylint/essaylint"


def _rule(rule: Any) -> dict[str, Any]:
    summary = (rule.description.strip().splitlines() or [rule.id])[0]
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "name": rule.id.replace(".", "/"),
        "shortDescription": {"text": summary},
        "fullDescription": {"text": rule.description.strip() or summary},
        "help": {
            "text": (rule.description.strip() or summary) + f"\n\nRun `essaylint explain {rule.id}` for its keys.",
            "markdown": (rule.description.strip() or summary) + f"\n\nRun `essaylint explain {rule.id}` for its keys.",
        },
        "defaultConfiguration": {"level": LEVELS[rule.level.label]},
        "properties": {"tags": [rule.category, rule.kind]},
    }
    if rule.link:
        descriptor["helpUri"] = rule.link
    return descriptor


def render(results: Sequence[FileResult], options: ReportOptions) -> str:
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
    sarif_results = []
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
                            "artifactLocation": {"uri": f.path, "uriBaseId": "%SRCROOT%"},
                            "region": {
                                "startLine": f.line,
                                "startColumn": f.column,
                                "endLine": f.end_line,
                                "endColumn": max(f.end_column, f.column + (1 if f.end_line == f.line else 0)),
                            },
                        }
                    }
                ],
                "partialFingerprints": {"essaylint/v1": f.fingerprint},
            }
            if f.suggestions:
                entry["properties"] = {"suggestions": list(f.suggestions)}
            sarif_results.append(entry)
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
                "results": sarif_results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
