"""The consistency kind: flagged and not-flagged examples (the proselint way)."""

from tests.conftest import lint_with


def texts(findings, text):
    return [text[f.offset : f.end_offset] for f in findings]


def test_consistency_flags_minority_form(rule_factory):
    rule = rule_factory("extends: consistency\nmessage: \"'{match}' vs '{other}'\"\neither:\n  advisor: adviser\n")
    text = "An adviser. Another adviser. One advisor.\n"
    found = lint_with(rule, text)
    assert texts(found, text) == ["advisor"] and found[0].suggestions == ("adviser",)
    assert not lint_with(rule, "An adviser. Another adviser.\n")
