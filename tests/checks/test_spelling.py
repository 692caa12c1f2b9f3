"""Spelling: unknown words, common misspellings, variants, confusables, and the seed corpus."""

from __future__ import annotations

import json
import sys

import pytest

from lint.checks import Context
from lint.config import Config
from lint.document import Document
from lint.engine import Linter, Selection
from tests.conftest import CORPUS, ROOT, lint_with, run_cli


@pytest.fixture(scope="module")
def spelling() -> Linter:
    return Linter(Config(), Selection(select=["spelling"]))


def found(linter: Linter, text: str, rule: str | None = None) -> list[tuple[str, str]]:
    doc = Document.from_text("t.md", text)
    return [
        (f.rule.split(".")[1], doc.text[f.offset : f.end_offset])
        for f in linter.lint_document(doc).findings
        if rule is None or f.rule == f"spelling.{rule}"
    ]


def test_seed_corpus_only_the_corporation(spelling):
    results = {p.name[:3]: spelling.lint_path(p, p.name).findings for p in sorted(CORPUS.iterdir())}
    (finding,) = results.pop("002")
    assert (finding.rule, finding.line, finding.suggestions) == ("spelling.confusables", 23, ("cooperation",))
    assert all(findings == [] for findings in results.values()), results


def test_corporation_with_allies_but_not_the_corporation_that_builds_radar(spelling):
    assert found(spelling, "The corporation with allies is beneficial.\n") == [("confusables", "corporation")]
    assert found(spelling, "The corporation that builds radar systems grew quickly.\n") == []
    assert found(spelling, "A multinational corporation with many shareholders opened an office.\n") == []


@pytest.mark.parametrize(
    "text",
    [
        "The Nation's allies and the allies' plans.",
        "A well-known, long-term co-operation.",
        "Don't worry: it's fine, they're here and we'll see.",
        "In 2021 the 1st and 21st brigades moved 3D printers.",
        "See https://example.org/wrongg or write to someone@exampel.org today.",
        "The UN, NATO and ASEAN met; the IAEA too.",
        "Use `grepp` here.",
        "Yesterday Ummah leaders met Zelenskyy in Kyiv.",
        "Cybersecurity and cyberattacks are growing.",
    ],
)
def test_no_false_alarms(spelling, text):
    assert found(spelling, f"# Title\n\n{text}\n", "unknown-word") == []


def test_unknown_words_with_ranked_suggestions(spelling):
    doc = Document.from_text("t.md", "# Title\n\nThe negotiatons needed militery support and xqzvy.\n")
    findings = [f for f in spelling.lint_document(doc).findings if f.rule == "spelling.unknown-word"]
    assert [doc.text[f.offset : f.end_offset] for f in findings] == ["negotiatons", "militery", "xqzvy"]
    assert findings[0].suggestions[0] == "negotiations" and findings[1].suggestions[0] == "military"
    assert findings[2].suggestions == ()


def test_sentence_initial_unknown_name_is_flagged_unless_used_mid_sentence(spelling):
    assert found(spelling, "# T\n\nQwertyland is far.\n", "unknown-word") == [("unknown-word", "Qwertyland")]
    assert found(spelling, "# T\n\nQwertyland is far. We love Qwertyland.\n", "unknown-word") == []


def test_vocabulary_accepts_and_rejects(tmp_path):
    (tmp_path / ".essaylint.yaml").write_text("vocabulary:\n  accept: [Xqzvy]\n  reject: [utilise]\n")
    (tmp_path / "e.md").write_text("# T\n\nWe utilise xqzvy daily.\n")
    out = run_cli("check", "e.md", "--select", "spelling", cwd=tmp_path).stdout
    assert "'utilise' is rejected by the project vocabulary" in out
    assert "xqzvy" not in out


def test_common_misspellings_have_safe_fixes_only_when_unambiguous(spelling):
    doc = Document.from_text("t.md", "# T\n\nThe goverment will recieve it, ther.\n")
    findings = {doc.text[f.offset : f.end_offset]: f for f in spelling.lint_document(doc).findings}
    assert findings["goverment"].fix.safe and findings["goverment"].fix.edits[0].text == "government"
    assert findings["recieve"].suggestions == ("receive",)
    assert "ther" in findings and findings["ther"].fix is None and len(findings["ther"].suggestions) > 1
    assert not [f for f in spelling.lint_document(doc).findings if f.rule == "spelling.unknown-word"]


def test_common_misspelling_fix_through_the_cli(tmp_path):
    (tmp_path / "e.md").write_text("# Title\n\nGoverment and the the allies.\n")
    run_cli("check", "e.md", "--select", "spelling", "--fix", cwd=tmp_path)
    assert (tmp_path / "e.md").read_text() == "# Title\n\nGovernment and the allies.\n"


