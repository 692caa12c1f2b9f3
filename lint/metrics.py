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
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
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
    """A scored stretch of the essay: its span in the file and the sentence texts textstat sees.

    The joined text is made when a formula needs it and not kept: the
    document, section and paragraph texts of a 9 MB essay held 110 MB, and
    additive formulas never need them (they sum the members' counts).
    """

    start: int
    end: int
    # The sentence texts the unit joins with spaces: counts summed over them give the unit's.
    members: tuple[str, ...]
    label: str = ""

    @property
    def text(self) -> str:
        return " ".join(self.members)

    @property
    def empty(self) -> bool:
        """`not text`, without joining it."""
        return len(self.members) <= 1 and not any(self.members)


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
        return [ProseUnit(s.start, s.end, (texts[id(s)],)) for s in sentences if texts[id(s)]]
    if scope == "document":
        if not sentences:
            return []
        members = tuple(texts[id(s)] for s in sentences)
        return [ProseUnit(sentences[0].start, sentences[-1].end, members)]
    if scope == "paragraph":
        result = []
        for block in doc.prose_blocks:
            if block.kind != "paragraph" or block.in_list:
                continue
            inside = by_block.get(id(block), [])
            if inside:
                members = tuple(texts[id(s)] for s in inside)
                result.append(ProseUnit(inside[0].start, inside[-1].end, members))
        return result
    if scope == "section":
        result = []
        for section in doc.sections:
            inside = [s for b in section.blocks for s in by_block.get(id(b), ())]
            if inside:
                label = doc.heading_text(section.heading) if section.heading else "(before the first heading)"
                start = section.heading.start if section.heading else inside[0].start
                end = section.heading.end if section.heading else inside[-1].end
                members = tuple(texts[id(s)] for s in inside)
                result.append(ProseUnit(start, end, members, label))
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
    totals = [0, 0, 0]
    for chunk in _chunks(text):
        _add_counts(totals, chunk)
        clear_textstat_caches()
    return _flesch(name, *totals)


def _add_counts(totals: list[int], chunk: str) -> None:
    """Add textstat's words, sentences and syllables of `chunk` to `totals`."""
    from textstat.backend import counts

    totals[0] += counts.count_words(chunk)
    totals[1] += counts.count_sentences(chunk)
    totals[2] += counts.count_syllables(chunk, _lang())


def _flesch(name: str, words: int, sentences: int, syllables: int) -> float:
    """textstat's Flesch-Kincaid grade or reading ease from the counts it would take of the text."""
    from textstat.backend.utils import get_lang_cfg, get_lang_root

    from lint.textstat_offline import load_textstat

    if not words or not sentences or not syllables:
        return 0.0
    per_sentence, per_word = words / sentences, syllables / words
    if name == "flesch_kincaid_grade":
        value = 0.39 * per_sentence + 11.8 * per_word - 15.59
    else:
        root = get_lang_root(_lang())
        value = (
            get_lang_cfg(root, "fre_base")
            - get_lang_cfg(root, "fre_sentence_length") * per_sentence
            - get_lang_cfg(root, "fre_syll_per_word") * per_word
        )
    return float(load_textstat().textstat._legacy_round(value))


def member_chunks(members: Sequence[str], size: int = 50_000) -> Iterator[str]:
    """`" ".join(members)` in pieces of about `size` characters, cut only after a sentence ending . ! or ?.

    The same cuts `_chunks` makes in the joined text, without joining it.
    """
    group: list[str] = []
    length = 0
    for member in members:
        group.append(member)
        length += len(member) + 1
        if length >= size and member[-1:] in (".", "!", "?"):
            yield " ".join(group)
            group, length = [], 0
    if group:
        yield " ".join(group)


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


ADDITIVE = ("flesch_kincaid_grade", "flesch_reading_ease", "words", "sentences")
_TEXTSTAT_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)
_ENDS_A_SENTENCE = re.compile(r"[.!?][^\w\s.!?]*$")


@dataclass(frozen=True)
class Counts:
    """textstat's counts of one sentence text: they add up over the sentences a unit joins."""

    words: int
    sentences: int  # textstat's sentences of more than two words, before its floor of one
    syllables: int
    closed: bool  # ends with . ! or ?, so textstat's sentence match stops at its end in a joined text


def sentence_counts(doc: Document, text: str) -> Counts:
    table = doc.memo("sentence_counts", dict)
    found = table.get(text)
    if found is None:
        count_words, list_words, _ = _textstat_parts()
        parts = _TEXTSTAT_SENTENCE.findall(text) if text else []
        kept = sum(1 for part in parts if count_words(part) > 2)
        syllables = sum(map(_word_syllables, list_words(text, lowercase=True))) if text else 0
        found = table[text] = Counts(count_words(text), kept, syllables, bool(_ENDS_A_SENTENCE.search(text)))
    return found


@lru_cache(maxsize=1)
def _textstat_parts() -> tuple[Any, Any, Any]:
    """textstat's word counter, word lister and syllable module, imported once (after the offline patch)."""
    from lint.textstat_offline import load_textstat

    load_textstat()  # first: it keeps textstat from importing nltk
    from textstat.backend import counts
    from textstat.backend.counts import _count_syllables  # its cmudict and pyphen as patched offline
    from textstat.backend.selections import list_words

    return counts.count_words, list_words, _count_syllables


