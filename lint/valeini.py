"""Read a Vale project's `.vale.ini`, so that its styles run as they are.

Why: Vale users keep their house rules as Vale styles (a folder per style,
a YAML file per rule) switched on per file type in `.vale.ini`. Pointing
essaylint at the same file, unchanged, is what makes switching cheap. What
is read: `StylesPath`, `MinAlertLevel`, `Vocab` (each vocabulary's
accept.txt and reject.txt under `<StylesPath>/config/vocabularies/<name>/`,
or Vale 2's `<StylesPath>/Vocab/<name>/`), `Packages` (listed, never
downloaded), and per-glob sections with `BasedOnStyles`,
`Style.Rule = YES | NO | suggestion | warning | error`, `BlockIgnores` and
`TokenIgnores` (regexes whose matches are not prose: templating such as
`{{< figure >}}`). Keys this reader does not act on are named in one
notice, never silently dropped.
"""

from __future__ import annotations

import configparser
import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from lint.finding import Level

VALE_INI_NAMES = (".vale.ini", "_vale.ini", "vale.ini")
_GLOBAL = "__essaylint_global__"
_RULE_KEY = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_.-]+$")
_UNHANDLED_GLOBAL = ("IgnoredScopes", "SkippedScopes", "IgnoredClasses", "WordTemplate", "NLPEndpoint")
_UNHANDLED_SECTION = ("Transform", "Lang", "CommentDelimiters")
_IGNORES = ("BlockIgnores", "TokenIgnores")


class ValeConfigError(Exception):
    """One line naming the .vale.ini and what is wrong in it."""


@dataclass
class ValeSection:
    glob: str
    based_on: list[str] = field(default_factory=list)
    rules: dict[str, str] = field(default_factory=dict)  # "Google.AMPM" -> "YES", "NO" or a level
    ignores: list[str] = field(default_factory=list)  # BlockIgnores and TokenIgnores: regexes, not prose

    def matches(self, relpath: str) -> bool:
        name = PurePosixPath(relpath).name
        return any(fnmatch.fnmatchcase(relpath, g) or fnmatch.fnmatchcase(name, g) for g in _expand(self.glob))


@dataclass
class ValeConfig:
    path: Path
    styles_path: Path
    min_alert_level: Level = Level.SUGGESTION
    vocab: list[str] = field(default_factory=list)
    packages: list[str] = field(default_factory=list)
    sections: list[ValeSection] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    accept: list[str] = field(default_factory=list)  # the vocabularies' accepted terms (regexes, as Vale reads them)
    reject: list[str] = field(default_factory=list)
    vocab_files: list[Path] = field(default_factory=list)

    def unread_formats(self, extensions: tuple[str, ...]) -> list[str]:
        """A notice per section that styles files of a format essaylint does not read (reStructuredText...)."""
        found = []
        for section in self.sections:
            if not (section.based_on or section.rules):
                continue
            others = sorted({"." + g.rsplit(".", 1)[-1] for g in _expand(section.glob) if "." in g} - set(extensions))
            if others:
                found.append(
                    f"{self.path}: [{section.glob}]: essaylint reads {', '.join(extensions)} files; "
                    f"{', '.join(others)} files are not checked"
                )
        return found

    def ignores_for(self, relpath: str) -> list[str]:
        """The BlockIgnores and TokenIgnores patterns of every section that matches the file."""
        return [p for section in self.sections if section.matches(relpath) for p in section.ignores]

    def styles(self) -> list[str]:
        """Every style a section bases files on or names a rule of (Vale's own built-in style aside)."""
        found: dict[str, None] = {}
        for section in self.sections:
            found.update(dict.fromkeys(section.based_on))
            found.update(dict.fromkeys(key.split(".", 1)[0] for key in section.rules))
        found.pop("Vale", None)
        return list(found)

    def rules_for(self, relpath: str, rules: dict[str, Level]) -> tuple[set[str], dict[str, Level]]:
        """The Vale rules (of `rules`: id -> level) on for one file, and their levels, as Vale decides.

        Sections apply in file order; a later section's setting for a rule
        wins. A rule below MinAlertLevel is off.
        """
        on: set[str] = set()
        levels: dict[str, Level] = {}
        for section in self.sections:
            if not section.matches(relpath):
                continue
            for rule_id in rules:
                if rule_id.split(".", 1)[0] in section.based_on:
                    on.add(rule_id)
            for rule_id, setting in section.rules.items():
                if rule_id not in rules:
                    continue
                if setting.upper() == "NO":
                    on.discard(rule_id)
                    continue
                on.add(rule_id)
                if setting.upper() != "YES":
                    levels[rule_id] = Level.parse(setting.lower())
        kept = {r for r in on if levels.get(r, rules[r]) >= self.min_alert_level}
        return kept, {r: lv for r, lv in levels.items() if r in kept}


