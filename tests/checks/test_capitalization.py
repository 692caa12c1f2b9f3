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


def test_vale_scores_a_heading_by_the_share_of_its_words_in_place(tmp_path):
    from lint.checks import Context
    from lint.document import Document
    from lint.ruleset import load_rule

    def flagged(rule: str, text: str) -> list[str]:
        path = tmp_path / "Headings.yml"
        path.write_text(rule, encoding="utf-8")
        check = load_rule(path, "Style.Headings", "style", vale=True).validated
        return [f.message for f in check.check(Document.from_text("t.md", text), Context())]

    sentence = "extends: capitalization\nmessage: \"'%s'\"\nscope: heading\nmatch: $sentence\nindicators: [':']\n"
    text = "# Test: modern ways\n\n## Find the thief: Introduction\n\n## 8. Do step eight\n\n## A JSON reply\n"
    assert flagged(sentence, text) == ["'Test: modern ways'", "'A JSON reply'"]  # JSON is no exception here
    assert flagged(sentence + "exceptions: [JSON]\n", text) == ["'Test: modern ways'"]
    title = "extends: capitalization\nmessage: \"'%s'\"\nscope: heading\nmatch: $title\n"
    text = "# The Art of the Deal in Modern Business\n\n## The art of the deal in modern business\n"
    assert flagged(title, text) == ["'The art of the deal in modern business'"]
    assert flagged(title, "# The Art of the Deal in Modern business\n") == []  # one word of seven: 86% right
