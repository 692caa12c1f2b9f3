"""Structure options and the seed corpus; the per-rule examples live in tests/cases/structure/."""

from __future__ import annotations

import re

import pytest

from lint.config import Config
from lint.document import Document
from lint.engine import Linter, Selection
from lint.ruleset import RuleLoadError
from tests.conftest import CORPUS, lint_with, run_cli


def test_seed_corpus_structure_findings():
    linter = Linter(Config(), Selection(select=["structure"]))
    found = {
        path.name[:3]: [(f.rule, f.line, f.column) for f in linter.lint_path(path, path.name).findings]
        for path in sorted(CORPUS.iterdir())
    }
    # 001's title has "Alliances : A": the space before the colon, at column 22.
    assert found["001"] == [("structure.heading-punctuation", 1, 22)]
    # 000's title is 17 words ("International Collaboration in the Context of ... the Islamic Nation"):
    # over the 15-word guidance, a suggestion an editor would accept.
    assert found["000"] == [("structure.heading-length", 1, 3)]
    assert found["002"] == found["003"] == found["004"] == []


def test_space_before_colon_fix_removes_only_the_space(tmp_path):
    source = (CORPUS / "001_853cbc21e85919c8.txt").read_bytes()
    (tmp_path / "e.md").write_bytes(source)
    run_cli("check", "e.md", "--select", "structure.heading-punctuation", "--fix", cwd=tmp_path)
    assert (tmp_path / "e.md").read_bytes() == source.replace(b"Alliances : A", b"Alliances: A", 1)


def test_siblings_only(rule_factory):
    text = "# T\n\n## A\n\n### Notes\n\nx\n\n## B\n\n### Notes\n\nx\n"
    everywhere = rule_factory("extends: duplicate-heading\n")
    siblings = rule_factory("extends: duplicate-heading\nsiblings_only: true\n", "t.s")
    assert [f.line for f in lint_with(everywhere, text)] == [11]
    assert lint_with(siblings, text) == []
    assert [f.line for f in lint_with(siblings, "# T\n\n## A\n\nx\n\n## A\n\nx\n")] == [7]


def test_question_marks_can_be_refused(rule_factory):
    rule = rule_factory("extends: heading-punctuation\nallow_question: false\n")
    assert [f.line for f in lint_with(rule, "# Why Now?\n\nx\n")] == [1]


def test_heading_length_levels_option(rule_factory):
    rule = rule_factory("extends: heading-length\nmax: 3\nlevels: [h2]\n")
    assert [f.line for f in lint_with(rule, "# A Long Title Of Words\n\n## A Long Section Title\n\nx\n")] == [3]


@pytest.mark.parametrize(
    ("template", "error"),
    [
        ("template: nope", "expected a non-empty list"),
        ("template:\n  - level: 9", "level must be 1 to 6"),
        ("template:\n  - level: 2\n    mach: x", "unknown key 'mach'"),
        ("template:\n  - match: '(['", "does not compile"),
        ("template:\n  - level: 2\n    min: 3\n    max: 1", "min <= max"),
    ],
)
def test_bad_templates_are_refused_at_load(rule_factory, template, error):
    with pytest.raises(RuleLoadError, match=re.escape(error)):
        rule_factory(f"extends: required-sections\n{template}\n")


def test_wildcard_template_items(rule_factory):
    rule = rule_factory(
        "extends: required-sections\ntemplate:\n  - level: 1\n  - '*'\n  - level: 2\n    match: Sources\n"
    )
    assert lint_with(rule, "# T\n\n## A\n\nx\n\n## B\n\nx\n\n## Sources\n\nx\n") == []
    assert lint_with(rule, "# T\n\n## Sources\n\nx\n") == []
    assert len(lint_with(rule, "# T\n\n## A\n\nx\n")) == 1


def test_explain_required_sections_shows_a_working_template(tmp_path):
    result = run_cli("explain", "structure.required-sections")
    assert result.returncode == 0 and "template:" in result.stdout
    example = result.stdout.split("Example:", 1)[1]
    yaml_text = "\n".join(line[4:] for line in example.splitlines() if line.startswith("    "))
    (tmp_path / "house" / "structure").mkdir(parents=True)
    (tmp_path / "house" / "structure" / "template.yaml").write_text(yaml_text)
    (tmp_path / ".essaylint.yaml").write_text("rules: [house]\nselect: [structure.template]\n")
    (tmp_path / "good.md").write_text("# T\n\n## A\n\nx\n\n## B\n\nx\n\n## C\n\nx\n\n## Conclusion\n\nx\n")
    (tmp_path / "bad.md").write_text("# T\n\n## A\n\nx\n\n## B\n\nx\n")
    good = run_cli("check", "good.md", "--fail-on", "warning", cwd=tmp_path)
    bad = run_cli("check", "bad.md", "--fail-on", "warning", cwd=tmp_path)
    assert good.returncode == 0, good.stdout + good.stderr
    assert bad.returncode == 1 and "structure.template" in bad.stdout


def test_toml_front_matter_title_counts_and_a_repeated_title_is_an_error():
    from lint.config import Config
    from lint.engine import Linter, Selection

    linter = Linter(Config(), Selection(select=["structure.single-title"]))
    head = '+++\ntitle = "Adopting the FLS"\n+++\n\n'
    assert linter.lint_document(Document.from_text("a.md", head + "Body text.\n\n## Part\n\nMore.\n")).findings == []
    (twice,) = linter.lint_document(Document.from_text("b.md", head + "# Adopting the FLS\n\nBody.\n")).findings
    assert twice.level.label == "error" and "given twice" in twice.message
    (section,) = linter.lint_document(Document.from_text("c.md", head + "# Summary\n\nBody.\n")).findings
    assert section.level.label == "warning"


def test_stranded_prepositions_are_not_truncation():
    linter = Linter(Config(), Selection(select=["structure.truncated-heading"]))
    ok = "# Title\n\nx.\n\n## Improve software you rely on\n\nx.\n\n## Let the Other 95% of Great Programmers In\n\nx.\n\n## Who they are\n\nx.\n"
    assert linter.lint_document(Document.from_text("o.md", ok)).findings == []
    cut = "# Title\n\nx.\n\n## The Role of\n\nx.\n\n## Security and\n\nx.\n"
    assert len(linter.lint_document(Document.from_text("c.md", cut)).findings) == 2
