"""repetition: the same token twice in a row ("the the"), with a fix.

Why: doubled words survive proofreading because the eye skips them, most
often across a line break. Matching is case-insensitive by default and looks
through whitespace and line breaks but not punctuation, so "that. That" is
left alone. `exceptions` keeps legitimate doubles such as "had had".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import regex

from lint.checks import Check, Context
from lint.document import Document
from lint.finding import Edit, Finding, Fix
from lint.options import Option, boolean, compile_pattern, string, string_list


class Repetition(Check):
    """Flags a token immediately repeated; the fix deletes the second one."""

    kind = "repetition"
    options = (
        Option("token", string, r"[^\W\d_]+(?:['’][^\W\d_]+)*", "what counts as one token (regex)", "regex"),
        Option("ignorecase", boolean, True, "'The the' counts as a repetition", "bool"),
        Option("exceptions", string_list, [], "tokens that may legitimately repeat", "list"),
    )
    example = """\
extends: repetition
message: "'{match}' is repeated."
level: error
ignorecase: true
exceptions: [had, that]
"""

    def setup(self, options: dict[str, Any]) -> None:
        token = options["token"]
        compile_pattern(token, what="token")
        flags = regex.IGNORECASE if options["ignorecase"] else 0
        self.pattern = compile_pattern(
            rf"(?<![\w'’-])({token})(\s+)(\1)(?![\w'’-])", flags, what="token", trusted=self.rule.trusted
        )
        self.exceptions = {e.lower() for e in options["exceptions"]}

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for _scope, text, start, end in self.scoped(doc):
            for match in self.finditer(self.pattern, text, start, end):
                word = match.group(1)
                if word.lower() in self.exceptions or word.isdigit():
                    continue
                # Delete the gap and the second copy, so "the the" -> "the".
                fix = Fix((Edit(match.end(1), match.end(3), ""),), safe=True, description=f"remove repeated {word!r}")
                yield self.finding(doc, match.start(), match.end(), {"match": word}, suggestions=[word], fix=fix)


CHECK = Repetition
