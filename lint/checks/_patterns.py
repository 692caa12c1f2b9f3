"""Token-list regexes shared by the Vale-style kinds (existence, substitution...)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from lint.options import Option, OptionError, boolean, choice, compile_pattern

# A token that is plain text: words joined by single spaces, hyphens or apostrophes.
_LITERAL = re.compile(r"[^\W_]+(?:[ '’-][^\W_]+)*")
_WORD_RUN = re.compile(r"[^\W_]+")
LITERAL_LIST_FROM = 500  # a list this long of plain words is matched by lookup, not by one alternation


@dataclass(frozen=True)
class _Found:
    """What a regex match offers the kinds: start(), end() and group()."""

    text: str
    begin: int
    finish: int

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def group(self, index: int = 0) -> str:
        return self.text[self.begin : self.finish]


class LiteralTokens:
    """Plain-word tokens found by dictionary lookup over the text's words.

    One alternation of 99,000 words took 10 s to compile and 12 s to search
    15 KB; looking up each run of up to `longest` words costs microseconds.
    It finds what the alternation with word boundaries finds: a token starts
    and ends at a word's edge, and the text between its words is as written.
    """

    def __init__(self, tokens: list[str], ignorecase: bool) -> None:
        self.ignorecase = ignorecase
        self.tokens = frozenset(t.lower() for t in tokens) if ignorecase else frozenset(tokens)
        self.longest = max(len(_WORD_RUN.findall(t)) for t in tokens)

    def finditer(self, text: str, start: int, end: int) -> Iterator[_Found]:
        words = [(m.start(), m.end()) for m in _WORD_RUN.finditer(text, start, end)]
        i = 0
        while i < len(words):
            found = None
            for j in range(min(len(words), i + self.longest) - 1, i - 1, -1):  # longest first, like the regex
                piece = text[words[i][0] : words[j][1]]
                if (piece.lower() if self.ignorecase else piece) in self.tokens:
                    found = j
                    break
            if found is None:
                i += 1
                continue
            yield _Found(text, words[i][0], words[found][1])
            i = found + 1


VOCAB_OPTION = Option(
    "vocab",
    boolean,
    False,
    "the Vale vocabulary's accepted terms are exceptions (Vale's key; on for Vale rules)",
    "bool",
)
BOUNDARIES = ("letters", "vale")
BOUNDARIES_OPTION = Option(
    "boundaries",
    choice(*BOUNDARIES),
    "letters",
    "where a token may start and end: 'letters' (no letter or digit beside it) or 'vale' (regex \\b, as Vale)",
    "string",
)


def bounded(body: str, boundaries: str = "letters") -> str:
    """`body` kept from starting or ending inside a word.

    "letters" looks at the letters and digits next to it, so a token that
    starts or ends with punctuation (`e.g.`) still matches before a space.
    "vale" is Vale's word template, `\\b(?:...)\\b`: a token ending in
    punctuation then needs a word character after it (`left- and right-`
    in "right-aligned").
    """
    if boundaries == "vale":
        return rf"\b(?:{body})\b"
    return rf"(?<![\w])(?:{body})(?![\w])"


def plain_tokens(tokens: list[str]) -> bool:
    return len(tokens) >= LITERAL_LIST_FROM and all(_LITERAL.fullmatch(t) for t in tokens)


def token_pattern(
    tokens: list[str],
    *,
    ignorecase: bool,
    nonword: bool,
    what: str = "tokens",
    named: bool = False,
    boundaries: str = "letters",
) -> regex.Pattern[str]:
    """One alternation of the tokens, wrapped in word boundaries unless `nonword`.

    Tokens are regexes, as in Vale. Boundaries are lookarounds on letters and
    digits rather than `\\b`, so a token that starts or ends with punctuation
    (`e.g.`) still matches. `named` puts token i in group `t<i>`, so a match
    says which token it is (`match.lastgroup`): a token with a lookaround
    (`it's(?=\\.)`) matches only in its context, never on the found text alone.
    """
    if not tokens:
        raise OptionError(f"{what}: needs at least one token")
    for token in tokens:
        if not _LITERAL.fullmatch(token):
            compile_pattern(token, what="token")
    body = "|".join(f"(?P<t{i}>{t})" if named else f"(?:{t})" for i, t in enumerate(tokens))
    if not nonword:
        body = bounded(body, boundaries)
    return compile_pattern(body, regex.IGNORECASE if ignorecase else 0, what=what)
