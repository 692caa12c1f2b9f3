"""Flagged and not-flagged examples for each generic kind (the proselint way)."""

import pytest

from lint.options import OptionError
from lint.ruleset import RuleLoadError
from tests.conftest import lint_with


def texts(findings, text):
    return [text[f.offset : f.end_offset] for f in findings]


def test_existence_flags_tokens_with_position_and_skips_code(rule_factory):
    rule = rule_factory(
        "extends: existence\nmessage: \"No '{match}'\"\nignorecase: true\ntokens: [utilize, in order to]\n"
    )
    text = "# T\n\nWe Utilize tools `utilize` in order to win.\n\n```\nutilize\n```\n"
    found = lint_with(rule, text)
    assert [(f.line, f.column, f.message) for f in found] == [(3, 4, "No 'Utilize'"), (3, 28, "No 'in order to'")]
    assert not lint_with(rule, "Underutilized tools.\n")


def test_existence_needs_tokens(rule_factory):
    with pytest.raises((RuleLoadError, OptionError)):
        rule_factory("extends: existence\n")


def test_substitution_keeps_case_and_offers_safe_fix(rule_factory):
    rule = rule_factory(
        "extends: substitution\nmessage: \"'{suggestion}' not '{match}'\"\nswap:\n  amongst: among\n  utilise: use|employ\n"
    )
    text = "Amongst us. We utilise it. Among friends.\n"
    found = lint_with(rule, text)
    assert [f.message for f in found] == ["'Among' not 'Amongst'", "'use or employ' not 'utilise'"]
    assert found[0].fix.safe and found[0].fix.edits[0].text == "Among"
    assert found[1].fix is None and found[1].suggestions == ("use", "employ")


def test_occurrence_counts_per_sentence(rule_factory):
    rule = rule_factory("extends: occurrence\nmessage: '{count} words'\nscope: sentence\nmax: 5\n")
    text = "One two three. One two three four five six seven.\n"
    found = lint_with(rule, text)
    assert [f.message for f in found] == ["7 words"]
    assert texts(found, text) == ["One two three four five six seven."]


def test_occurrence_min(rule_factory):
    rule = rule_factory("extends: occurrence\nscope: paragraph\nmin: 3\ntoken: '\\d+'\n")
    assert len(lint_with(rule, "1 and 2 only.\n\n1, 2 and 3.\n")) == 1


def test_repetition_across_line_break_and_exceptions(rule_factory):
    rule = rule_factory("extends: repetition\nexceptions: [had]\n")
    text = "The\nthe cat. He had had enough. That. That is fine. theme the\n"
    found = lint_with(rule, text)
    assert texts(found, text) == ["The\nthe"]
    assert found[0].fix.edits[0].start == 3 and found[0].fix.edits[0].end == 7


def test_consistency_flags_minority_form(rule_factory):
    rule = rule_factory("extends: consistency\nmessage: \"'{match}' vs '{other}'\"\neither:\n  advisor: adviser\n")
    text = "An adviser. Another adviser. One advisor.\n"
    found = lint_with(rule, text)
    assert texts(found, text) == ["advisor"] and found[0].suggestions == ("adviser",)
    assert not lint_with(rule, "An adviser. Another adviser.\n")


@pytest.mark.parametrize(
    ("match", "heading", "flagged"),
    [
        ("$title", "The Value of Cooperation", False),
        ("$title", "The value of cooperation", True),
        ("$title", "A Tale Of Two Cities", True),
        ("$sentence", "The value of cooperation", False),
        ("$sentence", "The Value of Cooperation", True),
        ("$sentence", "Working with NATO partners", False),
        ("$upper", "LOUD", False),
        ("$lower", "Quiet", True),
    ],
)
def test_capitalization_styles(rule_factory, match, heading, flagged):
    rule = rule_factory(f"extends: capitalization\nmatch: '{match}'\n")
    assert bool(lint_with(rule, f"# {heading}\n\nBody.\n")) is flagged


def test_capitalization_sentence_case_learns_proper_nouns_from_prose(rule_factory):
    rule = rule_factory("extends: capitalization\nmatch: $sentence\n")
    assert not lint_with(rule, "# Security of the Islamic Nation\n\nWe study the Islamic Nation here.\n")


def test_capitalization_consistent_flags_the_odd_heading(rule_factory):
    rule = rule_factory("extends: capitalization\nmatch: $consistent\n")
    text = "# Big Title Here\n\n## Second Part Now\n\n## Third part here\n\n## Fourth Part Too\n"
    found = lint_with(rule, text)
    assert [f.line for f in found] == [5] and found[0].data["style"] == "title case"
