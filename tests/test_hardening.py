"""Hostile inputs, runaway rules, safe fixes, injection, and fuzzing of the whole default rule set."""

from __future__ import annotations

import json
import os
import stat
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from lint.config import Config
from lint.engine import Linter, Selection
from lint.finding import Finding, Level
from tests.conftest import CORPUS, ROOT, run_cli

sys.path.insert(0, str(ROOT / "fuzz"))
from markdown_strategy import check_document, markdown_documents


@pytest.fixture(scope="module")
def linter() -> Linter:
    config = Config()
    config.rule_options = {"claims.checkable-claim": {"ledger": False}}
    return Linter(config, Selection())


def hostile_folder(root: Path) -> Path:
    (root / "good.md").write_text("# Good\n\nA fine essay with the the mistake.\n")
    (root / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (root / "empty.md").write_bytes(b"")
    (root / "oneline.md").write_text("# T\n\n" + "word " * 200_000 + "\n")
    (root / "manylines.md").write_text("# T\n\n" + "A line.\n" * 100_000)
    (root / "nested.md").write_text(
        "# T\n\n" + "> " * 1000 + "deep\n\n" + "- " * 1000 + "deep\n\n" + "  " * 1000 + "- x\n"
    )
    (root / "cp1252.md").write_bytes("# Café\n\nNaïve.\n".encode("cp1252"))
    (root / "big.md").write_bytes(b"# T\n\n" + b"x" * 200 + b"\n")
    (root / ".essaylint.yaml").write_text("max_file_size: 150\n")
    (root / "loop").mkdir()
    (root / "loop" / "up").symlink_to("..", target_is_directory=True)
    os.mkfifo(root / "fifo.md")
    return root


def test_a_folder_of_hostile_files_finishes_and_reports_each(tmp_path):
    hostile_folder(tmp_path)
    (tmp_path / ".essaylint.yaml").write_text("max_file_size: 2000000\n")
    (tmp_path / "big.md").write_bytes(b"# T\n\n" + b"x" * 2_100_000 + b"\n")
    start = time.monotonic()
    result = run_cli("check", ".", "fifo.md", "missing.md", "--format", "json", "--no-cache", cwd=tmp_path)
    assert time.monotonic() - start < 240
    assert result.returncode == 2  # the missing path
    assert "Traceback" not in result.stderr
    for expected in (
        "missing.md: no such file or folder",
        "fifo.md: skipped: not a regular file",
        "image.md: skipped: binary file",
        "big.md: skipped:",
        "over the size limit",
    ):
        assert expected in result.stderr, expected
    files = {f["path"]: f for f in json.loads(result.stdout)["files"]}
    assert [f["rule"] for f in files["good.md"]["findings"]] == ["spelling.repeated-word"]
    assert any(f["rule"] == "encoding.undecodable" for f in files["cp1252.md"]["findings"])
    assert not any(f["rule"].startswith("spelling.") for f in files["cp1252.md"]["findings"])
    assert [f["rule"] for f in files["empty.md"]["findings"]] == ["structure.single-title"]
    for name in ("oneline.md", "manylines.md", "nested.md"):
        assert name in files and not any(f["rule"].startswith("essaylint.") for f in files[name]["findings"])
    assert not any("loop" in p for p in files)  # the symlinked folder is not followed


def test_unreadable_file_is_an_error_finding_and_the_others_are_checked(tmp_path, monkeypatch, linter):
    (tmp_path / "a.md").write_text("# A Fine Title\n\nFine.\n")
    import lint.files

    real = lint.files.read_regular

    def refuse(path: Path, limit: int) -> bytes:
        if Path(path).name == "secret.md":
            raise PermissionError(13, "Permission denied")
        return real(path, limit)

    (tmp_path / "secret.md").write_text("# S\n")
    monkeypatch.setattr(lint.files, "read_regular", refuse)
    results = {p.name: linter.lint_path(p, p.name) for p in sorted(tmp_path.iterdir())}
    (finding,) = results["secret.md"].findings
    assert finding.rule == "essaylint.io-error" and "Permission denied" in finding.message
    assert results["a.md"].findings == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files without read permission")
def test_unreadable_file_through_the_cli(tmp_path):
    path = tmp_path / "secret.md"
    path.write_text("# S\n")
    path.chmod(0)
    result = run_cli("check", "secret.md", cwd=tmp_path)
    assert result.returncode == 1 and "cannot read file" in result.stdout


def test_catastrophic_user_regex_is_stopped_and_reported_once(tmp_path):
    (tmp_path / "house" / "style").mkdir(parents=True)
    (tmp_path / "house" / "style" / "slow.yaml").write_text("extends: existence\nscope: raw\nraw: ['(a+)+$']\n")
    (tmp_path / ".essaylint.yaml").write_text("rules: [house]\nselect: [style]\n")
    (tmp_path / "e.md").write_text("# T\n\n" + "a" * 5000 + "!\n")
    (tmp_path / "f.md").write_text("# T\n\nFine.\n")
    start = time.monotonic()
    result = run_cli("check", ".", "--format", "json", "--no-cache", cwd=tmp_path)
    assert time.monotonic() - start < 60
    files = {f["path"]: f["findings"] for f in json.loads(result.stdout)["files"]}
    assert [f["rule"] for f in files["e.md"]] == ["essaylint.rule-timeout"]
    assert "style.slow" in files["e.md"][0]["message"] and files["f.md"] == []


def test_fix_refuses_read_only_files_and_continues(tmp_path):
    (tmp_path / "ro.md").write_text("# T\n\nthe the\n")
    (tmp_path / "rw.md").write_text("# T\n\nthe the\n")
    (tmp_path / "ro.md").chmod(0o444)
    result = run_cli("check", ".", "--fix", cwd=tmp_path)
    assert "ro.md: not fixed: the file is read-only" in result.stderr
    assert (tmp_path / "ro.md").read_text() == "# T\n\nthe the\n" and (tmp_path / "rw.md").read_text() == "# T\n\nthe\n"
    assert stat.S_IMODE((tmp_path / "ro.md").stat().st_mode) == 0o444


def test_fix_keeps_bom_line_endings_and_mode(tmp_path):
    path = tmp_path / "e.md"
    path.write_bytes("\ufeff# T\r\n\r\nthe the end.\r\n".encode())
    path.chmod(0o600)
    run_cli("check", "e.md", "--fix", "--ignore", "encoding.bom", cwd=tmp_path)
    assert path.read_bytes() == "\ufeff# T\r\n\r\nthe end.\r\n".encode()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_no_traceback_without_debug(tmp_path):
    (tmp_path / ".essaylint.yaml").write_text("rules: [x]\n")
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "style").mkdir()
    (tmp_path / "x" / "style" / "r.yaml").write_text("extends: heading-length\n")
    result = run_cli("check", ".", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr and "max" in result.stderr


HOSTILE = '<script>alert("x")</script> & ]]> --> "quote" \u202e'


def test_hostile_message_and_file_name_cannot_inject_markup():
    import xml.etree.ElementTree as ET

    from lint.reporters import ReportOptions, render
    from lint.result import FileResult

    finding = Finding("x.rule", "style", Level.ERROR, f"a{HOSTILE}.md", 1, 1, 1, 2, f"msg {HOSTILE}\nline")
    results = [FileResult(finding.path, [finding])]
    sarif = json.loads(render("sarif", results, ReportOptions()))
    assert sarif["runs"][0]["results"][0]["message"]["text"] == finding.message
    junit = render("junit", results, ReportOptions())
    root = ET.fromstring(junit)  # well-formed XML despite the ]]> and quotes
    assert root.find(".//failure").text.endswith(finding.message)
    github = render("github", results, ReportOptions())
    assert github.count("\n") == 1 and "::" not in github.split("::", 2)[2]
    markdown = render("markdown", results, ReportOptions())
    assert "<script>" not in markdown
    from lint.report import EssayReport, render_html

    page = render_html([EssayReport(finding.path, HOSTILE, results[0])])
    assert "<script>alert" not in page and "]]>" not in page.split("<script>", 1)[0][-200:]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(markdown_documents())
def test_fuzz_whole_rule_set(linter, raw):
    check_document(linter, raw)


def test_fixtures_exist():
    assert CORPUS.is_dir()


def test_a_file_name_that_is_not_utf8_is_shown_escaped_and_stops_nothing(tmp_path):
    bad = os.fsencode(tmp_path) + b"/bad\xff.md"
    with open(bad, "wb") as handle:
        handle.write(b"# T\n\nx.\n")
    (tmp_path / "good.md").write_text("# Title\n\nThe the end.\n")
    (tmp_path / "report.json").write_text("{}")
    result = run_cli("check", ".", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "bad\\xff.md:1:3:" in result.stdout and "good.md:3:1:" in result.stdout
    for fmt in ("json", "sarif", "junit", "github", "rdjson", "gitlab", "markdown"):
        out = run_cli("check", ".", "--format", fmt, "-o", "report.json", "--no-cache", cwd=tmp_path)
        assert out.returncode == 1, (fmt, out.stderr)
        shown = (tmp_path / "report.json").read_text()
        # JSON escapes the backslash; SARIF's URI percent-encodes it.
        assert any(form in shown for form in ("bad\\\\xff.md", "bad\\xff.md", "bad%5Cxff.md")), fmt
    assert run_cli("report", ".", "-o", "r.html", cwd=tmp_path).returncode == 0
    assert run_cli("stats", ".", "-o", "s.csv", "--format", "csv", cwd=tmp_path).returncode == 0
    assert "bad\\xff.md" in (tmp_path / "s.csv").read_text()
    leftovers = [p for p in tmp_path.rglob("*") if p.name.endswith((".tmp", ".essaylint-tmp"))]
    assert leftovers == []


def test_a_failed_run_leaves_the_old_output_file(tmp_path):
    (tmp_path / "e.md").write_text("# Title\n\nText.\n")
    (tmp_path / "report.json").write_text('{"old": true}')
    # A rule that does not load fails the run after the output file was named.
    (tmp_path / ".essaylint.yaml").write_text("rules: [style]\n")
    (tmp_path / "style").mkdir()
    (tmp_path / "style" / "broken.yaml").write_text("extends: nothing-like-this\n")
    result = run_cli("check", "e.md", "--format", "json", "-o", "report.json", cwd=tmp_path)
    assert result.returncode == 2
    assert (tmp_path / "report.json").read_text() == '{"old": true}'


def test_bad_dataset_records_become_error_records_in_place(tmp_path):
    lines = []
    for i in range(1, 61):
        if i == 2:
            lines.append(b'{"id": "b\\ud800", "text": "# Title\\n\\nThe the end."}')
        elif i == 40:
            lines.append(b'{"id": "x", "text": "bad \xff byte"}')
        elif i == 50:
            lines.append(b"not json")
        else:
            lines.append(json.dumps({"id": f"r{i}", "text": "# Title\n\nA short text."}).encode())
    (tmp_path / "d.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    for jobs in ("1", "2"):
        result = run_cli(
            "check", "d.jsonl", "--input-format", "jsonl", "--id-field", "id", "--jobs", jobs, cwd=tmp_path
        )
        records = [json.loads(line) for line in result.stdout.splitlines()]
        assert result.returncode == 2 and len(records) == 60, (jobs, result.stderr)
        assert records[1]["id"] == "b\\ud800" and records[1]["findings"]
        assert records[39] == {
            "id": "40",
            "line": 40,
            "error": "d.jsonl:40: not UTF-8 (byte 0xFF at column 26)",
            "findings": [],
        }
        assert records[49]["error"] == "d.jsonl:50: not JSON (Expecting value)"
        assert [r["id"] for r in records[50:]] == [f"r{i}" for i in range(51, 61)]
        assert "d.jsonl:40: not UTF-8" in result.stderr


def test_runs_of_stars_in_gitignore_are_read_as_git_reads_them(tmp_path):
    from lint.engine import simplified_gitignore

    assert simplified_gitignore(["************0", "**/drafts", "a/**", "a/**/b", "x**y", "/***/z", "*" * 5000]) == [
        "*0",
        "**/drafts",
        "a/**",
        "a/**/b",
        "x*y",
        "/*/z",
    ]
    (tmp_path / ".gitignore").write_text("*" * 14 + "0\n")
    (tmp_path / "a0a0a0a0a0a0a0a0a0a0a0a0a0a0.md").write_text("# Title\n\nText.\n")
    (tmp_path / "v10").mkdir()
    (tmp_path / "v10" / "e.md").write_text("# Title\n\nText.\n")  # its folder matches "*0"
    result = run_cli("check", ".", "--no-cache", cwd=tmp_path)
    assert "of 1 file checked" in result.stdout, result.stdout


@pytest.mark.parametrize("kind", ["device", "fifo"])
def test_ledger_and_baseline_that_are_not_regular_files_are_refused(tmp_path, kind):
    (tmp_path / "e.md").write_text("# Title\n\nIn 2020 the council spent $4 million.\n")
    target = "/dev/zero"
    if kind == "fifo":
        os.mkfifo(tmp_path / "pipe")
        target = str(tmp_path / "pipe")
    (tmp_path / ".essaylint.yaml").write_text(f"claims: {{ledger: {target}}}\n")
    for command in (("check", "e.md"), ("claims", "list", "e.md")):
        result = run_cli(*command, cwd=tmp_path, timeout=60)
        assert result.returncode == 2 and "claims.ledger" in result.stderr and "not a regular file" in result.stderr
    (tmp_path / ".essaylint.yaml").unlink()
    result = run_cli("check", "e.md", "--baseline", target, cwd=tmp_path, timeout=60)
    assert result.returncode == 2 and "not a regular file" in result.stderr


def test_front_matter_bombs_and_deep_nesting_are_a_finding(tmp_path):
    bomb = "---\na: &a [x,x,x,x,x,x,x,x,x]\n"
    previous = "a"
    for letter in "bcdefghi":
        bomb += f"{letter}: &{letter} [" + ",".join(["*" + previous] * 9) + "]\n"
        previous = letter
    (tmp_path / "bomb.md").write_text(bomb + "---\n\n# Title\n\nText.\n")
    (tmp_path / "deep.md").write_text("---\nx: " + "[" * 500 + "]" * 500 + "\n---\n\n# Title\n\nText.\n")
    result = run_cli("check", ".", "--no-cache", "--enable", "structure.required-sections", cwd=tmp_path, timeout=120)
    assert "internal-error" not in result.stdout
    assert "bomb.md:2:1: warning structure.front-matter" in result.stdout and "alias bomb" in result.stdout
    assert "deep.md:2:1: warning structure.front-matter" in result.stdout and "nested too deeply" in result.stdout


def test_regex_budget_holds_per_file_not_per_sentence(tmp_path):
    """400 sentences with a catastrophic pattern: one budget for the file, so the rule stops in seconds."""
    (tmp_path / "style").mkdir()
    (tmp_path / "style" / "slow.yaml").write_text("extends: existence\nscope: sentence\nraw: ['(a|aa)+$']\n")
    (tmp_path / ".essaylint.yaml").write_text("rules: [style]\n")
    (tmp_path / "e.md").write_text("# Title\n\n" + " ".join(["a" * 40 + "b."] * 400) + "\n")
    result = run_cli("check", "e.md", "--no-cache", "--select", "style", cwd=tmp_path, timeout=60)
    assert "essaylint.rule-timeout" in result.stdout


def test_capitalization_regex_runs_within_the_budget(tmp_path):
    (tmp_path / "style").mkdir()
    (tmp_path / "style" / "caps.yaml").write_text("extends: capitalization\nscope: heading\nmatch: '(a|aa)+$'\n")
    (tmp_path / ".essaylint.yaml").write_text("rules: [style]\n")
    (tmp_path / "e.md").write_text("# " + "a" * 40 + "b\n\nText.\n")
    result = run_cli("check", "e.md", "--no-cache", "--select", "style", cwd=tmp_path, timeout=60)
    assert "essaylint.rule-timeout" in result.stdout


def test_a_folder_that_is_not_a_style_is_refused(tmp_path):
    (tmp_path / "e.md").write_text("# Title\n\nText.\n")
    (tmp_path / ".essaylint.yaml").write_text("rules: [/]\n")
    result = run_cli("check", "e.md", cwd=tmp_path, timeout=60)
    assert result.returncode == 2 and "/: not a style folder" in result.stderr


def test_a_rule_of_99000_plain_words_loads_and_matches_like_the_alternation(tmp_path):
    from lint.checks._patterns import LiteralTokens, token_pattern

    words = [f"w{i:05d}x" for i in range(99_000)] + ["in order to", "well-being", "zebra"]
    text = "A Zebra, in order to see well-being w00042x and w00042xy here; zebras."
    small = [*words[:600], "in order to", "well-being", "zebra"]
    regex_found = [(m.start(), m.end()) for m in token_pattern(small, ignorecase=True, nonword=False).finditer(text)]
    lookup = LiteralTokens(small, True)
    assert [(m.start(), m.end()) for m in lookup.finditer(text, 0, len(text))] == regex_found
    (tmp_path / "style").mkdir()
    (tmp_path / "style" / "big.yaml").write_text("extends: existence\ntokens: [" + ",".join(words) + "]\n")
    (tmp_path / ".essaylint.yaml").write_text("rules: [style]\n")
    (tmp_path / "e.md").write_text("# Title\n\n" + text + "\n")
    result = run_cli("check", "e.md", "--no-cache", "--select", "style", cwd=tmp_path, timeout=60)
    assert result.stdout.count("warning big ") == 3  # case-sensitive: "Zebra" is not "zebra"


def test_fuzz_odd_names_and_broken_records_in_small():
    """fuzz/run.py --names and --records, small enough for CI; the long runs are in fuzz/."""
    sys.path.insert(0, str(ROOT / "fuzz"))
    import run as fuzz_run

    fuzz_run.odd_names(30, seed=1)
    fuzz_run.broken_records(300, seed=1)


def test_fifos_and_devices_in_a_folder_are_skipped_by_every_command(tmp_path):
    (tmp_path / "a.md").write_text("# Title\n\nIn 2020 the council spent $4 million.\n")
    os.mkfifo(tmp_path / "f.md")
    (tmp_path / "z.md").symlink_to("/dev/zero")
    for command in (("check", "."), ("stats", "."), ("report", ".", "-o", "r.html"), ("claims", "list", ".")):
        result = run_cli(*command, cwd=tmp_path, timeout=60)
        assert result.returncode in (0, 1), (command, result.stderr)
        if command[0] != "claims":  # claims list lists claims only; it must simply not hang
            assert "f.md: skipped: not a regular file" in result.stderr, command


def test_a_baseline_written_at_the_root_matches_from_a_subfolder(tmp_path):
    (tmp_path / ".git").mkdir()  # the project root, found without a config file
    (tmp_path / "essays").mkdir()
    (tmp_path / "essays" / "e.md").write_text("# Title\n\nThe the end.\n")
    written = run_cli("check", ".", "--write-baseline", "baseline.json", "--no-cache", cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    from_sub = run_cli("check", ".", "--baseline", "../baseline.json", "--no-cache", cwd=tmp_path / "essays")
    assert from_sub.returncode == 0 and "0 findings" in from_sub.stdout, from_sub.stdout + from_sub.stderr


def test_a_five_megabyte_token_is_not_a_word(tmp_path):
    """A runaway line without spaces: the suggestion search used to exhaust memory (24 GB)."""
    from lint.checks.spelling import MAX_WORD
    from lint.lexicon import suggestions

    assert suggestions("a" * 5000) == []
    linter = Linter(Config(), Selection(select=["spelling"]))
    from lint.document import Document

    doc = Document.from_text("long.md", "# Title\n\n" + "a" * 200_000 + " and teh end.\n")
    found = linter.lint_document(doc).findings
    assert [f.message.split(" is")[0] for f in found] == ["'teh'"] and MAX_WORD < 100


def test_fuzz_documents_through_every_command_in_small():
    """fuzz/run.py --commands: generated documents through check, JSONL, stats, report and --fix."""
    sys.path.insert(0, str(ROOT / "fuzz"))
    import run as fuzz_run

    fuzz_run.through_commands(60, batch=30)
