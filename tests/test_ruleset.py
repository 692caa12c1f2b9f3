from pathlib import Path

import pytest

from lint.config import default_rules_dir
from lint.ruleset import RuleLoadError, discover, load_rule, load_rules


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_path_gives_id_and_folder_gives_category(tmp_path):
    write(tmp_path / "structure" / "my-rule.yaml", "extends: existence\ntokens: [foo]\n")
    write(tmp_path / "house" / "other.yml", "extends: existence\ntokens: [bar]\n")
    rules = {r.id: r for r in load_rules([tmp_path])}
    assert rules["structure.my-rule"].category == "structure"
    assert rules["house.other"].category == "style"


def test_unknown_key_is_refused_with_file_line_and_key(tmp_path):
    path = write(tmp_path / "r.yaml", "extends: existence\nmessage: hi\ntokenz: [foo]\n")
    with pytest.raises(RuleLoadError, match=r"r\.yaml:3: tokenz: unknown key for kind 'existence'"):
        load_rule(path, "x.r", "x")


def test_bad_regex_is_refused_with_line(tmp_path):
    path = write(tmp_path / "r.yaml", "extends: existence\ntokens:\n  - 'ok'\n  - '(unclosed'\n")
    with pytest.raises(RuleLoadError, match=r"r\.yaml:4: tokens: token '\(unclosed' does not compile"):
        load_rule(path, "x.r", "x")


def test_wrong_type_and_unknown_kind_and_scope(tmp_path):
    path = write(tmp_path / "a.yaml", "extends: existence\ntokens: [a]\nignorecase: maybe\n")
    with pytest.raises(RuleLoadError, match=r"a\.yaml:3: ignorecase: expected true or false"):
        load_rule(path, "x.a", "x")
    path = write(tmp_path / "b.yaml", "extends: nonsense\n")
    with pytest.raises(RuleLoadError, match=r"b\.yaml:1: extends: unknown kind 'nonsense'"):
        load_rule(path, "x.b", "x")
    path = write(tmp_path / "c.yaml", "extends: existence\ntokens: [a]\nscope: chapter\n")
    with pytest.raises(RuleLoadError, match=r"c\.yaml:3: scope: unknown scope 'chapter'"):
        load_rule(path, "x.c", "x")


def test_yaml_booleans_in_lists_are_explained(tmp_path):
    path = write(tmp_path / "r.yaml", "extends: repetition\nexceptions: [had, no]\n")
    with pytest.raises(RuleLoadError, match=r"item 2 is the boolean False \(quote it"):
        load_rule(path, "x.r", "x")


def test_python_tags_are_refused(tmp_path):
    path = write(tmp_path / "r.yaml", "extends: !!python/object/apply:os.system ['true']\n")
    with pytest.raises(RuleLoadError, match=r"r\.yaml:1: .*invalid YAML"):
        load_rule(path, "x.r", "x")


def test_alias_bomb_is_refused_quickly(tmp_path):
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        bomb.append(
            f"{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]"
        )
    path = write(tmp_path / "bomb.yaml", "\n".join(bomb) + "\nextends: existence\n")
    with pytest.raises(RuleLoadError, match="alias bomb"):
        load_rule(path, "x.bomb", "x")


def test_huge_rule_file_is_refused(tmp_path):
    path = write(tmp_path / "big.yaml", "extends: existence\ntokens:\n" + "  - word\n" * 200_000)
    with pytest.raises(RuleLoadError, match=r"over the .*-byte limit"):
        load_rule(path, "x.big", "x")


def test_later_folder_replaces_rule_with_same_id(tmp_path):
    write(tmp_path / "one" / "style" / "r.yaml", "extends: existence\ntokens: [a]\n")
    write(tmp_path / "two" / "style" / "r.yaml", "extends: existence\ntokens: [b]\nlevel: error\n")
    rules = load_rules([tmp_path / "one", tmp_path / "two"])
    assert len(rules) == 1 and rules[0].options["tokens"] == ["b"]


def test_option_overrides_are_validated(tmp_path):
    write(tmp_path / "style" / "r.yaml", "extends: existence\ntokens: [a]\n")
    rules = load_rules([tmp_path], options={"style.r": {"tokens": ["zz"]}})
    assert rules[0].options["tokens"] == ["zz"]
    with pytest.raises(RuleLoadError, match="ignorecase"):
        load_rules([tmp_path], options={"style.r": {"ignorecase": "yes please"}})
    with pytest.raises(RuleLoadError, match="no loaded rule"):
        load_rules([tmp_path], options={"style.missing": {"tokens": ["x"]}})


def test_every_default_rule_loads_and_documents_itself():
    rules = load_rules([default_rules_dir()])
    assert rules
    for rule in rules:
        assert rule.description.strip(), f"{rule.id} has no description"
        assert rule.category in rule.id.split(".")[0] or rule.category == "style"
    assert all(path.suffix == ".yaml" for path, _, _ in discover(default_rules_dir()))


def test_examples_key_is_validated(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text("extends: existence\ntokens: [foo]\nexamples:\n  flaged: [x]\n")
    with pytest.raises(RuleLoadError, match=r"r\.yaml:3: examples: unknown key 'flaged'"):
        load_rule(path, "s.r", "s")
    path.write_text("extends: existence\ntokens: [foo]\nexamples: {flagged: [a foo here], ok: [nothing]}\n")
    assert load_rule(path, "s.r", "s").examples == {"flagged": ["a foo here"], "ok": ["nothing"]}


def test_message_format_widths_are_bounded(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text("extends: existence\ntokens: [foo]\nmessage: '{match:>99999999}'\n")
    with pytest.raises(
        RuleLoadError, match=r"r\.yaml:3: message: \{match:>99999999\}: widths and precisions above 100"
    ):
        load_rule(path, "s.r", "s")
    path.write_text("extends: existence\ntokens: [foo]\nmessage: 'Found {match!r:>10}'\n")
    assert load_rule(path, "s.r", "s").message == "Found {match!r:>10}"


def test_a_new_structure_rule_is_its_class_its_yaml_and_its_cases_and_nothing_else(tmp_path, monkeypatch):
    """CONTRIBUTING.md's walk-through: the class in lint/checks/structure.py registers itself by its kind."""
    from lint import checks
    from lint.checks import structure
    from lint.config import Config
    from lint.engine import Linter, Selection

    class QuestionHeading(structure._OutlineRule):
        """A heading that asks a question."""

        kind = "question-heading"
        example = "extends: question-heading\n"

        def check_outline(self, doc, outline):
            for h in outline:
                if doc.heading_text(h).rstrip().endswith("?"):
                    yield self._heading(doc, h, {}, message="Headings state; they do not ask.")

    QuestionHeading.__module__ = structure.__name__  # as if written in the module
    monkeypatch.setattr(structure, "QuestionHeading", QuestionHeading, raising=False)
    monkeypatch.setattr(checks.KINDS, "_found", None)  # the kinds are read again, as in a new process
    house = tmp_path / "house" / "structure"
    house.mkdir(parents=True)
    (house / "question-heading.yaml").write_text(
        "extends: question-heading\nlevel: suggestion\nexamples:\n  flagged: ['# T\n\n## Why?\n']\n"
    )
    linter = Linter(Config(rule_dirs=[tmp_path / "house"], use_default_rules=False), Selection(use_cache=False))
    found = linter.lint_text("e.md", "# Title\n\n## Why now?\n\nText.\n").findings
    assert [(f.line, f.rule, f.message) for f in found] == [
        (3, "structure.question-heading", "Headings state; they do not ask.")
    ]
