"""Vale's `action` key: what a style says should replace the text it found, as essaylint fixes.

A Vale style names its fix beside the rule (`action: {name: edit, params:
[trim_right, "."]}`); Vale's editor integrations apply it. Here the same
action becomes the finding's suggestion and, when it yields one text, a fix.
Such fixes are unsafe (applied with `--fix --unsafe-fixes`): the style's
author wrote them for a person to accept one at a time, and `remove` deletes
the whole match. `suggest` asks Vale's spelling or a Tengo script, and
`convert` Vale's own case converter: none of them can run here, so those
rules offer no fix and say so in `essaylint explain`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import regex

from lint.finding import Edit, Fix
from lint.options import Option, OptionError, compile_pattern

# edit's operations and how many parameters each takes after its name (Vale's action.go)
_EDITS = {"regex": 2, "trim_right": 1, "trim_left": 1, "trim": 1, "truncate": 1, "split": 2}
NAMES = ("replace", "remove", "edit", "suggest", "convert")


@dataclass(frozen=True)
class Action:
    name: str
    params: tuple[str, ...] = ()

    def replacements(self, found: str) -> list[str]:
        """The texts the action offers for `found`; none when it cannot run here."""
        if self.name == "replace":
            return list(self.params)
        if self.name == "remove":
            return [""]
        if self.name != "edit":
            return []
        operation, args = self.params[0], self.params[1:]
        text = found
        if operation == "regex":
            try:
                text = regex.sub(args[0], _python_replacement(args[1]), found, timeout=1.0)
            except TimeoutError:
                return []  # a pattern too slow for this match offers nothing
        elif operation == "trim_right":
            text = found.rstrip(args[0])
        elif operation == "trim_left":
            text = found.lstrip(args[0])
        elif operation == "trim":
            text = found.strip(args[0])
        elif operation == "truncate":
            text = found.split(args[0])[0]
        elif operation == "split":
            parts = found.split(args[0])
            index = int(args[1])
            if index >= len(parts):
                return []
            text = parts[index]
        return [text.strip()]

    def fix(self, start: int, end: int, found: str) -> Fix | None:
        """The one offer as an edit of the match without its surrounding spaces (Vale's alert text).

        `remove` of a match holding letters or digits is no fix: Google's
        Spacing removes 'y.  T' (it means the extra space), which would eat
        the words around it.
        """
        inner = found.strip()
        if not inner:
            return None
        start += len(found) - len(found.lstrip())
        end = start + len(inner)
        offered = self.replacements(inner)
        if len(offered) != 1 or offered[0] == inner:
            return None
        if self.name == "remove" and any(c.isalnum() for c in inner):
            return None
        return Fix((Edit(start, end, offered[0]),), safe=False, description=f"{self.name}: {inner!r} -> {offered[0]!r}")


def _python_replacement(template: str) -> str:
    """Go's `$1` / `${1}` in a replacement as Python's `\\g<1>`; a backslash is literal in Go."""
    escaped = template.replace("\\", "\\\\")
    return re.sub(r"\$\{(\w+)\}|\$(\d+)", lambda m: f"\\g<{m.group(1) or m.group(2)}>", escaped)


def vale_action(value: Any) -> Action | None:
    """Validate an `action:` mapping as Vale defines it."""
    if value is None:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("name"), str):
        raise OptionError("expected a mapping with a name (replace, remove, edit, suggest, convert)")
    name = value["name"]
    if name not in NAMES:
        raise OptionError(f"unknown action {name!r} (one of: {', '.join(NAMES)})")
    params = value.get("params") or []
    if not isinstance(params, list) or not all(isinstance(p, str | int | float) for p in params):
        raise OptionError("params: expected a list of strings")
    params = [str(p) for p in params]
    unknown = set(value) - {"name", "params"}
    if unknown:
        raise OptionError(f"unknown key {sorted(unknown)[0]!r} (an action has name and params)")
    if name == "edit":
        if not params or params[0] not in _EDITS:
            raise OptionError(f"edit: the first param is one of {', '.join(_EDITS)}")
        if len(params) - 1 != _EDITS[params[0]]:
            raise OptionError(f"edit {params[0]}: takes {_EDITS[params[0]]} param(s) after its name")
        if params[0] == "regex":
            compile_pattern(params[1], what="edit regex")
        if params[0] == "split" and not params[2].isdigit():
            raise OptionError("edit split: the index is a whole number")
    return Action(name, tuple(params))


ACTION_OPTION = Option(
    "action",
    vale_action,
    None,
    "Vale's fix for a match: replace (params), remove, or edit (regex, trim, truncate...); unsafe",
    "map",
)