def test_variants_follow_the_configured_language(rule_factory):
    rule = rule_factory("extends: variant\n")
    text = "We analyse the colour of the centre. We organize the defense.\n"
    assert lint_with(rule, text, Context(language="en")) == []
    us = [text[f.offset : f.end_offset] for f in lint_with(rule, text, Context(language="en-US"))]
    gb = [text[f.offset : f.end_offset] for f in lint_with(rule, text, Context(language="en-GB"))]
    assert us == ["analyse", "colour", "centre"]
    assert gb == ["defense"]  # "organize" is British too: Oxford spelling writes -ize (OUP, Cambridge, Nature)


def test_confusable_sets_are_validated(rule_factory):
    from lint.ruleset import RuleLoadError

    with pytest.raises(RuleLoadError, match="cue for 'x', which is not in words"):
        rule_factory("extends: confusable\nsets:\n  - words: [a, b]\n    cues: {x: {before: [y]}}\n")
    with pytest.raises(RuleLoadError, match="two or more single words"):
        rule_factory("extends: confusable\nsets:\n  - words: [only]\n")


def test_cues_are_anchored_next_to_the_word(rule_factory):
    # min_context -50: the counts may disagree with the cue ("pour over" is the commoner pair).
    rule = rule_factory(
        "extends: confusable\nthreshold: 1\nmin_context: -50\nsets:\n  - words: [pore, pour]\n    cues: {pore: {after: [over]}}\n"
    )
    assert [f.suggestions for f in lint_with(rule, "Analysts pour over the images.\n")] == [("pore",)]
    assert lint_with(rule, "They pour sauce over the pasta.\n") == []


def test_a_cue_the_counts_contradict_says_nothing(rule_factory):
    rule = rule_factory("extends: confusable\nsets:\n  - words: [pore, pour]\n    cues: {pore: {after: [over]}}\n")
    assert lint_with(rule, "Analysts pour over the images.\n") == []


def test_confusables_need_evidence_on_both_sides(spelling):
    for ok in (
        "Choice overload comes in another form, too: situations differ.\n",  # no right neighbour
        "We write Go code too, of course.\n",
        "It is dead simple, too - it took a minute.\n",
        "He saw the notion of to-day, and day-to-day work.\n",  # compounds
        "Compare an error to `nil` to see.\n",  # markup between
        "The platform connects government teams to small businesses.\n",  # counts outweigh the cue
        "Only the weak can be brave; the weak had conquered the strong.\n",  # "the weak" is attested
        "The mediator worked to mediate a peace between them.\n",
        "It grew from $53 billion to $41 billion.\n",
        "It is the Statute of the IAEA.\n",
        "They walked a further two kilometres to the camp.\n",
        "Khrushchev knew the risks well.\n",
        "The hospital transferred patients to the new wing.\n",
        "Congress passed the Atomic Energy Cooperation Act in 1958.\n",
        "The bombers were dispersed to airfields across the country.\n",
        "People who have lots of money are more likely to get the disease too.\n",
        "Many Americans did not like paying taxes to Great Britain.\n",
    ):
        assert [
            f.message
            for f in spelling.lint_document(Document.from_text("t.md", ok)).findings
            if f.rule == "spelling.confusables"
        ] == [], ok


def test_contractions_are_off_by_default_and_cues_only():
    from lint.config import Config
    from lint.engine import Linter, Selection

    text = "You're running late and it's a long way.\n"
    default = Linter(Config(), Selection(select=["spelling"]))
    assert default.lint_document(Document.from_text("t.md", text)).findings == []
    enabled = Linter(Config(), Selection(select=["spelling.contractions"], extend_select=["spelling.contractions"]))
    doc = Document.from_text("t.md", "The alliance must keep it's own counsel.\n")
    assert [f.suggestions for f in enabled.lint_document(doc).findings] == [("its",)]
    assert enabled.lint_document(Document.from_text("t.md", text)).findings == []


def test_confusables_fix_is_unsafe(spelling):
    doc = Document.from_text("t.md", "The corporation with allies is beneficial.\n")
    (finding,) = spelling.lint_document(doc).findings
    assert finding.fix is not None and not finding.fix.safe


def test_benchmark_data_shape():
    rows = [json.loads(line) for line in (ROOT / "benchmarks/data/confusables.jsonl").read_text().splitlines()]
    assert len(rows) >= 300
    assert len({r["set"] for r in rows}) >= 40
    errors = sum(r["label"] == "error" for r in rows)
    assert abs(errors - (len(rows) - errors)) <= len(rows) * 0.1


def test_benchmark_meets_its_targets():
    """The measurement the README reports on our own set: precision >= 0.95 and recall >= 0.60.

    Recall was 0.81 before the rule asked for evidence on both sides (issue 16):
    the price of 0.2 false alarms per 1,000 words on published prose instead of 1.2.
    """
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import confusables

    result = confusables.evaluate(confusables.load())
    assert result["precision"] >= 0.95 and result["recall"] >= 0.60, (result["precision"], result["recall"])


