"""The existence kind: flagged and not-flagged examples (the proselint way)."""

import pytest

from lint.options import OptionError
from lint.ruleset import RuleLoadError
from tests.conftest import lint_with


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
