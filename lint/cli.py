"""The `essaylint` command line.

Exit codes (as ruff and markdownlint-cli2): 0 nothing at or above
`--fail-on`, 1 findings at or above it, 2 usage, config, rule or path errors.
Heavy modules are imported inside the commands that need them, so
`essaylint --help` starts fast.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from lint import __version__
from lint.files import read_regular

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    """A one-line error for the user; exit 2."""


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config", type=Path, help="config file (default: .essaylint.yaml or [tool.essaylint] found upwards)"
    )
    parser.add_argument(
        "--select", action="append", metavar="RULES", help="only these rule ids or prefixes (comma-separated)"
    )
    parser.add_argument(
        "--ignore", action="append", metavar="RULES", help="skip these rule ids or prefixes (comma-separated)"
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks for internal errors")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="essaylint",
        description="A content-quality linter for essays and articles written in Markdown.",
    )
    parser.add_argument("--version", action="version", version=f"essaylint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="check essays and print findings")
    check.add_argument("paths", nargs="*", default=["."], help="files or folders (default: .); - reads standard input")
    check.add_argument(
        "--stdin-filename",
        metavar="PATH",
        help="with -: the path the text stands for (config lookup, per-glob overrides, the ledger, output)",
    )
    _add_common(check)
    check.add_argument(
        "--format", default="text", help="text, json, sarif, github, junit, rdjson, gitlab, markdown, line (Vale's)"
    )
    check.add_argument("--output", "-o", type=Path, help="write the report to FILE instead of stdout")
    check.add_argument(
        "--fail-on",
        default="error",
        choices=["error", "warning", "suggestion"],
        help="lowest level that makes the exit status 1 (default: error)",
    )
    check.add_argument(
        "--min-level",
        default="suggestion",
        choices=["error", "warning", "suggestion"],
        help="report only findings at or above this level (GitHub shows 10 annotations per level and step)",
    )
    check.add_argument("--quiet", "-q", action="store_true", help="print only findings, no summary when clean")
    check.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    check.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff: also apply unsafe fixes")
    check.add_argument("--diff", action="store_true", help="show the fixes as a diff; write nothing")
    check.add_argument(
        "--strict", action="store_true", help="exit 2, checking nothing, when a Vale rule cannot run (skipped)"
    )
    check.add_argument(
        "--follow-symlinks",
        action="store_true",
        help="with --fix: also write through links to files outside the project",
    )
    check.add_argument("--jobs", "-j", type=int, default=0, help="worker processes (default: CPU count)")
    check.add_argument(
        "--enable", action="append", metavar="RULES", help="also run these rules (including off-by-default ones)"
    )
    check.add_argument("--no-cache", action="store_true", help="do not read or write .essaylint_cache/")
    check.add_argument(
        "--engine", choices=["local", "dask"], default="local", help="local processes (default) or a Dask cluster"
    )
    check.add_argument("--scheduler", metavar="ADDRESS", help="with --engine dask: a scheduler such as tcp://host:8786")
    check.add_argument("--languagetool", action="store_true", help="also run grammar.languagetool (needs a server)")
    check.add_argument("--require-languagetool", action="store_true", help="exit 2 when LanguageTool is unavailable")
    check.add_argument(
        "--input-format",
        choices=["files", "jsonl", "parquet"],
        default="files",
        help="lint records of a dataset instead of files; output is JSON lines",
    )
    check.add_argument("--text-field", default="text", help="with --input-format: the field holding the essay")
    check.add_argument("--id-field", default=None, help="with --input-format: the field identifying a record")
    check.add_argument(
        "--max-warnings", type=int, default=None, metavar="N", help="also fail with more than N warnings"
    )
    check.add_argument("--baseline", type=Path, metavar="FILE", help="report only findings not in this baseline")
    check.add_argument("--write-baseline", type=Path, metavar="FILE", help="write the findings as a baseline; exit 0")
    check.add_argument(
        "--changed-since", metavar="GIT_REF", help="only files changed since this git ref (and untracked)"
    )

    rules = sub.add_parser("rules", help="list the loaded rules")
    _add_common(rules)
    rules.add_argument("--all", action="store_true", help="include rules that are off by default")

    stats = sub.add_parser("stats", help="readability metrics per essay, to sort a corpus by difficulty")
    stats.add_argument("paths", nargs="*", default=["."], help="files or folders (default: .)")
    stats.add_argument("--format", default="text", choices=["text", "csv", "json"], help="text, csv or json")
    stats.add_argument("--sort", default="", help="sort by a column, e.g. flesch_kincaid_grade")
    stats.add_argument("--reverse", action="store_true", help="with --sort: highest first")
    stats.add_argument("--output", "-o", type=Path, help="write to FILE instead of stdout")
    stats.add_argument("--config", type=Path, help="config file")

    report = sub.add_parser("report", help="an editorial review report: one self-contained HTML page, or Markdown")
    report.add_argument("paths", nargs="*", default=["."], help="files or folders (default: .)")
    report.add_argument("--output", "-o", type=Path, help="write to FILE (default: stdout)")
    report.add_argument("--format", default="html", choices=["html", "markdown"])
    report.add_argument("--title", default="essaylint review report")
    report.add_argument("--jobs", "-j", type=int, default=0, help="worker processes (default: CPU count)")
    report.add_argument("--enable", action="append", metavar="RULES", help="also run these rules")
    _add_common(report)

    claims = sub.add_parser("claims", help="list factual claims with their review state, or record a review")
    claims_sub = claims.add_subparsers(dest="claims_command", metavar="ACTION")
    claims_list = claims_sub.add_parser(
        "list", help="every claim with its state: new, verified, disputed, needs-source, changed, stale"
    )
    claims_list.add_argument("paths", nargs="*", default=["."], help="files or folders (default: .)")
    claims_list.add_argument("--format", default="text", choices=["text", "csv", "json"])
    claims_list.add_argument("--state", action="append", help="only claims in this state (repeatable)")
    claims_list.add_argument("--output", "-o", type=Path, help="write to FILE instead of stdout")
    _add_common(claims_list)
    claims_mark = claims_sub.add_parser("mark", help="record a review of a claim in the ledger")
    claims_mark.add_argument("id", help="the claim id (from `essaylint claims list` or a finding)")
    claims_mark.add_argument("--status", required=True, choices=["verified", "disputed", "needs-source"])
    claims_mark.add_argument("--source", default="", help="URL or citation that settles it")
    claims_mark.add_argument("--note", default="", help="a note for the next editor")
    claims_mark.add_argument("--reviewer", default="", help="who reviewed it (default: $USER)")
    claims_mark.add_argument("--paths", nargs="*", default=["."], help="where to find the claim (default: .)")
    _add_common(claims_mark)

    lt = sub.add_parser(
        "languagetool", help="LanguageTool integration: `status` says what is configured and if it answers"
    )
    lt_sub = lt.add_subparsers(dest="lt_command", metavar="ACTION")
    lt_status = lt_sub.add_parser("status", help="what is configured and whether it answers")
    _add_common(lt_status)

    explain = sub.add_parser("explain", help="show a rule's (or a kind's) description, keys and an example")
    explain.add_argument("rule", help="a rule id such as structure.single-title, or a kind such as existence")
    _add_common(explain)

    server = sub.add_parser(
        "server", help="a Language Server Protocol server over stdio, for editors (pip install 'essaylint[lsp]')"
    )
    server.add_argument("--stdio", action="store_true", help="talk over standard input and output (the default)")
    server.add_argument("--debug", action="store_true", help="show tracebacks")
    return parser


def _split(values: Sequence[str] | None) -> list[str]:
    return [v.strip() for item in values or [] for v in item.split(",") if v.strip()]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    if getattr(args, "debug", False):
        os.environ["ESSAYLINT_DEBUG"] = "1"
    try:
        handler = {
            "check": cmd_check,
            "rules": cmd_rules,
            "explain": cmd_explain,
            "stats": cmd_stats,
            "claims": cmd_claims,
            "report": cmd_report,
            "languagetool": cmd_languagetool,
            "server": cmd_server,
        }[args.command]
        return handler(args)
    except UsageError as exc:
        print(f"essaylint: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug must not dump a traceback on users; --debug shows it
        if getattr(args, "debug", False):
            raise
        print(
            f"essaylint: internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)",
            file=sys.stderr,
        )
        return EXIT_ERROR


class _RulesById(Mapping[str, Any]):
    """The selected rules by id, loaded only when a reporter asks (text output never does)."""

    def __init__(self, linter: Any) -> None:
        self._linter = linter
        self._rules: dict[str, Any] | None = None

    def _all(self) -> dict[str, Any]:
        if self._rules is None:
            self._rules = {r.id: r for r in self._linter.rules}
        return self._rules

    def __getitem__(self, rule_id: str) -> Any:
        return self._all()[rule_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


@contextmanager
def _setup_errors() -> Iterator[None]:
    """A broken config or rule is the user's to fix: one line and exit 2, wherever it is met.

    With the result cache, rules load lazily, at the first file the cache
    misses or when a reporter describes them, not only when the linter is built.
    """
    from lint.config import ConfigError
    from lint.ruleset import RuleLoadError
    from lint.yamlio import YamlError

    try:
        yield
    except (ConfigError, RuleLoadError, YamlError) as exc:
        raise UsageError(str(exc)) from None


def _linter(args: argparse.Namespace):  # -> Linter
    from lint.config import load_config
    from lint.engine import Linter, Selection

    stdin_name = getattr(args, "stdin_filename", None)
    start = Path(stdin_name).resolve().parent if stdin_name else None
    with _setup_errors():
        config = load_config(args.config, start=start)
        selection = Selection(
            select=_split(args.select) or None,
            ignore=_split(args.ignore),
            extend_select=_split(getattr(args, "enable", None))
            + (
                ["grammar.languagetool"]
                if getattr(args, "languagetool", False) or getattr(args, "require_languagetool", False)
                else []
            ),
            metrics=getattr(args, "format", "") == "json" or args.command == "report",
            use_cache=args.command == "check"
            and getattr(args, "paths", None) != ["-"]
            and not getattr(args, "no_cache", True)
            and not getattr(args, "fix", False),
        )
        # A cached check loads its rules only for files the cache cannot answer.
        return Linter(config, selection, lazy=selection.use_cache)


def _collect(paths: Sequence[str], config) -> tuple[list[tuple[Path, str]], int]:  # config: Config
    """Files under the given paths; a path that cannot be linted is reported, the rest still collected."""
    from lint.engine import PathError, collect_files

    files: list[tuple[Path, str]] = []
    status = EXIT_OK
    for given in paths:
        try:
            files.extend(collect_files([given], config))
        except PathError as exc:
            print(f"essaylint: {exc}", file=sys.stderr)
            status = EXIT_ERROR
    return files, status


def _emit(text: str | Iterable[str], output: Path | None, stream: TextIO) -> None:
    """Write a report, or its pieces as they are made (reporters.render_chunks), to the stream or a file."""
    pieces = [text] if isinstance(text, str) else text
    if output is None:
        for piece in pieces:
            stream.write(piece)
        stream.flush()
        return
    from lint.files import atomic_text

    try:
        with atomic_text(output) as handle:
            for piece in pieces:
                handle.write(piece)
    except OSError as exc:
        raise UsageError(f"{output}: cannot write report: {exc.strerror or exc}") from None


def progress(total: int | None, unit: str, stream: TextIO = sys.stderr) -> Any:
    """A tqdm bar on a terminal, shown once a run has taken a second; never in CI or when piped."""
    from lint.files import in_ci

    if not stream.isatty() or in_ci():
        return None
    try:
        from tqdm import tqdm
    except ImportError:
        return None
    return tqdm(total=total, unit=unit, file=stream, dynamic_ncols=True, delay=1.0, leave=False)


def _linted(results: Iterator[Any], total: int) -> list[Any]:
    """The run's results, with a progress bar of files where `progress` shows one."""
    bar = progress(total, "file") if total > 1 else None
    if bar is None:
        return list(results)
    collected = []
    try:
        for result in results:
            collected.append(result)
            bar.update()
    finally:
        bar.close()
    return collected


