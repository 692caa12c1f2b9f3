"""The result cache: an entry gives back exactly what was put, and any doubt about it is a miss."""

from __future__ import annotations

import json

import pytest

from lint.cache import Cache
from lint.finding import Edit, Finding, Fix, Level
from lint.result import FileResult

RAW = "# Títle\n\nNationâ€™s 😀 text.\n".encode()


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Cache:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("ESSAYLINT_CACHE_DIR", str(tmp_path / "user-cache"))
    return Cache(tmp_path, "k" * 64)


def _result() -> FileResult:
    finding = Finding(
        rule="encoding.mojibake",
        category="encoding",
        level=Level.parse("error"),
        path="e.md",
        line=3,
        column=7,
        end_line=3,
        end_column=10,
        message="mojibake: “â€™” was ’",
        suggestions=("’",),
        fix=Fix((Edit(16, 19, "’"),), True, "repair"),
        offset=16,
        end_offset=19,
        data={"score": 0.5, "kinds": ["a", "b"]},
        fingerprint="abc",
        byte_column=8,
        end_byte_column=14,
    )
    return FileResult("e.md", [finding, finding], ["a notice – with a dash"], False, {"grade": 7.25, "words": 4})


def test_an_entry_gives_back_what_was_put(cache):
    result = _result()
    cache.put(RAW, "e.md", True, result)
    found = cache.get(RAW, "e.md", True)
    assert found is not None
    assert found.findings == result.findings
    assert [f.data for f in found.findings] == [f.data for f in result.findings]  # not compared by ==
    assert (found.path, found.notices, found.skipped, found.metrics) == (
        result.path,
        result.notices,
        result.skipped,
        result.metrics,
    )
    assert cache.get(RAW, "e.md", False) is None  # with and without metrics are two entries
    assert cache.get(RAW + b"x", "e.md", True) is None  # other bytes: a miss


def test_the_entry_is_one_json_document_and_a_changed_byte_in_it_is_a_miss(cache):
    cache.put(RAW, "e.md", True, _result())
    (entry,) = cache.dir.rglob("*.json")
    record = json.loads(entry.read_text(encoding="utf-8"))
    assert set(record) == {"content", "result", "checksum"}
    assert record["result"]["findings"][0][4:6] == [3, 7]  # line and column, in Finding's field order
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text.replace('"e.md", 3, 7', '"e.md", 4, 7', 1), encoding="utf-8")
    assert cache.get(RAW, "e.md", True) is None


def test_a_result_with_an_unavailable_service_is_not_cached_and_its_kind_survives_workers(tmp_path):
    """LanguageTool may be back next run: the notice's kind, not its words, keeps the result out of the cache."""
    import pickle

    from lint.cache import Cache
    from lint.result import FileResult, Notice, unavailable

    notice = Notice("LanguageTool is not available: no server. Other checks ran.", "unavailable")
    assert unavailable([pickle.loads(pickle.dumps(notice))]) and not unavailable([str(notice)])
    cache = Cache(tmp_path, "rules")
    cache.put(b"# T\n", "e.md", False, FileResult("e.md", notices=[notice]))
    assert cache.get(b"# T\n", "e.md", False) is None
    cache.put(b"# T\n", "e.md", False, FileResult("e.md", notices=[Notice("e.md: fine")]))
    assert cache.get(b"# T\n", "e.md", False) is not None
