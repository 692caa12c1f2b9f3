"""Run the selected rules over documents.

The engine owns everything between "a path" and "a list of findings": which
files to read (extensions, .gitignore, exclude globs, size and binary
guards), which rules apply to each (select, ignore, per-file overrides,
levels), suppression comments, and containment: one bad file or one broken
rule becomes a finding or a notice, never a stopped run.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import re
import stat
import sys
import time
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lint.config import Config, default_rules_dir, glob_match, selector_matches
from lint.finding import Finding, Level, fingerprint
from lint.result import FileResult, Notice

if TYPE_CHECKING:
    from lint.checks import Check, Context, Rule
    from lint.document import Document

# The rule machinery (lint.checks, lint.ruleset, lint.document, the regex module) is imported
# where it is first used, not here: a run the result cache answers whole never needs it, and
# importing it was a tenth of such a run.

OVERRIDE_PATHS_KEPT = 10_000
SKIP_DIRS = frozenset(
    {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".essaylint_cache", ".tox"}
)
BINARY_SNIFF = 8192


@dataclass
class Selection:
    """Command-line choices layered over the config."""

    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    metrics: bool = False  # compute readability metrics for every file (JSON, stats, report)
    use_cache: bool = False  # read and write .essaylint_cache/


class Linter:
    """Loaded rules plus the config; lints one document at a time.

    `lazy`: load the rules when first needed rather than now. A run whose
    every file is answered by the result cache then never loads them (a
    third of a warm run's time); a broken rule still raises RuleLoadError,
    from the first lint instead of from here.
    """

    def __init__(self, config: Config, selection: Selection | None = None, lazy: bool = False) -> None:
        self.config = config
        self.selection = selection or Selection()
        self.folders = ([default_rules_dir()] if config.use_default_rules else []) + list(config.rule_dirs)
        self.vale_levels: dict[str, Level] = {}  # Vale rules loaded (lint/valeini.py), id -> level in the rule
        self.skipped_rules: list[str] = []  # a notice per Vale rule that cannot run
        if not lazy:
            self.load()
        self._override_cache: dict[str, tuple[frozenset[str], dict[str, Level]]] = {}
        self.cache = None
        if self.selection.use_cache:
            from lint.cache import Cache, rules_key

            self.cache = Cache(config.root, rules_key(self))

    def load(self) -> None:
        """Load, validate and select the rules (RuleLoadError on a broken one)."""
        _ = self.checks  # loads all_rules and rules on the way

    @cached_property
    def context(self) -> Context:
        """What every check may consult besides the document: vocabulary, stored answers, services, settings."""
        from lint.answers import AnswerStore
        from lint.checks import Context
        from lint.services import Services

        config = self.config
        return Context(
            vocabulary_accept=frozenset(config.vocabulary_accept),
            vocabulary_reject=frozenset(config.vocabulary_reject),
            vale_accept=tuple(config.vale.accept) if config.vale is not None else (),
            answers=AnswerStore(config.root / ".essaylint_cache"),
            services=Services(),
            language=config.language,
            settings={**config.settings, "ledger": str(config.ledger_path), "root": str(config.root)},
        )

    @cached_property
    def all_rules(self) -> list[Rule]:
        from lint.ruleset import load_rules

        rules = load_rules(self.folders, self.config.root, self.config.rule_options)
        vale = self.config.vale
        if vale is not None:
            from lint.ruleset import load_vale_rules

            vale_rules, notices = load_vale_rules(vale.styles_path, vale.styles(), self.config.root)
            self.skipped_rules = notices  # `check --strict` refuses to run with any
            taken = {r.id for r in rules}
            rules += [r for r in vale_rules if r.id not in taken]
            self.vale_levels = {r.id: r.level for r in vale_rules if r.id not in taken}
            for notice in [*vale.notices, *notices]:
                print(f"essaylint: {notice}", file=sys.stderr)
        return rules

    @cached_property
    def rules(self) -> list[Rule]:
        self._check_selectors(self.all_rules)
        return self._select(self.all_rules)

    def _check_selectors(self, rules: list[Rule]) -> None:
        """A rule id, prefix or category that matches no loaded rule is an error, not a silent no-op.

        `ignore: [spelin]` or `options: {claims.checkable-clam: ...}` used to
        pass, and the user believed a rule was off or tuned.
        """
        config, sel = self.config, self.selection
        where = str(config.path) if config.path else "config"
        named: list[tuple[str, str]] = []
        named += [(f"{where}: select", s) for s in config.select or []]
        named += [(f"{where}: ignore", s) for s in config.ignore]
        named += [(f"{where}: enable", s) for s in config.enable]
        named += [(f"{where}: levels", s) for s in config.levels]
        named += [(f"{where}: options", s) for s in config.rule_options]
        for i, override in enumerate(config.overrides):
            named += [(f"{where}: overrides.{i}.select", s) for s in override.select or []]
            named += [(f"{where}: overrides.{i}.ignore", s) for s in override.ignore]
            named += [(f"{where}: overrides.{i}.levels", s) for s in override.levels]
        named += [("--select", s) for s in sel.select or []]
        named += [("--ignore / --enable", s) for s in [*sel.ignore, *sel.extend_select]]
        ids = [r.id for r in rules]
        for place, selector in named:
            if not any(selector_matches(selector, r.id, r.category) for r in rules):
                import difflib

                close = difflib.get_close_matches(selector, [*ids, *{r.category for r in rules}], n=1)
                hint = f" (did you mean {close[0]}?)" if close else " (see `essaylint rules`)"
                from lint.ruleset import RuleLoadError

                raise RuleLoadError(f"{place}: {selector!r} matches no rule{hint}")

    @cached_property
    def checks(self) -> dict[str, Check]:
        from lint.ruleset import build_checks

        return build_checks(self.rules)

    # -- selection ---------------------------------------------------------------------
    def _select(self, rules: list[Rule]) -> list[Rule]:
        config, sel = self.config, self.selection
        select = sel.select if sel.select is not None else config.select
        explicit = set(config.enable) | set(select or []) | set(sel.extend_select)
        chosen = []
        for rule in rules:
            if not rule.enabled and rule.id not in explicit:
                continue
            if select is not None and not any(
                selector_matches(s, rule.id, rule.category) for s in [*select, *sel.extend_select]
            ):
                continue
            if any(selector_matches(s, rule.id, rule.category) for s in [*config.ignore, *sel.ignore]):
                continue
            level = config.levels.get(rule.id)
            chosen.append(replace(rule, level=level) if level is not None else rule)
        return chosen

    def _rules_for(self, relpath: str) -> tuple[frozenset[str], dict[str, Level]]:
        """Rule ids active for one file, and level overrides from matching `overrides`.

        Remembered per path only when the config has overrides, and then for
        at most OVERRIDE_PATHS_KEPT paths: a million-record dataset must not
        grow a million entries.
        """
        key = relpath if self.config.overrides or self.config.vale is not None else ""
        cached = self._override_cache.get(key)
        if cached is not None:
            return cached
        if len(self._override_cache) >= OVERRIDE_PATHS_KEPT:
            self._override_cache.clear()
        active = {r.id for r in self.rules}
        levels: dict[str, Level] = {}
        if self.vale_levels:
            # Vale's rules are on where .vale.ini's sections put them, at its levels.
            on, vale_levels = self.config.vale.rules_for(relpath, self.vale_levels)
            active -= set(self.vale_levels) - on
            levels.update(vale_levels)
        for override in self.config.overrides:
            if not glob_match(relpath, override.files):
                continue
            if override.select is not None:
                active = {
                    r.id for r in self.rules if any(selector_matches(s, r.id, r.category) for s in override.select)
                }
            active -= {r.id for r in self.rules if any(selector_matches(s, r.id, r.category) for s in override.ignore)}
            levels.update(override.levels)
        result = (frozenset(active), levels)
        self._override_cache[key] = result
        return result

    # -- linting -----------------------------------------------------------------------
    def lint_document(self, doc: Document, relpath: str | None = None) -> FileResult:
        if len(doc.text) < LARGE_DOCUMENT:
            return self._lint_document(doc, relpath, large=False)
        from lint import lexicon

        active, _levels = self._rules_for(relpath or doc.path)
        for rule in self.rules:
            if rule.id in active:
                self.checks[rule.id].prepare()  # data built before the essay's structures, not on top
        with lexicon.point_lookups():
            release_memory()
            return self._lint_document(doc, relpath, large=True)

    def _ledger(self) -> Any:
        """The claims ledger as it is on disk now (re-read only when it changed), or the error reading it."""
        from lint.claims_ledger import LedgerError, load_ledger

        try:
            return load_ledger(self.config.ledger_path)
        except LedgerError as exc:
            return exc

    def _vale_ignores(self, relpath: str) -> tuple[Any, ...]:
        """The compiled BlockIgnores and TokenIgnores of the Vale sections that match the file."""
        import regex

        patterns = tuple(self.config.vale.ignores_for(relpath))
        cache = self.__dict__.setdefault("_ignore_patterns", {})
        if patterns not in cache:
            cache[patterns] = tuple(regex.compile(p, regex.MULTILINE) for p in patterns)
        return cache[patterns]

    def _lint_document(self, doc: Document, relpath: str | None, large: bool) -> FileResult:
        from lint.checks import RuleTimeout
        from lint.suppress import parse_suppressions

        if relpath is not None:
            doc.relpath = relpath
        if self.config.vale is not None and "prose" not in doc.__dict__:
            doc.ignored = self._vale_ignores(relpath or doc.path)
        self.context.ledger = self._ledger()
        result = FileResult(doc.path)
        active, levels = self._rules_for(relpath or doc.path)
        findings: list[Finding] = []
        family = ""
        for rule in self.rules:
            if rule.id not in active:
                continue
            if large and rule.id.split(".")[0] != family:
                family = rule.id.split(".")[0]
                doc.forget()  # one family's derived data at a time: memory stays bounded
                release_memory()
            check = self.checks[rule.id]
            try:
                check.start_file(doc)
                produced = list(check.check(doc, self.context))
            except RuleTimeout:
                findings.append(
                    _engine_finding(
                        doc,
                        "essaylint.rule-timeout",
                        Level.ERROR,
                        f"rule {rule.id} ({rule.path}) took too long on this file (regex time limit) and was stopped",
                    )
                )
                continue
            except RecursionError:
                findings.append(
                    _engine_finding(
                        doc,
                        "essaylint.internal-error",
                        Level.ERROR,
                        f"rule {rule.id} could not check this file: nesting too deep",
                    )
                )
                continue
            except Exception as exc:  # a bug in one rule must not lose the other rules' findings
                detail = traceback.format_exc() if os.environ.get("ESSAYLINT_DEBUG") else f"{type(exc).__name__}: {exc}"
                findings.append(
                    _engine_finding(
                        doc, "essaylint.internal-error", Level.ERROR, f"rule {rule.id} failed on this file: {detail}"
                    )
                )
                continue
            # A check yields Findings, and a Notice where it must say something that is no finding
            # (a service it needs did not answer): no side channel.
            notices = [p for p in produced if isinstance(p, Notice)]
            if notices:
                result.notices.extend(notices)
                produced = [p for p in produced if not isinstance(p, Notice)]
            level = levels.get(rule.id)
            if level is not None:
                produced = [replace(f, level=level) for f in produced]
            findings.extend(produced)
        suppressions = parse_suppressions(doc)
        if suppressions:
            findings = [f for f in findings if not suppressions.suppresses(f)]
        findings.sort(key=Finding.sort_key)
        # Fingerprints name the file relative to the project root, not to the current folder, so
        # a baseline written at the root matches a run from a subfolder or from pre-commit.
        result.findings = _with_fingerprints(doc, findings, relpath or doc.path)
        if self.selection.metrics:
            from lint.metrics import document_metrics

            result.metrics = document_metrics(doc)
        return result

    def lint_bytes(self, display: str, raw: bytes, relpath: str | None = None) -> FileResult:
        from lint.document import wide_encoding

        if b"\x00" in raw[:BINARY_SNIFF] and wide_encoding(raw) is None:
            return FileResult(display, notices=[f"{display}: skipped: binary file (contains NUL bytes)"], skipped=True)
        from lint.document import Document

        result = self.lint_document(Document(display, raw), relpath)
        result.content = hashlib.sha256(raw).hexdigest()
        return result

    def lint_text(self, display: str, text: str, relpath: str | None = None) -> FileResult:
        """A fixed text linted as the file will hold it (UTF-8), without decoding a copy of it."""
        try:
            raw = text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: as the bytes will be written, decoded again
            return self.lint_bytes(display, text.encode("utf-8", "surrogatepass"), relpath)
        if b"\x00" in raw[:BINARY_SNIFF]:
            return self.lint_bytes(display, raw, relpath)
        content, raw = hashlib.sha256(raw).hexdigest(), b""  # the bytes go before the lint: 9 MB for a 9 MB essay
        from lint.document import Document

        result = self.lint_document(Document.of_text(display, text), relpath)
        result.content = content
        return result

    def cached(self, path: Path, display: str) -> FileResult | None:
        """The cached result for a file, if the cache has one for it as it is now (unread when its stamp matches)."""
        if self.cache is None:
            return None
        from lint.cache import settled_stamp
        from lint.files import read_regular

        try:
            now = time.time_ns()
            stamp = settled_stamp(path.stat(), now)
        except OSError:
            return None
        return self.cache.get(
            display, self.selection.metrics, stamp, lambda: read_regular(path, self.config.max_file_size)
        )

    def lint_path(self, path: Path, display: str) -> FileResult:
        from lint.cache import settled_stamp
        from lint.files import read_regular

        read: list[bytes] = []  # the file's bytes, read once: by the cache when its stamp differs, or here

        def raw() -> bytes:
            if not read:
                read.append(read_regular(path, self.config.max_file_size))  # no FIFO swapped in since the stat
            return read[0]

        try:
            now = time.time_ns()  # before the stat: a stamp vouches only for a file that had settled by then
            info = path.stat()
            if not stat.S_ISREG(info.st_mode):
                # A FIFO or device would block or never end; only regular files are essays.
                return FileResult(display, skipped=True, notices=[f"{display}: skipped: not a regular file"])
            size = info.st_size
            if size > self.config.max_file_size:
                return FileResult(
                    display,
                    skipped=True,
                    notices=[
                        f"{display}: skipped: {size} bytes is over the size limit ({self.config.max_file_size}; set max_file_size)"
                    ],
                )
            if self.cache is not None:
                cached = self.cache.get(display, self.selection.metrics, settled_stamp(info, now), raw)
                if cached is not None:
                    return cached
            data = raw()
        except OSError as exc:
            reason = exc.strerror or str(exc)
            result = FileResult(display, skipped=True)
            result.findings.append(
                Finding(
                    "essaylint.io-error", "encoding", Level.ERROR, display, 1, 1, 1, 1, f"cannot read file: {reason}"
                )
            )
            return result
        result = self.lint_bytes(display, data, self.config.relative(path))
        if self.cache is not None:
            self.cache.put(data, display, self.selection.metrics, result, settled_stamp(info, now))
        return result


def _with_fingerprints(doc: Document, findings: list[Finding], where: str) -> list[Finding]:
    seen: dict[tuple[str, str], int] = {}
    stamped = []
    for finding in findings:
        snippet = doc.text[finding.offset : finding.end_offset] or finding.message
        key = (finding.rule, " ".join(snippet.split()).casefold())
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        stamped.append(replace(finding, fingerprint=fingerprint(finding.rule, where, snippet, occurrence)))
    return stamped


def _engine_finding(doc: Document, rule: str, level: Level, message: str) -> Finding:
    return Finding(rule, "style", level, doc.path, 1, 1, 1, 1, message)


# -- file discovery ---------------------------------------------------------------------
class PathError(Exception):
    """A path given on the command line that cannot be linted (exit 2)."""


def _gitignore_spec(folder: Path) -> Any:
    ignore = folder / ".gitignore"
    if not ignore.is_file():
        return None
    import pathspec

    try:
        lines = ignore.read_text(encoding="utf-8", errors="replace").splitlines()
        return pathspec.GitIgnoreSpec.from_lines(simplified_gitignore(lines))
    except Exception:  # a malformed .gitignore should not stop linting
        return None


_STAR_RUN = re.compile(r"\*{2,}")
MAX_GITIGNORE_LINE = 1000


def simplified_gitignore(lines: list[str]) -> list[str]:
    """The same patterns with runs of stars written as git reads them, so matching stays linear.

    git gives "**" its meaning only as a whole path segment ("**/x", "a/**",
    "a/**/b"); any other run of stars is "*" ("************0" is "*0"). Some
    pathspec versions translate each star of a run to its own wildcard, whose
    backtracking took minutes on one file name. Lines over MAX_GITIGNORE_LINE
    characters are dropped: no real ignore rule is that long.
    """

    def collapse(match: re.Match[str]) -> str:
        text = match.string
        whole_segment = (
            match.group() == "**"
            and (match.start() == 0 or text[match.start() - 1] == "/")
            and (match.end() == len(text) or text[match.end()] == "/")
        )
        return "**" if whole_segment else "*"

    return [_STAR_RUN.sub(collapse, line) for line in lines if len(line) <= MAX_GITIGNORE_LINE]


def collect_files(paths: Sequence[str], config: Config) -> list[tuple[Path, str]]:
    """Files to lint, in a stable order: explicit files always; folders walked.

    Walking honours `.gitignore` files met on the way, `exclude` globs and
    the configured extensions, and does not follow symlinked folders, so a
    symlink loop cannot trap it.
    """
    found: list[tuple[Path, str]] = []
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        if not path.exists() and not path.is_symlink():
            raise PathError(f"{given}: no such file or folder")
        if path.is_file() or (path.exists() and not path.is_dir()):
            key = Path(os.path.realpath(path))
            if key not in seen:
                seen.add(key)
                found.append((path, _display(path)))
            continue
        if not path.is_dir():
            raise PathError(f"{given}: broken symbolic link")
        specs: list[tuple[Path, Any]] = []
        for folder, dirs, files in os.walk(path, followlinks=False):
            here = Path(folder)
            spec = _gitignore_spec(here)
            specs = [(base, s) for base, s in specs if base == here or base in here.parents]
            if spec is not None:
                specs.append((here, spec))

            def ignored(candidate: Path, is_dir: bool, specs: list[tuple[Path, Any]] = specs) -> bool:
                if config.exclude and glob_match(config.relative(candidate), config.exclude):
                    return True
                for base, s in specs:
                    sub = candidate.relative_to(base).as_posix() + ("/" if is_dir else "")
                    if s.match_file(sub):
                        return True
                return False

            dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not ignored(here / d, True))
            # Per folder, not per file: absolute path and displayed prefix (a corpus folder
            # holds thousands of essays).
            absolute_here = os.path.abspath(folder)
            shown_here = _display_folder(absolute_here)
            filter_files = bool(config.exclude or specs)
            for name in sorted(files):
                candidate = here / name
                if candidate.suffix.lower() not in config.extensions or (filter_files and ignored(candidate, False)):
                    continue
                key = Path(absolute_here, name)  # walks do not follow links: abspath is unique
                if key in seen:
                    continue
                seen.add(key)
                found.append((candidate, _shown_in(shown_here, candidate, name)))
    return found


def _shown_in(folder: str | None, candidate: Path, name: str) -> str:
    shown = str(candidate) if folder is None else name if folder == "." else f"{folder}/{name}"
    return printable_path(shown)


def printable_path(shown: str) -> str:
    """A file name that is not UTF-8 shown with its bad bytes escaped (`bad\\xff.md`), as `ls -b` does.

    Python hands such names over with lone surrogates, which no output
    format can encode: one bad name used to stop the whole run.
    """
    try:
        shown.encode("utf-8")
    except UnicodeEncodeError:
        return shown.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return shown


def _display_folder(absolute: str) -> str | None:
    """How files in this folder are shown (computed once per folder while walking).

    Its path relative to the current folder ("." for the current folder
    itself), or None when it is outside it (files are shown as given).
    """
    cwd = os.getcwd()
    if absolute == cwd:
        return "."
    if absolute.startswith(cwd + os.sep):
        return Path(os.path.relpath(absolute, cwd)).as_posix()
    return None


def _display(path: Path) -> str:
    """The path as shown in findings: relative to the current folder when inside it."""
    folder, name = os.path.split(os.path.abspath(path))
    return _shown_in(_display_folder(folder), path, name)


# -- running ----------------------------------------------------------------------------
BATCH_GC_THRESHOLD = 50_000
# Characters from which an essay's rule families run one after another with their derived data
# dropped in between (Document.forget): a 9 MB essay then peaks under 300 MB.
LARGE_DOCUMENT = 1_000_000


def release_memory() -> None:
    """Collect cycles and give freed heap back: between stages that each need a lot (lint, then report).

    textstat's caches and the suggestion index go too: they kept a 9 MB
    essay's readability word lists and 33 MB of index through the families
    after. (The per-word syllable counts stay: counting 200,000 distinct
    words again took 17 s for 5 MB.)
    """
    if "textstat" in sys.modules:
        from lint.metrics import clear_textstat_caches

        clear_textstat_caches()
    if "lint.lexicon" in sys.modules:
        from lint.lexicon import release_suggestions

        release_suggestions()
    gc.collect()
    _trim_heap()


def _trim_heap() -> None:
    """Give memory freed by one rule family back to the system before the next (glibc only).

    Without it a 9 MB essay's freed readability data stayed in the heap's
    free lists, and the spelling family's allocations came on top of it.
    """
    import ctypes

    with suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


# Files in a run from which the word tables load whole at their first question (lexicon.many_documents):
# in runs over realtext every table had loaded whole by its 193rd file anyway.
MANY_DOCUMENTS = 200


@contextmanager
def batch_gc() -> Iterator[None]:
    """Run the cycle collector rarely, and never over what was loaded before the batch.

    Linting makes few reference cycles, but each document allocates enough
    to trigger collections, and every full collection walks everything alive:
    the loaded word data and rules and the results gathered so far. On 2,000
    essays in one process that was 40% of the run (12.7 s against 7.8 s with
    the collector off). Objects alive at the start are frozen (left out of
    collections) and collections start after 50,000 new objects instead of 700.
    """
    old = gc.get_threshold()
    worker_gc()
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()


_WORKER: Linter | None = None


_WORKERS: dict[int, Linter] = {}


def linter_in_worker(config: Config, selection: Selection) -> Linter:
    """The worker process's linter for this config and selection, built once: a Dask worker
    (lint/distributed.py) may serve runs of several configs, and takes no initializer."""
    key = hash((repr(config.__dict__), repr(selection)))
    linter = _WORKERS.get(key)
    if linter is None:
        linter = _WORKERS[key] = Linter(config, selection)
    return linter


def become_worker(config: Config, selection: Selection) -> None:
    """Set up this process as a worker of `worker_pool` (a spawned pool's initializer; each Dask task)."""
    global _WORKER
    linter = linter_in_worker(config, selection)
    if linter is not _WORKER:
        _WORKER = linter
        worker_gc()


def _adopt_worker(linter: Linter) -> None:
    """A forked worker takes the parent's loaded linter as it is: no rule is loaded twice."""
    global _WORKER
    _WORKER = linter
    worker_gc()


def worker_gc() -> None:
    """The batch settings of the collector; a worker lives for one batch, so it keeps them."""
    gc.freeze()
    gc.set_threshold(BATCH_GC_THRESHOLD, *gc.get_threshold()[1:])


def _work(item: tuple[Path, str]) -> FileResult:
    assert _WORKER is not None
    return _WORKER.lint_path(*item)


def run(
    linter: Linter, files: list[tuple[Path, str]], jobs: int = 1, workers: Workers | None = None
) -> Iterator[FileResult]:
    """Lint files, in input order whatever the number of workers.

    With a cache, hits are answered here and only misses go to the workers:
    starting a process pool costs more than reading a thousand cached results.
    """
    from lint import lexicon

    workers = workers or Workers(jobs)
    with batch_gc(), lexicon.many_documents(len(files) >= MANY_DOCUMENTS):
        if linter.cache is not None and workers.parallel(len(files)):
            found: list[FileResult | None] = [linter.cached(path, display) for path, display in files]
            misses = [item for item, hit in zip(files, found, strict=True) if hit is None]
            fresh = _run_all(linter, misses, workers)
            for hit in found:
                yield hit if hit is not None else next(fresh)
            return
        yield from _run_all(linter, files, workers)


def _run_all(linter: Linter, files: list[tuple[Path, str]], workers: Workers) -> Iterator[FileResult]:
    if not workers.parallel(len(files)):
        for path, display in files:
            yield linter.lint_path(path, display)
        return
    if workers.dask:  # a worker may run on another machine: it opens the file by its absolute path
        files = [(path.resolve(), display) for path, display in files]
    # Largest files first, in batches: the last batches handed out are the smallest, so no worker
    # is left with a long essay while the others wait (realtext's Gutenberg essays run to 100 KB).
    chunk = max(1, min(16, len(files) // (workers.jobs * 8)))
    order = sorted(range(len(files)), key=lambda i: -_size(files[i][0]))
    batches = [order[k : k + chunk] for k in range(0, len(order), chunk)]
    place = {index: (number, position) for number, batch in enumerate(batches) for position, index in enumerate(batch)}
    with worker_pool(linter, workers) as pool:
        futures = [pool.submit(_work_batch, [files[i] for i in batch]) for batch in batches]
        for index in range(len(files)):  # in input order
            number, position = place[index]
            yield futures[number].result()[position]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _work_batch(items: list[tuple[Path, str]]) -> list[FileResult]:
    return [_work(item) for item in items]


class WorkersUnavailable(Exception):
    """The workers asked for cannot be had (Dask not installed, its scheduler not reachable)."""


@dataclass(frozen=True)
class Workers:
    """Where the work runs: `jobs` local processes, or a Dask cluster (`--engine dask`).

    Both are one executor to the code that hands out work (`worker_pool`):
    files here and dataset records in lint/datasets.py go the same way.
    """

    jobs: int = 1
    dask: bool = False
    scheduler: str | None = None  # with dask: an existing cluster's address; else a local cluster

    def parallel(self, items: int) -> bool:
        """Worth more than one process: a pool costs more to start than a few essays cost to lint."""
        return items > 0 and (self.dask or (self.jobs > 1 and items >= 2 * self.jobs))


@contextlib.contextmanager
def worker_pool(linter: Linter, workers: Workers | int) -> Iterator[Any]:
    """The one pool of workers (files here, dataset records in lint/datasets.py), each with the linter.

    A forked worker takes the parent's loaded linter as it is, so no rule is
    loaded twice; a spawned one, or a Dask worker, builds its own from the
    config. Either way the pool is a `concurrent.futures` executor.
    """
    if isinstance(workers, int):
        workers = Workers(workers)
    linter.load()  # here, once: a broken rule is reported by this process, not by every worker
    if workers.dask:
        from lint.distributed import dask_pool

        with dask_pool(linter.config, linter.selection, workers.jobs, workers.scheduler) as pool:
            yield pool
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor  # only when workers are needed: 50 ms of imports

    if multiprocessing.get_start_method() == "fork":
        setup: tuple[Any, tuple[Any, ...]] = (_adopt_worker, (linter,))
    else:
        setup = (become_worker, (linter.config, linter.selection))
    with ProcessPoolExecutor(workers.jobs, initializer=setup[0], initargs=setup[1]) as pool:
        yield pool


def worker_linter() -> Linter:
    """The linter of this worker process (set up by `worker_pool`)."""
    assert _WORKER is not None
    return _WORKER
