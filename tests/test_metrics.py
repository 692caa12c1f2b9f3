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


def test_a_sentence_without_an_end_mark_inside_a_unit_is_scored_by_textstat():
    doc = Document.from_text("t.md", "# T\n\nIt was late… Then the rain came down hard on the roof.\n")
    (unit,) = units(doc, "paragraph")
    assert unit_score(doc, unit, "sentences") == scorer("sentences")(unit.text)
