"""Find, validate and merge project configuration.

`.essaylint.yaml` (or `.yml`) in the current folder or a parent, else
`[tool.essaylint]` in a `pyproject.toml`. Every key is validated up front; a
bad config is refused with its file and key (and line, for YAML) before any
essay is read, the way ESLint refuses a bad rule schema.
"""

from __future__ import annotations

import fnmatch
import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from lint.finding import Level
from lint.options import OptionError, boolean, choice, integer, string, string_list
from lint.yamlio import YamlError, load_yaml

CONFIG_NAMES = (".essaylint.yaml", ".essaylint.yml")
DEFAULT_EXTENSIONS = (".md", ".markdown", ".txt")
DEFAULT_MAX_FILE_SIZE = 10_000_000


class ConfigError(Exception):
    """One line naming the config file (and line) and the key; the CLI exits 2."""


def default_rules_dir() -> Path:
    """The shipped rules: the package lint.rules when installed; in a checkout, the `rules/` it is made from.

    `python -m lint` (or `python -m lint.explain`) run from a checkout imports
    the `lint` folder there, which has no `rules` inside: the wheel maps
    `rules/` to `lint.rules`, and only an editable install maps it back.
    """
    try:
        import importlib.resources

        return Path(str(importlib.resources.files("lint.rules")))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "rules"


@dataclass
class Override:
    files: list[str]
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    levels: dict[str, Level] = field(default_factory=dict)


@dataclass
class Config:
    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    rule_dirs: list[Path] = field(default_factory=list)
    use_default_rules: bool = True
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    enable: list[str] = field(default_factory=list)
    levels: dict[str, Level] = field(default_factory=dict)
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    overrides: list[Override] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    extensions: tuple[str, ...] = DEFAULT_EXTENSIONS
    vocabulary_accept: list[str] = field(default_factory=list)
    vocabulary_reject: list[str] = field(default_factory=list)
    vocabulary_patterns: list[str] = field(default_factory=list)  # a Vale vocabulary's regex entries
    language: str = "en"
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    ledger: Path | None = None
    settings: dict[str, Any] = field(default_factory=dict)
    # A Vale project's .vale.ini beside or above the essays (lint/valeini.py): its styles run too.
    vale: Any = None

    @property
    def ledger_path(self) -> Path:
        return self.ledger if self.ledger is not None else self.root / "claims.yaml"

    def relative(self, path: Path) -> str:
        """A path as matched against globs: relative to the config's folder, POSIX style.

        Absolute paths by string, not resolve(): realpath on every file of a
        large corpus cost more than reading it from the cache.
        """
        root = self.__dict__.get("_root_abs")
        if root is None:
            root = self.__dict__["_root_abs"] = os.path.abspath(self.root)
        absolute = os.path.abspath(path)
        if absolute == root or absolute.startswith(root + os.sep):
            return PurePosixPath(os.path.relpath(absolute, root)).as_posix()
        return PurePosixPath(path).as_posix()


def glob_match(path: str, patterns: list[str]) -> bool:
    """gitignore-like matching: `drafts/**`, `*.txt`, or a bare folder name anywhere."""
    parts = path.split("/")
    for pattern in patterns:
        pat = pattern.rstrip("/")
        if fnmatch.fnmatchcase(path, pat) or fnmatch.fnmatchcase(path, pat.replace("**/", "")):
            return True
        if "/" not in pat and any(fnmatch.fnmatchcase(part, pat) for part in parts):
            return True
        if pat.endswith("/**") and (path + "/").startswith(pat[:-2]):
            return True
    return False


def find_config(start: Path) -> Path | None:
    from lint.files import find_upwards

    def ours(path: Path) -> bool:
        if path.name != "pyproject.toml":
            return True
        try:
            return "essaylint" in tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {})
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            return False

    return find_upwards(start, (*CONFIG_NAMES, "pyproject.toml"), ours)


def project_root(start: Path) -> Path:
    """Without a config file, the project is the git work tree around `start` (or `start` itself).

    Paths in fingerprints, baselines and SARIF are relative to it, so a run
    from a subfolder or by pre-commit matches a baseline written at the top.
    """
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start


