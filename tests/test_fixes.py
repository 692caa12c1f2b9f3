import os
import stat

import pytest

from lint.finding import Edit, Finding, Fix, Level
from lint.fixes import FixError, apply_edits, unified_diff, write_atomic


def finding(start: int, end: int, text: str, rule: str = "r") -> Finding:
    return Finding(rule, "style", Level.ERROR, "p", 1, 1, 1, 1, "m", fix=Fix((Edit(start, end, text),)))


def test_non_overlapping_edits_apply_and_overlaps_wait():
    text, count = apply_edits("abcdef", [finding(0, 2, "X"), finding(1, 3, "Y"), finding(4, 5, "Z")])
    assert (text, count) == ("XcdZf", 2)


def test_order_of_findings_does_not_change_the_result():
    a = [finding(0, 2, "X", "b"), finding(0, 2, "Y", "a")]
    assert apply_edits("abcd", a) == apply_edits("abcd", list(reversed(a)))


def test_write_atomic_keeps_mode_and_refuses_changed_files(tmp_path):
    path = tmp_path / "e.md"
    path.write_bytes(b"old")
    os.chmod(path, 0o640)
    write_atomic(path, b"new", b"old")
    assert path.read_bytes() == b"new" and stat.S_IMODE(path.stat().st_mode) == 0o640
    with pytest.raises(FixError, match="changed on disk"):
        write_atomic(path, b"newer", b"old")
    assert path.read_bytes() == b"new"
    assert not [p for p in tmp_path.iterdir() if p.name != "e.md"]


def test_diff_marks_missing_final_newline():
    assert "\\ No newline at end of file" in unified_diff("p", "a\nb", "a\nc")


def test_a_repair_wins_over_a_removal_of_the_same_characters(tmp_path):
    """cp1252 punctuation read as C1 controls: the mojibake repair keeps the quotes, the removal lost them."""
    from tests.conftest import run_cli

    path = tmp_path / "e.md"
    path.write_text("# Title\n\nHe said \x93hello\x94 to me, \x91Single\x92 and spaced \x97 em.\n", encoding="utf-8")
    run_cli("check", "e.md", "--fix", cwd=tmp_path)
    assert path.read_text(encoding="utf-8") == "# Title\n\nHe said “hello” to me, ‘Single’ and spaced — em.\n"


def test_diff_splits_on_newlines_only_and_stdout_is_the_patch_alone(tmp_path):
    import shutil
    import subprocess

    from tests.conftest import run_cli

    path = tmp_path / "e.md"
    path.write_text("# Title\n\nThe the end\u0085 here.\u2028And the the start.\nLast line\n", encoding="utf-8")
    result = run_cli("check", "e.md", "--diff", "--no-cache", cwd=tmp_path)
    assert result.stdout.startswith("--- a/e.md\n+++ b/e.md\n") and "spelling.repeated-word" not in result.stdout
    assert "spelling.repeated-word" in result.stderr
    assert path.read_text(encoding="utf-8").lower().count("the the") == 2  # --diff writes nothing
    assert "-The the end\u0085 here.\u2028And the the start.\n" in result.stdout  # one line, as patch reads it
    if shutil.which("patch"):
        patched = subprocess.run(["patch", "-p1"], input=result.stdout, text=True, cwd=tmp_path, capture_output=True)
        assert patched.returncode == 0, patched.stdout + patched.stderr
        assert path.read_text(encoding="utf-8").lower().count("the the") == 0


def test_fix_keeps_owner_and_xattrs_refuses_links_out_of_the_project_and_notes_split_hard_links(tmp_path):
    from tests.conftest import run_cli

    project = tmp_path / "project"
    outside = tmp_path / "outside"
    project.mkdir()
    outside.mkdir()
    (outside / "theirs.md").write_text("# Title\n\nThe the end.\n")
    (project / "link.md").symlink_to(outside / "theirs.md")
    (project / ".essaylint.yaml").write_text("language: en\n")
    result = run_cli("check", "link.md", "--fix", "--no-cache", cwd=project)
    assert "outside the project; use --follow-symlinks" in result.stderr
    assert (outside / "theirs.md").read_text() == "# Title\n\nThe the end.\n"
    run_cli("check", "link.md", "--fix", "--follow-symlinks", "--no-cache", cwd=project)
    assert (outside / "theirs.md").read_text() == "# Title\n\nThe end.\n"

    essay = project / "e.md"
    essay.write_text("# Title\n\nThe the end.\n")
    os.link(essay, project / "hard.md")
    chowned = os.getuid() == 0
    if chowned:
        os.chown(essay, 1234, 5678)
    tagged = True
    try:
        os.setxattr(essay, "user.essaylint-test", b"kept")
    except OSError:
        tagged = False  # this file system keeps no user attributes
    result = run_cli("check", "e.md", "--fix", "--no-cache", cwd=project)
    assert essay.read_text() == "# Title\n\nThe end.\n"
    assert "other hard link(s), which still hold the old text" in result.stderr
    if chowned:
        assert (essay.stat().st_uid, essay.stat().st_gid) == (1234, 5678)
    if tagged:
        assert os.getxattr(essay, "user.essaylint-test") == b"kept"
