"""The capitalization kind: flagged and not-flagged examples (the proselint way)."""

import pytest

from tests.conftest import lint_with


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
