"""CI output formats and gating through the real command line."""

from __future__ import annotations

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from pydantic import BaseModel

from lint.finding import Finding, Level
from lint.reporters import ReportOptions, render
from lint.reporters.github import escape_data, escape_property
from lint.result import FileResult
from tests.conftest import CORPUS, ROOT, run_cli


def unknown_fields(model: object, where: str = "$") -> list[str]:
    """Every field sarif-pydantic does not know, anywhere outside property bags."""
    found = []
    if isinstance(model, BaseModel):
        for key in model.model_extra or {}:
            found.append(f"{where}.{key}")
        for name, value in model:
            if name != "properties":
                found += unknown_fields(value, f"{where}.{name}")
    elif isinstance(model, list):
        for i, item in enumerate(model):
            found += unknown_fields(item, f"{where}[{i}]")
    elif isinstance(model, dict):
        for key, value in model.items():
            found += unknown_fields(value, f"{where}.{key}")
    return found


def test_sarif_of_the_corpus_validates_against_the_sarif_model():
    from sarif_pydantic import Sarif

    result = run_cli("check", str(CORPUS), "--format", "sarif")
    data = json.loads(result.stdout)
    log = Sarif.model_validate(data)
    # run.columnKind is SARIF 2.1.0 section 3.14.28; sarif-pydantic's Run model does not declare it.
    assert unknown_fields(log) == ["$.runs[0].columnKind"], "fields outside SARIF 2.1.0"
    assert data["runs"][0]["columnKind"] in ("utf16CodeUnits", "unicodeCodePoints")
    run = data["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert "structure.single-title" in rules and rules["structure.single-title"]["help"]["text"]
    levels = {r["level"] for r in run["results"]}
    assert levels <= {"error", "warning", "note"} and "note" in levels
    for r in run["results"]:
        region = r["locations"][0]["physicalLocation"]["region"]
        assert {"startLine", "startColumn", "endLine", "endColumn"} <= set(region)
        assert r["ruleId"] == run["tool"]["driver"]["rules"][r["ruleIndex"]]["id"]
        assert len(r["partialFingerprints"]["essaylint/v1"]) == 20


def test_sarif_fingerprints_survive_lines_moving(tmp_path):
    essay = (CORPUS / "003_9a36943863f6da93.txt").read_bytes()
    (tmp_path / "e.md").write_bytes(essay)
    before = json.loads(run_cli("check", "e.md", "--format", "sarif", cwd=tmp_path).stdout)
    (tmp_path / "e.md").write_bytes(b"\n\n\n" + essay)
    after = json.loads(run_cli("check", "e.md", "--format", "sarif", cwd=tmp_path).stdout)

    def prints(log):
        return sorted(r["partialFingerprints"]["essaylint/v1"] for r in log["runs"][0]["results"])

    assert prints(before) == prints(after)


def unescape(value: str) -> str:
    return value.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


@pytest.mark.parametrize("message", ["100% sure: a, b", "line one\nline two\r\n", "%0A literally", "a::b,c"])
def test_github_escaping_round_trips(message):
    finding = Finding("x.rule", "style", Level.ERROR, "dir,x/a:b.md", 3, 4, 3, 9, message)
    line = render("github", [FileResult("dir,x/a:b.md", [finding])], ReportOptions()).rstrip("\n")
    assert "\n" not in line and line.startswith("::error ")
    props, _, data = line[len("::error ") :].partition("::")
    assert unescape(data) == message
    fields = dict(item.split("=", 1) for item in props.split(","))
    assert unescape(fields["file"]) == "dir,x/a:b.md" and fields["line"] == "3" and fields["endColumn"] == "9"
    assert escape_property("a:b") == "a%3Ab" and escape_data("50%") == "50%25"


def test_junit_rdjson_gitlab_and_markdown():
    junit = run_cli(
        "check", str(CORPUS / "002_e419e24209e60c16.txt"), "--format", "junit", "--fail-on", "warning"
    ).stdout
    root = ET.fromstring(junit)
    (suite,) = root.findall("testsuite")
    failed = {c.get("name") for c in suite.findall("testcase") if c.find("failure") is not None}
    assert "spelling.confusables" in failed and "line 23" in suite.find(
        "testcase[@name='spelling.confusables']/failure"
    ).get("message")
    assert int(suite.get("tests")) > len(failed)
    rd = json.loads(run_cli("check", str(CORPUS / "002_e419e24209e60c16.txt"), "--format", "rdjson").stdout)
    diag = next(d for d in rd["diagnostics"] if d["code"]["value"] == "spelling.confusables")
    assert diag["location"]["range"]["start"] == {"line": 23, "column": 5} and diag["severity"] == "WARNING"
    gl = json.loads(run_cli("check", str(CORPUS), "--format", "gitlab").stdout)
    assert all({"description", "check_name", "fingerprint", "severity", "location"} <= set(i) for i in gl)
    assert {i["severity"] for i in gl} <= {"info", "minor", "major"}
    md = run_cli("check", str(CORPUS), "--format", "markdown").stdout
    assert md.startswith("## essaylint") and "| category | findings |" in md


def test_markdown_cells_cannot_break_the_table():
    finding = Finding("x.rule", "style", Level.ERROR, "a|b.md", 1, 1, 1, 2, "<script>|x</script>\nnew row")
    md = render("markdown", [FileResult("a|b.md", [finding])], ReportOptions())
    row = md.strip().splitlines()[-1]
    assert row.count("|") - row.count("\\|") == 6 and "<script>" not in md


def test_baseline_then_one_new_problem(tmp_path):
    for path in CORPUS.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    assert run_cli("check", ".", "--write-baseline", "base.json", cwd=tmp_path).returncode == 0
    assert run_cli("check", ".", "--baseline", "base.json", cwd=tmp_path).returncode == 0
    essay = tmp_path / "002_e419e24209e60c16.txt"
    essay.write_bytes(b"\n\n\n\n" + essay.read_bytes())
    assert run_cli("check", ".", "--baseline", "base.json", cwd=tmp_path).returncode == 0
    essay.write_text(essay.read_text().replace("In summary, intelligence", "In summary, the the intelligence"))
    result = run_cli("check", ".", "--baseline", "base.json", "--format", "json", cwd=tmp_path)
    findings = [f for file in json.loads(result.stdout)["files"] for f in file["findings"]]
    assert result.returncode == 1 and [f["rule"] for f in findings] == ["spelling.repeated-word"]


def test_bad_baseline_is_a_usage_error(tmp_path):
    (tmp_path / "e.md").write_text("# T\n\nText.\n")
    (tmp_path / "base.json").write_text("{nope")
    result = run_cli("check", "e.md", "--baseline", "base.json", cwd=tmp_path)
    assert result.returncode == 2 and "base.json:1: not a baseline" in result.stderr


def test_max_warnings(tmp_path):
    (tmp_path / "e.md").write_bytes((CORPUS / "002_e419e24209e60c16.txt").read_bytes())
    assert run_cli("check", "e.md", "--max-warnings", "10", cwd=tmp_path).returncode == 0
    result = run_cli("check", "e.md", "--max-warnings", "0", cwd=tmp_path)
    assert result.returncode == 1 and "more than --max-warnings 0" in result.stderr


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_changed_since(tmp_path):
    def git(*args):
        subprocess.run(
            ["git", "-c", "user.email=t@t", "-c", "user.name=t", *args], cwd=tmp_path, check=True, capture_output=True
        )

    (tmp_path / "old.md").write_text("# T\n\nthe the\n")
    (tmp_path / "changed.md").write_text("# T\n\nFine.\n")
    git("init", "-q")
    git("add", ".")
    git("commit", "-qm", "one")
    (tmp_path / "changed.md").write_text("# T\n\na a\n")
    (tmp_path / "new.md").write_text("# T\n\nb b\n")
    result = run_cli("check", ".", "--changed-since", "HEAD", "--format", "json", cwd=tmp_path)
    assert sorted(f["path"] for f in json.loads(result.stdout)["files"]) == ["changed.md", "new.md"]
    bad = run_cli("check", ".", "--changed-since", "no-such-ref", cwd=tmp_path)
    assert bad.returncode == 2 and "--changed-since no-such-ref" in bad.stderr


def test_text_output_escapes_controls_and_never_starts_a_line_with_two_colons(tmp_path):
    from tests.conftest import run_cli

    (tmp_path / "::warning title=Injected::Build is fine.md").write_text(
        "# Title\n\n## Heading \x1b]0;owned\x07\x1b[2J\n\nText the the end.\n"
    )
    (tmp_path / "b.md").write_text("# Title\n\nText\n::error::forged annotation\nthe the.\n")
    result = run_cli("check", ".", "--no-cache", cwd=tmp_path)
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert not any(line.startswith("::") for line in result.stdout.splitlines())
    assert "./::warning title=Injected::Build is fine.md:5:6: error spelling.repeated-word" in result.stdout
    (tmp_path / "c.md").write_text("# Title\n\n## \x1b[2J\n\nText.\n")
    shown = run_cli("check", "c.md", "--no-cache", "--select", "structure.truncated-heading", cwd=tmp_path).stdout
    assert "Heading '\\x1b2J' is too short" in shown  # the bracket is markup


def test_stats_and_claims_text_are_safe_for_terminals_and_ci_logs(tmp_path):
    from tests.conftest import run_cli

    (tmp_path / "::warning title=x::y.md").write_text(
        "# Title\n\nIn 2020 the council \x1b[2J spent $4 million on roads.\n"
    )
    for command in (("stats", "."), ("claims", "list", ".")):
        out = run_cli(*command, cwd=tmp_path).stdout
        assert "\x1b" not in out and not any(line.startswith("::") for line in out.splitlines()), command


SCHEMAS = ROOT.parent / "shared" / "external" / "schemas"


def _hostile_tree(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "my essay #1.md").write_text(
        "# Title\n\nCafé the the end\x01 here, with an em\u2003space.\n\n## Empty\n\n## Next\n\nText.\n\n## A\x02\n\nText.\n"
    )
    return tmp_path


def test_sarif_validates_against_the_oasis_schema_with_uris_relative_to_the_root(tmp_path):
    import jsonschema

    if not (SCHEMAS / "sarif-schema-2.1.0.json").is_file():
        pytest.skip("../shared/external/schemas is not beside this checkout")
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text())
    root = _hostile_tree(tmp_path)
    (root / ".essaylint.yaml").write_text("language: en\n")
    for cwd in (root, root / "sub"):
        log = json.loads(run_cli("check", ".", "--format", "sarif", "--no-cache", cwd=cwd).stdout)
        jsonschema.validate(log, schema)
        run = log["runs"][0]
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
        assert uris == {"sub/my%20essay%20%231.md"}, cwd
        for rule in run["tool"]["driver"]["rules"]:
            assert len(rule["properties"]["tags"]) == len(set(rule["properties"]["tags"]))
            assert len(rule.get("fullDescription", {}).get("text", "")) <= 1024
            short = rule["shortDescription"]["text"]
            assert short.endswith((".", "?", "!", ")")) or rule["id"].startswith("essaylint."), (rule["id"], short)


