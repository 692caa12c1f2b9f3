"""The result cache: an entry gives back exactly what was put, and any doubt about it is a miss."""

from __future__ import annotations

import hashlib
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


def _bytes(raw: bytes):
    return lambda: raw


def test_an_entry_gives_back_what_was_put(cache):
    result = _result()
    cache.put(RAW, "e.md", True, result)
    found = cache.get("e.md", True, "", _bytes(RAW))
    assert found is not None
    assert found.findings == result.findings
    assert [f.data for f in found.findings] == [f.data for f in result.findings]  # not compared by ==
    assert (found.path, found.notices, found.skipped, found.metrics) == (
        result.path,
        result.notices,
        result.skipped,
        result.metrics,
    )
    assert cache.get("e.md", False, "", _bytes(RAW)) is None  # with and without metrics are two entries
    assert cache.get("e.md", True, "", _bytes(RAW + b"x")) is None  # other bytes: a miss


def test_the_entry_is_one_json_document_and_a_changed_byte_in_it_is_a_miss(cache):
    cache.put(RAW, "e.md", True, _result())
    (entry,) = cache.dir.rglob("*.json")
    record = json.loads(entry.read_text(encoding="utf-8"))
    assert set(record) == {"content", "stamp", "result", "checksum"}
    assert record["result"]["findings"][0][4:6] == [3, 7]  # line and column, in Finding's field order
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text.replace('"e.md", 3, 7', '"e.md", 4, 7', 1), encoding="utf-8")
    assert cache.get("e.md", True, "", _bytes(RAW)) is None


def test_a_result_with_an_unavailable_service_is_not_cached_and_its_kind_survives_workers(tmp_path):
    """LanguageTool may be back next run: the notice's kind, not its words, keeps the result out of the cache."""
    import pickle

    from lint.cache import Cache
    from lint.result import FileResult, Notice, unavailable

    notice = Notice("LanguageTool is not available: no server. Other checks ran.", "unavailable")
    assert unavailable([pickle.loads(pickle.dumps(notice))]) and not unavailable([str(notice)])
    cache = Cache(tmp_path, "rules")
    cache.put(b"# T\n", "e.md", False, FileResult("e.md", notices=[notice]))
    assert cache.get("e.md", False, "", _bytes(b"# T\n")) is None
    cache.put(b"# T\n", "e.md", False, FileResult("e.md", notices=[Notice("e.md: fine")]))
    assert cache.get("e.md", False, "", _bytes(b"# T\n")) is not None


def test_a_settled_stamp_answers_without_reading_the_file_and_any_other_stamp_reads_it(cache):
    def unread() -> bytes:
        raise AssertionError("the file was read")

    cache.put(RAW, "e.md", True, _result(), stamp="12:100:100:7:1")
    found = cache.get("e.md", True, "12:100:100:7:1", unread)
    assert found is not None and found.content == hashlib.sha256(RAW).hexdigest()
    # Another stamp (the file was written, touched or replaced): its bytes decide.
    assert cache.get("e.md", True, "12:101:101:7:1", _bytes(RAW)) is not None
    assert cache.get("e.md", True, "13:102:102:7:1", _bytes(RAW + b"!")) is None
    # An entry made without a stamp (the file had just changed) never answers by stamp.
    cache.put(RAW, "f.md", True, _result(), stamp="")
    assert cache.get("f.md", True, "", _bytes(RAW)) is not None
    with pytest.raises(AssertionError, match="was read"):
        cache.get("f.md", True, "12:100:100:7:1", unread)


def test_a_damaged_stamp_is_a_miss(cache):
    cache.put(RAW, "e.md", True, _result(), stamp="12:100:100:7:1")
    (entry,) = cache.dir.rglob("*.json")
    entry.write_bytes(entry.read_bytes().replace(b"12:100:100:7:1", b"12:100:100:7:2", 1))
    assert cache.get("e.md", True, "12:100:100:7:2", _bytes(b"other bytes")) is None


def test_a_stamp_is_kept_only_for_a_file_that_had_settled_before_it_was_read(tmp_path):
    import os

    from lint.cache import file_stamp, settled_stamp

    path = tmp_path / "e.md"
    path.write_bytes(RAW)
    info = os.stat(path)
    assert settled_stamp(info, info.st_mtime_ns + 10_000_000) == ""  # written 10 ms before: racy
    assert settled_stamp(info, max(info.st_mtime_ns, info.st_ctime_ns) + 3_000_000_000) == file_stamp(info)


