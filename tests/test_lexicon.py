"""Word tables: point lookups from the SQLite file answer exactly what the whole table does."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time

import pytest

from lint import lexicon
from lint.lexicon import WordTable
from tests.conftest import ROOT

SAMPLE = [
    "cooperation",
    "corporation",
    "the",
    "analyze",
    "cybersecurity",
    "goverment",
    "teh",
    "zzqx",
    "nation's",
    "",
    "Cooperation",
]


def _fresh(name: str) -> WordTable:
    original = lexicon._TABLES[name]
    return WordTable(original.name, original._build)


def test_point_lookups_equal_the_whole_table():
    for name in ("unigrams", "misspellings", "known", "cmudict-first"):
        table = _fresh(name)
        answers = {word: (word in table, table.get(word)) for word in SAMPLE}
        present = table.present(SAMPLE)
        assert table._whole is None, f"{name}: a few lookups must not load the table whole"
        whole = table.whole()
        assert answers == {word: (word in whole, whole.get(word)) for word in SAMPLE}, name
        assert present == table.present(SAMPLE) == {word for word in SAMPLE if word in whole}, name
    pairs = _fresh("bigrams")
    assert (
        pairs.get("international cooperation") == lexicon.bigram_counts().whole().get("international cooperation") > 0
    )


def test_many_words_asked_at_once_get_the_whole_tables_answers():
    """present() asks SQLite a few hundred words a query (more than one query's worth here, and misses)."""
    for name in ("known", "misspellings"):
        reference = lexicon._TABLES[name].whole()
        words = set(list(reference)[:: max(1, len(reference) // 700)][:700]) | {w + "qx" for w in SAMPLE} | set(SAMPLE)
        table = _fresh(name)
        present = table.present(words)
        assert table._whole is None, name  # answered by point lookups
        assert present == {w for w in words if w in reference}, name
        assert {w: table.get(w) for w in words} == {w: reference.get(w) for w in words}, name


def test_a_bulk_run_loads_the_table_whole_after_enough_lookups():
    table = _fresh("unigrams")
    words = list(lexicon.unigram_counts().whole())[: WordTable.LOAD_AFTER + 10]
    assert table.present(words) == set(words)
    assert table._whole is not None


def test_during_a_run_of_many_documents_a_table_loads_whole_at_its_first_question():
    table = _fresh("known")
    with lexicon.many_documents(False):
        assert "house" in table
        assert table._whole is None, "a run of few documents asks by points"
    with lexicon.many_documents():
        assert "river" in table
        assert table._whole is not None
    other = _fresh("misspellings")
    with lexicon.many_documents(), lexicon.point_lookups():
        assert other.get("teh") == lexicon._TABLES["misspellings"].whole()["teh"]
        assert other._whole is None, "a very large essay's point lookups win"


def test_missing_key_raises_keyerror_as_a_mapping_does():
    table = _fresh("cmudict-first")
    assert table["cooperation"].split()[0] == "K"
    try:
        table["zzqx-not-a-word"]
    except KeyError:
        pass
    else:
        raise AssertionError("expected KeyError")


def test_misspelling_entries_and_suggestions():
    entry = lexicon.misspelling("Goverment")
    assert entry is not None and entry.corrections == ("government",)
    assert lexicon.misspelling("government") is None
    assert lexicon.suggestions("goverment")[0] == "government"


def test_without_a_writable_cache_folder_everything_still_works(tmp_path):
    # A file where the cache folder should be: nothing can be written there.
    blocker = tmp_path / "blocked"
    blocker.write_text("not a folder")
    code = textwrap.dedent(
        """
        from lint import lexicon
        assert "cooperation" in lexicon.known_words()
        assert lexicon.misspelling("teh").corrections == ("the",)
        assert lexicon.bigram_counts().get("international cooperation") > 0
        print("OK", lexicon._store())
        """
    )
    env = {**os.environ, "ESSAYLINT_CACHE_DIR": str(blocker)}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "OK None"
    assert blocker.read_text() == "not a folder"


def test_tables_are_built_once_per_machine_and_old_keys_pruned(tmp_path):
    code = textwrap.dedent(
        """
        from lint import lexicon
        assert "cooperation" in lexicon.known_words()
        """
    )
    env = {**os.environ, "ESSAYLINT_CACHE_DIR": str(tmp_path)}
    stale = tmp_path / "essaylint" / "unigrams-0000000000000000.marshal"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"old")
    then = time.time() - 30 * 86_400  # unused for a month: another key's file still in use would stay
    os.utime(stale, (then, then))
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    files = sorted(p.name.split("-")[0] for p in (tmp_path / "essaylint").iterdir())
    assert "words" in files and "unigrams" in files and "known" in files
    assert not stale.exists()


def test_a_damaged_lookup_file_falls_back_to_whole_tables(tmp_path):
    code = textwrap.dedent(
        """
        from lint import lexicon
        assert "cooperation" in lexicon.known_words()  # builds the files
        path = lexicon._store().path
        lexicon._store.cache_clear()
        path.write_bytes(b"this is not an SQLite database" * 100)
        table = lexicon.WordTable("known", lexicon._build_known_words)
        assert "cooperation" in table and "zzqx" not in table
        print("OK", table._whole is not None)
        """
    )
    env = {**os.environ, "ESSAYLINT_CACHE_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "OK True"


def test_suggestions_from_the_cached_index_equal_a_fresh_build(tmp_path):
    """The symspell index stored per machine answers as one built from the word counts now."""
    code = textwrap.dedent(
        """
        from lint import lexicon
        words = ["goverment", "teh", "cooperaton", "recieve", "definately", "wierd", "zzqxv", "it's", "acommodate"]
        first = [lexicon.suggestions(w) for w in words]
        lexicon._TABLES["symspell-deletes"].release(); lexicon._ranked_suggestions.cache_clear()
        second = [lexicon.suggestions(w) for w in words]
        print(first == second, first[0][0], first[3][0], first[6])
        """
    )
    env = {**os.environ, "ESSAYLINT_CACHE_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "government", "receive", "[]"]
    assert list(tmp_path.glob("essaylint/words-*.sqlite"))  # the index is one of the lookup file's tables


def test_suggestions_from_point_lookups_equal_those_from_the_whole_index():
    """The index answers a few words from the lookup file and many from memory: the same suggestions either way."""
    words = [
        "goverment", "teh", "cooperaton", "recieve", "definately", "wierd", "zzqxv", "acommodate", "seperate",
        "occured", "untill", "beleive", "wich", "truely", "adress", "begining", "comming", "freind", "goroutines",
        "rustc", "stabilizes", "kubernetes", "thier", "becuase", "nation's", "i", "a",
    ]  # fmt: skip
    deletes, unigrams = lexicon._TABLES["symspell-deletes"], lexicon._TABLES["unigrams"]
    saved = (deletes._whole, deletes._memo, deletes._lookups, unigrams._whole, unigrams._memo, unigrams._lookups)
    try:
        deletes.release()
        unigrams.release()
        lexicon._ranked_suggestions.cache_clear()
        by_points = [lexicon.suggestions(w) for w in words]
        assert deletes._whole is None, "a few words must not load the index whole"
        deletes.whole()
        unigrams.whole()
        lexicon._ranked_suggestions.cache_clear()
        assert [lexicon.suggestions(w) for w in words] == by_points
        assert by_points[0][0] == "government" and by_points[3][0] == "receive"
    finally:
        deletes._whole, deletes._memo, deletes._lookups, unigrams._whole, unigrams._memo, unigrams._lookups = saved
        lexicon._ranked_suggestions.cache_clear()


BIRKBECK = ROOT.parent / "shared" / "external" / "spelling" / "nonword-birkbeck.tsv"


def _symspellpy_answer(index, lower: str, limit: int = 3) -> tuple[str, ...]:
    """What symspellpy's own lookup answers (CLOSEST; for a known word its nearest other words)."""
    from symspellpy import Verbosity

    found = index.lookup(lower, Verbosity.CLOSEST, max_edit_distance=2)
    if any(s.term == lower for s in found):
        others = [s for s in index.lookup(lower, Verbosity.ALL, max_edit_distance=2) if s.term != lower]
        nearest = min((s.distance for s in others), default=0)
        found = [s for s in others if s.distance == nearest]
    return tuple(s.term for s in sorted(found, key=lambda s: (s.distance, -s.count, s.term))[:limit])


@pytest.mark.skipif(not BIRKBECK.exists(), reason="../shared/external/spelling is not here")
def test_suggestions_are_symspellpys_lookup_word_for_word():
    """The staged candidate search over symspellpy's index answers exactly as symspellpy's lookup does.

    Birkbeck's misspellings (unknown words) and their corrections (known
    words, whose nearest other words are asked), and domain words of
    published prose with no close neighbour (the two-letter deletes).
    """
    from symspellpy import SymSpell

    index = SymSpell(max_dictionary_edit_distance=2, prefix_length=lexicon.SYMSPELL_PREFIX)
    index._deletes = lexicon._TABLES["symspell-deletes"].whole()
    index._words = lexicon.unigram_counts().whole()
    index._max_length = max(map(len, index._words))
    rows = [line.split("\t") for line in BIRKBECK.read_text(encoding="utf-8").splitlines()[1:] if "\t" in line]
    words = sorted({w.lower() for row in rows for w in row[:2]})
    words += ["goroutines", "rustc", "kubernetes", "stabilizes", "gofmt", "nodefs", "tz", "qx", "a", "i", "zzqxv"]
    lexicon._ranked_suggestions.cache_clear()
    ours = [lexicon._ranked_suggestions(w, 3, True) for w in words]
    theirs = [_symspellpy_answer(index, w) for w in words]
    assert len(words) > 1000
    assert [(w, a) for w, a, b in zip(words, ours, theirs, strict=True) if a != b] == []
