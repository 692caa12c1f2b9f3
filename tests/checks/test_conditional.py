"""conditional: a match of `first` needs a match of `second` (a definition) before or beside it."""

from __future__ import annotations

from pathlib import Path

from lint.checks import Context
from lint.document import Document
from lint.ruleset import load_rule

ACRONYMS = """extends: conditional
message: "'{match}' has no definition."
level: suggestion
first: '\\b([A-Z]{3,5})\\b'
second: '(?:\\b[A-Z][a-z]+ )+\\(([A-Z]{3,5})\\)'
exceptions: [API]
"""


def _found(tmp_path: Path, rule: str, text: str) -> list[str]:
    path = tmp_path / "rule.yaml"
    path.write_text(rule, encoding="utf-8")
    check = load_rule(path, "house.rule", "style").validated
    doc = Document.from_text("t.md", text)
    return [f.message for f in check.check(doc, Context())]


def test_an_acronym_defined_earlier_in_the_file_is_not_flagged_and_others_are(tmp_path):
    text = "# Title\n\nThe World Health Organization (WHO) met.\n\nThe WHO and the FBI met. The API is fine.\n"
    assert _found(tmp_path, ACRONYMS, text) == ["'FBI' has no definition."]  # WHO defined, API an exception
    text = "# Title\n\nThe NATO summit.\n\nThe North Atlantic Treaty Organization (NATO) met.\n"
    assert _found(tmp_path, ACRONYMS, text) == ["'NATO' has no definition."]  # used before its definition


def test_without_a_group_second_is_a_presence_check_per_segment(tmp_path):
    rule = "extends: conditional\nmessage: 'needs a unit: {match}'\nfirst: '\\d+'\nsecond: '\\b(?:km|kg)\\b'\n"
    assert _found(tmp_path, rule, "# T\n\nIt is 12 km away.\n\nIt weighs 40.\n") == ["needs a unit: 40"]
