"""The one diagnostic type every check produces and every reporter reads.

Keeping findings as plain, frozen data (after ruff's `Diagnostic`) lets the
engine cache, sort, pickle across worker processes and serialise them without
any check or reporter knowing about the others.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Level(enum.IntEnum):
    """Severity, ordered so that `--fail-on` is a plain comparison."""

    SUGGESTION = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> Level:
        try:
            return cls[value.strip().upper()]
        except KeyError:
            names = ", ".join(level.label for level in cls)
            raise ValueError(f"unknown level {value!r} (expected one of: {names})") from None

    @property
    def label(self) -> str:
        return self.name.lower()


CATEGORIES = ("encoding", "structure", "readability", "spelling", "grammar", "claims", "style")


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace text[start:end] (offsets into the decoded text) with `text`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Fix:
    """A fix is data, so `--fix` can apply only safe ones and `--diff` can show them."""

    edits: tuple[Edit, ...]
    safe: bool = True
    description: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    category: str
    level: Level
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    suggestions: tuple[str, ...] = ()
    fix: Fix | None = None
    # Offsets into the decoded text; reporters that show text in place use them.
    offset: int = 0
    end_offset: int = 0
    # Kind-specific machine-readable extras (claim id and signals, scores...).
    data: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    # Line-independent identity (rule, path, text of the span, occurrence): baselines and SARIF use it.
    fingerprint: str = ""
    # Columns counted in UTF-8 bytes (1-based), as reviewdog's rdjson wants them; 0 where unknown.
    byte_column: int = 0
    end_byte_column: int = 0

    def sort_key(self) -> tuple[int, int, str, str]:
        return (self.line, self.column, self.rule, self.message)

    def to_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            "rule": self.rule,
            "category": self.category,
            "level": self.level.label,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "message": self.message,
            "suggestions": list(self.suggestions),
            "fix": None,
        }
        if self.fix is not None:
            result["fix"] = {
                "safe": self.fix.safe,
                "description": self.fix.description,
                "edits": [{"start": e.start, "end": e.end, "text": e.text} for e in self.fix.edits],
            }
        if self.data:
            result["data"] = self.data
        if self.fingerprint:
            result["fingerprint"] = self.fingerprint
        return result


def fingerprint(rule: str, path: str, snippet: str, occurrence: int) -> str:
    """A hash that survives lines moving: the rule, the file, the normalised text found, its occurrence.

    Long spans (a whole document or section) are reduced to their start, so an
    edit elsewhere in a long span does not make an old problem look new.
    """
    import hashlib

    normal = " ".join(snippet.split()).casefold()
    if len(normal) > 200:
        normal = normal[:80]
    key = "\x1f".join((rule, path, normal, str(occurrence)))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:20]
