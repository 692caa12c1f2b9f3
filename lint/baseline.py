"""Baselines: accept today's findings, fail only on new ones.

A baseline stores each finding's fingerprint (rule, file, normalised text of
the span, occurrence), not its line, so inserting lines above an old problem
does not make it new. Matching is a multiset: two identical old problems in
a file absorb two findings, not three.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from lint.result import FileResult

MAX_BASELINE_BYTES = 256 * 1024 * 1024


class BaselineError(Exception):
    """A baseline that cannot be read or written; the message names the file."""


def write_baseline(path: Path, results: Sequence[FileResult]) -> int:
    entries = [
        {"fingerprint": f.fingerprint, "rule": f.rule, "path": f.path, "line": f.line, "message": f.message}
        for r in results
        for f in r.findings
    ]
    data = {"version": 1, "tool": "essaylint", "findings": entries}
    from lint.files import folder_lock, write_text_atomic

    try:
        with folder_lock(path):
            write_text_atomic(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    except OSError as exc:
        raise BaselineError(f"{path}: cannot write baseline: {exc.strerror or exc}") from None
    return len(entries)


def load_baseline(path: Path) -> Counter[str]:
    from lint.files import read_regular

    try:
        data = json.loads(read_regular(path, MAX_BASELINE_BYTES).decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise BaselineError(f"{path}: not a baseline (not UTF-8, byte {exc.start})") from None
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc.strerror or exc}") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}:{exc.lineno}: not a baseline (invalid JSON: {exc.msg})") from None
    if not isinstance(data, dict) or data.get("version") != 1 or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path}: not an essaylint baseline (expected version 1 with a findings list)")
    return Counter(str(e.get("fingerprint", "")) for e in data["findings"] if isinstance(e, dict))


def apply_baseline(results: Sequence[FileResult], known: Counter[str]) -> list[FileResult]:
    remaining = Counter(known)
    filtered = []
    for result in results:
        kept = []
        for finding in result.findings:
            if remaining[finding.fingerprint] > 0:
                remaining[finding.fingerprint] -= 1
                continue
            kept.append(finding)
        filtered.append(replace(result, findings=kept))
    return filtered