def load_config(explicit: Path | None = None, start: Path | None = None) -> Config:
    config = _load_config(explicit, start)
    from lint.valeini import ValeConfigError, find_vale_ini, load_vale_ini

    vale = find_vale_ini(start or Path.cwd())
    if vale is not None:
        try:
            config.vale = load_vale_ini(vale)
        except ValeConfigError as exc:
            raise ConfigError(str(exc)) from None
        config.vale.notices += config.vale.unread_formats(config.extensions)
        # A vocabulary's plain words are the project's own (spelling accepts or rejects them); its
        # patterns are kept as Vale's: exceptions of the Vale rules and accepted spellings.
        plain = re.compile(r"[\w'’.-]+(?: [\w'’.-]+)*")
        config.vocabulary_accept += [t for t in config.vale.accept if plain.fullmatch(t)]
        config.vocabulary_reject += [t for t in config.vale.reject if plain.fullmatch(t)]
        config.vocabulary_patterns = [t for t in config.vale.accept if not plain.fullmatch(t)]
    return config


def _load_config(explicit: Path | None, start: Path | None) -> Config:
    path = explicit if explicit is not None else find_config(start or Path.cwd())
    if path is None:
        return Config(root=project_root((start or Path.cwd()).resolve()))
    if not path.is_file():
        raise ConfigError(f"{path}: config file does not exist")
    lines: dict[tuple[Any, ...], int] = {}
    if path.name == "pyproject.toml":
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {}).get("essaylint", {})
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read [tool.essaylint]: {exc}") from None
    else:
        try:
            data, lines = load_yaml(path)
        except YamlError as exc:
            raise ConfigError(str(exc)) from None
        data = {} if data is None else data
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1: config: expected a mapping of settings")
    return parse_config(data, path, lines)


def _levels(value: Any) -> dict[str, Level]:
    if not isinstance(value, dict):
        raise OptionError("expected a mapping of rule id to level")
    result = {}
    for rule, level in value.items():
        try:
            result[str(rule)] = Level.parse(str(level))
        except ValueError as exc:
            raise OptionError(f"{rule}: {exc}") from None
    return result


class SettingError(OptionError):
    """A bad value below the key: `at` is the path to it inside the value (a list index, a sub-key)."""

    def __init__(self, message: str, *at: Any) -> None:
        super().__init__(message)
        self.at = at


@dataclass(frozen=True)
class Setting:
    """One key of the config file, declared as a rule kind's options are: how it is read, what it sets.

    `read` validates and converts the value (OptionError, or SettingError
    pointing inside it); `apply` puts it on the Config. The loader refuses
    any key not declared here, and the README's configuration section lists
    every one (tests/test_config.py checks both).
    """

    name: str
    read: Callable[[Any], Any]
    apply: Callable[[Config, Any], None]
    doc: str


def _mapping_of_mappings(value: Any) -> dict[str, dict[str, Any]]:
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise OptionError("expected a mapping of rule id to a mapping of rule keys")
    return {str(k): dict(v) for k, v in value.items()}


def _extensions(value: Any) -> tuple[str, ...]:
    return tuple(e if e.startswith(".") else f".{e}" for e in string_list(value))


def _vocabulary(value: Any) -> dict[str, list[str]]:
    if not isinstance(value, dict):
        raise OptionError("expected a mapping with 'accept' and/or 'reject'")
    words = {}
    for key in value:
        if key not in ("accept", "reject"):
            raise SettingError("unknown key (allowed: accept, reject)", key)
        try:
            words[key] = string_list(value[key])
        except OptionError as exc:
            raise SettingError(str(exc), key) from None
    return words