def test_wikipedia_revision_errors_precision():
    """Real-word errors written elsewhere (../shared/external): precision and recall as the README gives them."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import confusables

    if not confusables.WIKIPEDIA.is_file():
        pytest.skip("../shared/external is not beside this checkout")
    result = confusables.evaluate(confusables.load_wikipedia())
    assert result["tp"] >= 8 and result["precision"] >= 0.75, (result["tp"], result["precision"])


def test_two_edit_suggestions_are_bounded_per_document(rule_factory):
    rule = rule_factory("extends: spelling\ntwo_edit_suggestions: 1\n")
    # "goverxment" has no known word one edit away; "government" is two away.
    text = "The goverxment spoke. Then the goverxmemt spoke.\n"
    found = lint_with(rule, text)
    assert [f.suggestions for f in found] == [("government",), ()]
    unbounded = lint_with(rule_factory("extends: spelling\n"), text)
    assert [f.suggestions for f in unbounded] == [("government",), ("government",)]


MISSPELLING_RULE = "extends: misspelling\nlevel: error\n"


def test_misspelling_leaves_names_alone(rule_factory):
    rule = rule_factory(MISSPELLING_RULE)
    text = "Kaitlin Devine leads the team. Feld used the API. We asked Emanuel Feld why.\n"
    assert lint_with(rule, text) == []
    assert [f.message for f in lint_with(rule, "We saw teh results.\n")] == ["'teh' is a common misspelling of 'the'."]


def test_misspelling_silent_where_evidence_is_against_the_list(rule_factory):
    rule = rule_factory(MISSPELLING_RULE)
    for ok in (
        "He sent the despatch at noon and saw the connexion.\n",  # Google Books knows them
        "We co-ordinate the work and take pre-emptive steps.\n",  # British hyphenation
        "The note said “Codeing [sic] is fun”.\n",
        "I don't s'pose they're goin' on a holiday.\n",
        "Their office is jus dicere, and not jus dare.\n",  # Latin between unknown words
    ):
        assert lint_with(rule, ok) == [], ok


def test_misspelling_silent_in_old_spelling(rule_factory):
    rule = rule_factory(MISSPELLING_RULE)
    old = "He that hath wife and children hath given hostages; he quitted the field, and it becometh him.\n"
    modern = "He quitted the field after the game and went home to rest for the night.\n"
    assert lint_with(rule, old) == []
    assert len(lint_with(rule, modern)) == 1
    assert lint_with(rule, "If youre interested, write to us.\n")[0].suggestions == ("your", "you're")


def test_archaic_verb_forms_are_words_in_old_spelling(rule_factory):
    rule = rule_factory("extends: spelling\n")
    old = "He that hath wife and children hath given hostages; it maketh him wise, and so it seemeth.\n"
    assert lint_with(rule, old) == []
    modern = "The build maketh the release today, and the tests seemeth to pass on every machine we run.\n"
    assert [f.message.split(";")[0] for f in lint_with(rule, modern)] == [
        "Unknown word 'maketh'",
        "Unknown word 'seemeth'",
    ]


REALTEXT = ROOT.parent / "shared" / "realtext"


def _matched_tokens(check, doc: Document) -> tuple[list[int], list[int], list[str]]:
    """The words of the check's scope as a match per word finds them: what _scan replaced."""
    from lint.document import SPELLING_TOKEN

    starts, ends, forms = [], [], []
    for _scope, _text, start, end in check.scoped(doc):
        for match in SPELLING_TOKEN.finditer(doc.prose, start, end):
            starts.append(match.start())
            ends.append(match.end())
            forms.append(match.group().rstrip("'’").lower().replace("’", "'"))
    return starts, ends, forms


@pytest.mark.skipif(not REALTEXT.exists(), reason="../shared/realtext is not here")
@pytest.mark.parametrize("piece", [1 << 20, 64])
def test_scan_finds_the_words_a_match_per_word_finds(monkeypatch, piece):
    from lint.checks import spelling as module

    monkeypatch.setattr(module, "_PIECE", piece)  # 64: every segment cut into pieces at its spaces
    linter = Linter(Config(), Selection(select=["spelling.unknown-word"]))
    (check,) = linter.checks.values()
    paths = sorted(REALTEXT.rglob("*.md"))[::9] + sorted(CORPUS.glob("*.md"))
    for path in paths:
        doc = Document(str(path), path.read_bytes())
        tokens = check._scan(doc)
        starts, ends, forms = _matched_tokens(check, doc)
        assert (list(tokens.starts), list(tokens.ends), tokens.forms) == (starts, ends, forms), path
        assert tokens.distinct == frozenset(forms)
