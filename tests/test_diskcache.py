"""The per-machine cache of derived data (lint/diskcache.py)."""

from __future__ import annotations

import os
import time

import pytest

from lint import diskcache


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("ESSAYLINT_CACHE_DIR", str(tmp_path))
    return tmp_path / "essaylint"


def test_built_once_then_read_back(cache_home):
    calls = []

    def build():
        calls.append(1)
        return {"a": (1, 2), "b": frozenset({"x"})}

    first = diskcache.load_or_build("table", "k1", build)
    second = diskcache.load_or_build("table", "k1", build)
    assert first == second == {"a": (1, 2), "b": frozenset({"x"})}
    assert len(calls) == 1
    assert [p.name for p in cache_home.iterdir()] == ["table-k1.marshal"]


def _unused_for(path, days: float) -> None:
    then = time.time() - days * 86_400
    os.utime(path, (then, then))


def test_a_new_key_replaces_an_old_file_left_unused_and_leaves_other_names(cache_home):
    diskcache.load_or_build("table", "k1", lambda: 1)
    diskcache.load_or_build("table-total", "k1", lambda: 2)
    _unused_for(cache_home / "table-k1.marshal", diskcache.PRUNE_AFTER_DAYS + 1)
    _unused_for(cache_home / "table-total-k1.marshal", diskcache.PRUNE_AFTER_DAYS + 1)
    assert diskcache.load_or_build("table", "k2", lambda: 3) == 3
    assert sorted(p.name for p in cache_home.iterdir()) == ["table-k2.marshal", "table-total-k1.marshal"]


def test_two_environments_keys_in_use_are_both_kept(cache_home):
    """A pre-commit hook's virtualenv and a developer's have two keys: each removed the other's tables at once."""
    diskcache.load_or_build("table", "hook", lambda: 1)
    _unused_for(cache_home / "table-hook.marshal", diskcache.PRUNE_AFTER_DAYS - 1)
    diskcache.load_or_build("table", "dev", lambda: 2)
    assert diskcache.load_or_build("table", "hook", lambda: "rebuilt") == 1
    _unused_for(cache_home / "table-dev.marshal", diskcache.PRUNE_AFTER_DAYS + 1)
    diskcache.load_or_build("table", "hook", lambda: "rebuilt")  # a read marks it used, and prunes nothing
    assert (cache_home / "table-dev.marshal").exists()
    assert diskcache.load_or_build("table", "dev", lambda: "rebuilt") == 2


def test_a_key_with_a_dash_is_refused_since_old_files_could_not_be_pruned(cache_home):
    """The hyphenation patterns were kept under "KEY-PYPHENVERSION", and every old key's file stayed."""
    with pytest.raises(ValueError, match="dash"):
        diskcache.load_or_build("hyphenation-en_US", "k1-0.18.1", lambda: {"a": 1})
    diskcache.load_or_build("hyphenation-en_US", "k1.0.18.1", lambda: {"a": 1})
    _unused_for(cache_home / "hyphenation-en_US-k1.0.18.1.marshal", diskcache.PRUNE_AFTER_DAYS + 1)
    diskcache.load_or_build("hyphenation-en_US", "k2.0.18.1", lambda: {"b": 2})
    assert [p.name for p in cache_home.iterdir()] == ["hyphenation-en_US-k2.0.18.1.marshal"]


def test_a_damaged_file_is_rebuilt(cache_home):
    cache_home.mkdir(parents=True)
    (cache_home / "table-k1.marshal").write_bytes(b"\x00garbage")
    assert diskcache.load_or_build("table", "k1", lambda: [1, 2]) == [1, 2]
    assert diskcache.load_or_build("table", "k1", lambda: "not called") == [1, 2]


def test_values_marshal_cannot_hold_are_returned_but_not_written(cache_home):
    import datetime

    value = {"when": datetime.date(2026, 11, 23)}
    assert diskcache.load_or_build("dated", "k", lambda: value) == value
    assert not cache_home.exists() or not list(cache_home.iterdir())


def test_unwritable_cache_folder_builds_in_memory(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("ESSAYLINT_CACHE_DIR", str(blocker))
    assert diskcache.load_or_build("table", "k", lambda: 7) == 7


def test_files_key_follows_size_and_time(tmp_path):
    source = tmp_path / "source.txt"
    source.write_text("one")
    first = diskcache.files_key("v1", files=[source])
    assert diskcache.files_key("v1", files=[source]) == first
    assert diskcache.files_key("v2", files=[source]) != first
    source.write_text("one two")
    assert diskcache.files_key("v1", files=[source]) != first
    assert diskcache.files_key("v1", files=[tmp_path / "missing"]) != first


def test_a_cache_file_of_the_wrong_shape_or_damaged_is_rebuilt(tmp_path, monkeypatch):
    import marshal

    from lint import diskcache

    monkeypatch.setenv("ESSAYLINT_CACHE_DIR", str(tmp_path))
    built = []

    def build():
        built.append(1)
        return {"word": 1}

    valid = lambda v: isinstance(v, dict)  # noqa: E731
    assert diskcache.load_or_build("t", "k", build, valid) == {"word": 1}
    path = tmp_path / "essaylint" / "t-k.marshal"
    path.write_bytes(marshal.dumps(None))  # another program's file, or an old format
    assert diskcache.load_or_build("t", "k", build, valid) == {"word": 1}
    blob = bytearray(path.read_bytes())
    blob[-2] ^= 0xFF  # one flipped byte
    path.write_bytes(bytes(blob))
    assert diskcache.load_or_build("t", "k", build, valid) == {"word": 1}
    assert len(built) == 3
    assert diskcache.load_or_build("t", "k", build, valid) == {"word": 1} and len(built) == 3
