from pathlib import Path

import pytest

from lint.config import ConfigError, find_config, glob_match, load_config


def test_found_in_parent_folder(tmp_path):
    (tmp_path / ".essaylint.yaml").write_text("ignore: [spelling]\n")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    assert find_config(sub) == tmp_path / ".essaylint.yaml"
    assert load_config(start=sub).ignore == ["spelling"]


def test_pyproject_table(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.essaylint]\nselect = ["structure"]\nlanguage = "en-GB"\n')
    config = load_config(start=tmp_path)
    assert config.select == ["structure"] and config.language == "en-GB"


def test_pyproject_without_table_is_skipped(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert find_config(tmp_path) is None or find_config(tmp_path).parent != tmp_path


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("selct: [a]\n", r":1: selct: unknown key"),
        ("levels:\n  x.y: loud\n", r":1: levels: x.y: unknown level 'loud'"),
        ("rules: [missing-folder]\n", r":1: rules.0: rule folder 'missing-folder' does not exist"),
        ("vocabulary:\n  acept: [x]\n", r":2: vocabulary.acept: unknown key"),
        ("overrides:\n  - files: ['*.md']\n    colour: red\n", r"overrides.0.colour: unknown key"),
        ("language: fr\n", r"language: must be one of"),
        ("a: [\n", r"invalid YAML"),
    ],
)
def test_bad_config_names_file_line_and_key(tmp_path, text, pattern):
    path = tmp_path / ".essaylint.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=pattern) as info:
        load_config(path)
    assert str(path) in str(info.value)


def test_rule_folders_are_relative_to_the_config(tmp_path):
    (tmp_path / "house").mkdir()
    (tmp_path / ".essaylint.yaml").write_text("rules: [house]\n")
    assert load_config(start=tmp_path).rule_dirs == [(tmp_path / "house").resolve()]


def test_glob_match():
    assert glob_match("drafts/a/b.md", ["drafts/**"])
    assert glob_match("x/node/b.md", ["node"])
    assert glob_match("a.txt", ["*.txt"])
    assert not glob_match("essays/a.md", ["drafts/**", "*.txt"])
    assert isinstance(Path("."), Path)


def test_a_selector_that_matches_no_rule_is_an_error_naming_the_nearest(tmp_path):
    from tests.conftest import run_cli

    (tmp_path / "e.md").write_text("# T\n\nText.\n")
    for config, expected in (
        ("ignore: [spelin]\n", "ignore: 'spelin' matches no rule (did you mean spelling?)"),
        (
            "options:\n  claims.checkable-clam: {threshold: 0.9}\n",
            "options: claims.checkable-clam: no loaded rule has this id",
        ),
        ("levels: {structure.titel: error}\n", "levels: 'structure.titel' matches no rule"),
    ):
        (tmp_path / ".essaylint.yaml").write_text(config)
        out = run_cli("check", "e.md", cwd=tmp_path)
        assert out.returncode == 2 and expected in out.stderr, out.stderr
    (tmp_path / ".essaylint.yaml").write_text("select: [structure]\n")
    out = run_cli("check", "e.md", "--ignore", "claimz", cwd=tmp_path)
    assert out.returncode == 2 and "'claimz' matches no rule (did you mean claims?)" in out.stderr


def test_sections_read_by_nothing_are_refused_with_where_the_setting_goes(tmp_path):
    import pytest

    from lint.config import ConfigError

    for key in ("languagetool", "readability", "spelling"):
        (tmp_path / ".essaylint.yaml").write_text(f"{key}:\n  anything: 1\n")
        with pytest.raises(
            ConfigError, match=rf"\.essaylint\.yaml:1: {key}: not a config section: set the rules' options"
        ):
            load_config(start=tmp_path)


def test_every_declared_setting_is_in_the_readme_and_nothing_else_is_accepted():
    import re

    from lint.config import SETTINGS

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^([a-z_]+):", section.split("```yaml", 1)[1].split("```", 1)[0], flags=re.M))
    assert documented == {s.name for s in SETTINGS}


