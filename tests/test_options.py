"""Option validators and pattern compilation (lint/options.py)."""

from __future__ import annotations

import re

import pytest
import regex

from lint.options import SAME_IN_BOTH_ENGINES, OptionError, TwinPattern, compile_pattern

AGREEING = "".join(chr(c) for lo, hi in SAME_IN_BOTH_ENGINES for c in range(lo, hi + 1))


@pytest.mark.parametrize("cls", [r"\w", r"\s", r"\d", r"[^\W\d_]", r"\b"])
def test_engines_agree_on_every_listed_character_class(cls):
    # Each character alone and between letters, so \b is tested on both sides.
    for char in AGREEING:
        for text in (char, f"a{char}a"):
            ours = [m.span() for m in re.finditer(cls, text)]
            theirs = [m.span() for m in regex.finditer(cls, text, regex.VERSION0)]
            assert ours == theirs, (hex(ord(char)), cls)


def test_engines_agree_on_case_insensitive_pairs_among_listed_characters():
    for char in AGREEING:
        pattern = re.escape(char)
        ours = [m.start() for m in re.finditer(pattern, AGREEING, re.IGNORECASE)]
        theirs = [m.start() for m in regex.finditer(pattern, AGREEING, regex.IGNORECASE | regex.VERSION0)]
        assert ours == theirs, hex(ord(char))


def test_the_list_leaves_out_characters_the_engines_disagree_on():
    # Had these been listed, the tests above would fail: the list is not just "everything".
    for char in ("\x1c", "\u00b2", "\u0131", "\u0301", "\u200d"):
        assert char not in AGREEING
    assert bool(re.fullmatch(r"\s", "\x1c")) != bool(regex.fullmatch(r"\s", "\x1c", regex.VERSION0))
    assert bool(re.fullmatch(r"\w", "\u0301")) != bool(regex.fullmatch(r"\w", "\u0301", regex.VERSION0))


def test_trusted_pattern_gets_an_re_twin_and_others_do_not():
    twin = compile_pattern(r"(\w+) \1", regex.IGNORECASE, trusted=True)
    assert isinstance(twin, TwinPattern)
    assert twin.fast.flags & re.IGNORECASE and isinstance(twin.fast, re.Pattern)
    assert twin.fast_for("plain text, ’quoted’ and café", 0, 29)
    assert not twin.fast_for("e\u0301 e\u0301", 0, 5)
    assert isinstance(compile_pattern(r"(\w+) \1"), regex.Pattern)
    # A pattern only `regex` understands stays a plain regex pattern, even when trusted.
    assert isinstance(compile_pattern(r"\p{Lu}+", trusted=True), regex.Pattern)


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
