"""existence: words or patterns that should not appear at all.

Why: the simplest style rules ("avoid 'utilize'", "no 'very unique'") are a
list of things to flag. Tokens are regexes; the finding spans the match and
`{match}` in the message is the text found.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lint.checks import Check, Context
from lint.checks._patterns import LiteralTokens, plain_tokens, token_pattern
from lint.document import Document
from lint.finding import Finding
from lint.options import Option, boolean, regex_list, string_list


class Existence(Check):
    """Flags every occurrence of any of `tokens` in the rule's scope."""

    kind = "existence"
    options = (
        Option("tokens", regex_list, [], "words or regexes that must not appear", "list of regex"),
        Option("raw", regex_list, [], "regexes used exactly as written (no word boundaries)", "list of regex"),
        Option("ignorecase", boolean, False, "match regardless of case", "bool"),
        Option("nonword", boolean, False, "do not add word boundaries around tokens", "bool"),
        Option("exceptions", string_list, [], "matched text to let through (case-insensitive)", "list"),
    )
    example = """\
extends: existence
message: "Avoid '{match}': say what you mean plainly."
level: warning
scope: text
ignorecase: true
tokens:
  - utilize
  - in order to
  - very unique
"""

    def setup(self, options: dict[str, Any]) -> None:
        tokens = list(options["tokens"])
        patterns = []
        if tokens and not options["nonword"] and plain_tokens(tokens):
            patterns.append(LiteralTokens(tokens, options["ignorecase"]))
        elif tokens:
            patterns.append(token_pattern(tokens, ignorecase=options["ignorecase"], nonword=options["nonword"]))
        if options["raw"]:
            patterns.append(token_pattern(options["raw"], ignorecase=options["ignorecase"], nonword=True, what="raw"))
        if not patterns:
            from lint.options import OptionError

            raise OptionError("tokens: an existence rule needs 'tokens' or 'raw'")
        self.patterns = patterns
        self.exceptions = {e.lower() for e in options["exceptions"]}

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for _scope, text, start, end in self.scoped(doc):
            for pattern in self.patterns:
                for match in self.finditer(pattern, text, start, end):
                    found = match.group()
                    if not found.strip() or found.lower() in self.exceptions:
                        continue
                    yield self.finding(doc, match.start(), match.end(), {"match": found})


CHECK = Existence