def test_rdjson_columns_are_utf8_bytes(tmp_path):
    root = _hostile_tree(tmp_path)
    out = json.loads(run_cli("check", ".", "--format", "rdjson", "--no-cache", cwd=root).stdout)
    repeated = next(d for d in out["diagnostics"] if d["code"]["value"] == "spelling.repeated-word")
    # "Café " is 5 characters and 6 bytes: the repetition starts at byte column 7, character column 6.
    assert repeated["location"]["range"]["start"] == {"line": 3, "column": 7}


def test_github_annotations_omit_columns_across_lines_and_min_level_filters(tmp_path):
    (tmp_path / "e.md").write_text("# Title\n\n" + " ".join(["word"] * 60) + ".\n\nThe the end.\n")
    out = run_cli("check", "e.md", "--format", "github", "--no-cache", cwd=tmp_path).stdout
    for line in out.splitlines():
        props = line.split("::")[1]
        if "endLine=" in props:
            assert "col=" not in props and "endColumn=" not in props
    warnings_up = run_cli("check", "e.md", "--format", "github", "--min-level", "warning", "--no-cache", cwd=tmp_path)
    assert "::notice" not in warnings_up.stdout and "::error" in warnings_up.stdout


def test_junit_is_well_formed_valid_and_agrees_with_the_exit_status(tmp_path):
    from lxml import etree

    if not (SCHEMAS / "junit-10.xsd").is_file():
        pytest.skip("../shared/external/schemas is not beside this checkout")
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "junit-10.xsd")))
    root = _hostile_tree(tmp_path)
    result = run_cli("check", ".", "--format", "junit", "--no-cache", "--fail-on", "error", cwd=root)
    document = etree.fromstring(result.stdout.encode("utf-8"))
    schema.assertValid(document)
    failed = {case.get("name") for case in document.iter("testcase") if case.find("failure") is not None}
    assert "spelling.repeated-word" in failed and "structure.empty-section" not in failed  # a warning
    below = {case.get("name"): case.findtext("system-out") or "" for case in document.iter("testcase")}
    assert "Empty section" in below["structure.empty-section"]
    assert "Heading 'A\\x02' is too short" in result.stdout  # a control character in a message, escaped


