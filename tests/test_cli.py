"""The command line as a user runs it: `python -m lint ...` in a subprocess."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CORPUS, ROOT, run_cli

HOUSE_RULE = """extends: existence
message: "Avoid '{match}'."
level: error
ignorecase: true
tokens: [utilize, synergy]
"""


def project(
    tmp_path: Path, essay: str, rule: str = HOUSE_RULE, config: str = "rules: [house]\nselect: [house]\n"
) -> Path:
    (tmp_path / "house" / "house").mkdir(parents=True)
    (tmp_path / "house" / "house" / "avoid.yaml").write_text(rule)
    (tmp_path / ".essaylint.yaml").write_text(config)
    (tmp_path / "essay.md").write_text(essay)
    return tmp_path


def test_help_and_version():
    assert run_cli("--help").returncode == 0
    assert run_cli("--version").stdout.startswith("essaylint ")


def test_user_rule_folder_reports_line_and_column(tmp_path):
    essay = "---\ntitle: We utilize\n---\n# Title\n\nTeams utilize synergy.\n\n`utilize` and\n\n```\nutilize\n```\n"
    project(tmp_path, essay)
    result = run_cli("check", "essay.md", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith("essay.md")]
    assert lines == [
        "essay.md:6:7: error house.avoid Avoid 'utilize'.",
        "essay.md:6:15: error house.avoid Avoid 'synergy'.",
    ]
    assert "2 findings" in result.stdout


def test_json_format_carries_every_field(tmp_path):
    project(tmp_path, "# T\n\nWe utilize.\n")
    result = run_cli("check", "essay.md", "--format", "json", cwd=tmp_path)
    data = json.loads(result.stdout)
    assert data["version"] == 1 and data["summary"]["findings"] == 1
    finding = data["files"][0]["findings"][0]
    assert set(finding) >= {
        "rule",
        "category",
        "level",
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "message",
        "suggestions",
        "fix",
    }
    assert (finding["line"], finding["column"], finding["end_column"]) == (3, 4, 11)


def test_exit_codes_follow_fail_on(tmp_path):
    project(tmp_path, "# T\n\nWe utilize.\n", rule=HOUSE_RULE.replace("level: error", "level: warning"))
    assert run_cli("check", "essay.md", cwd=tmp_path).returncode == 0
    assert run_cli("check", "essay.md", "--fail-on", "warning", cwd=tmp_path).returncode == 1
    (tmp_path / "essay.md").write_text("# T\n\nClean.\n")
    assert run_cli("check", "essay.md", "--fail-on", "suggestion", cwd=tmp_path).returncode == 0


def test_misspelt_key_and_bad_regex_exit_2_naming_file_and_line(tmp_path):
    project(tmp_path, "# T\n", rule="extends: existence\ntokns: [a]\n")
    result = run_cli("check", "essay.md", cwd=tmp_path)
    assert result.returncode == 2
    assert "house/house/avoid.yaml:2: tokns: unknown key" in result.stderr
    (tmp_path / "house" / "house" / "avoid.yaml").write_text("extends: existence\ntokens:\n  - '[a-'\n")
    result = run_cli("check", "essay.md", cwd=tmp_path)
    assert result.returncode == 2 and "avoid.yaml:3: tokens:" in result.stderr and result.stdout == ""


def test_bad_config_exits_2(tmp_path):
    (tmp_path / ".essaylint.yaml").write_text("ignroe: [x]\n")
    result = run_cli("check", ".", cwd=tmp_path)
    assert result.returncode == 2 and ".essaylint.yaml:1: ignroe: unknown key" in result.stderr


def test_missing_path_exits_2_but_checks_the_others(tmp_path):
    project(tmp_path, "# T\n\nWe utilize.\n")
    result = run_cli("check", "nope.md", "essay.md", cwd=tmp_path)
    assert result.returncode == 2
    assert "nope.md: no such file or folder" in result.stderr
    assert "essay.md:3:4" in result.stdout


def test_select_and_ignore_on_the_command_line(tmp_path):
    project(tmp_path, "# T\n\nWe utilize.\n", config="rules: [house]\n")
    assert "house.avoid" in run_cli("check", "essay.md", "--select", "house", cwd=tmp_path).stdout
    assert "house.avoid" not in run_cli("check", "essay.md", "--ignore", "house.avoid", cwd=tmp_path).stdout


def test_folder_walk_honours_gitignore_exclude_and_extensions(tmp_path):
    project(tmp_path, "# T\n\nWe utilize.\n", config="rules: [house]\nselect: [house]\nexclude: ['drafts/**']\n")
    for name in ("notes.txt", "page.markdown", "drafts/d.md", "ignored/i.md", "code.py"):
        path = tmp_path / name
        path.parent.mkdir(exist_ok=True)
        path.write_text("We utilize.\n")
    (tmp_path / ".gitignore").write_text("ignored/\n")
    result = run_cli("check", ".", "--format", "json", cwd=tmp_path)
    paths = sorted(f["path"] for f in json.loads(result.stdout)["files"])
    assert paths == ["essay.md", "notes.txt", "page.markdown"]


def test_fix_and_diff(tmp_path):
    rule = "extends: substitution\nlevel: error\nswap:\n  utilise: use\n"
    project(tmp_path, "# T\n\nWe utilise it.\r\nUtilise more.\n", rule=rule)
    diff = run_cli("check", "essay.md", "--diff", cwd=tmp_path)
    assert "-We utilise it." in diff.stdout and "+We use it." in diff.stdout
    assert b"utilise" in (tmp_path / "essay.md").read_bytes()
    fixed = run_cli("check", "essay.md", "--fix", cwd=tmp_path)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert (tmp_path / "essay.md").read_bytes() == b"# T\n\nWe use it.\r\nUse more.\n"
    assert "fixed 2 findings" in fixed.stderr
    again = run_cli("check", "essay.md", "--fix", cwd=tmp_path)
    assert again.returncode == 0 and "fixed" not in again.stderr


def test_rules_and_explain():
    listing = run_cli("rules")
    assert listing.returncode == 0 and "spelling.repeated-word" in listing.stdout
    explained = run_cli("explain", "spelling.repeated-word")
    assert explained.returncode == 0
    assert "Keys of kind 'repetition'" in explained.stdout and "Example:" in explained.stdout
    kind = run_cli("explain", "existence")
    assert kind.returncode == 0 and "tokens" in kind.stdout
    missing = run_cli("explain", "no.such-rule")
    assert missing.returncode == 2 and "no rule or kind named" in missing.stderr


def test_corpus_runs_and_exits_0_or_1():
    result = run_cli("check", str(CORPUS))
    assert result.returncode in (0, 1), result.stderr
    assert "checked" in result.stdout


def test_installed_wheel_finds_its_default_rules_outside_the_checkout(tmp_path):
    wheel_dir, target = tmp_path / "wheel", tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheel_dir), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(wheel_dir.glob("essaylint-*.whl"))
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "SOMEFILE.md").write_text("# Title\n\nThe the end.\n")
    code = (
        "import sys, lint, lint.ruleset; sys.argv=['essaylint','check','SOMEFILE.md'];"
        f"assert str(lint.__file__).startswith(sys.argv[0] and {str(target)!r}), lint.__file__;"
        "from lint.cli import main; sys.exit(main())"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=outside,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin", "NO_COLOR": "1"},
    )
    assert "spelling.repeated-word" in result.stdout, result.stdout + result.stderr
    assert result.returncode == 1


def test_check_reads_standard_input_named_by_stdin_filename(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / ".essaylint.yaml").write_text("select: [spelling.repeated-word]\n")
    out = run_cli("check", "-", "--stdin-filename", "docs/x.md", cwd=tmp_path, input=b"# T\n\nThe the cat sat.\n")
    assert out.returncode == 1 and out.stdout.startswith("docs/x.md:3:1: error spelling.repeated-word")
    # the config is found from the named file's folder, as for a file on disk
    elsewhere = run_cli(
        "check", "-", "--stdin-filename", str(tmp_path / "docs" / "x.md"), "--format", "json", input=b"# T\n\nOk.\n"
    )
    assert elsewhere.returncode == 0 and '"docs/x.md"' in elsewhere.stdout.replace(str(tmp_path) + "/", "")


def test_fix_of_standard_input_writes_the_fixed_text_to_standard_output(tmp_path):
    text = "# Title\n\nIt was the the best.\u200b End.\n".encode()
    out = subprocess.run(
        [sys.executable, "-m", "lint", "check", "-", "--fix", "--stdin-filename", "x.md"],
        input=text,
        capture_output=True,
        cwd=tmp_path,
    )
    assert out.stdout == b"# Title\n\nIt was the best. End.\n"
    assert b"x.md" in out.stderr or out.stderr.strip().endswith(b"checked")
    undecodable = subprocess.run(
        [sys.executable, "-m", "lint", "check", "-", "--fix"],
        input=b"# T\n\nHe said \x93hi\x94.\n",
        capture_output=True,
    )
    assert undecodable.stdout == b"# T\n\nHe said \x93hi\x94.\n" and b"not fixed" in undecodable.stderr


def test_standard_input_is_checked_alone():
    out = run_cli("check", "-", "corpus", input=b"x")
    assert out.returncode == 2 and "standard input is checked alone" in out.stderr


def test_scheduler_without_the_dask_engine_is_refused_not_ignored(tmp_path):
    (tmp_path / "e.md").write_text("# Title\n\nText.\n", encoding="utf-8")
    out = run_cli("check", "e.md", "--scheduler", "tcp://127.0.0.1:1", cwd=tmp_path)
    assert out.returncode == 2 and "--scheduler: only with --engine dask" in out.stderr


def test_an_unreachable_scheduler_is_one_line_and_exit_2(tmp_path):
    pytest.importorskip("distributed", reason="dask and distributed are in the test extras")
    (tmp_path / "e.md").write_text("# Title\n\nText.\n", encoding="utf-8")
    out = run_cli("check", "e.md", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9", cwd=tmp_path)
    assert out.returncode == 2 and "--scheduler tcp://127.0.0.1:9: cannot connect" in out.stderr


def _on_a_terminal(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    """Standard error of `essaylint ARGS` when it is a terminal (a pseudo-terminal), as a user sees it."""
    import fcntl
    import os
    import pty
    import struct
    import termios

    parent, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a terminal has a size
    process = subprocess.Popen(
        [sys.executable, "-m", "lint", *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=child,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
    )
    os.close(child)
    seen = b""
    while True:
        try:
            chunk = os.read(parent, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    process.wait(timeout=300)
    os.close(parent)
    return seen.decode("utf-8", "replace")


def test_a_long_run_of_files_shows_a_progress_bar_on_a_terminal_and_never_in_ci(tmp_path):
    essays = sorted(CORPUS.iterdir()) * 120  # long enough (a few seconds) for the bar's one-second delay
    for index, essay in enumerate(essays):
        (tmp_path / f"e{index:03d}.md").write_bytes(essay.read_bytes())
    args = ["check", ".", "--no-cache", "--jobs", "1", "-q"]
    bar = re.compile(rf"\d+/{len(essays)} \[")  # tqdm's "12/60 [00:01<00:04, 9.8file/s]"
    shown = _on_a_terminal(args, tmp_path, {"CI": ""})
    assert bar.search(shown) and "file/s" in shown, shown[-500:]
    assert not bar.search(_on_a_terminal(args, tmp_path, {"CI": "true"}))
    piped = run_cli(*args, cwd=tmp_path, env={"CI": ""})
    assert not bar.search(piped.stderr) and "\r" not in piped.stderr
