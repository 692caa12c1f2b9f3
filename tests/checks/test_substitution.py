"""The substitution kind: flagged and not-flagged examples (the proselint way)."""

from tests.conftest import lint_with


def test_substitution_keeps_case_and_offers_safe_fix(rule_factory):
    rule = rule_factory(
        "extends: substitution\nmessage: \"'{suggestion}' not '{match}'\"\nswap:\n  amongst: among\n  utilise: use|employ\n"
    )
    text = "Amongst us. We utilise it. Among friends.\n"
    found = lint_with(rule, text)
    assert [f.message for f in found] == ["'Among' not 'Amongst'", "'use or employ' not 'utilise'"]
    assert found[0].fix.safe and found[0].fix.edits[0].text == "Among"
    assert found[1].fix is None and found[1].suggestions == ("use", "employ")
