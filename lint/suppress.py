"""Suppression comments, as in markdownlint and ESLint.

    <!-- essaylint-disable RULE... -->           until a matching enable
    <!-- essaylint-enable RULE... -->
    <!-- essaylint-disable-next-line RULE... -->
    <!-- essaylint-disable-line RULE... -->
    <!-- essaylint-disable-file RULE... -->

No rule names means every rule. A name may be a rule id or a prefix such as a
category (`spelling`). Comments inside code blocks are examples, not
directives, and are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lint.config import selector_matches
from lint.document import Document
from lint.finding import Finding

_DIRECTIVE = re.compile(
    r"<!--\s*essaylint-(disable-next-line|disable-line|disable-file|disable|enable)\b([^>]*?)\s*-->"
)
ALL = "all"


@dataclass
class Suppressions:
    file_rules: set[str] = field(default_factory=set)
    line_rules: dict[int, set[str]] = field(default_factory=dict)
    # (selector, first line, last line or None while still open)
    regions: list[tuple[str, int, int | None]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.file_rules or self.line_rules or self.regions)

    def suppresses(self, finding: Finding) -> bool:
        def hit(selector: str) -> bool:
            return selector == ALL or selector_matches(selector, finding.rule, finding.category)

        if any(hit(s) for s in self.file_rules):
            return True
        if any(hit(s) for s in self.line_rules.get(finding.line, ())):
            return True
        return any(
            hit(sel) and first <= finding.line and (last is None or finding.line <= last)
            for sel, first, last in self.regions
        )


def parse_suppressions(doc: Document) -> Suppressions:
    result = Suppressions()
    text = doc.text
    if "essaylint-" not in text:
        return result
    code = [(b.start, b.end) for b in doc.blocks if b.kind == "code"]
    for match in _DIRECTIVE.finditer(text):
        if any(start <= match.start() < end for start, end in code):
            continue
        action = match.group(1)
        names = match.group(2).replace(",", " ").split() or [ALL]
        line, _ = doc.position(match.start())
        if action == "disable-file":
            result.file_rules.update(names)
        elif action == "disable-next-line":
            result.line_rules.setdefault(_next_content_line(doc, line), set()).update(names)
        elif action == "disable-line":
            result.line_rules.setdefault(line, set()).update(names)
        elif action == "disable":
            result.regions.extend((name, line, None) for name in names)
        else:  # enable: close the open regions it names (or all of them)
            for i, (sel, first, last) in enumerate(result.regions):
                if last is None and (names == [ALL] or sel in names):
                    result.regions[i] = (sel, first, line)
    return result


def _next_content_line(doc: Document, line: int) -> int:
    """The line a disable-next-line comment governs: the next non-blank one."""
    for candidate in range(line + 1, doc.lines.count + 1):
        start, end = doc.line_span(candidate, candidate)
        if doc.text[start:end].strip():
            return candidate
    return line + 1
