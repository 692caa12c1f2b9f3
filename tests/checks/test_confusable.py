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
