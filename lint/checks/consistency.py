"""consistency: either spelling of a pair may be used, but not both in one document.

Why: "adviser" and "advisor" are both right; an essay that uses both looks
unedited. The less used form is flagged (on a tie, the one that appears
second), with the dominant form as suggestion.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import regex

from lint.checks import Check, Context, match_case
from lint.document import Document
from lint.finding import Finding
from lint.options import Option, OptionError, boolean, compile_pattern, string_map


class Consistency(Check):
    """For each `either` pair, flags the minority form once both appear."""

    kind = "consistency"
    default_scope = "text"
    options = (
        Option("either", string_map, {}, "pairs of regexes: first form -> second form", "map"),
        Option("ignorecase", boolean, True, "match regardless of case", "bool"),
    )
    example = """\
extends: consistency
message: "Inconsistent spelling: '{match}' here, '{other}' elsewhere."
level: warning
either:
  advisor: adviser
  "e-mail": email
  "percent": "per cent"
"""

    def setup(self, options: dict[str, Any]) -> None:
        if not options["either"]:
            raise OptionError("either: needs at least one pair")
        flags = regex.IGNORECASE if options["ignorecase"] else 0
        self.pairs = [
            (
                compile_pattern(rf"(?<!\w)(?:{a})(?!\w)", flags, what="either key"),
                compile_pattern(rf"(?<!\w)(?:{b})(?!\w)", flags, what="either value"),
                a,
                b,
            )
            for a, b in options["either"].items()
        ]

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for first, second, _a, _b in self.pairs:
            hits: list[list[Any]] = [[], []]
            for _scope, text, start, end in self.scoped(doc):
                hits[0].extend(self.finditer(first, text, start, end))
                hits[1].extend(self.finditer(second, text, start, end))
            if not hits[0] or not hits[1]:
                continue
            if len(hits[0]) != len(hits[1]):
                minority = 0 if len(hits[0]) < len(hits[1]) else 1
            else:
                minority = 0 if hits[0][0].start() > hits[1][0].start() else 1
            other = hits[1 - minority][0].group()
            for match in hits[minority]:
                suggestion = match_case(match.group(), other.lower() if other[:1].isupper() else other)
                yield self.finding(
                    doc, match.start(), match.end(), {"match": match.group(), "other": other}, suggestions=[suggestion]
                )