def _expand(glob: str) -> list[str]:
    """`*.{md,txt}` as `*.md` and `*.txt` (fnmatch has no braces)."""
    match = re.search(r"\{([^{}]*)\}", glob)
    if not match:
        return [glob]
    head, tail = glob[: match.start()], glob[match.end() :]
    return [g for option in match.group(1).split(",") for g in _expand(head + option + tail)]


def find_vale_ini(start: Path) -> Path | None:
    from lint.files import find_upwards

    return find_upwards(start, VALE_INI_NAMES)


def _list(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def load_vale_ini(path: Path) -> ValeConfig:
    parser = configparser.ConfigParser(interpolation=None, strict=False, comment_prefixes=("#", ";"))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # Vale's keys are case-sensitive
    try:
        text = path.read_text(encoding="utf-8-sig")
        parser.read_string(f"[{_GLOBAL}]\n{text}", source=str(path))
    except (OSError, UnicodeDecodeError, configparser.Error) as exc:
        detail = str(exc).splitlines()[0]
        raise ValeConfigError(f"{path}: cannot read this Vale configuration: {detail}") from None
    top = parser[_GLOBAL]
    config = ValeConfig(path=path, styles_path=(path.parent / top.get("StylesPath", ".")).resolve())
    if "MinAlertLevel" in top:
        try:
            config.min_alert_level = Level.parse(top["MinAlertLevel"].strip().lower())
        except ValueError:
            raise ValeConfigError(f"{path}: MinAlertLevel: {top['MinAlertLevel']!r} is not a level") from None
    config.vocab = _list(top.get("Vocab", ""))
    config.packages = _list(top.get("Packages", ""))
    if config.packages:
        config.notices.append(
            f"{path}: Packages ({', '.join(config.packages)}) are not downloaded (no network at run time); "
            f"the styles already in {config.styles_path} are used"
        )
    for name in config.vocab:
        _read_vocabulary(config, name)
    unhandled = [k for k in top if k in _UNHANDLED_GLOBAL]
    for name in parser.sections():
        if name == _GLOBAL:
            continue
        body = parser[name]
        section = ValeSection(glob=name, based_on=_list(body.get("BasedOnStyles", "")))
        for key, value in body.items():
            if key == "BasedOnStyles":
                continue
            if key in _UNHANDLED_SECTION:
                unhandled.append(f"[{name}] {key}")
            elif key in _IGNORES:
                for pattern in split_patterns(value):
                    try:
                        re.compile(pattern)
                    except re.error as exc:
                        raise ValeConfigError(f"{path}: [{name}] {key}: {pattern!r}: {exc}") from None
                    section.ignores.append(pattern)
            elif _RULE_KEY.match(key):
                setting = value.strip()
                if setting.upper() not in ("YES", "NO") and setting.lower() not in ("suggestion", "warning", "error"):
                    raise ValeConfigError(f"{path}: [{name}] {key}: {setting!r} is not YES, NO or a level")
                section.rules[key] = setting
        config.sections.append(section)
    if unhandled:
        config.notices.append(f"{path}: not applied yet: {', '.join(dict.fromkeys(unhandled))}")
    return config


def split_patterns(value: str) -> list[str]:
    """A comma-separated list of regexes, commas inside (), [] and {} kept: `x{1,3}` is one pattern."""
    found: list[str] = []
    depth = 0
    current = ""
    escaped = False
    for char in value:
        if escaped:
            current += char
            escaped = False
            continue
        if char == "\\":
            current += char
            escaped = True
            continue
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(0, depth - 1)
        if char == "," and depth == 0:
            found.append(current.strip())
            current = ""
            continue
        current += char
    found.append(current.strip())
    return [p for p in found if p]


def _read_vocabulary(config: ValeConfig, name: str) -> None:
    """accept.txt and reject.txt of one vocabulary: a term per line, `#` lines are comments."""
    for folder in (config.styles_path / "config" / "vocabularies" / name, config.styles_path / "Vocab" / name):
        if folder.is_dir():
            break
    else:
        config.notices.append(
            f"{config.path}: Vocab {name}: no folder {config.styles_path / 'config' / 'vocabularies' / name} "
            "(or Vale 2's Vocab/); not applied"
        )
        return
    for file_name, terms in (("accept.txt", config.accept), ("reject.txt", config.reject)):
        file = folder / file_name
        if not file.is_file():
            continue
        try:
            lines = file.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise ValeConfigError(f"{file}: cannot read this vocabulary: {exc}") from None
        config.vocab_files.append(file)
        for number, line in enumerate(lines, 1):
            term = line.strip()
            if not term or term.startswith("#"):
                continue
            try:
                re.compile(term)
            except re.error as exc:
                raise ValeConfigError(f"{file}:{number}: {term!r} is not a regex: {exc}") from None
            terms.append(term)