def _workers(args: argparse.Namespace, jobs: int) -> Any:
    """`--jobs`, `--engine` and `--scheduler` as the engine's `Workers`."""
    from lint.engine import Workers

    if args.scheduler and args.engine != "dask":
        raise UsageError("--scheduler: only with --engine dask")
    return Workers(jobs, dask=args.engine == "dask", scheduler=args.scheduler)


def cmd_check(args: argparse.Namespace) -> int:
    from lint.engine import WorkersUnavailable, run
    from lint.finding import Level
    from lint.reporters import FORMATS, render_chunks, terminal_safe

    if args.input_format != "files":
        return _check_dataset(args)
    if args.format not in FORMATS:
        raise UsageError(f"--format: unknown format {args.format!r} (one of: {', '.join(FORMATS)})")
    if "-" in args.paths and args.paths != ["-"]:
        raise UsageError("-: standard input is checked alone (give no other paths)")
    if args.stdin_filename and args.paths != ["-"]:
        raise UsageError("--stdin-filename: only with - (standard input)")
    linter = _linter(args)
    if args.strict:
        with _setup_errors():
            linter.load()
        if linter.skipped_rules:
            count = len(linter.skipped_rules)
            raise UsageError(f"--strict: {count} Vale rule{'s' if count != 1 else ''} cannot run (named above)")
    if args.paths == ["-"]:
        return _check_stdin(args, linter)
    files, status = _collect(args.paths, linter.config)
    if args.changed_since:
        changed = _changed_files(args.changed_since)
        files = [(p, d) for p, d in files if p.resolve() in changed]
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    with _setup_errors():
        if not files:
            linter.load()  # nothing to lint: still report a broken rule
        try:
            results = _linted(run(linter, files, workers=_workers(args, jobs)), len(files))
        except WorkersUnavailable as exc:
            raise UsageError(str(exc)) from None
    if args.fix or args.diff:
        results = _apply_fixes(linter, files, results, args)
    from lint.baseline import BaselineError, apply_baseline, load_baseline, write_baseline

    try:
        if args.write_baseline:
            count = write_baseline(args.write_baseline, results)
            print(f"essaylint: wrote {count} findings to the baseline {args.write_baseline}", file=sys.stderr)
            return status
        if args.baseline:
            results = apply_baseline(results, load_baseline(args.baseline))
    except BaselineError as exc:
        raise UsageError(str(exc)) from None
    from lint.result import unavailable

    seen_notices: set[str] = set()
    for result in results:
        for notice in result.notices:
            if notice not in seen_notices:  # one line per distinct notice, not one per file
                seen_notices.add(notice)
                print(f"essaylint: {terminal_safe(notice)}", file=sys.stderr)
    if args.require_languagetool and unavailable(seen_notices):
        print("essaylint: --require-languagetool: LanguageTool is unavailable", file=sys.stderr)
        status = EXIT_ERROR
    results = _shown(results, args.min_level)
    color = args.output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    options = _report_options(args, linter, color)
    with _setup_errors():
        # With --diff, standard output is the patch alone (`essaylint check --diff | patch -p1`);
        # the findings go to standard error unless -o names a file for them.
        stream = sys.stderr if args.diff else sys.stdout
        _emit(render_chunks(args.format, results, options), args.output, stream)
    fail_on = Level.parse(args.fail_on)
    if status == EXIT_OK and any(f.level >= fail_on for r in results for f in r.findings):
        status = EXIT_FINDINGS
    if status == EXIT_OK and args.max_warnings is not None:
        warnings = sum(1 for r in results for f in r.findings if f.level == Level.WARNING)
        if warnings > args.max_warnings:
            print(f"essaylint: {warnings} warnings, more than --max-warnings {args.max_warnings}", file=sys.stderr)
            status = EXIT_FINDINGS
    return status


