"""`essaylint explain`: the text that tells a rule or a kind, for the command line and the editor's hover."""

from __future__ import annotations

import inspect
import re
import sys
from pathlib import Path

from lint.engine import Linter


def _shown(value: object, limit: int = 8) -> str:
    """A key's value on one line: a long list or map cut after `limit` items."""
    if isinstance(value, dict) and len(value) > limit:
        head = ", ".join(f"{k!r}: {v!r}" for k, v in list(value.items())[:limit])
        return f"{{{head}, ... ({len(value):,} entries)}}"
    if isinstance(value, list | tuple) and len(value) > limit:
        return f"[{', '.join(repr(v) for v in value[:limit])}, ... ({len(value):,} items)]"
    return repr(value)


def explain(linter: Linter, name: str) -> str:
    """What `essaylint explain NAME` prints: a rule's description, examples and file, or a kind's keys.

    The language server shows the same text on hover. LookupError for an unknown name.
    """
    from lint.checks import KINDS, check_class
    from lint.ruleset import COMMON_OPTIONS

    rule = next((r for r in linter.all_rules if r.id == name), None)
    kind = rule.kind if rule else name
    if rule is None and kind not in KINDS:
        candidates = [r.id for r in linter.all_rules if name in r.id]
        hint = f" (did you mean: {', '.join(candidates[:5])}?)" if candidates else ""
        raise LookupError(f"no rule or kind named {name!r}{hint}; `essaylint rules --all` lists them")
    cls = check_class(kind)
    out = []
    if rule is not None:
        out.append(
            f"{rule.id}  ({rule.kind}, {rule.level.label}, {rule.category}{'' if rule.enabled else ', off by default'})"
        )
        out.append(f"defined in {rule.path}")
        if rule.description:
            out += ["", rule.description.strip()]
        if rule.link:
            out.append(f"More: {rule.link}")
        for key, label in (("flagged", "Flagged"), ("ok", "Left alone")):
            if rule.examples.get(key):
                out += ["", f"{label}:"]
                for text in rule.examples[key]:
                    out += [f"    {line}" for line in text.rstrip().splitlines()] + (
                        [""] if "\n" in text.strip() else []
                    )
        try:
            source = Path(rule.path if Path(rule.path).is_absolute() else linter.config.root / rule.path).read_text(
                encoding="utf-8"
            )
        except OSError:
            source = ""
        if source:
            out += ["", "The rule as configured:", "", *("    " + line for line in source.rstrip().splitlines())]
        out += ["", "As essaylint runs it (every key of its kind, defaults filled in):", ""]
        out += [f"    message: {rule.message!r}", f"    scope: {', '.join(rule.scope)}"]
        out += [f"    {key}: {_shown(value)}" for key, value in sorted(rule.options.items())]
        out.append("")
    out.append(f"Kind {kind!r}: {inspect.cleandoc(inspect.getdoc(cls) or '')}")
    module_doc = inspect.getdoc(sys.modules[cls.__module__]) or ""
    if module_doc:
        out += ["", module_doc]
    width = max(14, *(len(o.name) for o in (*COMMON_OPTIONS, *cls.options)))
    out += ["", "Keys every rule has:"]
    out += [f"  {o.name:<{width}} {o.type_name:<14} {o.doc}" for o in COMMON_OPTIONS]
    if cls.options:
        out += ["", f"Keys of kind {kind!r}:"]
        out += [f"  {o.name:<{width}} {o.type_name:<14} {o.doc} (default: {o.default!r})" for o in cls.options]
    out += ["", f"Scopes: {', '.join(cls.allowed_scopes)} (default: {cls.default_scope})"]
    if cls.example:
        out += ["", "Example:", "", *("    " + line for line in cls.example.rstrip().splitlines())]
    return "\n".join(out)


def kinds_table() -> str:
    """The README's table of rule kinds, made from the classes (tests/test_ci_docs.py keeps the README equal to it).

    Regenerate it with `python -m lint.explain README.md`.
    """
    from lint.checks import KIND_MODULES, KINDS

    order = {name: i for i, name in enumerate(KIND_MODULES)}
    rows = ["| kind | what it flags | its own keys |", "| --- | --- | --- |"]
    for kind, cls in sorted(KINDS.items(), key=lambda kv: (order[kv[1].__module__.rsplit(".", 1)[1]], kv[0])):
        what = (inspect.getdoc(cls) or "").split("\n\n", 1)[0].replace("\n", " ").replace("|", "\\|")
        keys = ", ".join(f"`{o.name}`" for o in cls.options) or "none"
        rows.append(f"| `{kind}` | {what} | {keys} |")
    return "\n".join(rows)


_FIRST_SENTENCE = re.compile(r"(?<=[\w)\]\"”'])\.\s+(?=[A-Z])")


def rules_table() -> str:
    """The README's table of default rules, made from the rule files (tests/test_ci_docs.py keeps them equal).

    Regenerate it with `python -m lint.explain README.md`.
    """
    from lint.config import default_rules_dir
    from lint.ruleset import load_rules

    rows = ["| rule | kind | level | what it flags |", "| --- | --- | --- | --- |"]
    for rule in sorted(load_rules([default_rules_dir()]), key=lambda r: r.id):
        what = _FIRST_SENTENCE.split(" ".join(rule.description.split()), 1)[0].rstrip(".").replace("|", "\\|")
        level = rule.level.label + ("" if rule.enabled else ", off by default")
        rows.append(f"| `{rule.id}` | `{rule.kind}` | {level} | {what} |")
    return "\n".join(rows)


_TABLES = {"kinds": kinds_table, "rules": rules_table}


def with_tables(readme: str) -> str:
    """`readme` with its generated tables (between `<!-- kinds:start -->` and `<!-- kinds:end -->`, and rules) made anew."""
    for name, make in _TABLES.items():
        start, end = f"<!-- {name}:start -->\n", f"\n<!-- {name}:end -->"
        head, found, rest = readme.partition(start)
        if not found:
            continue
        _old, found, tail = rest.partition(end)
        if found:
            readme = head + start + make() + end + tail
    return readme


if __name__ == "__main__":  # python -m lint.explain README.md: the README's generated tables made anew
    for name in sys.argv[1:] or ["README.md"]:
        path = Path(name)
        text = path.read_text(encoding="utf-8")
        updated = with_tables(text)
        if updated != text:
            path.write_text(updated, encoding="utf-8")
            print(f"{name}: tables updated")
