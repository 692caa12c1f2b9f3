"""The repetition kind: flagged and not-flagged examples (the proselint way)."""

from tests.conftest import lint_with


def texts(findings, text):
    return [text[f.offset : f.end_offset] for f in findings]


def test_repetition_across_line_break_and_exceptions(rule_factory):
    rule = rule_factory("extends: repetition\nexceptions: [had]\n")
    text = "The\nthe cat. He had had enough. That. That is fine. theme the\n"
    found = lint_with(rule, text)
    assert texts(found, text) == ["The\nthe"]
    assert found[0].fix.edits[0].start == 3 and found[0].fix.edits[0].end == 7
