"""existence: words or patterns that should not appear at all.

Why: the simplest style rules ("avoid 'utilize'", "no 'very unique'") are a
list of things to flag. Tokens are regexes; the finding spans the match and
`{match}` in the message is the text found.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import regex

from lint.checks import Check, Context
from lint.checks._actions import ACTION_OPTION
from lint.checks._patterns import BOUNDARIES_OPTION, VOCAB_OPTION, LiteralTokens, bounded, plain_tokens
from lint.document import Document
from lint.finding import Finding
from lint.options import Option, OptionError, boolean, compile_pattern, regex_list, string_list


class Existence(Check):
    """Flags every occurrence of any of `tokens` in the rule's scope."""

    kind = "existence"
    options = (
        Option("tokens", regex_list, [], "words or regexes that must not appear", "list of regex"),
        Option(
            "raw",
            regex_list,
            [],
            "regex pieces joined into one pattern, before the tokens (after them with `append`), as in Vale",
            "list of regex",
        ),
        Option("append", boolean, False, "put `raw` after the tokens instead of before them", "bool"),
        Option("ignorecase", boolean, False, "match regardless of case", "bool"),
        Option("nonword", boolean, False, "do not add word boundaries around tokens", "bool"),
        BOUNDARIES_OPTION,
        VOCAB_OPTION,
        ACTION_OPTION,
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
        tokens = [t for t in options["tokens"] if t.strip()]
        raw = "".join(options["raw"])
        ignorecase = options["ignorecase"]
        if not tokens and not raw:
            raise OptionError("tokens: an existence rule needs 'tokens' or 'raw'")
        self.exceptions = {e.lower() for e in options["exceptions"]}
        self.vocab = options["vocab"]
        self.action = options["action"]
        if (
            tokens
            and not raw
            and not options["nonword"]
            and plain_tokens(tokens)
            and options["boundaries"] == "letters"
        ):
            self.patterns: list[Any] = [LiteralTokens(tokens, ignorecase)]
            return
        # Vale's one pattern: the raw pieces joined, then the tokens' alternation (word-bounded
        # unless `nonword`), or the other way round with `append`. A raw list is one regex cut
        # into lines, not a list of alternatives: write-good's Passive is "be-verb" + "participle".
        body = ""
        if tokens:
            body = "|".join(f"(?:{t})" for t in tokens)
            body = f"(?:{body})" if options["nonword"] else bounded(body, options["boundaries"])
        body = body + raw if options["append"] else raw + body
        flags = regex.MULTILINE | (regex.IGNORECASE if ignorecase else 0)  # Vale's (?m): ^ and $ at each line
        self.patterns = [compile_pattern(body, flags, what="tokens" if tokens else "raw")]

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for _scope, text, start, end in self.scoped(doc):
            for pattern in self.patterns:
                for match in self.finditer(pattern, text, start, end):
                    found = match.group()
                    if (
                        not found.strip()
                        or found.lower() in self.exceptions
                        or (self.vocab and ctx.vale_accepted(found))
                    ):
                        continue
                    if self.action is None:
                        yield self.finding(doc, match.start(), match.end(), {"match": found})
                        continue
                    yield self.finding(
                        doc,
                        match.start(),
                        match.end(),
                        {"match": found},
                        suggestions=[r for r in self.action.replacements(found) if r and r != found],
                        fix=self.action.fix(match.start(), match.end(), found),
                    )