def test_an_edit_that_keeps_size_and_modification_time_is_still_seen(tmp_path, monkeypatch):
    """The stamp has the change time, which no one can set back: an edit behind a restored mtime is linted."""
    import os
    import time

    from lint import cli, files

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("ESSAYLINT_CACHE_DIR", str(tmp_path / "user-cache"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.essaylint]\n", encoding="utf-8")
    essay = tmp_path / "e.md"
    clean, broken = "# Title\n\nA clean sentence here.\n", "# Title\n\nA clean sentence h\ufffd.\n"
    assert len(clean.encode()) == len(broken.encode())
    essay.write_text(clean, encoding="utf-8")
    old = time.time_ns() - 10_000_000_000
    os.utime(essay, ns=(old, old))
    time.sleep(2.1)  # the change time settles too (it cannot be set back)
    read = []
    real = files.read_regular
    monkeypatch.setattr(files, "read_regular", lambda path, limit: read.append(str(path)) or real(path, limit))
    assert cli.main(["check", "e.md", "-q", "--select", "encoding"]) == 0
    read.clear()
    assert cli.main(["check", "e.md", "-q", "--select", "encoding"]) == 0
    assert not [p for p in read if p.endswith("e.md")]  # answered by its stamp, the essay unread
    essay.write_text(broken, encoding="utf-8")
    os.utime(essay, ns=(old, old))
    assert os.stat(essay).st_size == len(clean.encode()) and os.stat(essay).st_mtime_ns == old
    assert cli.main(["check", "e.md", "-q", "--select", "encoding"]) == 1


def test_an_entry_its_hash_confirms_takes_the_settled_stamp_for_the_next_run(cache):
    """A checkout's essays are racy when first linted; once a later run confirms one by its hash, its stamp answers."""

    def unread() -> bytes:
        raise AssertionError("the file was read")

    cache.put(RAW, "e.md", True, _result(), stamp="")
    assert cache.get("e.md", True, "12:100:100:7:1", _bytes(RAW)) is not None  # confirmed by its bytes
    found = cache.get("e.md", True, "12:100:100:7:1", unread)
    assert found is not None and found.findings == _result().findings
    assert cache.get("e.md", True, "12:101:101:7:1", _bytes(RAW + b"!")) is None  # and any change still shows


def test_two_runs_at_once_leave_a_cache_that_answers_as_a_fresh_lint(tmp_path):
    """Two `check` runs writing and re-stamping the same entries while essays change: no entry is damaged,
    and what the cache answers afterwards is what linting the essays afresh finds."""
    import os
    import subprocess
    import sys
    import time

    from lint.cache import CACHE_DIR, _entry_parts, _verified_record
    from tests.conftest import CORPUS, ROOT

    env = {**os.environ, "ESSAYLINT_CACHE_DIR": str(tmp_path / "user-cache"), "PYTHONPATH": str(ROOT)}
    env.pop("CI", None)
    project = tmp_path / "p"
    project.mkdir()
    (project / "pyproject.toml").write_text("[tool.essaylint]\n", encoding="utf-8")
    seeds = sorted(CORPUS.iterdir())
    essays = [project / f"e{i:02}.md" for i in range(16)]
    for i, essay in enumerate(essays):
        essay.write_bytes(seeds[i % len(seeds)].read_bytes() + f"\nEssay {i}.\n".encode())
    time.sleep(2.1)  # settled: the runs keep stamps
    check = [sys.executable, "-m", "lint", "check", ".", "--select", "encoding,structure"]
    for round_ in range(3):
        runs = [subprocess.Popen([*check, "-q"], cwd=project, env=env, stdout=subprocess.DEVNULL) for _ in range(2)]
        for essay in essays[round_::3]:  # edited while the runs read them
            essay.write_bytes(essay.read_bytes() + "A line with a mojibake Nationâ€™s.\n".encode())
        assert [run.wait(timeout=120) for run in runs] and all(run.returncode in (0, 1) for run in runs)
    time.sleep(2.1)  # the edited essays settle: both runs now confirm their entries by hash and re-stamp them
    runs = [subprocess.Popen([*check, "-q"], cwd=project, env=env, stdout=subprocess.DEVNULL) for _ in range(2)]
    assert all(run.wait(timeout=120) in (0, 1) for run in runs)
    entries = list((project / CACHE_DIR).rglob("*.json"))
    assert entries
    for entry in entries:
        data = entry.read_bytes()
        _verified_record(data, _entry_parts(data)[2])  # every entry whole and its checksum right
    cached = subprocess.run(check, cwd=project, env=env, capture_output=True, text=True)
    fresh = subprocess.run([*check, "--no-cache"], cwd=project, env=env, capture_output=True, text=True)
    assert (cached.returncode, cached.stdout) == (fresh.returncode, fresh.stdout)
    assert "mojibake" in fresh.stdout
