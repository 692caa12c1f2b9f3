"""YAML loading (lint/yamlio.py): large files are parsed once per content, errors every time."""

from __future__ import annotations

import time

import pytest

from lint import yamlio
from lint.yamlio import YamlError, load_yaml


@pytest.fixture(autouse=True)
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("ESSAYLINT_CACHE_DIR", str(tmp_path / "cache"))


def _big(text: str) -> str:
    padding = "".join(f"# padding line {i}\n" for i in range(yamlio.CACHE_FROM_BYTES // 16))
    return padding + text


def test_large_file_is_parsed_once_per_content(tmp_path, monkeypatch):
    path = tmp_path / "sets.yaml"
    path.write_text(_big("sets:\n  - words: [affect, effect]\n"), encoding="utf-8")
    first = load_yaml(path)
    assert first[0] == {"sets": [{"words": ["affect", "effect"]}]}
    line_of_sets = first[1][("sets",)]
    assert line_of_sets > 1000

    def refuse(*args):
        raise AssertionError("parsed again")

    monkeypatch.setattr(yamlio, "parse_yaml", refuse)
    assert load_yaml(path) == first
    # An edit is a new content: parsed again (here: refused, proving the cache was not used).
    path.write_text(_big("sets:\n  - words: [than, then]\n"), encoding="utf-8")
    with pytest.raises(AssertionError, match="parsed again"):
        load_yaml(path)


def test_the_same_rules_at_another_path_share_one_entry_and_the_folder_stays_bounded(tmp_path, monkeypatch):
    """Entries were named after the file's path: every test folder and virtualenv left one for good."""
    cache = tmp_path / "cache" / "essaylint"
    text = _big("sets:\n  - words: [affect, effect]\n")
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "sets.yaml").write_text(text, encoding="utf-8")
        load_yaml(tmp_path / folder / "sets.yaml")
    assert len(list(cache.glob("yaml_*"))) == 1
    monkeypatch.setattr(yamlio, "YAML_KEPT", 3)
    for n in range(6):
        path = tmp_path / f"other{n}.yaml"
        path.write_text(_big(f"sets:\n  - words: [w{n}, v{n}]\n"), encoding="utf-8")
        time.sleep(0.02)  # file times are kept to a few milliseconds
        load_yaml(path)
        time.sleep(0.02)
        load_yaml(tmp_path / "one" / "sets.yaml")  # used after each new file: kept
    kept = list(cache.glob("yaml_*"))
    assert len(kept) == 3

    def refuse(*args):
        raise AssertionError("parsed again")

    monkeypatch.setattr(yamlio, "parse_yaml", refuse)
    assert load_yaml(tmp_path / "two" / "sets.yaml")[0] == {"sets": [{"words": ["affect", "effect"]}]}
    assert load_yaml(tmp_path / "other5.yaml")[0] == {"sets": [{"words": ["w5", "v5"]}]}


def test_large_broken_file_reports_its_line_every_time(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text(_big("sets:\n  - words: [a, b\n"), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(YamlError) as caught:
            load_yaml(path, "rules/broken.yaml")
        assert str(caught.value).startswith("rules/broken.yaml:")
        assert "invalid YAML" in str(caught.value)


def test_small_files_are_not_cached(tmp_path):
    path = tmp_path / "rule.yaml"
    path.write_text("extends: existence\n", encoding="utf-8")
    assert load_yaml(path)[0] == {"extends": "existence"}
    assert not (tmp_path / "cache").exists()
