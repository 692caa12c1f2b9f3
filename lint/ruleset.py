"""Load a style (folders of YAML rules) into validated `Rule`s and their checks.

The path gives the id: `rules/structure/single-title.yaml` is
`structure.single-title`, and the folder is the category. Keys that mean the
same as in Vale keep Vale's names. Every problem is a `RuleLoadError` whose
text is `file:line: key: what is wrong`, raised before any essay is read.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from lint.checks import KINDS, SCOPES, Check, Rule, check_class
from lint.finding import CATEGORIES, Level
from lint.options import (
    REQUIRED,
    Option,
    OptionError,
    boolean,
    choice,
    examples,
    message_template,
    string,
    string_list,
)
from lint.yamlio import YamlError, load_yaml

RULE_SUFFIXES = (".yaml", ".yml")


def kind_name(value: Any) -> str:
    """A rule kind's name (the kinds are known once a kind is first asked for)."""
    if not isinstance(value, str) or value not in KINDS:
        raise OptionError(f"must be one of: {', '.join(sorted(KINDS))}")
    return value


# Keys every rule may have, whatever its kind.
COMMON_OPTIONS: tuple[Option, ...] = (
    Option("extends", kind_name, REQUIRED, "the rule kind", "string"),
    Option("message", message_template, "", "shown for each finding; {placeholders} come from the kind", "string"),
    Option("level", choice("error", "warning", "suggestion"), "warning", "error, warning or suggestion", "string"),
    Option("scope", string_list, None, "where the rule looks (default: the kind's)", "string or list"),
    Option("link", string, "", "a page explaining the rule", "string"),
    Option("description", string, "", "why the rule exists and how to satisfy it", "string"),
    Option("category", choice(*CATEGORIES), None, "override the category given by the folder", "string"),
    Option("enabled", boolean, True, "false: the rule runs only when selected by its id or `enable`", "bool"),
    Option(
        "examples", examples, {}, "texts the rule flags and leaves alone: {flagged: [...], ok: [...]}; tested", "map"
    ),
)


class RuleLoadError(Exception):
    """One-line `file:line: key: message`; the CLI exits 2 on it."""


def category_for(folder: str) -> str:
    return folder if folder in CATEGORIES else "style"


def _error(path: str, lines: dict[tuple[Any, ...], int], key: tuple[Any, ...], message: str) -> RuleLoadError:
    line = lines.get(key) or lines.get(key[:1]) or 1
    name = str(key[0]) if key else "rule"
    return RuleLoadError(f"{path}:{line}: {name}: {message}")


