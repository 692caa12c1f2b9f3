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
from lint.checks._patterns import BOUNDARIES_OPTION, VOCAB_OPTION, token_pattern
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
        BOUNDARIES_OPTION,
        VOCAB_OPTION,
        Option("exceptions", string_list, [], "matched text to let through", "list"),
        Option("fix", choice("safe", "unsafe", "none"), "safe", "how the replacement may be applied", "string"),
        Option("match_case", boolean, True, "give the suggestion the found text's capitals (Vale does not)", "bool"),
        Option(
            "quote_alternatives",
            boolean,
            False,
            "word 'a|b' as 'a' or 'b', quotes included, for a message whose {suggestion} is unquoted (Vale's replace)",
            "bool",
        ),
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
        self.values = list(swap.values())
        self.pattern = token_pattern(
            list(swap),
            ignorecase=options["ignorecase"],
            nonword=options["nonword"],
            what="swap",
            named=True,
            boundaries=options["boundaries"],
        )
        self.exceptions = {e.lower() for e in options["exceptions"]}
        self.vocab = options["vocab"]
        self.fix_mode = options["fix"]
        self.match_case = options["match_case"]
        self.quote_alternatives = options["quote_alternatives"]

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
                if found.lower() in self.exceptions or (self.vocab and ctx.vale_accepted(found)):
                    continue
                key = match.lastgroup or ""  # t<i>: the swap key that matched, in its context
                value = self.values[int(key[1:])] if key[1:].isdigit() else self.replacement_for(found)
                if value is None:
                    continue
                options = [v.strip() for v in value.split("|") if v.strip()]
                if self.match_case:
                    options = [match_case(found, o) for o in options]
                elif self.quote_alternatives and found[:1] == found[:1].upper():
                    options = [o[:1].upper() + o[1:] for o in options]  # Vale capitalises a replace action's choices
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
                    {
                        "match": found,
                        "suggestion": _quoted_list(options) if self.quote_alternatives else " or ".join(options),
                    },
                    suggestions=options,
                    fix=fix,
                )


def _quoted_list(words: list[str]) -> str:
    """'a', 'a' or 'b', 'a', 'b', or 'c': the way Vale words a replace action's choices."""
    quoted = [f"'{w}'" for w in words]
    if len(quoted) <= 2:
        return " or ".join(quoted)
    return ", ".join([*quoted[:-1], f"or {quoted[-1]}"])