@lru_cache(maxsize=200_000)
def _word_syllables(word: str) -> int:
    """textstat's syllable count of one lower-case word, kept per word: its count_syllables looks each up again."""
    _count_syllables = _textstat_parts()[2]
    try:
        phones = _count_syllables.get_cmudict(_lang())[word][0]
        return sum(1 for p in phones if p[-1].isdigit())
    except (TypeError, IndexError, KeyError):
        return len(_count_syllables.get_pyphen(_lang()).positions(word)) + 1


@lru_cache(maxsize=1)
def _lang() -> str:
    from lint.textstat_offline import load_textstat

    return getattr(load_textstat().textstat, "_textstatistics__lang", "en_US")


def _unit_totals(doc: Document, unit: ProseUnit) -> tuple[int, int, int] | None:
    """(words, sentences, syllables) summed over runs of the unit's sentences, once per unit.

    A run ends at a sentence that ends with . ! or ?: textstat's sentence
    match stops there, so counts of runs joined with spaces add up to the
    counts of the unit's text. Most runs are one sentence; a sentence that
    ends otherwise ("…", a colon) is counted joined with the ones after it.
    """
    table = doc.memo("unit_totals", dict)
    key = id(unit)  # units live in the document's memo, so their ids are stable while it is
    if key not in table:
        members = unit.members
        if not members:
            table[key] = None
        else:
            words = sentences = syllables = 0
            run: list[str] = []
            for index, member in enumerate(members):
                run.append(member)
                if index == len(members) - 1 or sentence_counts(doc, member).closed:
                    found = sentence_counts(doc, run[0] if len(run) == 1 else " ".join(run))
                    words, sentences, syllables = (
                        words + found.words,
                        sentences + found.sentences,
                        syllables + found.syllables,
                    )
                    run = []
            table[key] = (words, sentences, syllables)
    return table[key]


def unit_score(doc: Document, unit: ProseUnit, name: str) -> float:
    """The formula's value for a unit, from sentence counts summed where that equals textstat on its text.

    A paragraph, section and document reuse the counts of their sentences
    instead of textstat tokenising and syllable-counting each word four times
    (tests/test_metrics.py compares every unit of corpus/ and
    ../shared/realtext with textstat called on the text). A unit whose
    sentence (before its last) does not end with . ! or ? is scored by
    textstat directly: its sentence match would run into the next one.
    """
    totals = _unit_totals(doc, unit) if name in ADDITIVE else None
    if totals is None:
        return scorer(name)(unit.text)
    words, sentences, syllables = totals
    if name == "words":
        return float(words)
    if unit.empty:
        return 0.0
    sentences = max(1, sentences)
    if name == "sentences":
        return float(sentences)
    return _flesch(name, words, sentences, syllables)


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
    if len(text) > LARGE_TEXT:
        return _chunked_scores(_chunks(text))
    result: dict[str, Any] = {name: round(float(getattr(textstat, name)(text)), 2) for name in FORMULAS}
    result["words"] = textstat.lexicon_count(text)
    result["sentences"] = textstat.sentence_count(text)
    result["reading_time_s"] = round(float(textstat.reading_time(text)), 1)
    return result


def _chunked_scores(chunks: Iterable[str]) -> dict[str, Any]:
    """`scores` of a text over LARGE_TEXT characters, from sentence-aligned chunks of it, in bounded memory.

    Flesch formulas, counts and reading time add up over chunks cut between
    sentences, so those are exact. The other formulas (Gunning fog, SMOG,
    Dale-Chall, ...) depend on counts textstat does not expose per chunk;
    they are the word-weighted mean of each chunk's score, an approximation.
    Scoring a 9 MB essay in one piece took 350 MB.
    """
    from lint.textstat_offline import load_textstat

    textstat = load_textstat()
    sums = dict.fromkeys(FORMULAS, 0.0)
    totals = [0, 0, 0]
    words = sentences = 0
    reading = 0.0
    for chunk in chunks:
        n = textstat.lexicon_count(chunk)
        words += n
        sentences += textstat.sentence_count(chunk)
        reading += float(textstat.reading_time(chunk))
        _add_counts(totals, chunk)
        for name in FORMULAS:
            if name not in _FROM_COUNTS:
                sums[name] += float(getattr(textstat, name)(chunk)) * n
        clear_textstat_caches()
    result: dict[str, Any] = {
        name: round(_flesch(name, *totals) if name in _FROM_COUNTS else (sums[name] / words if words else 0.0), 2)
        for name in FORMULAS
    }
    result["words"] = words
    result["sentences"] = sentences
    result["reading_time_s"] = round(reading, 1)
    return result


def unit_scores(unit: ProseUnit) -> dict[str, Any]:
    """`scores` of a unit's text; a long one scored in chunks of its sentences, never joined whole."""
    if sum(map(len, unit.members)) + len(unit.members) > LARGE_TEXT:
        return _chunked_scores(member_chunks(unit.members))
    return scores(unit.text)


def document_metrics(doc: Document) -> dict[str, Any]:
    """Scores for the whole essay and each of its sections, for JSON, stats and the report."""
    whole = units(doc, "document")
    if not whole:
        return {"words": 0, "sentences": 0, "sections": []}
    result = unit_scores(whole[0])
    result["sections"] = [
        {"heading": unit.label, "line": doc.position(unit.start)[0], **unit_scores(unit)}
        for unit in units(doc, "section")
    ]
    return result