def load_rule(
    path: Path,
    rule_id: str,
    folder: str,
    display: str | None = None,
    overrides: dict[str, Any] | None = None,
    vale: bool = False,
) -> Rule:
    """Load and validate one rule file; `overrides` (from the config's `options:`) replace its keys.

    `vale`: the file is a Vale style's rule (lint/valeini.py): read with Vale's defaults and `%s` messages.
    """
    shown = display or str(path)
    try:
        data, lines = load_yaml(path, shown)
    except YamlError as exc:
        raise RuleLoadError(str(exc)) from None
    if not isinstance(data, dict):
        raise RuleLoadError(f"{shown}:1: rule: expected a mapping of keys (extends:, message:, ...)")
    if vale:
        why_not = _VALE_KINDS_NOT_RUN.get(data.get("extends"))
        if data.get("extends") == "spelling":
            why_not, data = _vale_spelling(data, path.parent.parent, shown, lines)
        if why_not is not None:
            raise _error(shown, lines, ("extends",), f"Vale's {data.get('extends')} cannot run here: {why_not}")
        data = _from_vale(data)
    if overrides:
        if "extends" in overrides:
            raise RuleLoadError(f"{shown}: extends: the config's options cannot change a rule's kind")
        data = {**data, **overrides}
    kind = data.get("extends")
    if kind not in KINDS:
        known = ", ".join(sorted(KINDS))
        if "extends" not in data:
            raise _error(shown, lines, (), f"missing required key 'extends' (one of: {known})")
        raise _error(shown, lines, ("extends",), f"unknown kind {kind!r} (one of: {known})")
    cls = check_class(kind)
    schema = {opt.name: opt for opt in (*COMMON_OPTIONS, *cls.options)}
    values: dict[str, Any] = {}
    for key, raw in data.items():
        option = schema.get(key)
        if option is None:
            allowed = ", ".join(sorted(schema))
            raise _error(shown, lines, (key,), f"unknown key for kind {kind!r} (allowed: {allowed})")
        try:
            values[key] = option.validate(raw)
        except OptionError as exc:
            where = (key, exc.index) if exc.index is not None and (key, exc.index) in lines else (key,)
            raise _error(shown, lines, where, str(exc)) from None
    for option in schema.values():
        if option.name not in values:
            if option.required:
                raise _error(shown, lines, (), f"missing required key {option.name!r}")
            values[option.name] = option.default
    scopes = tuple(values.pop("scope") or [cls.default_scope])
    for scope in scopes:
        if scope not in SCOPES:
            raise _error(shown, lines, ("scope",), f"unknown scope {scope!r} (one of: {', '.join(SCOPES)})")
        if scope not in cls.allowed_scopes:
            raise _error(
                shown,
                lines,
                ("scope",),
                f"kind {kind!r} does not support scope {scope!r} (it supports: {', '.join(cls.allowed_scopes)})",
            )
    common = {
        name: values.pop(name)
        for name in ("extends", "message", "level", "link", "description", "category", "enabled", "examples")
    }
    rule = Rule(
        id=rule_id,
        kind=kind,
        category=common["category"] or category_for(folder),
        level=Level.parse(common["level"]),
        message=common["message"],
        scope=scopes,
        path=shown,
        options=values,
        link=common["link"],
        description=common["description"],
        examples=common["examples"],
        enabled=common["enabled"],
        lines={str(k[0]): v for k, v in lines.items() if len(k) == 1},
    )
    try:
        # Kinds validate cross-key constraints in setup(); the result is kept, since building a
        # check twice (compiling its patterns twice) doubled start-up time.
        rule.validated = cls(rule)
    except OptionError as exc:
        key, _, message = str(exc).partition(": ")
        if key in schema:
            raise _error(shown, lines, (key,), message) from None
        raise _error(shown, lines, (), str(exc)) from None
    return rule


# Vale's keys that change no alert: `action` describes a fix (not offered yet), `vocab` ties
# the rule to a Vocab that is not applied yet (lint/valeini.py says so once).
_VALE_KEYS_WITHOUT_ALERTS = ("action", "vocab")
_KINDS_WITH_ACTIONS = ("existence", "repetition")  # the action becomes their fix; substitution's comes from swap
_KINDS_WITH_VOCAB = ("existence", "substitution")  # Vale's vocab: accepted terms are exceptions


_VALE_KINDS_NOT_RUN = {
    "sequence": "it matches part-of-speech tags from Vale's tagger, which has no offline equivalent here",
    "script": "it runs a Tengo script, and essaylint runs no scripts from styles",
}
# Vale's `readability` kind as a metric formula, by the names Vale gives its metrics (summarize's formulas).
_VALE_READABILITY = {
    "SMOG": "(1.0430 * math.sqrt(polysyllabic_words * 30.0 / sentences) + 3.1291)",
    "Gunning Fog": "(0.4 * ((words / sentences) + 100.0 * (complex_words / words)))",
    "Coleman-Liau": "(0.0588 * (characters / words) * 100 - 0.296 * (sentences / words) * 100 - 15.8)",
    "Flesch-Kincaid": "(0.39 * words / sentences + 11.8 * syllables / words - 15.59)",
    "Automated Readability": "(4.71 * (characters / words) + 0.5 * (words / sentences) - 21.43)",
}


_HUNSPELL_KEYS = ("dicpath", "dictionaries", "aff", "dic", "custom")


