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


class Notice(str):
    """A line for the user about a file that is not a finding ("skipped: binary file"), with its kind.

    A string, so reporters, JSON and the cache carry it as they carry text;
    `kind` says what the engine and the CLI must do about it without reading
    the words: "unavailable" (an external service, LanguageTool, did not
    answer: the result is not cached, and `--require-languagetool` fails),
    else "info".
    """

    kind: str

    def __new__(cls, text: str, kind: str = "info") -> Notice:
        notice = super().__new__(cls, text)
        notice.kind = kind
        return notice

    def __reduce__(self) -> tuple[Any, ...]:  # to worker processes and back with its kind
        return (Notice, (str(self), self.kind))


def unavailable(notices: Iterable[str]) -> bool:
    """Whether a service the run asked for did not answer (a notice of kind "unavailable")."""
    return any(getattr(n, "kind", "") == "unavailable" for n in notices)


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # Notice (or plain text: "info")
    skipped: bool = False
    metrics: dict[str, Any] = field(default_factory=dict)
    # sha256 of the bytes the findings are of: --fix reuses them only for the same bytes.
    content: str = ""


def count_levels(findings: Iterable[Finding]) -> dict[str, int]:
    counts = {level.label: 0 for level in sorted(Level, reverse=True)}
    for finding in findings:
        counts[finding.level.label] += 1
    return counts
