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
from collections.abc import Callable, Iterator
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


LARGE_TEXT = 200_000  # characters; textstat's caches are emptied after scoring a text this long


def scorer(name: str) -> Callable[[str], float]:
    from lint.textstat_offline import load_textstat

    textstat = load_textstat()
    if name == "words":
        score = lambda text: float(textstat.lexicon_count(text))  # noqa: E731
    elif name == "sentences":
        score = lambda text: float(textstat.sentence_count(text))  # noqa: E731
    else:
        score = getattr(textstat, name)

    def bounded(text: str) -> float:
        if len(text) > LARGE_TEXT and name in _FROM_COUNTS:
            return _from_counts(name, text)
        if len(text) > LARGE_TEXT and name in ("words", "sentences"):
            total = 0.0
            for chunk in _chunks(text):  # counts add up over chunks cut between sentences
                total += score(chunk)
                clear_textstat_caches()
            return total
        try:
            return score(text)
        finally:
            if len(text) > LARGE_TEXT:
                clear_textstat_caches()

    return bounded


_FROM_COUNTS = ("flesch_kincaid_grade", "flesch_reading_ease")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")


def _from_counts(name: str, text: str) -> float:
    """A Flesch formula of a long text from its counts summed over sentence-aligned chunks.

    textstat builds and caches word lists of the whole text (170 MB for a
    9 MB essay); its counts of words, sentences and syllables add up over
    chunks cut between sentences, so the formula comes out the same
    (tests/test_metrics.py compares both) in a fraction of the memory.
    """
    from textstat.backend import counts
    from textstat.backend.utils import get_lang_cfg, get_lang_root

    from lint.textstat_offline import load_textstat

    instance = load_textstat().textstat
    lang = getattr(instance, "_textstatistics__lang", "en_US")
    words = sentences = syllables = 0
    for chunk in _chunks(text):
        words += counts.count_words(chunk)
        sentences += counts.count_sentences(chunk)
        syllables += counts.count_syllables(chunk, lang)
        clear_textstat_caches()
    if not words or not sentences or not syllables:
        return 0.0
    per_sentence, per_word = words / sentences, syllables / words
    if name == "flesch_kincaid_grade":
        value = 0.39 * per_sentence + 11.8 * per_word - 15.59
    else:
        root = get_lang_root(lang)
        value = (
            get_lang_cfg(root, "fre_base")
            - get_lang_cfg(root, "fre_sentence_length") * per_sentence
            - get_lang_cfg(root, "fre_syll_per_word") * per_word
        )
    return float(instance._legacy_round(value))


def _chunks(text: str, size: int = 50_000) -> Iterator[str]:
    start = 0
    while start < len(text):
        if len(text) - start <= size:
            yield text[start:]
            return
        cut = _SENTENCE_BREAK.search(text, start + size)
        end = cut.start() if cut else len(text)
        yield text[start:end]
        start = cut.end() if cut else len(text)


def clear_textstat_caches() -> None:
    """Empty textstat's per-text caches: each keeps the word lists of the texts it saw.

    For a 9 MB essay those lists were 170 MB, kept for the rest of the run.
    Essay-sized texts keep the caches (their formulas share the counts).
    """
    import sys

    for name, module in list(sys.modules.items()):
        if name.startswith("textstat") and module is not None:
            for value in vars(module).values():
                clear = getattr(value, "cache_clear", None)
                if callable(clear):
                    clear()


def scores(text: str) -> dict[str, Any]:
    """Every formula, the counts and the reading time (seconds) of one prose text."""
    from lint.textstat_offline import load_textstat

    textstat = load_textstat()
    result: dict[str, Any] = {name: round(float(getattr(textstat, name)(text)), 2) for name in FORMULAS}
    result["words"] = textstat.lexicon_count(text)
    result["sentences"] = textstat.sentence_count(text)
    result["reading_time_s"] = round(float(textstat.reading_time(text)), 1)
    if len(text) > LARGE_TEXT:
        clear_textstat_caches()
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