def _vale_spelling(
    data: dict[str, Any], styles_path: Path, shown: str, lines: dict[Any, int]
) -> tuple[str | None, dict[str, Any]]:
    """Vale's spelling rule on essaylint's English word list: its ignore files and filters kept.

    (reason it cannot run, or None; the rule's keys as essaylint's spelling kind reads them)
    """
    named = [k for k in _HUNSPELL_KEYS if k in data]
    if named:
        return (
            f"it names Hunspell dictionaries ({', '.join(named)}), which essaylint does not load; "
            "essaylint's own spelling.unknown-word checks the same text with its English word list",
            data,
        )
    data = {k: v for k, v in data.items() if k != "append"}
    ignore = data.pop("ignore", [])
    files = [ignore] if isinstance(ignore, str) else ignore
    words: list[str] = []
    for name in files if isinstance(files, list) else []:
        found = next(
            (p for p in (styles_path / str(name), styles_path / "config" / "ignore" / str(name)) if p.is_file()), None
        )
        if found is None:
            raise _error(shown, lines, ("ignore",), f"{name}: no such file in {styles_path} (or its config/ignore/)")
        try:
            text = found.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise _error(shown, lines, ("ignore",), f"{found}: cannot read it: {exc}") from None
        words += [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    # Vale's speller flags every word it does not know, "teh" too: no misspelling rule stands beside it
    return None, data | {"ignore": words, "defer_misspellings": False}


def _vale_readability(data: dict[str, Any]) -> dict[str, Any]:
    """Vale's `readability` rule (metrics, grade) as the metric it is: the mean of the named grades over `grade`."""
    metrics, grade = data.get("metrics"), data.get("grade", 0)
    if not isinstance(metrics, list) or not metrics or any(m not in _VALE_READABILITY for m in metrics):
        return data  # left for the loader to refuse with the key
    if isinstance(grade, bool) or not isinstance(grade, int | float):
        return data
    rest = {k: v for k, v in data.items() if k not in ("metrics", "grade", "scope")}
    formula = f"({' + '.join(_VALE_READABILITY[m] for m in metrics)}) / {len(metrics)}"
    return rest | {"extends": "metric", "formula": formula, "condition": f"> {float(grade)}"}


def _from_vale(data: dict[str, Any]) -> dict[str, Any]:
    """A Vale rule's keys as essaylint reads them: Vale's defaults, and `%s` as the placeholders it stands for."""
    action = data.get("action")
    if data.get("extends") == "readability" and "metrics" in data:
        data = _vale_readability(data)
    kind = data.get("extends")
    data = {
        k: v
        for k, v in data.items()
        if k not in _VALE_KEYS_WITHOUT_ALERTS
        or (k == "action" and kind in _KINDS_WITH_ACTIONS)
        or (k == "vocab" and kind in _KINDS_WITH_VOCAB)
    }
    if kind in _KINDS_WITH_VOCAB:
        data.setdefault("vocab", True)  # Vale's default
    message = data.get("message")
    if kind == "metric":
        data.pop("scope", None)  # Vale computes every metric over the whole document (its summary scope)
    if kind in ("existence", "substitution"):
        data.setdefault("boundaries", "vale")  # Vale's word template: \b(?:...)\b
    if kind == "capitalization":
        data.setdefault("threshold", 0.8)  # Vale scores $sentence by share of words; essaylint's own is strict
        data.setdefault("proper_nouns_from_text", False)  # Vale knows only the rule's exceptions
    if kind == "substitution":
        data.setdefault("ignorecase", False)  # Vale's default; essaylint's own is true
        data.setdefault("match_case", False)  # Vale suggests the swap's value as written
        replaces = isinstance(action, dict) and action.get("name") == "replace"
        data.setdefault("fix", "safe" if replaces else "none")  # in Vale only an action offers a fix
        if replaces and not action.get("params"):
            # Vale's replace action words "a|b" as 'a' or 'b' and drops the quotes its message
            # put around that placeholder, so the choices are not quoted twice. Vale drops them
            # only when both placeholders are quoted; with one ("Did you mean '%s'?") it quoted
            # twice in some versions and not in others: essaylint never does.
            data.setdefault("quote_alternatives", True)
            if isinstance(message, str) and "%s" in message:
                at = message.index("%s")  # the suggestion's slot
                if at > 0 and message[at - 1 : at] == message[at + 2 : at + 3] and message[at - 1] in "'\"":
                    message = message[: at - 1] + "%s" + message[at + 3 :]
    if isinstance(message, str):
        # Vale formats messages with Go's %s, in its order: existence the match; substitution the
        # suggestion, then the match.
        slots = ["{suggestion}", "{match}"] if kind == "substitution" else ["{match}"]
        pieces = message.replace("{", "{{").replace("}", "}}").split("%s")
        text = pieces[0]
        for index, piece in enumerate(pieces[1:]):
            text += (slots[index] if index < len(slots) else "%s") + piece
        data["message"] = text.replace("%%", "%")
    return data


def load_vale_rules(
    styles_path: Path, styles: Iterable[str], display_root: Path | None = None
) -> tuple[list[Rule], list[str]]:
    """The rules of Vale styles, each as `Style.Rule`; a rule that cannot run is left out with a notice naming it and why."""
    rules: list[Rule] = []
    notices: list[str] = []
    for style in styles:
        folder = styles_path / style
        if not folder.is_dir():
            notices.append(f"{folder}: Vale style {style} not found in StylesPath; its rules do not run")
            continue
        for path in sorted(p for p in folder.iterdir() if p.suffix in RULE_SUFFIXES and p.is_file()):
            rule_id = f"{style}.{path.stem}"
            shown = _display(path, display_root)
            try:
                rules.append(load_rule(path, rule_id, "style", shown, vale=True))
            except RuleLoadError as exc:
                notices.append(f"{exc} (Vale rule {rule_id} skipped; the rest of {style} runs)")
    return rules, notices


STYLE_DEPTH = 2  # rule files sit in the style folder or one category folder below it


def discover(folder: Path) -> Iterable[tuple[Path, str, str]]:
    """(file, rule id, category folder) for every rule file under a style folder.

    A style is a folder of rule files, or of category folders of rule files
    (rules/spelling/repeated-word.yaml); nothing deeper is read, so `rules: [/]`
    does not walk the whole disk. A folder holding no rule file is refused; a
    sub-folder that cannot be read is skipped with a notice on stderr.
    """
    if not folder.is_dir():
        raise RuleLoadError(f"{folder}: rule folder does not exist")
    found: list[tuple[Path, str, str]] = []

    def skipped(error: OSError) -> None:
        print(f"essaylint: {error.filename}: skipped: {error.strerror or error}", file=sys.stderr)

    for here, dirs, files in os.walk(folder, onerror=skipped):
        relative_dir = Path(here).relative_to(folder)
        depth = len(relative_dir.parts)
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_"))) if depth + 1 < STYLE_DEPTH else []
        for name in sorted(files):
            path = Path(here, name)
            if path.suffix not in RULE_SUFFIXES or name.startswith((".", "_")) or not path.is_file():
                continue
            parts = (relative_dir / name).with_suffix("").parts
            found.append((path, ".".join(parts), parts[0] if len(parts) > 1 else "style"))
    if not found:
        raise RuleLoadError(f"{folder}: not a style folder: no rule files (*.yaml) in it or in its category folders")
    yield from sorted(found)


def load_rules(
    folders: Iterable[Path], display_root: Path | None = None, options: dict[str, dict[str, Any]] | None = None
) -> list[Rule]:
    """Load every folder in order; a later folder's rule replaces an earlier one with the same id."""
    rules: dict[str, Rule] = {}
    options = options or {}
    for folder in folders:
        for path, rule_id, folder_name in discover(folder):
            shown = _display(path, display_root)
            rules[rule_id] = load_rule(path, rule_id, folder_name, shown, options.get(rule_id))
    unknown = sorted(set(options) - set(rules))
    if unknown:
        raise RuleLoadError(f"options: {unknown[0]}: no loaded rule has this id")
    return list(rules.values())


def _display(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return str(path.resolve().relative_to(root.resolve()))
        except ValueError:
            pass
    return str(path)


def build_checks(rules: Iterable[Rule]) -> dict[str, Check]:
    """A check per rule, reusing the instance built when the rule was validated if the rule is unchanged."""
    checks = {}
    for rule in rules:
        validated = rule.validated
        # A rule copied with another level (config `levels:`) needs a check that reports that level.
        checks[rule.id] = (
            validated if validated is not None and validated.rule is rule else check_class(rule.kind)(rule)
        )
    return checks
