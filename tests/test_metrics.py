"""Readability from summed sentence counts equals textstat called on each unit's text, every formula."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.document import Document
from lint.metrics import COUNTS, FORMULAS, LARGE_TEXT, scores, unit_score, unit_scores, units
from lint.textstat_offline import load_textstat
from tests.conftest import CORPUS, ROOT

REALTEXT = ROOT.parent / "shared" / "realtext"
NAMES = (*FORMULAS, *COUNTS)


def textstat_score(name: str, text: str) -> float:
    """textstat's own function for `name`, called on the text."""
    textstat = load_textstat()
    if name == "words":
        return float(textstat.lexicon_count(text))
    if name == "sentences":
        return float(textstat.sentence_count(text))
    return float(getattr(textstat, name)(text))


def textstat_scores(text: str) -> dict:
    textstat = load_textstat()
    result = {name: round(textstat_score(name, text), 2) for name in FORMULAS}
    result.update(
        words=textstat.lexicon_count(text),
        sentences=textstat.sentence_count(text),
        reading_time_s=round(float(textstat.reading_time(text)), 1),
    )
    return result


def mismatches(paths: list[Path], scopes=("document", "section", "paragraph", "sentence")) -> list[tuple]:
    from lint.metrics import clear_textstat_caches

    wrong = []
    for path in paths:
        doc = Document(str(path), path.read_bytes())
        for scope in scopes:
            for unit in units(doc, scope):
                text = unit.text
                for name in NAMES:
                    expected, got = textstat_score(name, text), unit_score(doc, unit, name)
                    if expected != got:
                        wrong.append((path.name, scope, name, expected, got, text[:80]))
                if scope in ("document", "section") and unit_scores(doc, unit) != textstat_scores(text):
                    wrong.append((path.name, scope, "scores", textstat_scores(text), unit_scores(doc, unit)))
        clear_textstat_caches()
    return wrong


def test_every_formula_from_sums_equals_textstat_on_the_corpus():
    assert mismatches(sorted(CORPUS.iterdir())) == []


@pytest.mark.skipif(not REALTEXT.exists(), reason="../shared/realtext is not here")
def test_every_formula_from_sums_equals_textstat_on_published_prose():
    paths = sorted(REALTEXT.rglob("*.md"))
    assert len(paths) > 400
    # Sentences and paragraphs of every document on the corpus test; here the larger units, which
    # are where sums could go wrong (every one of the 473 documents), and every unit of one in five.
    assert mismatches(paths, ("document", "section")) == []
    assert mismatches(paths[::5], ("paragraph", "sentence")) == []


@pytest.mark.parametrize(
    "text",
    [
        "It was late… Then the rain came down hard on the roof. It stopped.",
        "Don't stop: we're 'nearly' there!!! Said who? The O'Brien family's dog.",
        "One. Two words. Now three words here. And unbelievably extraordinary multisyllabic vocabulary.",
        "Ελληνικά ΟΔΟΣ test words here. Naïve café façade, coöperation.",
        "",
    ],
)
def test_awkward_texts_equal_textstat(text):
    doc = Document.from_text("t.md", "# T\n\n" + text + "\n")
    for unit in units(doc, "paragraph"):
        for name in NAMES:
            assert unit_score(doc, unit, name) == textstat_score(name, unit.text), name
    assert scores(text) == textstat_scores(text)


def test_linsear_write_reads_the_first_hundred_words_as_textstat_does():
    words = "a policy of cooperation is extraordinary. " * 60
    assert scores(words)["linsear_write_formula"] == round(textstat_score("linsear_write_formula", words), 2)
    doc = Document.from_text("t.md", "# T\n\n" + words + "\n")
    (unit,) = units(doc, "paragraph")
    assert unit_score(doc, unit, "linsear_write_formula") == textstat_score("linsear_write_formula", unit.text)


def test_a_long_text_is_counted_in_chunks_and_still_equals_textstat():
    """Over LARGE_TEXT characters a text is never tokenised whole; every formula stays exact."""
    text = " ".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(CORPUS.iterdir()))
    body = " ".join(line for line in text.splitlines() if line.strip() and not line.startswith("#"))
    long = " ".join([body] * 20)
    assert len(long) > LARGE_TEXT
    assert scores(long) == textstat_scores(long)
