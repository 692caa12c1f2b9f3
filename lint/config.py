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
    start = start.resolve()
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue
            if "essaylint" in data.get("tool", {}):
                return pyproject
    return None


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


def parse_config(data: dict[str, Any], path: Path, lines: dict[tuple[Any, ...], int]) -> Config:
    root = path.parent.resolve()
    config = Config(path=path, root=root)

    def fail(key: tuple[Any, ...], message: str) -> ConfigError:
        line = lines.get(key) or lines.get(key[:1])
        where = f"{path}:{line}" if line else str(path)
        return ConfigError(f"{where}: {'.'.join(str(k) for k in key)}: {message}")

    def get(key: str, validator: Any) -> Any:
        try:
            return validator(data[key])
        except OptionError as exc:
            raise fail((key,), str(exc)) from None

    known = {
        "rules",
        "default_rules",
        "select",
        "ignore",
        "enable",
        "levels",
        "options",
        "overrides",
        "exclude",
        "extensions",
        "vocabulary",
        "language",
        "max_file_size",
        "claims",
    }
    for key in data:
        if key in ("languagetool", "readability", "spelling"):  # read by nothing: say where the setting goes
            raise fail(
                (key,),
                "not a config section: set the rules' options, e.g. "
                + {
                    "languagetool": "options: {grammar.languagetool: {server: http://localhost:8081}}",
                    "readability": "options: {readability.document-grade: {max: 14}}",
                    "spelling": "vocabulary: {accept: [...]} or options: {spelling.unknown-word: {ignore: [...]}}",
                }[key],
            )
        if key not in known:
            raise fail((key,), f"unknown key (allowed: {', '.join(sorted(known))})")
    if "rules" in data:
        for i, folder in enumerate(get("rules", string_list)):
            resolved = (root / folder).resolve()
            if not resolved.is_dir():
                raise fail(("rules", i), f"rule folder {folder!r} does not exist (relative to {root})")
            config.rule_dirs.append(resolved)
    if "default_rules" in data:
        config.use_default_rules = get("default_rules", boolean)
    if "select" in data:
        config.select = get("select", string_list)
    if "ignore" in data:
        config.ignore = get("ignore", string_list)
    if "enable" in data:
        config.enable = get("enable", string_list)
    if "levels" in data:
        config.levels = get("levels", _levels)
    if "options" in data:
        options = data["options"]
        if not isinstance(options, dict) or not all(isinstance(v, dict) for v in options.values()):
            raise fail(("options",), "expected a mapping of rule id to a mapping of rule keys")
        config.rule_options = {str(k): dict(v) for k, v in options.items()}
    if "exclude" in data:
        config.exclude = get("exclude", string_list)
    if "extensions" in data:
        config.extensions = tuple(e if e.startswith(".") else f".{e}" for e in get("extensions", string_list))
    if "language" in data:
        config.language = get("language", choice("en", "en-US", "en-GB"))
    if "max_file_size" in data:
        config.max_file_size = get("max_file_size", integer(1))
    if "vocabulary" in data:
        vocab = data["vocabulary"]
        if not isinstance(vocab, dict):
            raise fail(("vocabulary",), "expected a mapping with 'accept' and/or 'reject'")
        for key in vocab:
            if key not in ("accept", "reject"):
                raise fail(("vocabulary", key), "unknown key (allowed: accept, reject)")
            try:
                words = string_list(vocab[key])
            except OptionError as exc:
                raise fail(("vocabulary", key), str(exc)) from None
            if key == "accept":
                config.vocabulary_accept = words
            else:
                config.vocabulary_reject = words
    if "claims" in data:
        claims = data["claims"]
        if not isinstance(claims, dict) or set(claims) - {"ledger"}:
            raise fail(("claims",), "expected a mapping with 'ledger: FILE'")
        if "ledger" in claims:
            try:
                config.ledger = root / string(claims["ledger"])
            except OptionError as exc:
                raise fail(("claims", "ledger"), str(exc)) from None
            if config.ledger.exists() and not config.ledger.is_file():
                # A FIFO would hang every run and /dev/zero fill memory: refused before any essay is read.
                raise fail(("claims", "ledger"), f"{config.ledger} is not a regular file")
    if "overrides" in data:
        raw = data["overrides"]
        if not isinstance(raw, list):
            raise fail(("overrides",), "expected a list of {files: [...], select/ignore/levels}")
        for i, item in enumerate(raw):
            if not isinstance(item, dict) or "files" not in item:
                raise fail(("overrides", i), "each override needs 'files' (a list of globs)")
            extra = set(item) - {"files", "select", "ignore", "levels"}
            if extra:
                raise fail(("overrides", i, sorted(extra)[0]), "unknown key (allowed: files, select, ignore, levels)")
            try:
                config.overrides.append(
                    Override(
                        files=string_list(item["files"]),
                        select=string_list(item["select"]) if "select" in item else None,
                        ignore=string_list(item.get("ignore", [])),
                        levels=_levels(item.get("levels", {})),
                    )
                )
            except OptionError as exc:
                raise fail(("overrides", i), str(exc)) from None
    return config


def selector_matches(selector: str, rule_id: str, category: str) -> bool:
    """`spelling` matches every spelling rule, `structure.title` that rule (and `structure.title.*`)."""
    return rule_id == selector or rule_id.startswith(selector + ".") or category == selector or selector == "all"
