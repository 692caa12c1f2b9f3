"""Readability from summed sentence counts equals textstat called on each unit's text."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.document import Document
from lint.metrics import ADDITIVE, scorer, unit_score, units
from tests.conftest import CORPUS, ROOT

REALTEXT = ROOT.parent / "shared" / "realtext"


def mismatches(paths: list[Path]) -> list[tuple]:
    direct = {name: scorer(name) for name in ADDITIVE}
    wrong = []
    for path in paths:
        doc = Document(str(path), path.read_bytes())
        for scope in ("document", "section", "paragraph", "sentence"):
            for unit in units(doc, scope):
                for name in ADDITIVE:
                    expected, got = float(direct[name](unit.text)), unit_score(doc, unit, name)
                    if expected != got:
                        wrong.append((path.name, scope, name, expected, got, unit.text[:80]))
    return wrong


def test_sums_equal_textstat_on_the_corpus():
    assert mismatches(sorted(CORPUS.iterdir())) == []


@pytest.mark.skipif(not REALTEXT.exists(), reason="../shared/realtext is not here")
def test_sums_equal_textstat_on_published_prose():
    paths = sorted(REALTEXT.rglob("*.md"))
    assert len(paths) > 400
    assert mismatches(paths) == []


def test_a_sentence_without_an_end_mark_is_counted_joined_with_the_next():
    doc = Document.from_text("t.md", "# T\n\nIt was late… Then the rain came down hard on the roof. It stopped.\n")
    (unit,) = units(doc, "paragraph")
    for name in ADDITIVE:
        assert unit_score(doc, unit, name) == scorer(name)(unit.text), name


def test_long_units_are_scored_in_chunks_of_sentences_equal_to_textstat_where_exact():
    """A section over LARGE_TEXT characters is never joined whole; Flesch formulas and counts stay exact."""
    from lint.metrics import LARGE_TEXT, _chunked_scores, member_chunks, unit_scores
    from lint.textstat_offline import load_textstat

    textstat = load_textstat()
    text = "".join(p.read_text(encoding="utf-8") + "\n\n" for p in sorted(CORPUS.iterdir()))
    body = "\n\n".join(line for line in text.splitlines() if line.strip() and not line.startswith("#"))
    doc = Document.from_text("long.md", "# Long\n\n" + "\n\n".join([body] * 20))
    (unit,) = units(doc, "document")
    joined = unit.text
    assert len(joined) > LARGE_TEXT
    assert " ".join(member_chunks(unit.members)) == joined
    chunked = unit_scores(unit)
    assert chunked["flesch_kincaid_grade"] == round(textstat.flesch_kincaid_grade(joined), 2)
    assert chunked["flesch_reading_ease"] == round(textstat.flesch_reading_ease(joined), 2)
    assert chunked["words"] == textstat.lexicon_count(joined)
    assert chunked["sentences"] == textstat.sentence_count(joined)
    assert abs(chunked["gunning_fog"] - textstat.gunning_fog(joined)) < 1.0  # a mean over chunks: close, not equal
    assert _chunked_scores(iter(()))["words"] == 0
