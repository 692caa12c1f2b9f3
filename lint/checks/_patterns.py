"""Token-list regexes shared by the Vale-style kinds (existence, substitution...)."""

from __future__ import annotations

import regex

from lint.options import OptionError, compile_pattern


def token_pattern(tokens: list[str], *, ignorecase: bool, nonword: bool, what: str = "tokens") -> regex.Pattern[str]:
    """One alternation of the tokens, wrapped in word boundaries unless `nonword`.

    Tokens are regexes, as in Vale. Boundaries are lookarounds on letters and
    digits rather than `\\b`, so a token that starts or ends with punctuation
    (`e.g.`) still matches.
    """
    if not tokens:
        raise OptionError(f"{what}: needs at least one token")
    for token in tokens:
        compile_pattern(token, what="token")
    body = "|".join(f"(?:{t})" for t in tokens)
    if not nonword:
        body = rf"(?<![\w])(?:{body})(?![\w])"
    return compile_pattern(body, regex.IGNORECASE if ignorecase else 0, what=what)
