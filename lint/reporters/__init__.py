"""Output formats. Each reporter reads only FileResults and Findings.

`render(name, results, options)` returns the whole output as text;
`render_chunks` gives it in pieces, which the CLI writes to stdout or
`--output FILE` as they come (the JSON formats of a 9 MB essay would
otherwise hold several copies of a 60 MB text).
"""

from __future__ import annotations

import importlib
import json as _json  # the name `json` is the submodule lint.reporters.json once that loads
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from lint.finding import Level
from lint.result import FileResult

FORMATS: dict[str, str] = {
    "text": "text",
    "json": "json",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "rdjson": "rdjson",
    "gitlab": "gitlab",
    "markdown": "markdown",
    "line": "line",
}


@dataclass
class ReportOptions:
    color: bool = False
    quiet: bool = False
    rules: Mapping[str, Any] = field(default_factory=dict)  # rule id -> Rule, for help text
    version: str = ""
    root: str = ""  # the project root: SARIF's %SRCROOT%, to which file URIs are relative
    fail_on: Level = Level.ERROR  # JUnit fails a rule only for findings at or above it, as the exit status does


# C0 and C1 controls, DEL, and the bidirectional controls: what a terminal or a CI log would obey.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def terminal_safe(text: str) -> str:
    """Text with every character a terminal or CI log would act on shown as an escape (`\\x1b`).

    A heading `## \\x1b]0;owned\\x07` used to retitle the reader's terminal, and
    text reaching a CI log raw could be read as a workflow command.
    """
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text
    )


def log_line(line: str) -> str:
    """A line that GitHub Actions cannot take for a workflow command: none starts with `::`."""
    return "./" + line if line.startswith("::") else line


def render(name: str, results: Sequence[FileResult], options: ReportOptions) -> str:
    return "".join(render_chunks(name, results, options))


def render_chunks(name: str, results: Sequence[FileResult], options: ReportOptions) -> Iterable[str]:
    """The output in pieces, for writing as it is made: a reporter with `chunks` streams, the rest give one text."""
    module = importlib.import_module(f"lint.reporters.{FORMATS[name]}")
    chunks = getattr(module, "chunks", None)
    if chunks is not None:
        return chunks(results, options)
    return [module.render(results, options)]


ITEMS = "\ue000essaylint-items\ue000"  # where `json_chunks` puts the list; private use, never in output


def json_chunks(document: Any, items: Iterable[Any], nested: bool = False, last_newline: bool = True) -> Iterator[str]:
    """`document` as indented JSON, in pieces, with the ITEMS placeholder replaced by `items`, one per line.

    Dumping one dictionary of 30,000 findings at once (a 9 MB essay's JSON)
    took 140 MB for the tree of dicts and the encoder's pieces, and joining
    the text more copies of it. Items made one at a time and written as they
    come keep memory flat, and a line per finding reads well in a diff. With
    `nested`, each item is itself an iterator of JSON pieces (a file's entry
    and its findings), indented to its place.
    """
    head = _json.dumps(document, indent=2, ensure_ascii=False)
    placeholder = _json.dumps(ITEMS, ensure_ascii=False)
    at = head.index(placeholder)
    line = head[head.rfind("\n", 0, at) + 1 : at]
    inner = "\n" + " " * (len(line) - len(line.lstrip(" ")) + 2)
    yield head[:at]
    empty = True
    for item in items:
        yield ("[" if empty else ",") + inner
        empty = False
        if nested:
            for piece in item:
                yield piece.replace("\n", inner)
        else:
            yield _json.dumps(item, ensure_ascii=False)
    yield "[]" if empty else inner[:-2] + "]"
    yield head[at + len(placeholder) :] + ("\n" if last_newline else "")


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """ "1 error", "2 errors", "679,803 words": the number with thousands separators, the noun agreeing."""
    return f"{n:,} {noun if n == 1 else (plural or noun + 's')}"


def one_decimal(value: Any) -> Any:
    """A score as the report shows it: one decimal ("17.0" beside "18.0", not "17" beside "18.04")."""
    return round(float(value), 1) if isinstance(value, int | float) and not isinstance(value, bool) else value


def formatted(value: Any) -> str:
    """A number as a reader sees it: a count with thousands separated, a score with one decimal."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    return f"{value:,}" if isinstance(value, int) else f"{one_decimal(value):,}"


def summary(results: Sequence[FileResult]) -> dict[str, Any]:
    from lint.result import count_levels

    findings = [f for r in results for f in r.findings]
    categories: dict[str, int] = {}
    for finding in findings:
        categories[finding.category] = categories.get(finding.category, 0) + 1
    return {
        "files": len(results),
        "files_with_findings": sum(1 for r in results if r.findings),
        "skipped": sum(1 for r in results if r.skipped),
        "findings": len(findings),
        "by_level": count_levels(findings),
        "by_category": dict(sorted(categories.items())),
    }