def _shown(results: list, min_level: str) -> list:  # list[FileResult]
    """The results with only findings at or above `--min-level`."""
    from dataclasses import replace

    from lint.finding import Level

    shown_from = Level.parse(min_level)
    if shown_from == Level.SUGGESTION:
        return results
    return [replace(r, findings=[f for f in r.findings if f.level >= shown_from]) for r in results]


def _report_options(args: argparse.Namespace, linter, color: bool):  # -> ReportOptions
    from lint.finding import Level
    from lint.reporters import ReportOptions

    return ReportOptions(
        color=color,
        quiet=args.quiet,
        rules=_RulesById(linter),
        version=__version__,
        root=str(linter.config.root),
        fail_on=Level.parse(args.fail_on),
    )


def _check_stdin(args: argparse.Namespace, linter) -> int:  # linter: Linter
    """One text from standard input, as an editor or a pipe gives it.

    `--fix` writes the fixed text to standard output (and the findings left
    to standard error), `--diff` the patch; otherwise the findings are
    reported as for a file, named by `--stdin-filename`.
    """
    from lint.finding import Level
    from lint.fixes import encode, fix_until_stable, fixable, unified_diff
    from lint.reporters import render

    display = args.stdin_filename or "<stdin>"
    relpath = linter.config.relative(Path(args.stdin_filename)) if args.stdin_filename else display
    raw = sys.stdin.buffer.read(linter.config.max_file_size + 1)
    if len(raw) > linter.config.max_file_size:
        raise UsageError(
            f"{display}: standard input is larger than max_file_size ({linter.config.max_file_size} bytes)"
        )
    with _setup_errors():
        result = linter.lint_bytes(display, raw, relpath)
    options = _report_options(args, linter, color=False)
    stream = sys.stdout
    if args.fix or args.diff:
        from lint.document import Document

        doc = Document(display, raw)
        text = doc.text
        if not doc.decode_errors:
            text, _applied, last = fix_until_stable(
                doc.text,
                lambda t: linter.lint_text(display, t, relpath),
                args.unsafe_fixes,
                todo=fixable(result.findings, args.unsafe_fixes),  # standard input is read once: of these bytes
            )
            result = last if last is not None else linter.lint_text(display, text, relpath)
        else:
            result.notices.append(f"{display}: not fixed: the text is not valid UTF-8; convert it first")
        if args.fix:
            sys.stdout.buffer.write(encode(text) if not doc.decode_errors else raw)
        else:
            sys.stdout.write(unified_diff(display, doc.text, text))
        sys.stdout.flush()
        stream = sys.stderr  # standard output is the text (or the patch) alone
    (result,) = _shown([result], args.min_level)
    for notice in result.notices:
        print(f"essaylint: {notice}", file=sys.stderr)
    with _setup_errors():
        _emit(render(args.format, [result], options), args.output, stream)
    return EXIT_FINDINGS if any(f.level >= Level.parse(args.fail_on) for f in result.findings) else EXIT_OK


