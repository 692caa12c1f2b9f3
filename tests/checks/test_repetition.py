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


def test_builtin_rule_runs_on_re_where_engines_agree_and_regex_elsewhere(tmp_path):
    from lint.options import TwinPattern
    from lint.ruleset import default_rules_dir, load_rule

    path = default_rules_dir() / "spelling" / "repeated-word.yaml"
    builtin = load_rule(path, "spelling.repeated-word", "spelling", builtin=True)
    plain = load_rule(path, "spelling.repeated-word", "spelling")
    assert builtin.trusted and not plain.trusted
    assert isinstance(builtin.validated.pattern, TwinPattern)
    # Decomposed accents: `re` does not count U+0301 as a word character, `regex` does.
    # The text is outside the agreeing characters, so the trusted rule must still find it.
    for text in ("The the café café.\n", "Un e\u0301te\u0301 e\u0301te\u0301 ici.\n", "naïve naïve ’quote’\n"):
        assert texts(lint_with(builtin, text), text) == texts(lint_with(plain, text), text) != []


def test_config_options_make_a_builtin_rule_untrusted(tmp_path):
    from lint.ruleset import default_rules_dir, load_rules

    rules = load_rules([default_rules_dir()], options={"spelling.repeated-word": {"token": "[a-z]+"}})
    repeated = next(r for r in rules if r.id == "spelling.repeated-word")
    others = [r for r in rules if r.id != "spelling.repeated-word"]
    assert not repeated.trusted and all(r.trusted for r in others)
