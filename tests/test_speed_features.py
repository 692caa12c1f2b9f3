"""Parallel workers, the result cache and dataset input: same answers, only faster."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import CORPUS, run_cli


@pytest.fixture
def many(tmp_path):
    for i in range(6):
        for path in CORPUS.iterdir():
            (tmp_path / f"{i}_{path.stem}.md").write_bytes(path.read_bytes())
    return tmp_path


def test_jobs_2_output_equals_jobs_1(many):
    one = run_cli("check", ".", "--jobs", "1", "--no-cache", "--format", "json", cwd=many)
    two = run_cli("check", ".", "--jobs", "2", "--no-cache", "--format", "json", cwd=many)
    assert one.returncode == two.returncode and one.stdout == two.stdout
    assert len(json.loads(one.stdout)["files"]) == 30


def test_cache_gives_the_same_output_and_is_invalidated_by_a_rule_change(many):
    (many / "house" / "style").mkdir(parents=True)
    rule = many / "house" / "style" / "avoid.yaml"
    rule.write_text("extends: existence\nlevel: error\nmessage: \"found '{match}'\"\ntokens: [paramount]\n")
    (many / ".essaylint.yaml").write_text("rules: [house]\n")

    def found() -> tuple[str, set[str]]:
        out = run_cli("check", ".", "--format", "json", cwd=many).stdout
        data = json.loads(out)
        return out, {f["message"] for file in data["files"] for f in file["findings"] if f["rule"] == "style.avoid"}

    cold, messages = found()
    assert messages == {"found 'paramount'"}
    assert any((many / ".essaylint_cache").rglob("*.json"))
    warm, _ = found()
    assert warm == cold
    rule.write_text("extends: existence\nlevel: error\nmessage: \"found '{match}'\"\ntokens: [crucial]\n")
    _, messages = found()
    assert messages == {"found 'crucial'"}


def test_a_run_the_cache_answers_wholly_loads_no_rule(many, monkeypatch, capsys):
    from lint import cli, ruleset

    monkeypatch.chdir(many)
    assert cli.main(["check", ".", "-q", "--jobs", "1"]) == 1  # fills the cache (corpus 003 has an error)

    def refuse(*args, **kwargs):
        raise AssertionError("rules were loaded")

    monkeypatch.setattr(ruleset, "load_rules", refuse)  # the engine imports it where it loads the rules
    assert cli.main(["check", ".", "-q", "--jobs", "2"]) == 1
    assert "rules were loaded" not in capsys.readouterr().err
    # SARIF describes each rule: the rules are loaded for it, and for nothing else.
    assert cli.main(["check", ".", "-q", "--format", "sarif"]) == 2
    assert "rules were loaded" in capsys.readouterr().err


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_rule_broken_after_a_cached_run_is_still_reported(many, jobs):
    (many / "house" / "style").mkdir(parents=True)
    rule = many / "house" / "style" / "avoid.yaml"
    rule.write_text("extends: existence\ntokens: [paramount]\n")
    (many / ".essaylint.yaml").write_text("rules: [house]\n")
    assert run_cli("check", ".", "--jobs", jobs, cwd=many).returncode == 1
    rule.write_text("extends: existence\ntokens: ['(unclosed']\n")
    broken = run_cli("check", ".", "--jobs", jobs, cwd=many)
    assert broken.returncode == 2
    assert broken.stderr.strip().splitlines() == [
        "essaylint: house/style/avoid.yaml:2: tokens: token '(unclosed' does not compile: missing ) at position 9"
    ]


def test_cache_reflects_an_edited_essay(many):
    run_cli("check", ".", cwd=many)
    target = next(many.glob("*.md"))
    target.write_text(target.read_text() + "\nThe the end.\n")
    assert "spelling.repeated-word" in run_cli("check", ".", cwd=many).stdout


def dataset(tmp_path):
    records = [{"id": f"e{i}", "text": p.read_text(encoding="utf-8")} for i, p in enumerate(sorted(CORPUS.iterdir()))]
    path = tmp_path / "essays.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path, records


def test_jsonl_dataset_streams_one_line_per_record_in_order(tmp_path):
    path, records = dataset(tmp_path)
    out = run_cli("check", "--input-format", "jsonl", "--id-field", "id", str(path), "--jobs", "2")
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert [line["id"] for line in lines] == [r["id"] for r in records]
    assert any(f["rule"] == "spelling.confusables" for f in lines[2]["findings"])
    assert out.returncode == 1  # the mojibake in the fourth record is an error


def test_parquet_dataset_equals_jsonl(tmp_path):
    pa = pytest.importorskip("pyarrow", reason="pyarrow is the 'data' extra")
    import pyarrow.parquet as pq

    path, records = dataset(tmp_path)
    parquet = tmp_path / "essays.parquet"
    pq.write_table(pa.table({"id": [r["id"] for r in records], "text": [r["text"] for r in records]}), parquet)
    a = run_cli("check", "--input-format", "jsonl", "--id-field", "id", str(path), "--jobs", "1").stdout
    b = run_cli("check", "--input-format", "parquet", "--id-field", "id", str(parquet), "--jobs", "1").stdout
    assert a == b and a


def test_bad_dataset_record_names_the_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "# Fine\\n\\nText."}\n{"body": "no text field"}\n')
    result = run_cli("check", "--input-format", "jsonl", str(path))
    assert result.returncode == 2 and "bad.jsonl:2: no string field 'text'" in result.stderr
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first == {"id": "1", "findings": []}
    assert second["line"] == 2 and second["error"].endswith("bad.jsonl:2: no string field 'text'")


def test_dask_engine_equals_the_local_engine_on_the_corpus():
    pytest.importorskip("distributed", reason="dask and distributed are in the test extras")
    local = run_cli("check", str(CORPUS), "--no-cache", "--format", "json")
    dask = run_cli("check", str(CORPUS), "--no-cache", "--format", "json", "--engine", "dask", "--jobs", "2")
    assert dask.returncode == local.returncode, dask.stderr
    assert json.loads(dask.stdout) == json.loads(local.stdout)


def test_dask_engine_in_process_with_a_two_worker_local_cluster():
    """The engine's one worker pool, on Dask: each task runs as a worker of the config it carries."""
    pytest.importorskip("distributed", reason="dask and distributed are in the test extras")

    from lint.config import Config
    from lint.engine import Linter, Selection, Workers, collect_files, run

    config = Config()
    linter = Linter(config, Selection())
    files = collect_files([str(CORPUS)], config)
    expected = [linter.lint_path(p, d).findings for p, d in files]
    results = list(run(Linter(config, Selection()), files, workers=Workers(2, dask=True)))
    assert [r.findings for r in results] == expected
    quiet = Linter(config, Selection(ignore=["encoding"]))
    assert [r.findings for r in run(quiet, files, workers=Workers(2, dask=True))] == [
        quiet.lint_path(p, d).findings for p, d in files
    ]