def _check_dataset(args: argparse.Namespace) -> int:
    """JSONL or Parquet records in, one JSON line per record out, streaming."""

    from lint.datasets import DatasetError, lint_dataset, read_records
    from lint.engine import WorkersUnavailable
    from lint.finding import Level

    linter = _linter(args)
    fail_on = Level.parse(args.fail_on)
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    workers = _workers(args, jobs)
    from lint.files import atomic_text

    status = EXIT_OK
    count = 0
    with contextlib.ExitStack() as stack:
        out = sys.stdout if args.output is None else stack.enter_context(atomic_text(args.output))
        for given in args.paths:
            path = Path(given)
            if not path.is_file():
                print(f"essaylint: {given}: no such file", file=sys.stderr)
                status = EXIT_ERROR
                continue
            bar = progress(None, "essay")
            try:
                for record in lint_dataset(
                    linter, read_records(path, args.input_format, args.text_field, args.id_field), workers
                ):
                    out.write(_json_line(record))
                    count += 1
                    if "error" in record:
                        print(f"essaylint: {record['error']}", file=sys.stderr)
                        status = EXIT_ERROR
                        continue
                    if bar is not None:
                        bar.update()
                    if status == EXIT_OK and any(Level.parse(f["level"]) >= fail_on for f in record["findings"]):
                        status = EXIT_FINDINGS
            except DatasetError as exc:
                print(f"essaylint: {exc}", file=sys.stderr)
                status = EXIT_ERROR
            except WorkersUnavailable as exc:
                raise UsageError(str(exc)) from None
            finally:
                if bar is not None:
                    bar.close()
    if not args.quiet:
        print(f"essaylint: {count} records checked", file=sys.stderr)
    return status


