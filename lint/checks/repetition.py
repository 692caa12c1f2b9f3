"""repetition: the same token twice in a row ("the the"), with a fix.

Why: doubled words survive proofreading because the eye skips them, most
often across a line break. Matching is case-insensitive by default and looks
through whitespace and line breaks but not punctuation, so "that. That" is
left alone. `exceptions` keeps legitimate doubles such as "had had".

Only what stands next to each other in the text counts: two copies with
code, a link, a template or a table cell between them ("compare an error to
`nil` to see", "| Enabled | Enabled |") are not a repetition, though the
prose mask blanks what separates them. A word in capitals beside its lower
case form is a mention ("AND and NOT patterns"). With `skip_runs`, three or
more in a row are deliberate ("hoo hoo hoo", "day day day").
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Iterator
from typing import Any

import regex

from lint.checks import Check, Context
from lint.checks._actions import ACTION_OPTION
from lint.document import Document
from lint.finding import Edit, Finding, Fix
from lint.options import Option, boolean, compile_pattern, regex_list, string, string_list


class Repetition(Check):
    """Flags a token immediately repeated; the fix deletes the second one."""

    kind = "repetition"
    options = (
        Option("token", string, r"[^\W\d_]+(?:['’][^\W\d_]+)*", "what counts as one token (regex)", "regex"),
        Option("ignorecase", boolean, True, "'The the' counts as a repetition", "bool"),
        Option("exceptions", string_list, [], "tokens that may legitimately repeat", "list"),
        Option("skip_runs", boolean, False, "three or more copies in a row are deliberate, not a slip", "bool"),
        Option(
            "tokens", regex_list, [], "what counts as one token, as alternatives (Vale's key; replaces `token`)", "list"
        ),
        Option(
            "alpha", boolean, False, "only a token of letters counts (Vale's key: '// //' is not a repetition)", "bool"
        ),
        ACTION_OPTION,
    )
    example = """\
extends: repetition
message: "'{match}' is repeated."
level: error
ignorecase: true
exceptions: [had, that]
"""

    def setup(self, options: dict[str, Any]) -> None:
        token = "|".join(f"(?:{t})" for t in options["tokens"]) if options["tokens"] else options["token"]
        compile_pattern(token, what="token")
        self.alpha = options["alpha"]
        self.action = options["action"]
        flags = regex.IGNORECASE if options["ignorecase"] else 0
        self.pattern = compile_pattern(rf"(?<![\w'’-])({token})(\s+)(\1)(?![\w'’-])", flags, what="token")
        self.exceptions = {e.lower() for e in options["exceptions"]}
        self.skip_runs = options["skip_runs"]
        self.token = regex.compile(rf"(?:{token})", flags)
        # A token of word characters only (the default rule's list of words) is a whole run of
        # [\w'’-] between the pattern's lookarounds, so a repetition needs two equal runs in a row:
        # a scope without one is passed over without running the pattern (0.9 s of 5 MB of realtext).
        self.words_only = bool(_WORDS_ONLY.fullmatch(token.replace("(?:", "")))
        self.ignorecase = options["ignorecase"]

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        source = doc.text
        for _scope, text, start, end in self.scoped(doc):
            if self.words_only and not _equal_runs_in_a_row(text[start:end], self.ignorecase):
                continue
            for match in self.finditer(self.pattern, text, start, end):
                word = match.group(1)
                if word.lower() in self.exceptions or word.isdigit() or (self.alpha and not word.isalpha()):
                    continue
                if not source[match.end(1) : match.start(3)].isspace():
                    continue  # markup stood between the copies
                if _is_capitals(word) != _is_capitals(match.group(3)):
                    continue
                if self.skip_runs and self._in_run(text, match, start, end):
                    continue
                # Delete the gap and the second copy, so "the the" -> "the"; a Vale style's own action if it has one.
                fix = Fix((Edit(match.end(1), match.end(3), ""),), safe=True, description=f"remove repeated {word!r}")
                if self.action is not None:
                    fix = self.action.fix(match.start(), match.end(), match.group())
                yield self.finding(doc, match.start(), match.end(), {"match": word}, suggestions=[word], fix=fix)

    def _in_run(self, text: str, match: regex.Match[str], start: int, end: int) -> bool:
        """Whether a third copy stands right before or right after the pair."""
        word = match.group(1).lower()
        before = text[max(start, match.start() - len(word) - 8) : match.start()].rstrip()
        after = text[match.end() : min(end, match.end() + len(word) + 8)].lstrip()
        head = self.token.match(after)
        tail = before[-len(word) :] if len(before) >= len(word) else ""
        return bool(
            (head and head.group().lower() == word)
            or (tail.lower() == word and (len(before) == len(word) or not before[-len(word) - 1].isalnum()))
        )


_WORDS_ONLY = regex.compile(r"[\w'’|()?-]*")
_RUN = re.compile(r"[\w'’-]+")


def _equal_runs_in_a_row(text: str, ignorecase: bool) -> bool:
    """Two runs of word characters in a row that are equal (casefolded: a superset of the pattern's case rule)."""
    runs = _RUN.findall(text)
    if ignorecase:
        runs = list(map(str.casefold, runs))
    return any(map(operator.eq, runs, itertools.islice(runs, 1, None)))


def _is_capitals(word: str) -> bool:
    return len(word) > 1 and word.isupper()
