"""capitalization: headings (or any scope) in title case, sentence case, or consistently one.

Why: house styles pick one heading case; essays written by many hands (or
generated) mix them. With `match: $consistent` no style is imposed: the
case most headings of the document use wins and the others are flagged.

Words that are capitalised mid-sentence in the essay's own prose are taken as
proper nouns ("Islamic Nation"), so sentence case does not demand
"islamic nation". Acronyms and `exceptions` are always left as written.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

import regex

from lint.checks import Check, Context, RuleTimeout
from lint.document import WORD, Document, own_case, slash_joined
from lint.finding import Finding
from lint.options import Option, boolean, compile_pattern, optional, probability, string, string_list

SMALL_WORDS = frozenset(
    (
        "a an the and but or nor for so yet as at by in of off on per to up via vs with from into onto over upon than"
    ).split()
)
_WORD = WORD
_AFTER_BREAK = re.compile(r"[:?!—–]\s*$")


def title_case_violations(words: list[tuple[str, bool]], keep: set[str], lenient: bool = False) -> list[int]:
    """Indexes of words that break title case. `words` = (word, starts a clause).

    `lenient` (used to classify headings for consistency) accepts any
    capitalisation of small words and words of three letters or fewer
    ("Collaboration at its Core", "A Title In Title Case"): only a lower-case
    content word breaks it.
    """
    bad = []
    for i, (word, starts) in enumerate(words):
        if word in keep or own_case(word) or not word[0].isalpha():
            continue
        small = word.lower() in SMALL_WORDS
        if lenient:
            if not word[0].isupper() and not small and len(word) > 3:
                bad.append(i)
            continue
        first_or_last = i == 0 or i == len(words) - 1 or starts
        if small and not first_or_last:
            if word[0].isupper():
                bad.append(i)
        elif not word.split("-")[0][:1].isupper():
            bad.append(i)
    return bad


def sentence_case_violations(words: list[tuple[str, bool]], keep: set[str], proper: set[str]) -> list[int]:
    bad = []
    for i, (word, starts) in enumerate(words):
        if word in keep or own_case(word) or not word[0].isalpha():
            continue
        if i == 0:
            if not word[0].isupper():
                bad.append(i)
        elif word[0].isupper() and not starts and word not in proper and word.lower() != "i":
            bad.append(i)
    return bad


_VALE_TOKEN = r"[\w*]+\S*"  # Vale's `[\p{N}\p{L}*]+[^\s]*`: a word with what sticks to it


def vale_sentence_case(
    text: str,
    indicators: list[str],
    threshold: float,
    tokenizer: regex.Pattern[str],
    exception: regex.Pattern[str] | None = None,
    timeout: float = 1.0,
) -> bool:
    """Sentence case as Vale scores it: enough of the words in their place, the first always.

    Vale passes a heading when at least `threshold` of its words are as
    sentence case wants them: the first word with letters capitalised (else
    it fails outright), a word after one ending in an indicator (`:`)
    capitalised, every other word lower case, an exception as listed. An
    all-capitals word is not excused unless listed ("JSON" is an error for
    Microsoft, which does not list it, and not for Google, which does).
    """
    tokens = tokenizer.findall(text.rstrip("?!.:"), timeout=timeout)  # exceptions first, then Vale's word
    count = words = 0
    seen_letters = False
    for i, token in enumerate(tokens):
        word = re.split(r"[-'’]", token, maxsplit=1)[0] or token
        words += 1
        if exception is not None and exception.fullmatch(token, timeout=timeout):
            count += 1
            seen_letters = True
            continue
        if not any(c.isalpha() for c in word):
            count += 1
            continue
        capitalised = word == word[:1].upper() + word[1:].lower()
        if not seen_letters:
            seen_letters = True
            if not capitalised:
                return False
            count += 1
        elif i > 0 and any(tokens[i - 1].endswith(x) for x in indicators):
            count += capitalised
        else:
            count += word == word.lower()
    return words == 0 or count / words >= threshold


class Capitalization(Check):
    """Checks each segment's case against `match`: $title, $sentence, $upper, $lower, $consistent or a regex."""

    kind = "capitalization"
    default_scope = "heading"
    options = (
        Option("match", string, "$title", "$title, $sentence, $upper, $lower, $consistent, or a regex", "string"),
        Option("exceptions", string_list, [], "words always allowed as written (names, brands)", "list"),
        Option(
            "proper_nouns_from_text",
            boolean,
            True,
            "treat words capitalised mid-sentence in the essay's prose as proper nouns",
            "bool",
        ),
        Option(
            "indicators", string_list, [], "endings of a word after which the next starts a clause (Vale's)", "list"
        ),
        Option(
            "threshold",
            optional(probability),
            None,
            "score $sentence as Vale does: pass when this share of words is right (Vale: 0.8); unset, any wrong word fails",
            "number",
        ),
    )
    example = """\
extends: capitalization
message: "Heading '{match}' is not in {style} (like the other headings)."
level: suggestion
scope: heading
match: $consistent
exceptions: [Ummah, UN]
"""

    def setup(self, options: dict[str, Any]) -> None:
        self.match = options["match"]
        self.keep = set(options["exceptions"])
        self.pattern = None
        if not self.match.startswith("$"):
            self.pattern = compile_pattern(self.match, what="match")
        elif self.match not in ("$title", "$sentence", "$upper", "$lower", "$consistent"):
            from lint.options import OptionError

            raise OptionError(f"match: unknown style {self.match!r}")
        self.learn_proper = options["proper_nouns_from_text"]
        self.indicators = options["indicators"]
        self.threshold = options["threshold"]
        # Vale reads exceptions as regexes, tried before the word pattern so a phrase stays one token.
        exceptions = options["exceptions"]
        self.exception = None
        if exceptions and self.threshold is not None:
            joined = rf"(?<!\w)(?:{'|'.join(exceptions)})(?!\w)"
            self.exception = compile_pattern(joined, what="exceptions")
            self.tokenizer = compile_pattern(f"{joined}|{_VALE_TOKEN}", what="exceptions")
        else:
            self.tokenizer = compile_pattern(_VALE_TOKEN)

    def _vale_sentence_case(self, text: str) -> bool:
        tokenizer = self.tokenizer
        try:
            return vale_sentence_case(
                text, self.indicators, self.threshold or 0.0, tokenizer, self.exception, timeout=self._remaining()
            )
        except TimeoutError:
            raise RuleTimeout(self.rule.id) from None

    def _proper_nouns(self, doc: Document) -> set[str]:
        return set(doc.names) if self.learn_proper else set()

    def _words(self, text: str) -> list[tuple[str, bool]]:
        words = []
        last_end = 0
        for match in _WORD.finditer(text):
            starts = bool(_AFTER_BREAK.search(text[last_end : match.start()])) and bool(words)
            word = match.group()
            if slash_joined(text, match.start(), match.end()):
                word = "/" + word  # "net/http", "bash/zsh": kept as written, as a non-word is
            words.append((word, starts))
            last_end = match.end()
        return words

    def style_of(self, words: list[tuple[str, bool]], proper: set[str]) -> set[str]:
        styles = set()
        if not title_case_violations(words, self.keep, lenient=True):
            styles.add("title case")
        if not sentence_case_violations(words, self.keep, proper):
            styles.add("sentence case")
        return styles

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        spans = []
        for _scope, text, start, end in self.scoped(doc):
            segment = text[start:end]
            stripped = segment.strip()
            if not stripped:
                continue
            s = start + (len(segment) - len(segment.lstrip()))
            spans.append((s, s + len(stripped), stripped))
        if not spans:
            return
        proper = self._proper_nouns(doc) if self.match in ("$sentence", "$consistent") else set()
        if self.match == "$consistent":
            yield from self._consistent(doc, spans, proper)
            return
        for s, e, stripped in spans:
            words = self._words(stripped)
            if self.pattern is not None:
                ok = self.regex_match(self.pattern, stripped, "fullmatch") is not None
                style = self.match
            elif self.match == "$upper":
                ok, style = stripped == stripped.upper(), "upper case"
            elif self.match == "$lower":
                ok, style = stripped == stripped.lower(), "lower case"
            elif self.match == "$title":
                bad, style = title_case_violations(words, self.keep), "title case"
                # Vale scores title case too: enough words right (its threshold), not every one
                ok = (
                    not bad
                    if self.threshold is None
                    else (len(words) - len(bad)) / max(len(words), 1) >= self.threshold
                )
            elif self.threshold is not None:
                style = "sentence case"
                ok = self._vale_sentence_case(stripped)
            else:
                ok, style = not sentence_case_violations(words, self.keep, proper), "sentence case"
            if not ok:
                yield self.finding(doc, s, e, {"match": stripped, "style": style}, data={"style": style})

    def _consistent(self, doc: Document, spans: list[tuple[int, int, str]], proper: set[str]) -> Iterator[Finding]:
        classified = [(s, e, t, self.style_of(self._words(t), proper)) for s, e, t in spans if len(self._words(t)) > 1]
        votes = Counter(next(iter(st)) for *_, st in classified if len(st) == 1)
        if not votes:
            return
        ranked = votes.most_common()
        if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
            return  # no majority: nothing to be consistent with
        style = ranked[0][0]
        for s, e, text, styles in classified:
            if style not in styles:
                yield self.finding(doc, s, e, {"match": text, "style": style}, data={"style": style})
