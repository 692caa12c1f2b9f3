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
    from lint.ruleset import load_rule

    # A shipped rule with the kind's own token (any word), so accented words are in play.
    path = tmp_path / "repeated-any-word.yaml"
    path.write_text("extends: repetition\nlevel: error\n", encoding="utf-8")
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


def test_markup_between_the_copies_is_not_a_repetition(rule_factory):
    rule = rule_factory("extends: repetition\n")
    text = "Compare an error to `nil` to see. Call [`Stop`](/x) to flush.\n\n| a | Enabled | Enabled |\n|---|---|---|\n| b | c | d |\n"
    assert texts(lint_with(rule, text), text) == []
    assert texts(lint_with(rule, "It was the\nthe end.\n"), "It was the\nthe end.\n") == ["the\nthe"]


def test_capitals_beside_lower_case_are_a_mention(rule_factory):
    rule = rule_factory("extends: repetition\n")
    assert lint_with(rule, "AND and NOT patterns.\n") == []
    assert len(lint_with(rule, "It it not too difficult.\n")) == 1


def test_skip_runs_leaves_three_in_a_row_alone(rule_factory):
    text = "Hoo hoo hoo, went the owl, day day day.\n"
    assert lint_with(rule_factory("extends: repetition\nskip_runs: true\n"), text) == []
    assert len(lint_with(rule_factory("extends: repetition\n"), text)) == 2


def test_default_rule_flags_function_words_only():
    from lint.ruleset import default_rules_dir, load_rule

    rule = load_rule(
        default_rules_dir() / "spelling" / "repeated-word.yaml", "spelling.repeated-word", "spelling", builtin=True
    )
    flagged = "We met the the following week. It was a legacy of the time when when Python was led.\n"
    assert texts(lint_with(rule, flagged), flagged) == ["the the", "when when"]
    for ok in (
        "What made Google Google was its search.\n",
        "When I came close under it it really drowned the storm.\n",
        "Let him make the night night, and the day day.\n",
        "What hesitation there was was of a laughing sort.\n",
    ):
        assert lint_with(rule, ok) == [], ok