def test_markdown_summary_lists_errors_first_and_says_where_the_rest_is(monkeypatch):
    from lint.reporters.markdown import MAX_ROWS

    results = []
    for i in range(300):  # 2,100 findings in file order, errors only in the last files
        level = Level.ERROR if i >= 290 else Level.WARNING if i % 2 else Level.SUGGESTION
        findings = [Finding("x.rule", "style", level, f"e{i:03d}.md", n + 1, 1, n + 1, 2, "m") for n in range(7)]
        results.append(FileResult(f"e{i:03d}.md", findings))
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.com")
    monkeypatch.setenv("GITHUB_REPOSITORY", "org/essays")
    monkeypatch.setenv("GITHUB_RUN_ID", "42")
    md = render("markdown", results, ReportOptions())
    rows = [line for line in md.splitlines() if line.startswith("| e")]
    levels = [row.split(" | ")[2] for row in rows]
    assert len(rows) == MAX_ROWS and levels[:70] == ["error"] * 70 and "suggestion" not in levels
    assert levels == sorted(levels, key=["error", "warning", "suggestion"].index)
    assert "**2,100 findings** in 300 of 300 files: 70 errors, 1,015 warnings, 1,015 suggestions." in md
    assert f"The {MAX_ROWS} most severe of 2,100 findings, errors first" in md
    assert "1,900 more" in md and "https://github.com/org/essays/actions/runs/42" in md
    one = render("markdown", [FileResult("a.md", results[295].findings[:1])], ReportOptions())
    assert "**1 finding** in 1 of 1 file: 1 error, 0 warnings, 0 suggestions." in one


def test_line_format_is_one_line_per_finding_as_vale_prints_it(tmp_path):
    (tmp_path / "e.md").write_text("# Title\n\nThe the \x1b]0;x\x07 end.\n", encoding="utf-8")
    out = run_cli("check", "e.md", "--format", "line", "--no-cache", cwd=tmp_path).stdout
    lines = out.splitlines()
    assert lines and all(line.startswith("e.md:") and line.count(":") >= 4 for line in lines)
    assert "e.md:3:1:spelling.repeated-word:" in out and "\x1b" not in out and "\x07" not in out
