"""Readability scopes, thresholds and agreement with textstat."""

from __future__ import annotations

import re

import pytest

from lint.config import Config
from lint.document import Document
from lint.engine import Linter, Selection
from lint.metrics import document_metrics, units
from lint.textstat_offline import load_textstat
from tests.conftest import CORPUS, lint_with, run_cli

SEED = CORPUS / "000_d1ea6cfdf41060e6.txt"
PLAIN = """# A Walk in the Park

We went to the park on Sunday. The sun was warm. Kids played on the grass.

## What We Saw

A dog ran after a ball. It was fast. Its owner laughed and threw the ball again.
Birds sang in the trees. We ate lunch on a bench.

## Going Home

We walked home at four. We were tired but happy. It was a good day.
"""
LATINATE = (
    "# Notes\n\nThe institutionalization of multidimensional intergovernmental collaboration "
    "necessitates comprehensive reconceptualization of organizational responsibilities, "
    "notwithstanding considerable administrative complications, incompatible constitutional "
    "interpretations, unprecedented technological transformations, and fundamentally "
    "irreconcilable ideological presuppositions, particularly concerning accountability, "
    "transparency, proportionality, sustainability, interoperability, and institutional "
    "legitimacy, which collectively undermine the effectiveness, responsiveness, and "
    "credibility of internationally coordinated implementation mechanisms, consequently "
    "generating substantial uncertainty regarding the operationalization of contemporary "
    "multilateral governance architectures.\n"
)


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Config(), Selection(select=["readability"]))


def test_values_equal_textstat_on_the_same_prose_text():
    """The prose text built independently (paragraph lines, no headings) scores the same to 0.01."""
    textstat = load_textstat()
    raw = SEED.read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in raw.split("\n\n") if p.strip() and not p.lstrip().startswith("#")]
    prose = " ".join(" ".join(p.split()) for p in paragraphs)
    metrics = document_metrics(Document.from_text("s", raw))
    for formula in (
        "flesch_reading_ease",
        "flesch_kincaid_grade",
        "gunning_fog",
        "smog_index",
        "coleman_liau_index",
        "automated_readability_index",
        "dale_chall_readability_score",
        "linsear_write_formula",
    ):
        assert metrics[formula] == pytest.approx(getattr(textstat, formula)(prose), abs=0.01), formula


def test_headings_are_not_glued_to_the_next_sentence():
    """Naive scoring of the raw file glues each heading to the next sentence; ours does not."""
    textstat = load_textstat()
    raw = SEED.read_text(encoding="utf-8")
    naive = textstat.flesch_kincaid_grade(raw)
    ours = document_metrics(Document.from_text("s", raw))["flesch_kincaid_grade"]
    assert round(naive, 2) == 20.11 and ours == 19.31
    naive_first = re.split(r"(?<=[.!?])\s", raw)[0]
    assert naive_first.startswith("# International") and "As a leading figure" in naive_first
    first_unit = units(Document.from_text("s", raw), "sentence")[0]
    assert first_unit.text.startswith("As a leading figure")


def test_code_tables_and_front_matter_are_left_out():
    text = "---\ntitle: x\n---\n# T\n\nShort words here.\n\n```\nincomprehensibilities everywhere\n```\n\n| a | b |\n|---|---|\n| antidisestablishmentarianism | x |\n"
    assert units(Document.from_text("t", text), "document")[0].text == "Short words here."


def test_list_items_count_as_sentences():
    text = "# T\n\nIntro here now.\n\n- first item here\n- second item here\n"
    assert (
        units(Document.from_text("t", text), "document")[0].text == "Intro here now. first item here. second item here."
    )


def test_plain_essay_gets_no_readability_finding(linter):
    assert linter.lint_document(Document.from_text("plain.md", PLAIN)).findings == []


def test_latinate_paragraph_is_flagged_at_paragraph_and_sentence(linter):
    found = linter.lint_document(Document.from_text("l.md", LATINATE)).findings
    rules = {f.rule for f in found}
    assert {"readability.hard-paragraph", "readability.hard-sentence", "readability.long-sentence"} <= rules
    sentence = next(f for f in found if f.rule == "readability.hard-sentence")
    assert LATINATE[sentence.offset : sentence.end_offset].startswith("The institutionalization")
    assert LATINATE[sentence.offset : sentence.end_offset].endswith("architectures.")


def test_seed_corpus_document_level_and_hardest_sentences(linter):
    for path in sorted(CORPUS.iterdir()):
        found = linter.lint_path(path, path.name).findings
        rules = [f.rule for f in found]
        assert "readability.document-grade" in rules, path.name
        hard = [f for f in found if f.rule == "readability.hard-sentence"]
        assert 1 <= len(hard) <= 3, path.name
        text = path.read_text(encoding="utf-8")
        for f in hard:
            span = text[f.offset : f.end_offset]
            assert span[0].isupper() and span.rstrip()[-1] in ".!?", span


def test_min_words_and_min_threshold(rule_factory):
    rule = rule_factory(
        "extends: readability\nformula: flesch_reading_ease\nscope: paragraph\nmin: 200\nmin_words: 5\n"
    )
    found = lint_with(rule, "Too short.\n\nThis one has enough words in it to count.\n")
    assert [f.line for f in found] == [3]
    assert "below the minimum of 200" in found[0].message


def test_section_scope_labels(rule_factory):
    rule = rule_factory(
        "extends: readability\nformula: words\nscope: section\nmax: 3\nmessage: '{section}: {score:.0f}'\n"
    )
    found = lint_with(rule, "# T\n\nOne two.\n\n## Big\n\nOne two three four five.\n")
    assert [f.message for f in found] == ["Big: 5"]


def test_stats_command_lists_every_essay(tmp_path):
    result = run_cli("stats", str(CORPUS))
    assert result.returncode == 0
    rows = [line for line in result.stdout.splitlines() if "corpus/" in line or ".txt" in line]
    assert len(rows) == 5 and "19.3" in rows[0]
    csv_out = run_cli("stats", str(CORPUS), "--format", "csv", "--sort", "flesch_kincaid_grade", "--reverse")
    assert csv_out.stdout.splitlines()[1].split(",")[0].endswith("000_d1ea6cfdf41060e6.txt")


def test_json_output_carries_metrics():
    import json

    result = run_cli("check", str(SEED), "--format", "json", "--select", "readability")
    metrics = json.loads(result.stdout)["files"][0]["metrics"]
    assert metrics["flesch_kincaid_grade"] == 19.31 and metrics["words"] == 324
    assert [s["heading"] for s in metrics["sections"]][1] == "Value of Collective Cooperation"
