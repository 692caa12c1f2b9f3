"""Rule kinds: each `Check` subclass with its own `kind` is what a YAML rule `extends`.

A check receives its rule's validated options and a Document, and yields
Findings. It never prints, reads files or knows the output format; that keeps
every kind usable from the CLI, the cache, worker processes and Dask alike.
Kinds are imported lazily so that `essaylint --help` does not pay for
textstat or symspell.
"""

from __future__ import annotations

import importlib
import re
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

import regex

from lint.document import Document
from lint.finding import Finding, Fix, Level
from lint.options import Option

# The modules that define rule kinds. Each `Check` subclass that sets its own `kind` is that
# kind: a new rule class registers itself, and a family module (structure, encoding,
# spelling) holds one small class per rule.
KIND_MODULES = (
    "existence",
    "substitution",
    "occurrence",
    "repetition",
    "consistency",
    "capitalization",
    "conditional",
    "metric",
    "encoding",
    "structure",
    "readability",
    "spelling",
    "confusable",
    "claims",
    "languagetool",
)


SCOPES = (
    "document",
    "text",
    "raw",
    "section",
    "heading",
    "heading.h1",
    "heading.h2",
    "heading.h3",
    "heading.h4",
    "heading.h5",
    "heading.h6",
    "paragraph",
    "sentence",
    "list",
    "blockquote",
    "table",
)

REGEX_TIMEOUT = 1.0  # seconds one regex may spend on one scope of one file, plus REGEX_TIMEOUT_PER_MB
REGEX_TIMEOUT_PER_MB = 3.0  # a large text takes honest work; catastrophic backtracking blows any budget


class RuleTimeout(Exception):
    """A rule's regex ran past REGEX_TIMEOUT; the engine reports it once per file."""


class _Kinds(Mapping[str, "type[Check]"]):
    """kind name -> its Check class, read from KIND_MODULES the first time a kind is asked for.

    Lazy, so `essaylint --help` imports no rule kind (nor textstat behind them).
    """

    def __init__(self) -> None:
        self._found: dict[str, type[Check]] | None = None

    def _table(self) -> dict[str, type[Check]]:
        if self._found is None:
            found: dict[str, type[Check]] = {}
            for name in KIND_MODULES:
                module = importlib.import_module(f"lint.checks.{name}")
                for value in vars(module).values():
                    if (
                        isinstance(value, type)
                        and issubclass(value, Check)
                        and value.__module__ == module.__name__
                        and value.__dict__.get("kind")
                    ):
                        if value.kind in found and found[value.kind] is not value:
                            raise TypeError(f"kind {value.kind!r} is defined twice: {found[value.kind]} and {value}")
                        found[value.kind] = value
            self._found = found
        return self._found

    def __getitem__(self, kind: str) -> type[Check]:
        return self._table()[kind]

    def __iter__(self) -> Iterator[str]:
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())


KINDS: Mapping[str, type[Check]] = _Kinds()


def check_class(kind: str) -> type[Check]:
    return KINDS[kind]


def _timed(method: Any, text: str) -> bool:
    """A vocabulary pattern's answer within a second; a pattern slower than that accepts nothing."""
    try:
        return method(text, timeout=1.0) is not None
    except TimeoutError:
        return False


@dataclass
class Context:
    """What a check may know beyond its own options: project-wide settings."""

    vocabulary_accept: frozenset[str] = frozenset()
    vocabulary_reject: frozenset[str] = frozenset()
    language: str = "en"
    settings: dict[str, Any] = field(default_factory=dict)
    # A Vale vocabulary's accepted terms, as Vale reads them: regexes, case as written.
    vale_accept: tuple[str, ...] = ()
    # External services' answers kept between runs (lint/answers.AnswerStore), owned by the engine.
    answers: Any = None
    # The external services themselves (lint/services.Services): connections the engine owns.
    services: Any = None
    # The claims review ledger (lint/claims_ledger.Ledger), read by the engine before each file, or
    # the LedgerError it raised; None: no ledger is consulted. Checks read no files themselves.
    ledger: Any = None

    def __post_init__(self) -> None:
        self._accept_lower = frozenset(w.lower() for w in self.vocabulary_accept)
        self.vocabulary_reject = frozenset(w.lower() for w in self.vocabulary_reject)
        terms = "|".join(f"(?:{t})" for t in self.vale_accept)
        self._vale_whole = regex.compile(terms) if terms else None
        self._vale_within = regex.compile(rf"\b(?:{terms})\b") if terms else None

    def accepts(self, word: str) -> bool:
        """Vocabulary words are accepted whatever their case, as a spell checker's user dictionary is."""
        if self._vale_whole is not None and _timed(self._vale_whole.fullmatch, word):
            return True
        return word.lower().replace("’", "'") in self._accept_lower

    def vale_accepted(self, found: str) -> bool:
        """Whether an accepted term stands in `found` as a whole word: Vale's vocabulary exception."""
        return self._vale_within is not None and _timed(self._vale_within.search, found)


@dataclass
class Rule:
    """A loaded, validated YAML rule."""

    id: str
    kind: str
    category: str
    level: Level
    message: str
    scope: tuple[str, ...]
    path: str
    options: dict[str, Any]
    link: str = ""
    description: str = ""
    enabled: bool = True
    # Texts the rule must flag ("flagged") and must leave alone ("ok"); tests/test_rule_examples.py runs them.
    examples: dict[str, list[str]] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    # The check built while validating this rule, reused so patterns are compiled once.
    validated: Any = field(default=None, compare=False, repr=False)


