"""Readability metrics of an essay, its sections, paragraphs and sentences.

Scores are textstat's formulas on the *prose text* of a scope, built from
the document model so that Markdown does not distort them: headings are left
out (a heading has no full stop, so naive code glues it to the next sentence
and makes the first sentence of every section look enormous), code, front
matter, tables and HTML are never prose, and each list item is a sentence of
its own. The prose text is what textstat is given, so every value equals
textstat called directly on that text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lint.document import Document, Sentence

FORMULAS: dict[str, str] = {
    "flesch_reading_ease": "Flesch reading ease",
    "flesch_kincaid_grade": "Flesch-Kincaid grade",
    "gunning_fog": "Gunning fog index",
    "smog_index": "SMOG index",
    "coleman_liau_index": "Coleman-Liau index",
    "automated_readability_index": "Automated readability index",
    "dale_chall_readability_score": "Dale-Chall score",
    "linsear_write_formula": "Linsear Write",
}
COUNTS: dict[str, str] = {"words": "words", "sentences": "sentences"}
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$")


@dataclass(frozen=True)
class ProseUnit:
    """A scored stretch of the essay: its span in the file and the text textstat sees."""

    start: int
    end: int
    text: str
    label: str = ""


def sentence_text(doc: Document, sentence: Sentence) -> str:
    """A sentence as plain prose; a list item or fragment without an end mark gets a full stop."""
    text = doc.plain(sentence.start, sentence.end)
    if text and not _TERMINAL.search(text):
        text += "."
    return text


def prose_sentences(doc: Document) -> list[Sentence]:
    return doc.memo("prose_sentences", lambda: [s for s in doc.sentences if s.block.kind == "paragraph"])


def units(doc: Document, scope: str) -> list[ProseUnit]:
    """The prose units of a scope: document, section, paragraph or sentence (computed once per document)."""
    return doc.memo(("units", scope), lambda: _units(doc, scope))


def _sentences_by_block(sentences: list[Sentence]) -> dict[int, list[Sentence]]:
    """Sentences grouped by their block's id, in order: one pass instead of one per block."""
    by_block: dict[int, list[Sentence]] = {}
    for s in sentences:
        by_block.setdefault(id(s.block), []).append(s)
    return by_block


def _units(doc: Document, scope: str) -> list[ProseUnit]:
    sentences = prose_sentences(doc)
    texts = doc.memo("sentence_texts", lambda: {id(s): sentence_text(doc, s) for s in sentences})
    by_block = doc.memo("sentences_by_block", lambda: _sentences_by_block(sentences))
    if scope == "sentence":
        return [ProseUnit(s.start, s.end, texts[id(s)]) for s in sentences if texts[id(s)]]
    if scope == "document":
        if not sentences:
            return []
        return [ProseUnit(sentences[0].start, sentences[-1].end, " ".join(texts[id(s)] for s in sentences))]
    if scope == "paragraph":
        result = []
        for block in doc.prose_blocks:
            if block.kind != "paragraph" or block.in_list:
                continue
            inside = by_block.get(id(block), [])
            if inside:
                result.append(ProseUnit(inside[0].start, inside[-1].end, " ".join(texts[id(s)] for s in inside)))
        return result
    if scope == "section":
        result = []
        for section in doc.sections:
            inside = [s for b in section.blocks for s in by_block.get(id(b), ())]
            if inside:
                label = doc.heading_text(section.heading) if section.heading else "(before the first heading)"
                start = section.heading.start if section.heading else inside[0].start
                end = section.heading.end if section.heading else inside[-1].end
                result.append(ProseUnit(start, end, " ".join(texts[id(s)] for s in inside), label))
        return result
    raise ValueError(f"readability does not support scope {scope!r}")


def scorer(name: str) -> Callable[[str], float]:
    from lint.textstat_offline import load_textstat

    textstat = load_textstat()
    if name == "words":
        return lambda text: float(textstat.lexicon_count(text))
    if name == "sentences":
        return lambda text: float(textstat.sentence_count(text))
    return getattr(textstat, name)


def scores(text: str) -> dict[str, Any]:
    """Every formula, the counts and the reading time (seconds) of one prose text."""
    from lint.textstat_offline import load_textstat

    textstat = load_textstat()
    result: dict[str, Any] = {name: round(float(getattr(textstat, name)(text)), 2) for name in FORMULAS}
    result["words"] = textstat.lexicon_count(text)
    result["sentences"] = textstat.sentence_count(text)
    result["reading_time_s"] = round(float(textstat.reading_time(text)), 1)
    return result


def document_metrics(doc: Document) -> dict[str, Any]:
    """Scores for the whole essay and each of its sections, for JSON, stats and the report."""
    whole = units(doc, "document")
    if not whole:
        return {"words": 0, "sentences": 0, "sections": []}
    result = scores(whole[0].text)
    result["sections"] = [
        {"heading": unit.label, "line": doc.position(unit.start)[0], **scores(unit.text)}
        for unit in units(doc, "section")
    ]
    return result
