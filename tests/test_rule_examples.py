"""Every default rule's `examples:` run: each flagged text gives a finding of that rule, each ok text none.

The examples live in the rule's YAML (what `essaylint explain RULE` prints),
so a new case for a rule is a line in its file, not new code.
"""

from __future__ import annotations

import pytest

from lint.config import Config, default_rules_dir
from lint.document import Document
from lint.engine import Linter, Selection
from lint.ruleset import load_rules

RULES = [r for r in load_rules([default_rules_dir()]) if r.examples]


def _findings(rule_id: str, text: str) -> list:
    linter = Linter(Config(), Selection(select=[rule_id], extend_select=[rule_id]))
    doc = Document.from_text("example.md", text if text.endswith("\n") else text + "\n")
    return [f for f in linter.lint_document(doc).findings if f.rule == rule_id]


def test_the_rules_worked_on_for_precision_carry_examples():
    with_examples = {r.id for r in RULES}
    for family in ("spelling.", "structure.", "encoding."):
        missing = [
            r.id
            for r in load_rules([default_rules_dir()])
            if r.id.startswith(family) and r.id not in with_examples and r.enabled
        ]
        assert missing == [], missing


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_examples(rule):
    for text in rule.examples.get("flagged", []):
        assert _findings(rule.id, text), f"{rule.id} should flag: {text!r}"
    for text in rule.examples.get("ok", []):
        found = _findings(rule.id, text)
        assert found == [], f"{rule.id} should leave alone: {text!r} (got {[f.message for f in found]})"
