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


def test_accented_and_decomposed_words_repeat_like_any_other(rule_factory):
    rule = rule_factory("extends: repetition\nlevel: error\n")
    for text, found in (
        ("The the café café.\n", ["The the", "café café"]),
        ("Un e\u0301te\u0301 e\u0301te\u0301 ici.\n", ["e\u0301te\u0301 e\u0301te\u0301"]),
        ("naïve naïve ’quote’\n", ["naïve naïve"]),
    ):
        assert texts(lint_with(rule, text), text) == found, text


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
    from lint.config import default_rules_dir
    from lint.ruleset import load_rule

    rule = load_rule(default_rules_dir() / "spelling" / "repeated-word.yaml", "spelling.repeated-word", "spelling")
    flagged = "We met the the following week. It was a legacy of the time when when Python was led.\n"
    assert texts(lint_with(rule, flagged), flagged) == ["the the", "when when"]
    for ok in (
        "What made Google Google was its search.\n",
        "When I came close under it it really drowned the storm.\n",
        "Let him make the night night, and the day day.\n",
        "What hesitation there was was of a laughing sort.\n",
    ):
        assert lint_with(rule, ok) == [], ok


def test_a_list_of_words_skips_scopes_without_two_equal_runs_and_still_finds_every_repeat():
    """The pre-test is a superset of the pattern: same findings as the pattern alone."""
    from lint.checks.repetition import _equal_runs_in_a_row

    assert _equal_runs_in_a_row("We met The\n the week", ignorecase=True)
    assert not _equal_runs_in_a_row("We met The\n the week", ignorecase=False)
    assert not _equal_runs_in_a_row("that. That is", ignorecase=False)
    assert _equal_runs_in_a_row("STRASSE straße", ignorecase=True)  # casefolded: wider than the pattern, never narrower
