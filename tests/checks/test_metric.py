"""metric: Vale's formulas over the document's counts, evaluated without running anything else."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.checks import Context
from lint.checks.metric import document_counts
from lint.document import Document
from lint.ruleset import RuleLoadError, load_rule

FLESCH_KINCAID = """extends: metric
message: "Grade {match}"
formula: |
  (0.39 * (words / sentences)) + (11.8 * (syllables / words)) - 15.59
condition: "> 8"
"""
TEXT = (
    "# A title\n\nThe committee reconsidered the extraordinarily complicated administrative proposal. "
    "Everybody disagreed immediately.\n\n- one item\n- another item\n\n> A quotation.\n\n```\ncode words here\n```\n"
)


def _found(tmp_path: Path, rule: str, text: str) -> list:
    path = tmp_path / "rule.yaml"
    path.write_text(rule, encoding="utf-8")
    check = load_rule(path, "house.rule", "style").validated
    return list(check.check(Document.from_text("t.md", text), Context()))


def test_the_counts_are_of_prose_words_sentences_and_blocks():
    counts = document_counts(Document.from_text("t.md", TEXT))
    assert counts["words"] == 19  # the code block's words are not prose
    assert counts["sentences"] == 6 and counts["heading_h1"] == 1 and counts["pre"] == 1
    assert counts["list"] == 1 and counts["blockquote"] == 1 and counts["paragraphs"] == 1
    assert counts["long_words"] == 11  # committee, reconsidered, extraordinarily, ... more than six letters
    assert counts["polysyllabic_words"] >= counts["complex_words"] > 0
    assert counts["characters"] == sum(len(w) for w in "A title The committee".split()) + sum(
        len(w)
        for w in (
            "reconsidered the extraordinarily complicated administrative proposal Everybody disagreed immediately "
            "one item another item A quotation"
        ).split()
    )


def test_a_formula_over_its_condition_is_one_finding_at_the_start_with_the_score(tmp_path):
    found = _found(tmp_path, FLESCH_KINCAID, TEXT)
    assert len(found) == 1 and (found[0].line, found[0].column) == (1, 1)
    counts = document_counts(Document.from_text("t.md", TEXT))
    grade = 0.39 * counts["words"] / counts["sentences"] + 11.8 * counts["syllables"] / counts["words"] - 15.59
    assert found[0].message == f"Grade {grade:.2f}"
    assert _found(tmp_path, FLESCH_KINCAID.replace("> 8", "> 80"), TEXT) == []


def test_math_functions_and_heading_variables_as_vale_writes_them(tmp_path):
    rule = (
        'extends: metric\nmessage: "{match}"\nformula: math.sqrt(heading.h1 * 16) + math.abs(-1)\ncondition: "== 5.0"\n'
    )
    assert [f.message for f in _found(tmp_path, rule, TEXT)] == ["5.00"]


def test_a_document_without_words_or_sentences_is_left_alone(tmp_path):
    assert _found(tmp_path, FLESCH_KINCAID, "```\ncode only\n```\n") == []


@pytest.mark.parametrize(
    ("formula", "why"),
    [
        ("__import__('os').system('true')", "only math."),
        ("words.__class__", ".__class__ is not allowed"),
        ("math.pi * words", ".pi is not allowed"),
        ("wordz / sentences", "unknown variable 'wordz'"),
        ("'text' * 3", "only numbers"),
        ("(words", "not a formula"),
        ("[words][0]", "is not allowed"),
    ],
)
def test_anything_but_arithmetic_is_refused_at_load(tmp_path, formula, why):
    rule = f'extends: metric\nmessage: "x"\nformula: "{formula}"\ncondition: "> 1"\n'
    with pytest.raises(RuleLoadError, match="formula") as raised:
        _found(tmp_path, rule.replace('"' + formula + '"', repr(formula)), TEXT)
    assert why in str(raised.value)


def test_a_condition_must_be_one_comparison(tmp_path):
    with pytest.raises(RuleLoadError, match="condition"):
        _found(tmp_path, FLESCH_KINCAID.replace('"> 8"', '"> 8 or True"'), TEXT)
