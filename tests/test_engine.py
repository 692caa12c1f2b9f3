"""The engine on very large essays: bounded memory, the same findings, fixes reused only for the same bytes."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from lint import lexicon
from lint.config import load_config
from lint.document import Document, _narrow
from lint.engine import LARGE_DOCUMENT, Linter
from tests.conftest import CORPUS, ROOT

REALTEXT = ROOT.parent / "shared" / "realtext"
PEAK_LIMIT_MB = 300  # issue 17, item 10: at most 300 MB on any input up to max_file_size


def large_essay(size: int) -> str:
    """Published prose joined under one title (headings demoted), with emoji: every string 4 bytes a character."""
    sources = sorted(REALTEXT.rglob("*.md")) if REALTEXT.exists() else sorted(CORPUS.iterdir())
    parts = ["# One very long essay 📚\n\n"]
    total = 0
    index = 0
    while total < size:
        text = sources[index % len(sources)].read_text(encoding="utf-8", errors="replace")
        lines = [("#" + line) if line.startswith("#") else line for line in text.splitlines()]
        parts.append("\n".join(lines) + "\n\nA short note 🎉 between the parts.\n\n")
        total += len(parts[-1].encode("utf-8"))
        index += 1
    return "".join(parts)


def child_peak_mb(args: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess]:
    """Run essaylint in a child and read its peak resident memory (Linux: ru_maxrss in KiB)."""
    script = (
        "import resource, subprocess, sys\n"
        "p = subprocess.run(sys.argv[1:], capture_output=True)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, p.returncode, len(p.stdout))\n"
        "sys.stderr.buffer.write(p.stderr[-2000:])\n"
    )
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-c", script, sys.executable, "-m", "lint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    peak_kib = float(done.stdout.split()[0])
    return peak_kib / 1024, done


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in KiB on Linux")
def test_a_nine_megabyte_essay_peaks_under_300_mb(tmp_path):
    """The heaviest path: lint, fix, lint the fixed text again, write every finding as SARIF."""
    essay = tmp_path / "long.md"
    text = large_essay(9_000_000)  # published prose: its mojibake and the like have safe fixes
    essay.write_text(text, encoding="utf-8")
    peak, done = child_peak_mb(["check", "long.md", "--no-cache", "--fix", "--format", "sarif"], tmp_path)
    rc, out_bytes = (int(x) for x in done.stdout.split()[1:3])
    assert rc == 1, done.stderr  # it has errors, and they were all written
    assert out_bytes > 1_000_000
    assert "fixed" in done.stderr and essay.read_text(encoding="utf-8") != text
    print(f"peak {peak:.0f} MB")
    assert peak <= PEAK_LIMIT_MB, f"peak {peak:.0f} MB"
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss > 0


def test_large_essays_give_the_findings_small_ones_give(monkeypatch):
    """The large-document path (memos dropped between families, point lookups) changes no finding."""
    linter = Linter(load_config(start=CORPUS))
    for path in sorted(CORPUS.iterdir())[:3]:
        raw = path.read_bytes()
        normal = linter.lint_document(Document(path.name, raw)).findings
        monkeypatch.setattr("lint.engine.LARGE_DOCUMENT", 1)
        large = linter.lint_document(Document(path.name, raw)).findings
        monkeypatch.setattr("lint.engine.LARGE_DOCUMENT", LARGE_DOCUMENT)
        assert [(f.rule, f.offset, f.message) for f in large] == [(f.rule, f.offset, f.message) for f in normal]


def test_point_lookups_never_load_a_table_whole(monkeypatch):
    table = lexicon.known_words()
    monkeypatch.setattr(lexicon.WordTable, "LOAD_AFTER", 3)
    words = ["house", "river", "zzzqx", "garden", "essay", "qqqwz"]
    with lexicon.point_lookups():
        inside = [w in table for w in words]
        assert table._whole is None
    assert inside == [True, True, False, True, True, False]
    assert [w in table for w in words] == inside
    assert all(w in table for w in ["alpha", "beta", "gamma", "delta", "omega"])
    assert table._whole is not None  # outside, the bulk rule applies again
    table.release()


@pytest.mark.parametrize("many", [True, False])
def test_a_run_of_many_files_asks_no_word_by_point_lookup(monkeypatch, many):
    """From MANY_DOCUMENTS files on, the word tables load whole at once instead of after thousands of queries."""
    from lint import engine

    queries = []
    real = lexicon._Store.lookup_many
    monkeypatch.setattr(lexicon._Store, "lookup_many", lambda self, *a: queries.append(a) or real(self, *a))
    saved = {name: (t._whole, t._memo, t._lookups) for name, t in lexicon._TABLES.items()}
    for table in lexicon._TABLES.values():
        table.release()
    files = [(path, path.name) for path in sorted(CORPUS.iterdir())]
    monkeypatch.setattr(engine, "MANY_DOCUMENTS", len(files) if many else len(files) + 1)
    try:
        linter = Linter(load_config(start=CORPUS))
        results = list(engine.run(linter, files, jobs=1))
    finally:
        for name, (whole, memo, lookups) in saved.items():
            table = lexicon._TABLES[name]
            table._whole, table._memo, table._lookups = whole, memo, lookups
    assert len(results) == len(files) and any(r.findings for r in results)
    assert (queries == []) is many
    assert not lexicon._MANY_DOCUMENTS  # over with the run


def test_prose_keeps_one_byte_a_character_of_symbols_beyond_the_basic_plane():
    prose = ["Hello 😀 ", "world 🎉."]
    _narrow(prose)
    assert [len(p) for p in prose] == [8, 8] and "😀" not in prose[0] and prose[0].startswith("Hello ")
    gothic = ["A 𐌰𐌱 word", " 😀."]  # letters past U+FFFF are words: every piece stays as written
    _narrow(gothic)
    assert gothic == ["A 𐌰𐌱 word", " 😀."]


def test_fixes_found_before_a_file_changed_are_not_applied_to_its_new_text(tmp_path):
    """--fix reuses the first lint's fixes only for the bytes they were found in."""
    from lint import cli

    essay = tmp_path / "e.md"
    essay.write_text("# Title\n\nIt is Nation\u00e2\u20ac\u2122s day.\n", encoding="utf-8")
    linter = Linter(load_config(start=tmp_path))
    first = linter.lint_path(essay, "e.md")
    assert any(f.fix and f.fix.safe for f in first.findings)
    changed = "# Title\n\nA longer first line is here now, so every offset moves.\n\nIt is Nation\u00e2\u20ac\u2122s.\n"
    essay.write_text(changed, encoding="utf-8")
    args = cli.build_parser().parse_args(["check", "--fix", str(essay)])
    result = cli._fix_file(linter, essay, "e.md", [first], 0, args)
    assert essay.read_text(encoding="utf-8") == changed.replace("Nation\u00e2\u20ac\u2122s", "Nation\u2019s")
    assert "fixed" in result.notices[0]
