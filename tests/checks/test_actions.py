"""Vale's `action` as essaylint's suggestions and unsafe fixes, and the checks that refuse a bad one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lint.checks._actions import Action, vale_action
from lint.options import OptionError
from tests.conftest import run_cli

VALE = Path(__file__).resolve().parents[3] / "shared" / "external" / "vale"


@pytest.mark.parametrize(
    ("action", "found", "offered"),
    [
        ({"name": "replace", "params": ["URL", "address"]}, "url", ["URL", "address"]),
        ({"name": "remove"}, "...", [""]),
        ({"name": "edit", "params": ["trim_right", ".?!"]}, "cool!", ["cool"]),
        ({"name": "edit", "params": ["trim_left", "-"]}, "--x", ["x"]),
        ({"name": "edit", "params": ["trim", "ly"]}, "lyrically", ["rica"]),
        ({"name": "edit", "params": ["truncate", " "]}, "the the", ["the"]),
        ({"name": "edit", "params": ["split", " ", "1"]}, "so then", ["then"]),
        ({"name": "edit", "params": ["split", " ", "4"]}, "so then", []),
        ({"name": "edit", "params": ["regex", "(\\w+)-(\\w+)", "$2 ${1}"]}, "well-known", ["known well"]),
        ({"name": "suggest", "params": ["spellings"]}, "teh", []),  # Vale's speller: not here
        ({"name": "convert", "params": ["simple"]}, "auto-x", []),
    ],
)
def test_each_action_offers_what_vale_offers(action, found, offered):
    assert vale_action(action).replacements(found) == offered


def test_one_offer_is_an_unsafe_fix_over_the_match_and_none_is_no_fix():
    fix = vale_action({"name": "edit", "params": ["trim_right", "!"]}).fix(10, 15, "cool!")
    assert fix is not None and not fix.safe and [(e.start, e.end, e.text) for e in fix.edits] == [(10, 15, "cool")]
    assert Action("replace", ("a", "b")).fix(0, 1, "x") is None  # two choices: suggestions only
    assert Action("edit", ("trim", "!")).fix(0, 4, "word") is None  # nothing to change
    fix = vale_action({"name": "edit", "params": ["trim_right", "!"]}).fix(10, 16, "cool! ")
    assert [(e.start, e.end, e.text) for e in fix.edits] == [(10, 15, "cool")]  # the space stays
    assert Action("remove").fix(0, 5, "y.  T") is None  # removing it would eat the words
    assert [(e.start, e.end, e.text) for e in Action("remove").fix(3, 6, "...").edits] == [(3, 6, "")]


@pytest.mark.parametrize(
    ("action", "why"),
    [
        ("replace", "a mapping"),
        ({"name": "rewrite"}, "unknown action 'rewrite'"),
        ({"name": "edit", "params": ["reverse"]}, "the first param is one of"),
        ({"name": "edit", "params": ["trim_right"]}, "takes 1 param"),
        ({"name": "edit", "params": ["regex", "(", "x"]}, "edit regex"),
        ({"name": "edit", "params": ["split", " ", "one"]}, "whole number"),
        ({"name": "remove", "extra": 1}, "unknown key 'extra'"),
    ],
)
def test_a_bad_action_is_refused(action, why):
    with pytest.raises(OptionError, match=why):
        vale_action(action)


@pytest.mark.skipif(not VALE.is_dir(), reason="../shared/external/vale is not here")
def test_a_vale_styles_actions_apply_with_unsafe_fixes_only(tmp_path):
    shutil.copytree(VALE / "Google" / "Google", tmp_path / "styles" / "Google")
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\n\n[*.md]\nBasedOnStyles = Google\n")
    essay = tmp_path / "e.md"
    essay.write_text("# Notes\n\nThat was cool! Thanks for the key(s).\n")
    assert run_cli("check", "e.md", "--fix", "--no-cache", "--select", "Google", cwd=tmp_path).returncode in (0, 1)
    assert essay.read_text() == "# Notes\n\nThat was cool! Thanks for the key(s).\n"  # nothing safe to apply
    done = run_cli("check", "e.md", "--fix", "--unsafe-fixes", "--no-cache", "--select", "Google", cwd=tmp_path)
    assert done.returncode in (0, 1), done.stderr
    assert essay.read_text() == "# Notes\n\nThat was cool Thanks for the key.\n"  # Google's own edits
