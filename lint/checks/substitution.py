"""substitution: a preferred word for each word to avoid, with a fix.

Why: most house-style rules are "write X, not Y". The swap map's keys are
regexes; values are the replacement (`a|b` offers several suggestions, and
only a single suggestion can be applied as a fix). The fix keeps the case of
the text it replaces.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import regex

from lint.checks import Check, Context, match_case
from lint.checks._patterns import token_pattern
from lint.document import Document
from lint.finding import Edit, Finding, Fix
from lint.options import Option, OptionError, boolean, choice, compile_pattern, string_list, string_map


class Substitution(Check):
    """Flags each key of `swap` and suggests its value."""

    kind = "substitution"
    options = (
        Option("swap", string_map, {}, "regex to avoid -> preferred text ('a|b' for alternatives)", "map"),
        Option("ignorecase", boolean, True, "match regardless of case", "bool"),
        Option("nonword", boolean, False, "do not add word boundaries", "bool"),
        Option("exceptions", string_list, [], "matched text to let through", "list"),
        Option("fix", choice("safe", "unsafe", "none"), "safe", "how the replacement may be applied", "string"),
    )
    example = """\
extends: substitution
message: "Use '{suggestion}' instead of '{match}'."
level: warning
ignorecase: true
fix: safe
swap:
  utilise: use
  in order to: to
  amongst: among
"""

    def setup(self, options: dict[str, Any]) -> None:
        swap = options["swap"]
        if not swap:
            raise OptionError("swap: needs at least one entry")
        flags = regex.IGNORECASE if options["ignorecase"] else 0
        self.entries = [(compile_pattern(key, flags, what="swap key"), value) for key, value in swap.items()]
        self.pattern = token_pattern(
            list(swap), ignorecase=options["ignorecase"], nonword=options["nonword"], what="swap"
        )
        self.exceptions = {e.lower() for e in options["exceptions"]}
        self.fix_mode = options["fix"]

    @lru_cache(maxsize=4096)  # noqa: B019 - one Check lives per rule for the whole run
    def replacement_for(self, found: str) -> str | None:
        for pattern, value in self.entries:
            if self.regex_match(pattern, found, "fullmatch"):
                return value
        return None

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for _scope, text, start, end in self.scoped(doc):
            for match in self.finditer(self.pattern, text, start, end):
                found = match.group()
                if found.lower() in self.exceptions:
                    continue
                value = self.replacement_for(found)
                if value is None:
                    continue
                options = [match_case(found, v.strip()) for v in value.split("|") if v.strip()]
                if any(o == found for o in options):
                    continue
                fix = None
                if self.fix_mode != "none" and len(options) == 1:
                    fix = Fix(
                        (Edit(match.start(), match.end(), options[0]),),
                        safe=self.fix_mode == "safe",
                        description=f"replace {found!r} with {options[0]!r}",
                    )
                yield self.finding(
                    doc,
                    match.start(),
                    match.end(),
                    {"match": found, "suggestion": " or ".join(options)},
                    suggestions=options,
                    fix=fix,
                )


CHECK = Substitution