# Each setting with a config that uses it and what it must change: every accepted setting has an effect.
EFFECTS = {
    "rules": ("rules: [house]\n", lambda r: "loud" in r["rules"] and r["levels"].get("loud") == "warning"),
    "default_rules": ("rules: [house]\ndefault_rules: false\n", lambda r: r["rules"] == ["loud"]),
    "select": ("select: [structure]\n", lambda r: r["rules"] and all(x.startswith("structure.") for x in r["rules"])),
    "ignore": ("ignore: [spelling]\n", lambda r: not any(x.startswith("spelling.") for x in r["rules"])),
    "enable": ("enable: [structure.required-sections]\n", lambda r: "structure.required-sections" in r["rules"]),
    "levels": ("levels: {spelling.unknown-word: error}\n", lambda r: r["levels"]["spelling.unknown-word"] == "error"),
    "options": ("options: {spelling.unknown-word: {ignore: [zorblax]}}\n", lambda r: "zorblax" not in r["unknown"]),
    "overrides": (
        "overrides:\n  - files: ['e.md']\n    ignore: [spelling]\n",
        lambda r: "zorblax" not in r["unknown"],
    ),
    "exclude": ("exclude: ['e.md']\n", lambda r: "e.md" not in r["files"]),
    "extensions": ("extensions: [rst]\n", lambda r: r["files"] == ["n.rst"]),
    "vocabulary": ("vocabulary: {accept: [zorblax]}\n", lambda r: "zorblax" not in r["unknown"]),
    "language": ("language: en-US\n", lambda r: "colour" in r["unknown"]),  # the variant rule speaks: en-GB spelling
    "max_file_size": ("max_file_size: 10\n", lambda r: r["skipped"]),
    "claims": ("claims: {ledger: review/claims.yaml}\n", lambda r: r["ledger"].endswith("review/claims.yaml")),
}


@pytest.mark.parametrize("key", sorted(EFFECTS))
def test_every_setting_has_an_effect(tmp_path, key):
    from lint.config import SETTINGS
    from lint.engine import Linter, Selection, collect_files

    assert {s.name for s in SETTINGS} == set(EFFECTS)
    text, effect = EFFECTS[key]
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "loud.yaml").write_text("extends: existence\nmessage: loud\ntokens: [LOUD]\n")
    (tmp_path / "review").mkdir()
    (tmp_path / "e.md").write_text("# Title\n\nThe zorblax has a colour. It is LOUD.\n")
    (tmp_path / "n.rst").write_text("Title\n=====\n")
    (tmp_path / ".essaylint.yaml").write_text(text)
    config = load_config(start=tmp_path)
    linter = Linter(config, Selection(use_cache=False))
    result = linter.lint_path(tmp_path / "e.md", "e.md")
    seen = {
        "rules": sorted(r.id for r in linter.rules),
        "levels": {f.rule: f.level.label for f in result.findings},
        "unknown": {f.message.split("'")[1] for f in result.findings if f.rule.startswith("spelling.")},
        "files": sorted(d for _p, d in collect_files([str(tmp_path)], config) for d in [Path(d).name]),
        "skipped": result.skipped,
        "ledger": str(config.ledger_path),
    }
    assert effect(seen), seen


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("default_rules: false\n", r":1: default_rules: false with no `rules:` folders leaves no rule to run"),
        ("select: []\n", r":1: select: an empty list selects no rule"),
    ],
)
def test_settings_that_cannot_work_together_are_refused(tmp_path, text, pattern):
    (tmp_path / ".essaylint.yaml").write_text(text)
    with pytest.raises(ConfigError, match=pattern):
        load_config(start=tmp_path)


def test_the_default_rules_are_found_in_a_checkout_without_the_installed_mapping(monkeypatch):
    """`python -m lint` from a checkout with a non-editable install imports the checkout's `lint`, which has no rules inside."""
    import importlib.resources

    from lint import config

    def missing(name):
        raise ModuleNotFoundError(f"No module named {name!r}")

    monkeypatch.setattr(importlib.resources, "files", missing)
    assert config.default_rules_dir() == Path(config.__file__).resolve().parent.parent / "rules"
    assert (config.default_rules_dir() / "structure" / "single-title.yaml").is_file()