def _claims(value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or set(value) - {"ledger"}:
        raise OptionError("expected a mapping with 'ledger: FILE'")
    try:
        return {"ledger": string(value["ledger"])} if "ledger" in value else {}
    except OptionError as exc:
        raise SettingError(str(exc), "ledger") from None


def _overrides(value: Any) -> list[Override]:
    if not isinstance(value, list):
        raise OptionError("expected a list of {files: [...], select/ignore/levels}")
    found = []
    for i, item in enumerate(value):
        if not isinstance(item, dict) or "files" not in item:
            raise SettingError("each override needs 'files' (a list of globs)", i)
        extra = set(item) - {"files", "select", "ignore", "levels"}
        if extra:
            raise SettingError("unknown key (allowed: files, select, ignore, levels)", i, sorted(extra)[0])
        try:
            found.append(
                Override(
                    files=string_list(item["files"]),
                    select=string_list(item["select"]) if "select" in item else None,
                    ignore=string_list(item.get("ignore", [])),
                    levels=_levels(item.get("levels", {})),
                )
            )
        except OptionError as exc:
            raise SettingError(str(exc), i) from None
    return found


def _rule_dirs(config: Config, folders: list[str]) -> None:
    for i, folder in enumerate(folders):
        resolved = (config.root / folder).resolve()
        if not resolved.is_dir():
            raise SettingError(f"rule folder {folder!r} does not exist (relative to {config.root})", i)
        config.rule_dirs.append(resolved)


def _vocabulary_apply(config: Config, words: dict[str, list[str]]) -> None:
    config.vocabulary_accept = words.get("accept", config.vocabulary_accept)
    config.vocabulary_reject = words.get("reject", config.vocabulary_reject)


def _claims_apply(config: Config, claims: dict[str, str]) -> None:
    if "ledger" not in claims:
        return
    config.ledger = config.root / claims["ledger"]
    if config.ledger.exists() and not config.ledger.is_file():
        # A FIFO would hang every run and /dev/zero fill memory: refused before any essay is read.
        raise SettingError(f"{config.ledger} is not a regular file", "ledger")


def _set(attribute: str) -> Callable[[Config, Any], None]:
    return lambda config, value: setattr(config, attribute, value)


SETTINGS: tuple[Setting, ...] = (
    Setting("rules", string_list, _rule_dirs, "more rule folders, relative to the config file"),
    Setting("default_rules", boolean, _set("use_default_rules"), "false: run only the rules of `rules`"),
    Setting("select", string_list, _set("select"), "only these rules (ids or prefixes); default: all"),
    Setting("ignore", string_list, _set("ignore"), "never these rules (ids or prefixes)"),
    Setting("enable", string_list, _set("enable"), "also these rules, off by default"),
    Setting("levels", _levels, _set("levels"), "a level per rule id or prefix"),
    Setting("options", _mapping_of_mappings, _set("rule_options"), "per-rule keys, validated like the rule file"),
    Setting("overrides", _overrides, _set("overrides"), "select, ignore and levels for files matching globs"),
    Setting("exclude", string_list, _set("exclude"), "globs of files never checked"),
    Setting("extensions", _extensions, _set("extensions"), "file endings checked in folders (.md .markdown .txt)"),
    Setting("vocabulary", _vocabulary, _vocabulary_apply, "words every word-reading rule accepts or rejects"),
    Setting("language", choice("en", "en-US", "en-GB"), _set("language"), "en, en-US or en-GB (spelling variants)"),
    Setting("max_file_size", integer(1), _set("max_file_size"), "bytes; a larger file is reported, not read"),
    Setting("claims", _claims, _claims_apply, "ledger: the claims review ledger file (default claims.yaml)"),
)
_SETTINGS = {s.name: s for s in SETTINGS}
# Sections an earlier essaylint read nothing from: refused with where the setting goes now.
_MOVED = {
    "languagetool": "options: {grammar.languagetool: {server: http://localhost:8081}}",
    "readability": "options: {readability.document-grade: {max: 14}}",
    "spelling": "vocabulary: {accept: [...]} or options: {spelling.unknown-word: {ignore: [...]}}",
}


def parse_config(data: dict[str, Any], path: Path, lines: dict[tuple[Any, ...], int]) -> Config:
    config = Config(path=path, root=path.parent.resolve())

    def fail(key: tuple[Any, ...], message: str) -> ConfigError:
        line = lines.get(key) or lines.get(key[:2]) or lines.get(key[:1])
        where = f"{path}:{line}" if line else str(path)
        return ConfigError(f"{where}: {'.'.join(str(k) for k in key)}: {message}")

    for key in data:
        if key in _MOVED:
            raise fail((key,), f"not a config section: set the rules' options, e.g. {_MOVED[key]}")
        if key not in _SETTINGS:
            raise fail((key,), f"unknown key (allowed: {', '.join(sorted(_SETTINGS))})")
    for setting in SETTINGS:  # in declaration order: `rules` before what may name its rules
        if setting.name not in data:
            continue
        try:
            setting.apply(config, setting.read(data[setting.name]))
        except OptionError as exc:
            at = getattr(exc, "at", ()) or ((exc.index,) if exc.index is not None else ())
            raise fail((setting.name, *at), str(exc)) from None
    # Combinations that cannot work, refused as a bad key is.
    if not config.use_default_rules and not config.rule_dirs:
        raise fail(("default_rules",), "false with no `rules:` folders leaves no rule to run")
    if config.select is not None and not config.select:
        raise fail(("select",), "an empty list selects no rule (leave `select` out to run them all)")
    return config


def selector_matches(selector: str, rule_id: str, category: str) -> bool:
    """`spelling` matches every spelling rule, `structure.title` that rule (and `structure.title.*`)."""
    return rule_id == selector or rule_id.startswith(selector + ".") or category == selector or selector == "all"