def test_dask_engine_runs_a_dataset_as_the_local_engine_does(tmp_path):
    pytest.importorskip("distributed", reason="dask and distributed are in the test extras")
    essays = sorted(p for p in CORPUS.iterdir() if p.is_file())
    lines = [json.dumps({"id": p.name, "text": p.read_text(encoding="utf-8", errors="replace")}) for p in essays]
    (tmp_path / "e.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    local = run_cli("check", "--input-format", "jsonl", "e.jsonl", "--jobs", "2", cwd=tmp_path)
    dask = run_cli("check", "--input-format", "jsonl", "e.jsonl", "--engine", "dask", "--jobs", "2", cwd=tmp_path)
    assert dask.returncode == local.returncode, dask.stderr
    assert dask.stdout == local.stdout and len(dask.stdout.splitlines()) == len(essays)


def test_batch_gc_tunes_the_collector_for_the_run_and_restores_it():
    import gc

    from lint.engine import BATCH_GC_THRESHOLD, batch_gc

    before, frozen = gc.get_threshold(), gc.get_freeze_count()
    with batch_gc():
        assert gc.get_threshold()[0] == BATCH_GC_THRESHOLD
        assert gc.get_freeze_count() >= frozen
        cycle: list = []
        cycle.append(cycle)
        del cycle
        assert gc.collect() >= 1  # cycles are still collected, only less often
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_per_path_rule_choices_do_not_grow_with_the_corpus(monkeypatch):
    from lint import engine
    from lint.config import Config, Override
    from lint.engine import Linter, Selection

    plain = Linter(Config(), Selection(select=["structure"]))
    for i in range(50):
        plain.lint_bytes(f"record-{i}", b"# Title\n\nText.\n")
    assert len(plain._override_cache) == 1
    monkeypatch.setattr(engine, "OVERRIDE_PATHS_KEPT", 10)
    config = Config(overrides=[Override(files=["drafts/**"], ignore=["structure"])])
    overridden = Linter(config, Selection(select=["structure"]))
    found = [overridden.lint_bytes(f"drafts/{i}.md", b"no title\n", f"drafts/{i}.md").findings for i in range(30)]
    assert len(overridden._override_cache) <= 10
    assert found == [[]] * 30
    assert overridden.lint_bytes("essay.md", b"no title\n", "essay.md").findings


def _cache_entries(root: Path) -> list[Path]:
    return [p for p in (root / ".essaylint_cache").rglob("*.json")]


def test_cache_is_not_read_in_ci_nor_when_another_machine_wrote_it(tmp_path, monkeypatch):
    (tmp_path / "e.md").write_text("# Title\n\nThe the end.\n")
    first = run_cli("check", "e.md", cwd=tmp_path)
    assert first.returncode == 1 and len(_cache_entries(tmp_path)) == 1
    # Tamper with the entry as a committed cache would: it claims the essay is clean.
    entry = _cache_entries(tmp_path)[0]
    record = json.loads(entry.read_text())
    record["result"]["findings"] = []
    entry.write_text(json.dumps(record))
    assert run_cli("check", "e.md", cwd=tmp_path).returncode == 1  # checksum: a damaged entry is a miss
    # A checksum-consistent forgery from another machine is not trusted either.
    import hashlib

    data = record["result"]
    record["checksum"] = hashlib.sha256(json.dumps(data, ensure_ascii=False).encode()).hexdigest()
    entry.write_text(json.dumps(record))
    (tmp_path / ".essaylint_cache" / "machine").write_text("some-other-machine")
    assert run_cli("check", "e.md", cwd=tmp_path).returncode == 1
    assert run_cli("check", "e.md", cwd=tmp_path, env={"CI": "true"}).returncode == 1


def test_one_cache_entry_per_essay_however_often_it_changes(tmp_path):
    path = tmp_path / "e.md"
    for i in range(12):
        path.write_text(f"# Title\n\nVersion {i} of the text.\n")
        assert run_cli("check", "e.md", cwd=tmp_path).returncode == 0
    assert len(_cache_entries(tmp_path)) == 1