def _json_line(record: dict[str, Any]) -> str:
    """One JSON line; text with a lone surrogate (from a record's bytes) is written \\u-escaped instead of failing."""
    import json

    line = json.dumps(record, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(record)
    # Characters that str.splitlines() and JavaScript take for line ends are written escaped,
    # so one record is always one line, whoever reads it.
    return line.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\x85", "\\u0085") + "\n"


def _changed_files(ref: str) -> set[Path]:
    """Files changed since `ref` (committed, staged or not) plus untracked ones, as resolved paths."""
    import subprocess

    def git(*cmd: str) -> list[str]:
        try:
            out = subprocess.run(["git", *cmd], capture_output=True, text=True, check=True)
        except (OSError, subprocess.CalledProcessError) as exc:
            detail = getattr(exc, "stderr", "") or str(exc)
            raise UsageError(
                f"--changed-since {ref}: git failed: {detail.strip().splitlines()[-1] if detail.strip() else exc}"
            ) from None
        return [line for line in out.stdout.splitlines() if line]

    top = Path(git("rev-parse", "--show-toplevel")[0])
    names = git("diff", "--name-only", "--diff-filter=ACMR", ref) + git("ls-files", "--others", "--exclude-standard")
    return {(top / name).resolve() for name in names}


def _apply_fixes(linter, files, results, args):  # -> list[FileResult]
    """Fix each file; `results` is consumed, each first result dropped while that file's fixes are linted."""
    return [_fix_file(linter, path, display, results, index, args) for index, (path, display) in enumerate(files)]


def _fix_file(linter, path: Path, display: str, results: list, index: int, args):  # -> FileResult
    import hashlib

    from lint.document import Document
    from lint.fixes import FixError, encode, fix_until_stable, fixable, unified_diff, write_atomic
    from lint.result import FileResult

    # The first result is taken out of the caller's list, so that only this frame holds it: the
    # caller's reference kept a 9 MB essay's 30,000 findings while its fixed text was linted.
    result, results[index] = results[index], None
    if result.skipped or not fixable(result.findings, args.unsafe_fixes):
        return result
    try:
        raw = read_regular(path, linter.config.max_file_size)
    except OSError as exc:
        result.notices.append(f"{display}: not fixed: {exc.strerror or exc}")
        return result
    digest = hashlib.sha256(raw).hexdigest()
    todo = None
    if result.content == digest:  # the file is as it was linted: reuse its fixes
        # Only the fixes are kept, before the text is decoded: a 9 MB essay's 30,000 findings took
        # memory while its fixed text was made and linted. Should writing fail, the file is linted
        # again for its findings.
        todo, result = fixable(result.findings, args.unsafe_fixes), None
    doc = Document(display, raw)
    if doc.decode_errors:
        found = result if result is not None else linter.lint_bytes(display, raw, linter.config.relative(path))
        found.notices.append(f"{display}: not fixed: the file is not valid UTF-8; convert it first")
        return found
    # The text is handed over in a list popped in the call, so that no frame here holds the original
    # while the fixed text is linted (for a 9 MB essay that copy was 36 MB of the peak), nor its
    # bytes: their digest stands for them until the file is written.
    texts, doc, raw = [doc.text], None, None
    relpath = linter.config.relative(path)
    text, applied, last = fix_until_stable(
        texts.pop(), lambda t: linter.lint_text(display, t, relpath), args.unsafe_fixes, todo=todo
    )
    data = encode(text)
    unchanged = hashlib.sha256(data).hexdigest() == digest

    def unfixed(notice: str | None = None):  # -> FileResult
        found = result
        if found is None:  # the first findings were dropped: the file is read and linted again
            try:
                found = linter.lint_bytes(display, read_regular(path, linter.config.max_file_size), relpath)
            except OSError as exc:
                found = FileResult(display, notices=[f"{display}: not fixed: {exc.strerror or exc}"])
        if notice:
            found.notices.append(notice)
        return found

    if not applied or unchanged:
        return last if last is not None and unchanged else unfixed()
    if args.diff:
        try:
            before = Document(display, read_regular(path, linter.config.max_file_size)).text
        except OSError as exc:
            return unfixed(f"{display}: no diff: {exc.strerror or exc}")
        sys.stdout.write(unified_diff(display, before, text))
        return unfixed()
    try:
        notes = write_atomic(path, data, digest, linter.config.root, args.follow_symlinks)
    except FixError as exc:
        return unfixed(str(exc))
    current = last if last is not None else linter.lint_text(display, text, relpath)
    current.notices.insert(0, f"{display}: fixed {applied} finding{'s' if applied != 1 else ''}")
    current.notices[1:1] = notes
    return current


def _stats_columns() -> tuple[str, ...]:
    """Grade first (what corpora are sorted by), then every other formula lint/metrics.py knows, then counts."""
    from lint.metrics import FORMULAS

    return (
        "flesch_kincaid_grade",
        *(f for f in FORMULAS if f != "flesch_kincaid_grade"),
        "words",
        "sentences",
        "reading_time_s",
    )


def cmd_stats(args: argparse.Namespace) -> int:
    import csv
    import io
    import json

    from lint.config import ConfigError, load_config
    from lint.document import Document
    from lint.engine import BINARY_SNIFF, PathError, collect_files
    from lint.metrics import document_metrics

    try:
        config = load_config(args.config)
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    columns = _stats_columns()
    status = EXIT_OK
    rows = []
    for given in args.paths:
        try:
            files = collect_files([given], config)
        except PathError as exc:
            print(f"essaylint: {exc}", file=sys.stderr)
            status = EXIT_ERROR
            continue
        for path, display in files:
            try:
                raw = read_regular(path, config.max_file_size)
            except OSError as exc:
                from lint.files import NotReadable
                from lint.reporters import terminal_safe

                print(f"essaylint: {terminal_safe(display)}: skipped: {exc.strerror or exc}", file=sys.stderr)
                if not isinstance(exc, NotReadable):  # a FIFO or device is skipped, as `check` skips it
                    status = EXIT_ERROR
                continue
            from lint.document import wide_encoding

            if b"\x00" in raw[:BINARY_SNIFF] and wide_encoding(raw) is None:
                print(f"essaylint: {display}: skipped: binary file (contains NUL bytes)", file=sys.stderr)
                continue
            metrics = document_metrics(Document(display, raw))
            rows.append({"path": display, **{c: metrics.get(c, 0) for c in columns}, "sections": metrics["sections"]})
    if args.sort:
        key = args.sort
        if key not in ("path", *columns):
            raise UsageError(f"--sort: unknown column {key!r} (one of: path, {', '.join(columns)})")
        rows.sort(key=lambda r: r[key], reverse=args.reverse)
    if args.format == "json":
        text = json.dumps({"version": 1, "files": rows}, indent=2, ensure_ascii=False) + "\n"
    elif args.format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["path", *columns])
        for row in rows:
            writer.writerow([row["path"], *(row[c] for c in columns)])
        text = buffer.getvalue()
    else:
        headers = ("path", "grade", "ease", "fog", "smog", "words", "sentences", "minutes")
        table = [headers] + [
            (
                row["path"],
                f"{row['flesch_kincaid_grade']:.1f}",
                f"{row['flesch_reading_ease']:.1f}",
                f"{row['gunning_fog']:.1f}",
                f"{row['smog_index']:.1f}",
                str(row["words"]),
                str(row["sentences"]),
                f"{row['reading_time_s'] / 60:.1f}",
            )
            for row in rows
        ]
        from lint.reporters import log_line, terminal_safe

        table = [(terminal_safe(r[0]), *r[1:]) for r in table]
        widths = [max(len(r[i]) for r in table) for i in range(len(headers))]
        lines = [
            log_line("  ".join(c.ljust(widths[i]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(r)))
            for r in table
        ]
        text = "\n".join(lines) + "\n"
    _emit(text, args.output, sys.stdout)
    return status


def cmd_languagetool(args: argparse.Namespace) -> int:
    from lint.checks.languagetool import status as lt_status

    if args.lt_command != "status":
        raise UsageError("languagetool: say `status`")
    linter = _linter(args)
    rule = next((r for r in linter.all_rules if r.kind == "languagetool"), None)
    if rule is None:
        raise UsageError("no rule of kind 'languagetool' is loaded")
    ok, lines = lt_status(rule.options)
    print(f"{rule.id} ({'on' if rule.id in {r.id for r in linter.rules} else 'off: enable it or use --languagetool'})")
    for line in lines:
        print(f"  {line}")
    return EXIT_OK if ok else EXIT_FINDINGS


def cmd_report(args: argparse.Namespace) -> int:
    from lint.claims_ledger import LedgerError, claims_in_findings, load_ledger
    from lint.document import Document
    from lint.engine import run
    from lint.report import EssayReport, html_chunks, render_markdown

    linter = _linter(args)
    try:
        load_ledger(linter.config.ledger_path)  # a broken ledger is one clear error, not one per essay
    except LedgerError as exc:
        raise UsageError(str(exc)) from None
    files, status = _collect(args.paths, linter.config)
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    results = _linted(run(linter, files, jobs=jobs), len(files))
    from lint.reporters import counted, terminal_safe

    essays = []
    for (path, display), result in zip(files, results, strict=True):
        for notice in result.notices:
            print(f"essaylint: {terminal_safe(notice)}", file=sys.stderr)
        try:
            text = Document(display, read_regular(path, linter.config.max_file_size)).text if not result.skipped else ""
        except OSError:
            text = ""
        essays.append(EssayReport(display, text, result, claims_in_findings(result.findings, display)))
    from lint.engine import release_memory

    release_memory()  # what linting freed goes back before the page is made (a 9 MB essay: 40 MB less)
    output = html_chunks(essays, args.title) if args.format == "html" else render_markdown(essays)
    _emit(output, args.output, sys.stdout)
    if args.output is not None:
        print(f"essaylint: wrote the report for {counted(len(essays), 'essay')} to {args.output}", file=sys.stderr)
    return status


def cmd_claims(args: argparse.Namespace) -> int:
    import csv
    import io
    import json
    from dataclasses import asdict

    from lint.claims_ledger import LedgerError, list_claims, load_ledger, mark
    from lint.engine import PathError, collect_files

    if args.claims_command is None:
        raise UsageError("claims: say `list` or `mark` (see essaylint claims --help)")
    linter = _linter(args)
    ledger_path = linter.config.ledger_path
    try:
        ledger = load_ledger(ledger_path)
    except LedgerError as exc:
        raise UsageError(str(exc)) from None
    paths = args.paths
    try:
        files = collect_files(paths, linter.config)
    except PathError as exc:
        raise UsageError(str(exc)) from None
    claims = list_claims(linter, files, ledger)
    if args.claims_command == "mark":
        candidates = [c for c in claims if c.claim_id.startswith(args.id) and c.state != "stale"]
        if len({c.claim_id for c in candidates}) != 1:
            raise UsageError(f"no single claim with id {args.id!r} in {', '.join(paths)} (see `essaylint claims list`)")
        files_with_it = sorted({c.relpath for c in candidates})
        if len(files_with_it) > 1:  # a review holds for one file: the same sentence elsewhere is reviewed apart
            raise UsageError(
                f"claim {candidates[0].claim_id} is in {len(files_with_it)} files ({', '.join(files_with_it[:3])}"
                f"{', ...' if len(files_with_it) > 3 else ''}): name one with --paths FILE"
            )
        match = candidates[0]
        try:
            entry = mark(
                ledger_path,
                {"claim_id": match.claim_id, "file": match.relpath or match.file, "sentence": match.sentence},
                args.status,
                args.source,
                args.note,
                args.reviewer,
            )
        except LedgerError as exc:
            raise UsageError(str(exc)) from None
        print(f"{entry.id} {entry.status}: {match.file}:{match.line} (recorded in {ledger_path})")
        return EXIT_OK
    if args.state:
        claims = [c for c in claims if c.state in args.state]
    if args.format == "json":
        text = (
            json.dumps(
                {"version": 1, "ledger": str(ledger_path), "claims": [asdict(c) for c in claims]},
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )
    elif args.format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["id", "state", "file", "line", "sentence", "signals", "source", "note"])
        for c in claims:
            writer.writerow([c.claim_id, c.state, c.file, c.line, c.sentence, c.signals, c.source, c.note])
        text = buffer.getvalue()
    else:
        from lint.reporters import terminal_safe

        lines = []
        for c in claims:
            where = f"{c.file}:{c.line}" if c.line else c.file
            lines.append(terminal_safe(f"{c.claim_id}  {c.state:<12} {where}"))
            lines.append(f"    {terminal_safe(c.sentence)}")
            detail = "; ".join(x for x in (c.signals, c.source and f"source: {c.source}", c.note) if x)
            if detail:
                lines.append(f"    ({terminal_safe(detail)})")
        counts: dict[str, int] = {}
        for c in claims:
            counts[c.state] = counts.get(c.state, 0) + 1
        lines.append(f"{len(claims)} claims: " + ", ".join(f"{n} {state}" for state, n in sorted(counts.items())))
        text = "\n".join(lines) + "\n"
    _emit(text, args.output, sys.stdout)
    return EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    linter = _linter(args)
    active = {r.id for r in linter.rules}
    shown = linter.all_rules if args.all else linter.rules
    rows = [("id", "kind", "level", "category", "description")]
    for rule in sorted(shown, key=lambda r: r.id):
        summary = (rule.description.strip().splitlines() or [""])[0]
        state = "" if rule.id in active else " (off)"
        rows.append((rule.id + state, rule.kind, rule.level.label, rule.category, summary))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4])
    return EXIT_OK


def cmd_server(args: argparse.Namespace) -> int:
    try:
        from lint.server import serve
    except ImportError as exc:
        raise UsageError(
            f"the language server needs pygls ({exc.name or exc} is missing): pip install 'essaylint[lsp]'"
        ) from None
    serve()
    return EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    from lint.explain import explain

    linter = _linter(args)
    try:
        print(explain(linter, args.rule))
    except LookupError as exc:
        raise UsageError(str(exc.args[0])) from None
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
