"""occurrence: how many times a token may appear in each scope.

Why: limits such as "at most 40 words per sentence" or "at most 3 numbers in
a heading" are counts within a scope. The finding spans the whole scope
(the sentence, the paragraph) so editors see what is too long.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lint.checks import Check, Context
from lint.document import Document
from lint.finding import Finding
from lint.options import Option, OptionError, boolean, compile_pattern, integer, optional, string


class Occurrence(Check):
    """Counts `token` in each scope segment and flags counts outside [min, max]."""

    kind = "occurrence"
    default_scope = "sentence"
    options = (
        Option("token", string, r"[^\W\d_]+(?:['’-][^\W\d_]+)*", "the regex to count (default: a word)", "regex"),
        Option("max", optional(integer(0)), None, "flag a scope with more than this many", "int"),
        Option("min", optional(integer(0)), None, "flag a scope with fewer than this many", "int"),
        Option("ignorecase", boolean, False, "match regardless of case", "bool"),
    )
    example = """\
extends: occurrence
message: "This sentence has {count} words (more than {max}): split it."
level: suggestion
scope: sentence
max: 40
token: "[^\\\\W\\\\d_]+"
"""

    def setup(self, options: dict[str, Any]) -> None:
        if options["max"] is None and options["min"] is None:
            raise OptionError("max: an occurrence rule needs 'max' or 'min'")
        import regex

        self.pattern = compile_pattern(options["token"], regex.IGNORECASE if options["ignorecase"] else 0, what="token")
        self.max, self.min = options["max"], options["min"]

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for _scope, text, start, end in self.scoped(doc):
            if not text[start:end].strip():
                continue
            count = sum(1 for _ in self.finditer(self.pattern, text, start, end))
            if (self.max is not None and count > self.max) or (self.min is not None and count < self.min):
                s, e = start, end
                while s < e and text[s].isspace():
                    s += 1
                while e > s and text[e - 1].isspace():
                    e -= 1
                yield self.finding(doc, s, e, {"count": count, "max": self.max, "min": self.min})
