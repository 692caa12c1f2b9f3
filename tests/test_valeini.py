"""Reading .vale.ini: which Vale rules are on for which file, at which level."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.finding import Level
from lint.ruleset import _from_vale, load_vale_rules
from lint.valeini import ValeConfigError, find_vale_ini, load_vale_ini

INI = """StylesPath = styles
MinAlertLevel = warning
Packages = Google, write-good

[*.{md,txt}]
BasedOnStyles = House
House.Loud = NO
House.Soft = error

[drafts/*.md]
House.Loud = YES
"""


def _vale_project(tmp_path: Path, ini: str, rules: dict[str, str]) -> Path:
    """A project with its .vale.ini and a style House of the given rule files."""
    (tmp_path / ".vale.ini").write_text(ini, encoding="utf-8")
    style = tmp_path / "styles" / "House"
    style.mkdir(parents=True)
    for name, text in rules.items():
        (style / f"{name}.yml").write_text(text, encoding="utf-8")
    return tmp_path


def _project(tmp_path: Path) -> Path:
    return _vale_project(
        tmp_path,
        INI,
        {
            "Loud": "extends: existence\nmessage: \"Don't shout '%s'.\"\nlevel: warning\ntokens: [LOUD]\n",
            "Soft": "extends: existence\nmessage: 'Soft: %s'\nlevel: suggestion\ntokens: [soft]\n",
            "Odd": "extends: sequence\nmessage: x\ntokens: []\n",
        },
    )


def test_sections_switch_rules_per_file_and_min_alert_level_drops_the_rest(tmp_path):
    root = _project(tmp_path)
    config = load_vale_ini(find_vale_ini(root / "styles") or Path())
    assert config.styles_path == (root / "styles").resolve() and config.styles() == ["House"]
    assert config.min_alert_level == Level.WARNING
    assert any("Packages (Google, write-good) are not downloaded" in n for n in config.notices)
    rules = {"House.Loud": Level.WARNING, "House.Soft": Level.SUGGESTION}
    assert config.rules_for("essay.md", rules) == ({"House.Soft"}, {"House.Soft": Level.ERROR})
    assert config.rules_for("notes.txt", rules)[0] == {"House.Soft"}  # {md,txt} covers both
    assert config.rules_for("drafts/a.md", rules)[0] == {"House.Loud", "House.Soft"}  # a later section wins
    assert config.rules_for("essay.rst", rules) == (set(), {})


def test_a_rule_that_cannot_run_is_skipped_with_a_notice_naming_it(tmp_path):
    root = _project(tmp_path)
    rules, notices = load_vale_rules(root / "styles", ["House", "Missing"])
    assert sorted(r.id for r in rules) == ["House.Loud", "House.Soft"]
    assert any("House.Odd skipped" in n and "sequence" in n for n in notices)
    assert any("Vale style Missing not found" in n for n in notices)
    loud = next(r for r in rules if r.id == "House.Loud")
    assert loud.message == "Don't shout '{match}'."


def test_vale_messages_take_their_values_in_vales_order():
    assert _from_vale({"extends": "existence", "message": "Avoid '%s' {here}"})["message"] == "Avoid '{match}' {{here}}"
    swap = _from_vale(
        {"extends": "substitution", "message": "Use '%s' instead of '%s'.", "action": {"name": "replace"}}
    )
    assert swap["message"] == "Use {suggestion} instead of '{match}'." and swap["quote_alternatives"] is True
    assert swap["ignorecase"] is False and "action" not in swap


def test_a_bad_level_in_vale_ini_is_refused_with_the_file(tmp_path):
    (tmp_path / ".vale.ini").write_text("[*.md]\nHouse.Loud = maybe\n", encoding="utf-8")
    with pytest.raises(ValeConfigError, match=r"\.vale\.ini: \[\*\.md\] House\.Loud: 'maybe'"):
        load_vale_ini(tmp_path / ".vale.ini")


def test_check_runs_a_vale_project_as_it_is(tmp_path):
    from tests.conftest import run_cli

    root = _project(tmp_path)
    (root / "essay.md").write_text("# Title\n\nA soft and LOUD line.\n", encoding="utf-8")
    done = run_cli("check", "essay.md", "--format", "json", "--no-cache", cwd=root)
    import json

    found = [f for f in json.loads(done.stdout)["files"][0]["findings"] if f["rule"].startswith("House.")]
    assert [(f["rule"], f["level"], f["message"]) for f in found] == [("House.Soft", "error", "Soft: soft")]
    assert "House.Odd skipped" in done.stderr


def test_a_changed_vale_rule_is_not_answered_from_the_cache(tmp_path):
    import json

    from tests.conftest import run_cli

    root = _project(tmp_path)
    (root / "essay.md").write_text("# Title\n\nA soft line.\n", encoding="utf-8")

    def messages() -> list[str]:
        out = run_cli("check", "essay.md", "--format", "json", cwd=root).stdout
        return [f["message"] for f in json.loads(out)["files"][0]["findings"] if f["rule"].startswith("House.")]

    assert messages() == ["Soft: soft"]
    (root / "styles" / "House" / "Soft.yml").write_text(
        "extends: existence\nmessage: 'Gentle: %s'\nlevel: suggestion\ntokens: [soft]\n"
    )
    assert messages() == ["Gentle: soft"]


VOCAB_PROJECT = """StylesPath = styles
Vocab = Base

[*.{md,rst}]
BasedOnStyles = House
TokenIgnores = ({{[^}]+}}), (\\$[^$]{1,40}\\$)
BlockIgnores = (?s) *(<figure>.*?</figure>)
"""


def _vocab_project(tmp_path: Path) -> Path:
    avoid = (
        "extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: error\nignorecase: true\ntokens: ['mongo\\w*', simply]\n"
    )
    _vale_project(tmp_path, VOCAB_PROJECT, {"Avoid": avoid})
    vocab = tmp_path / "styles" / "config" / "vocabularies" / "Base"
    vocab.mkdir(parents=True)
    (vocab / "accept.txt").write_text("MongoDB\n[Ee]ssaylint\n# a comment\nteh\n", encoding="utf-8")
    (vocab / "reject.txt").write_text("utilise\n", encoding="utf-8")
    return tmp_path


def test_a_vocabulary_and_ignores_apply_as_vale_applies_them(tmp_path):
    from tests.conftest import run_cli

    root = _vocab_project(tmp_path)
    (root / "e.md").write_text(
        "# Title\n\nWe use MongoDB and mongoose, simply {{ simply }} and $simply$. Essaylint says teh. "
        "We utilise it.\n\n<figure>\nsimply\n</figure>\n",
        encoding="utf-8",
    )
    done = run_cli("check", "e.md", "--no-cache", cwd=root)
    lines = [line.split(": ", 1)[1] for line in done.stdout.splitlines() if line.startswith("e.md:")]
    assert lines == [
        "error House.Avoid Avoid 'mongoose'.",  # MongoDB is an accepted term: Vale's exception
        "error House.Avoid Avoid 'simply'.",  # the templating, the $...$ and the <figure> are not prose
        "warning spelling.unknown-word 'utilise' is rejected by the project vocabulary.",
    ]  # "Essaylint" (a pattern) and "teh" (a word) are accepted spellings
    assert "[*.{md,rst}]: essaylint reads .md, .markdown, .txt files; .rst files are not checked" in done.stderr
    assert "not applied" not in done.stderr


def test_a_changed_vocabulary_is_not_answered_from_the_cache(tmp_path):
    from tests.conftest import run_cli

    root = _vocab_project(tmp_path)
    (root / "e.md").write_text("# Title\n\nWe use mongoose here.\n", encoding="utf-8")
    assert "Avoid 'mongoose'" in run_cli("check", "e.md", cwd=root).stdout
    (root / "styles" / "config" / "vocabularies" / "Base" / "accept.txt").write_text("mongoose\n")
    assert "Avoid 'mongoose'" not in run_cli("check", "e.md", cwd=root).stdout


def test_a_missing_vocabulary_and_a_bad_ignore_pattern_are_said(tmp_path):
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\nVocab = Nowhere\n\n[*.md]\nTokenIgnores = (\n")
    (tmp_path / "styles").mkdir()
    with pytest.raises(ValeConfigError, match=r"TokenIgnores: '\(': "):
        load_vale_ini(tmp_path / ".vale.ini")
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\nVocab = Nowhere\n")
    assert any("Vocab Nowhere: no folder" in n for n in load_vale_ini(tmp_path / ".vale.ini").notices)


def test_ignore_lists_split_at_commas_outside_brackets():
    from lint.valeini import split_patterns

    assert split_patterns(r"(\$+[^\n$]+\$+), ({{[^}]+}}), x{1,3}, [a,b]") == [
        r"(\$+[^\n$]+\$+)",
        "({{[^}]+}})",
        "x{1,3}",
        "[a,b]",
    ]


def test_vales_readability_kind_runs_as_the_mean_of_its_metrics_and_kinds_that_cannot_run_say_why(tmp_path):
    from tests.conftest import CORPUS, run_cli

    style = tmp_path / "styles" / "Readability"
    style.mkdir(parents=True)
    (style / "Grade.yml").write_text(
        "extends: readability\nmessage: 'Grade level (%s) too high!'\nlevel: warning\ngrade: 8\n"
        "metrics: [Flesch-Kincaid, Gunning Fog]\n"
    )
    (style / "Seq.yml").write_text("extends: sequence\nmessage: x\ntokens: [{tag: NN}]\n")
    (style / "Spell.yml").write_text(
        "extends: spelling\nmessage: \"Did you really mean '%s'?\"\ndictionaries: [en_US]\n"
    )
    (style / "Speller.yml").write_text(
        "extends: spelling\nmessage: \"Did you really mean '%s'?\"\nlevel: warning\nignore: [words.txt]\nfilters: ['[pP]y.*']\n"
    )
    (tmp_path / "styles" / "words.txt").write_text("Ummah\n")
    (style / "Run.yml").write_text("extends: script\nmessage: x\nscript: x\n")
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\n\n[*.md]\nBasedOnStyles = Readability\n")
    (tmp_path / "e.md").write_bytes((CORPUS / "004_487bc65cb95615c7.txt").read_bytes())
    (tmp_path / "s.md").write_text("# Title\n\nThe Ummah met pyspellz and teh zorblax.\n")
    spelled = run_cli("check", "s.md", "--no-cache", "--select", "Readability.Speller", cwd=tmp_path).stdout
    assert [line.split(": ", 1)[1] for line in spelled.splitlines() if line.startswith("s.md:")] == [
        "warning Readability.Speller Did you really mean 'teh'? (suggestion: the | tech | tel)",
        "warning Readability.Speller Did you really mean 'zorblax'?",
    ]  # Vale's spelling on essaylint's word list: its ignore file and filters kept
    done = run_cli("check", "e.md", "--no-cache", "--select", "Readability", cwd=tmp_path)
    assert done.returncode == 0, done.stderr  # warnings only, and the skips change nothing
    from lint.checks.metric import document_counts
    from lint.document import Document

    c = document_counts(Document.from_text("e.md", (tmp_path / "e.md").read_text()))
    fk = 0.39 * c["words"] / c["sentences"] + 11.8 * c["syllables"] / c["words"] - 15.59
    fog = 0.4 * (c["words"] / c["sentences"] + 100 * c["complex_words"] / c["words"])
    assert f"e.md:1:1: warning Readability.Grade Grade level ({(fk + fog) / 2:.2f}) too high!" in done.stdout
    for kind, why in (
        ("sequence", "part-of-speech"),
        ("spelling", "Hunspell dictionaries (dictionaries)"),
        ("script", "Tengo"),
    ):
        assert f"extends: Vale's {kind} cannot run here: it" in done.stderr and why in done.stderr
    strict = run_cli("check", "e.md", "--no-cache", "--strict", cwd=tmp_path)
    assert strict.returncode == 2 and "--strict: 3 Vale rules cannot run" in strict.stderr
    assert "e.md:" not in strict.stdout  # nothing was checked