class _KeepMissing(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def format_message(template: str, values: dict[str, Any]) -> str:
    """`str.format_map` that leaves unknown placeholders as they were written."""
    try:
        return template.format_map(_KeepMissing(values))
    except (ValueError, IndexError, AttributeError, KeyError):
        return template


def segments(doc: Document, scope: str) -> list[tuple[int, int]]:
    """Offset ranges a scope covers; searched in doc.prose, or doc.text for `raw`."""
    if scope == "raw":
        return [(0, len(doc.text))]
    if scope == "document":
        return [(0, len(doc.prose))]
    if scope == "text":
        return [(b.start, b.end) for b in doc.prose_blocks]
    if scope == "sentence":
        return [(s.start, s.end) for s in doc.sentences]
    if scope == "section":
        return [(s.start, s.end) for s in doc.sections]
    if scope.startswith("heading"):
        level = int(scope[-1]) if scope != "heading" else 0
        return [(b.start, b.end) for b in doc.headings if not level or b.level == level]
    blocks = doc.prose_blocks
    if scope == "paragraph":
        return [(b.start, b.end) for b in blocks if b.kind == "paragraph" and not b.in_list]
    if scope == "list":
        return [(b.start, b.end) for b in blocks if b.kind == "paragraph" and b.in_list]
    if scope == "blockquote":
        return [(b.start, b.end) for b in blocks if b.kind == "paragraph" and b.in_quote]
    if scope == "table":
        return [(b.start, b.end) for b in blocks if b.kind == "table"]
    raise ValueError(f"unknown scope {scope!r}")


class Check:
    """Base class of a rule kind.

    Subclasses set `kind`, `options` (their own keys), `example` (a complete
    YAML rule) and a class docstring, which `essaylint explain` shows.
    """

    kind: ClassVar[str] = ""
    options: ClassVar[tuple[Option, ...]] = ()
    default_scope: ClassVar[str] = "text"
    allowed_scopes: ClassVar[tuple[str, ...]] = SCOPES
    example: ClassVar[str] = ""

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.setup(rule.options)

    def setup(self, options: dict[str, Any]) -> None:
        """Precompute from validated options (compile patterns, build automata)."""

    def check(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        """The rule's findings; a check that must tell the user something else yields a `Notice` (lint.result)."""
        raise NotImplementedError

    # -- helpers for subclasses ------------------------------------------------------------
    def text_for(self, doc: Document, scope: str) -> str:
        return doc.text if scope == "raw" else doc.prose

    def scoped(self, doc: Document) -> Iterator[tuple[str, str, int, int]]:
        """(scope, searchable text, start, end) for each segment of each of the rule's scopes."""
        for scope in self.rule.scope:
            text = self.text_for(doc, scope)
            for start, end in segments(doc, scope):
                yield scope, text, start, end

    # The time a rule's regexes may still spend on the current file: set by the engine
    # before each file (`start_file`), shared by every segment and every match call, so
    # 400 sentences do not get 400 budgets.
    deadline: float = float("inf")

    def prepare(self) -> None:
        """Load, or on a machine's first run build, the data the rule reads (word tables, a model).

        The engine calls it before a very large essay's structures exist, so
        that building the data and holding the essay do not add up; other
        runs load the data when it is first needed.
        """

    def start_file(self, doc: Document) -> None:
        self.deadline = time.monotonic() + REGEX_TIMEOUT + REGEX_TIMEOUT_PER_MB * len(doc.text) / 1_000_000

    def _remaining(self) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise RuleTimeout(self.rule.id)
        return min(left, 1e6)

    def finditer(self, pattern: regex.Pattern[str] | re.Pattern[str], text: str, start: int, end: int) -> Iterator[Any]:
        if not isinstance(pattern, regex.Pattern | re.Pattern):
            yield from pattern.finditer(text, start, end)  # a word-list lookup (checks/_patterns.py): linear
            return
        if isinstance(pattern, regex.Pattern):
            try:
                yield from pattern.finditer(text, start, end, timeout=self._remaining())
            except TimeoutError:
                raise RuleTimeout(self.rule.id) from None
        else:
            yield from pattern.finditer(text, start, end)

    def regex_match(self, pattern: regex.Pattern[str], text: str, how: str = "search") -> Any:
        """`search`, `match` or `fullmatch` of a user's pattern within the file's budget (RuleTimeout past it)."""
        try:
            return getattr(pattern, how)(text, timeout=self._remaining())
        except TimeoutError:
            raise RuleTimeout(self.rule.id) from None

    def finding(
        self,
        doc: Document,
        start: int,
        end: int,
        values: dict[str, Any] | None = None,
        *,
        message: str | None = None,
        suggestions: Iterable[str] = (),
        fix: Fix | None = None,
        level: Level | None = None,
        data: dict[str, Any] | None = None,
    ) -> Finding:
        line, column = doc.position(start)
        end_line, end_column = doc.position(max(end, start))
        text = format_message(message if message is not None else self.rule.message, values or {})
        return Finding(
            rule=self.rule.id,
            category=self.rule.category,
            level=level if level is not None else self.rule.level,
            path=doc.path,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            message=text,
            suggestions=tuple(suggestions),
            fix=fix,
            offset=start,
            end_offset=max(end, start),
            data=data or {},
            byte_column=doc.byte_column(start),
            end_byte_column=doc.byte_column(max(end, start)),
        )


def match_case(template: str, replacement: str) -> str:
    """Give `replacement` the capitalisation pattern of `template` (for swaps and fixes)."""
    if template.isupper() and len(template) > 1:
        return replacement.upper()
    if template[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement
