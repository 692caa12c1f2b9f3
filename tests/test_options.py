"""Option validators and pattern compilation (lint/options.py)."""

from __future__ import annotations

import pytest
import regex

from lint.options import OptionError, compile_pattern


def test_every_pattern_is_a_regex_pattern_with_a_time_limit():
    pattern = compile_pattern(r"(\w+) \1", regex.IGNORECASE)
    assert isinstance(pattern, regex.Pattern) and pattern.flags & regex.IGNORECASE
    with pytest.raises(TimeoutError):
        compile_pattern(r"(a|aa)+$").search("a" * 60 + "b", timeout=0.05)


def test_bad_pattern_is_an_option_error_naming_it():
    with pytest.raises(OptionError, match=r"token '\(unclosed' does not compile"):
        compile_pattern("(unclosed", what="token")


def test_nested_counted_repeats_are_refused_before_compiling():
    import pytest

    from lint.options import OptionError, compile_pattern

    with pytest.raises(OptionError, match="refused: its repeats expand"):
        compile_pattern("((((a{100}){100}){100}){100})")
    compile_pattern("|".join(f"word{i}" for i in range(20_000)))  # a long list is long, not explosive
    compile_pattern("[a-z]{3,5}(?:ab){2}")
