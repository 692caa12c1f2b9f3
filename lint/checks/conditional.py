"""conditional: where `first` is found, `second` must be found too.

Why: "an acronym is defined before it is used" is the common case (Vale's
Microsoft and Google styles ship it): `first` finds the acronym, `second`
its definition, "World Health Organization (WHO)", and the capture group of
`second` names what it defines. Definitions count for the rest of the file
from the segment they are in on, as in Vale. Without a capture group in
`second`, the rule is a presence check: a segment with `first` needs
`second` somewhere in it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import regex

from lint.checks import Check, Context
from lint.document import Document
from lint.finding import Finding
from lint.options import REQUIRED, Option, boolean, compile_pattern, string, string_list

_CAPTURE = re.compile(r"(?<!\\)\((?!\?)")


class Conditional(Check):
    """Flags each match of `first` that no match of `second` accounts for."""

    kind = "conditional"
    options = (
        Option("first", string, REQUIRED, "the regex whose matches need accounting for (an acronym)", "regex"),
        Option("second", string, REQUIRED, "the regex that accounts for them (its group: the defined text)", "regex"),
        Option("exceptions", string_list, [], "matches of `first` to let through (regexes, whole words)", "list"),
        Option("ignorecase", boolean, False, "match regardless of case", "bool"),
    )
    example = """\
extends: conditional
message: "'{match}' has no definition."
level: suggestion
first: '\\b([A-Z]{3,5})\\b'
second: '(?:\\b[A-Z][a-z]+ )+\\(([A-Z]{3,5})\\)'
exceptions: [API, HTML]
"""

    def setup(self, options: dict[str, Any]) -> None:
        flags = regex.MULTILINE | (regex.IGNORECASE if options["ignorecase"] else 0)
        self.first = compile_pattern(options["first"], flags, what="first")
        self.second = compile_pattern(options["second"], flags, what="second")
        self.second_defines = bool(_CAPTURE.search(options["second"]))
        exceptions = sorted(options["exceptions"], key=len, reverse=True)  # the longest alternative first
        self.exceptions = (
            compile_pattern(r"(?m)\b(?:" + "|".join(exceptions) + r")\b", what="exceptions") if exceptions else None
        )

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        defined: set[str] = set()
        for _scope, text, start, end in self.scoped(doc):
            if self.second_defines:
                for match in self.finditer(self.second, text, start, end):
                    defined.update(g for g in match.groups() if g)
            elif any(True for _ in self.finditer(self.second, text, start, end)):
                continue
            for match in self.finditer(self.first, text, start, end):
                found = match.group()
                if found in defined or (
                    self.exceptions is not None and self.regex_match(self.exceptions, found) is not None
                ):
                    continue
                yield self.finding(doc, match.start(), match.end(), {"match": found})
