"""The occurrence kind: flagged and not-flagged examples (the proselint way)."""

from tests.conftest import lint_with


def texts(findings, text):
    return [text[f.offset : f.end_offset] for f in findings]


def test_occurrence_counts_per_sentence(rule_factory):
    rule = rule_factory("extends: occurrence\nmessage: '{count} words'\nscope: sentence\nmax: 5\n")
    text = "One two three. One two three four five six seven.\n"
    found = lint_with(rule, text)
    assert [f.message for f in found] == ["7 words"]
    assert texts(found, text) == ["One two three four five six seven."]


def test_occurrence_min(rule_factory):
    rule = rule_factory("extends: occurrence\nscope: paragraph\nmin: 3\ntoken: '\\d+'\n")
    assert len(lint_with(rule, "1 and 2 only.\n\n1, 2 and 3.\n")) == 1
