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


def _project(tmp_path: Path) -> Path:
    (tmp_path / ".vale.ini").write_text(INI, encoding="utf-8")
    style = tmp_path / "styles" / "House"
    style.mkdir(parents=True)
    (style / "Loud.yml").write_text(
        "extends: existence\nmessage: \"Don't shout '%s'.\"\nlevel: warning\ntokens: [LOUD]\n"
    )
    (style / "Soft.yml").write_text("extends: existence\nmessage: 'Soft: %s'\nlevel: suggestion\ntokens: [soft]\n")
    (style / "Odd.yml").write_text("extends: sequence\nmessage: x\ntokens: []\n")
    return tmp_path


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
