"""What linting one file gives: findings, notices and metrics.

Its own module so that the cache, the baseline and every reporter can name
a result without importing the engine (which imported the cache back: an
import circle that made the order of imports matter).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from lint.finding import Finding, Level


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    skipped: bool = False
    metrics: dict[str, Any] = field(default_factory=dict)
    # sha256 of the bytes the findings are of: --fix reuses them only for the same bytes.
    content: str = ""


def count_levels(findings: Iterable[Finding]) -> dict[str, int]:
    counts = {level.label: 0 for level in sorted(Level, reverse=True)}
    for finding in findings:
        counts[finding.level.label] += 1
    return counts
