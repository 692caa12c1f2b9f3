"""The confusable kind: a confusion-set member flagged only where context prefers another, in the rule's scope."""

from __future__ import annotations

from tests.conftest import lint_with

RULE = """\
extends: confusable
message: "'{match}' may be a mistake for '{suggestion}' here."
level: warning
scope: SCOPE
threshold: 5.0
sets:
  - words: [corporation, cooperation]
    source: written for essaylint
    cues:
      cooperation:
        near: [allies, ally, nations]
      corporation:
        near: [shareholders, profits, employees]
"""
TEXT = "# The corporation with allies\n\nThe corporation with allies made the region safer.\n"


def flagged_lines(rule_factory, scope: str) -> list[int]:
    rule = rule_factory(RULE.replace("SCOPE", scope), rule_id="spelling.test-confusable")
    return [f.line for f in lint_with(rule, TEXT)]


def test_the_real_word_error_is_flagged_with_its_suggestion(rule_factory):
    rule = rule_factory(RULE.replace("SCOPE", "text"), rule_id="spelling.test-confusable")
    (heading, paragraph) = lint_with(rule, TEXT)
    assert (paragraph.line, paragraph.suggestions) == (3, ("cooperation",))
    assert TEXT[paragraph.offset : paragraph.end_offset] == "corporation"
    assert heading.line == 1


def test_the_scope_is_honoured(rule_factory):
    assert flagged_lines(rule_factory, "text") == [1, 3]
    assert flagged_lines(rule_factory, "heading") == [1]
    assert flagged_lines(rule_factory, "paragraph") == [3]


def test_a_word_without_evidence_against_it_is_left_alone(rule_factory):
    rule = rule_factory(RULE.replace("SCOPE", "text"), rule_id="spelling.test-confusable")
    assert lint_with(rule, "# T\n\nThe corporation hired new staff this year.\n") == []


def test_cues_with_optional_letters_match_as_their_regex_does():
    """Every cue of the default sets spelled out as phrases ("years?": year, years) finds what its regex found."""
    import itertools

    import yaml

    from lint.checks.confusable import Cues, _compile_cues, _spelled_out, window_ends
    from tests.conftest import ROOT

    sets = yaml.safe_load((ROOT / "rules" / "spelling" / "confusables.yaml").read_text(encoding="utf-8"))["sets"]
    patterns = {
        p
        for item in sets
        for spec in (item.get("cues") or {}).values()
        for side in spec.values()
        for p in ([side] if isinstance(side, str) else side)
    }
    spelled = {p: _spelled_out(p) for p in patterns}
    spelled = {p: phrases for p, phrases in spelled.items() if phrases}
    assert len(spelled) >= 150  # most non-literal cues of the default sets
    for pattern, phrases in sorted(spelled.items()):
        words = {w for phrase in phrases for w in phrase.split()}
        vocabulary = sorted(words | {w + "s" for w in words} | {w[:-1] for w in words if len(w) > 1} | {"the", "x"})
        windows = [list(w) for n in (1, 2, 3) for w in itertools.product(vocabulary, repeat=n)][:4000]
        for side in ("before", "after", "near"):
            literal = Cues(side, [pattern], 0)
            assert literal.regex is None, pattern
            compiled = _compile_cues(side, [pattern], 0)
            for window in windows:
                if side == "near":
                    expected = any(compiled.fullmatch(w) for w in window)
                    assert literal.matches(window) == expected, (pattern, side, window)
                else:
                    expected = compiled.search(" ".join(window)) is not None
                    assert literal.matches(window, window_ends(side, window)) == expected, (pattern, side, window)


def test_patterns_that_are_not_literal_words_with_optional_letters_stay_regexes():
    from lint.checks.confusable import _spelled_out

    assert _spelled_out("colou?rs?") == ["color", "colors", "colour", "colours"]
    for pattern in ("s?", "a b?", "a?b?c?d?", "(?:x)", "years", r"\d+ years?"):
        assert _spelled_out(pattern) is None, pattern
