"""`essaylint server`: the Language Server Protocol over stdio, for editors (built on pygls).

What an editor gets: diagnostics as the writer types (debounced, from the
buffer, not the file on disk) and on save, with the project's config, rules,
vocabulary and claims ledger found from the document's folder; quick fixes
(safe ones preferred, unsafe ones marked), "fix all safe problems", "disable
this rule for this line" and, for a claim, "mark as verified / disputed /
needs source" written to the ledger as `essaylint claims mark` writes it;
the rule's explanation on hover. A change to a config, rule, vocabulary or
ledger file reloads them; a broken one is shown once and the last good rules
stay in use.

Positions are in the encoding the client and pygls agree on (UTF-16 unless
the client offers UTF-8 or UTF-32), counted on LSP's lines (ended by LF,
CRLF or CR only: U+2028 or U+0085 end no line for an editor).
"""

from __future__ import annotations

import asyncio
import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls import uris
from pygls.lsp.server import LanguageServer
from pygls.workspace import TextDocument

from lint import __version__
from lint.engine import Linter
from lint.finding import Finding
from lint.result import FileResult

DEBOUNCE_S = 0.015  # after the last change; a 3 KB essay lints in about 15 ms once warm (benchmarks/lsp_latency.py)
MARK_CLAIM = "essaylint.markClaim"
FIX_ALL = lsp.CodeActionKind.SourceFixAll + ".essaylint"
SEVERITY = {
    "error": lsp.DiagnosticSeverity.Error,
    "warning": lsp.DiagnosticSeverity.Warning,
    "suggestion": lsp.DiagnosticSeverity.Information,
}
CLAIM_STATES = (("verified", "verified"), ("disputed", "disputed"), ("needs-source", "needs a source"))
# Files whose change can change findings: configs, rule files, vocabularies, the claims ledger.
WATCHED = ("**/.essaylint.yaml", "**/.essaylint.yml", "**/essaylint.yaml", "**/*.yaml", "**/*.yml", "**/*.txt")
_LINE_END = re.compile(r"\r\n|\r|\n")


class Lines:
    """Offsets in the text (code points) to LSP positions and back, in the negotiated code units."""

    def __init__(self, text: str, document: TextDocument) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in _LINE_END.finditer(text)]
        self.codec = document.position_codec

    def position(self, offset: int) -> lsp.Position:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        return lsp.Position(line=line, character=self.codec.client_num_units(self.text[start:offset]))

    def range(self, start: int, end: int) -> lsp.Range:
        return lsp.Range(start=self.position(start), end=self.position(end))

    def offset(self, position: lsp.Position) -> int:
        if position.line >= len(self.starts):
            return len(self.text)
        start = self.starts[position.line]
        end = self.starts[position.line + 1] if position.line + 1 < len(self.starts) else len(self.text)
        units = 0
        for index in range(start, end):
            if units >= position.character:
                return index
            units += self.codec.client_num_units(self.text[index])
        return end


@dataclass
class Linted:
    """The last lint of an open document: the text it was of, its findings and how to place them."""

    version: int | None
    text: str
    lines: Lines
    result: FileResult
    linter: Linter
    path: Path
    diagnostics: list[lsp.Diagnostic] = field(default_factory=list)


class EssaylintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("essaylint", __version__)
        self.linters: dict[str, Linter] = {}  # by config file (or folder without one)
        self.broken: dict[str, str] = {}  # config key -> the error last shown for it
        self.linted: dict[str, Linted] = {}  # by document URI
        self.pending: dict[str, asyncio.TimerHandle] = {}

    # -- configuration -----------------------------------------------------------------
    def linter_for(self, path: Path) -> Linter | None:
        """The linter of the project `path` is in: loaded once, kept until a watched file changes."""
        from lint.config import ConfigError, find_config, load_config
        from lint.ruleset import RuleLoadError
        from lint.yamlio import YamlError

        folder = path.parent
        config_file = find_config(folder)
        key = str(config_file) if config_file else str(folder)
        linter = self.linters.get(key)
        if linter is not None and key not in self.broken:
            return linter
        try:
            fresh = Linter(load_config(start=folder))
            fresh.load()
        except (ConfigError, RuleLoadError, YamlError, OSError) as exc:
            message = f"essaylint: {exc}"
            if self.broken.get(key) != message:
                self.broken[key] = message
                keeping = " (the last good rules stay in use)" if linter is not None else ""
                self.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Error, message=message + keeping))
            return linter
        self.broken.pop(key, None)
        self.linters[key] = fresh
        return fresh

    def reload(self) -> None:
        """Configs, rules or the ledger changed: load them again (keeping each last good linter) and re-lint."""
        from lint import claims_ledger

        claims_ledger._CACHE.clear()
        self.broken = dict.fromkeys(self.linters, "")  # every key is looked at again
        for uri in list(self.linted):
            self.lint_now(uri)

    # -- linting -----------------------------------------------------------------------
    def lint_now(self, uri: str) -> Linted | None:
        document = self.workspace.get_text_document(uri)
        fs_path = uris.to_fs_path(uri)
        if fs_path is None:
            return None
        path = Path(fs_path)
        linter = self.linter_for(path)
        if linter is None:
            self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
            return None
        text = document.source
        result = linter.lint_text(str(path), text, linter.config.relative(path))
        lines = Lines(text, document)
        linted = Linted(document.version, text, lines, result, linter, path)
        linted.diagnostics = [diagnostic(linter, lines, f, index) for index, f in enumerate(result.findings)]
        self.linted[uri] = linted
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, version=document.version, diagnostics=linted.diagnostics)
        )
        return linted

    def lint_soon(self, uri: str) -> None:
        """Lint once typing pauses: each change restarts the wait."""
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        loop = asyncio.get_running_loop()
        self.pending[uri] = loop.call_later(DEBOUNCE_S, self._lint_pending, uri)

    def _lint_pending(self, uri: str) -> None:
        self.pending.pop(uri, None)
        if uri in self.workspace.text_documents:
            self.lint_now(uri)

    def current(self, uri: str) -> Linted | None:
        """The lint of the document as it is now (linted again if a change has not been linted yet)."""
        linted = self.linted.get(uri)
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return linted
        if linted is None or linted.text != document.source:
            waiting = self.pending.pop(uri, None)
            if waiting is not None:
                waiting.cancel()
            linted = self.lint_now(uri)
        return linted


def rule_link(linter: Linter, rule_id: str) -> str | None:
    rule = next((r for r in linter.rules if r.id == rule_id), None)
    if rule is None:
        return None
    if rule.link:
        return rule.link
    path = Path(rule.path)
    path = path if path.is_absolute() else linter.config.root / path
    return path.resolve().as_uri() if path.exists() else None


def diagnostic(linter: Linter, lines: Lines, finding: Finding, index: int) -> lsp.Diagnostic:
    link = rule_link(linter, finding.rule)
    message = finding.message
    if finding.suggestions:
        message += f" (suggestions: {', '.join(finding.suggestions)})"
    return lsp.Diagnostic(
        range=lines.range(finding.offset, finding.end_offset),
        message=message,
        severity=SEVERITY.get(finding.level.label, lsp.DiagnosticSeverity.Information),
        code=finding.rule,
        code_description=lsp.CodeDescription(href=link) if link else None,
        source="essaylint",
        data={"index": index, "fingerprint": finding.fingerprint},
    )


def code_actions(server: EssaylintServer, uri: str, linted: Linted, wanted: lsp.Range) -> list[lsp.CodeAction]:
    actions: list[lsp.CodeAction] = []
    start, end = linted.lines.offset(wanted.start), linted.lines.offset(wanted.end)
    for index, finding in enumerate(linted.result.findings):
        if not (finding.offset <= end and start <= max(finding.end_offset, finding.offset)):
            continue
        diag = [linted.diagnostics[index]]
        if finding.fix is not None:
            edits = [lsp.TextEdit(range=linted.lines.range(e.start, e.end), new_text=e.text) for e in finding.fix.edits]
            actions.append(
                lsp.CodeAction(
                    title=f"Fix: {finding.fix.description}"
                    + ("" if finding.fix.safe else " (unsafe: check the result)"),
                    kind=lsp.CodeActionKind.QuickFix,
                    diagnostics=diag,
                    is_preferred=finding.fix.safe,
                    edit=lsp.WorkspaceEdit(changes={uri: edits}),
                )
            )
        actions.append(disable_for_line(uri, linted, finding, diag))
        data = finding.data or {}
        if "claim_id" in data:
            for status, words in CLAIM_STATES:
                actions.append(
                    lsp.CodeAction(
                        title=f"Claim: mark as {words}",
                        kind=lsp.CodeActionKind.QuickFix,
                        diagnostics=diag,
                        command=lsp.Command(
                            title=f"Mark claim as {words}",
                            command=MARK_CLAIM,
                            arguments=[uri, data["claim_id"], data.get("sentence", ""), status],
                        ),
                    )
                )
    fix_all = fix_all_action(uri, linted)
    if fix_all is not None:
        actions.append(fix_all)
    return actions


def disable_for_line(uri: str, linted: Linted, finding: Finding, diag: list[lsp.Diagnostic]) -> lsp.CodeAction:
    """Our suppression comment at the end of the finding's first line: inline HTML, so no block is split."""
    line = finding.line - 1
    starts = linted.lines.starts
    end = starts[line + 1] if line + 1 < len(starts) else len(linted.text)
    text = linted.text[starts[line] : end] if line < len(starts) else ""
    end -= len(text) - len(text.rstrip("\r\n"))
    at = linted.lines.position(end)
    comment = f" <!-- essaylint-disable-line {finding.rule} -->"
    return lsp.CodeAction(
        title=f"Disable {finding.rule} for this line",
        kind=lsp.CodeActionKind.QuickFix,
        diagnostics=diag,
        edit=lsp.WorkspaceEdit(changes={uri: [lsp.TextEdit(range=lsp.Range(start=at, end=at), new_text=comment)]}),
    )


def fix_all_action(uri: str, linted: Linted) -> lsp.CodeAction | None:
    """Every safe fix of the last lint, applied in one pass.

    Editors ask for code actions at each cursor move; linting the fixed text
    again (as `--fix` does until nothing changes) would cost a whole lint
    each time. A fix that only appears after another is offered on the next
    lint.
    """
    from lint.fixes import apply_edits, fixable

    todo = fixable(linted.result.findings, unsafe=False)
    if not todo:
        return None
    fixed, applied = apply_edits(linted.text, todo)
    if not applied or fixed == linted.text:
        return None
    whole = linted.lines.range(0, len(linted.text))
    return lsp.CodeAction(
        title=f"Fix all safe problems in this file ({applied})",
        kind=FIX_ALL,
        edit=lsp.WorkspaceEdit(changes={uri: [lsp.TextEdit(range=whole, new_text=fixed)]}),
    )


def hover_text(linted: Linted, offset: int) -> str | None:
    from lint.explain import explain

    found = [f for f in linted.result.findings if f.offset <= offset <= max(f.end_offset, f.offset + 1)]
    if not found:
        return None
    parts = []
    for rule_id in dict.fromkeys(f.rule for f in found):
        messages = [f.message for f in found if f.rule == rule_id]
        try:
            explanation = explain(linted.linter, rule_id)
        except LookupError:
            explanation = ""
        part = f"**{rule_id}**: " + " / ".join(dict.fromkeys(messages))
        if explanation:
            part += "\n\n```text\n" + explanation + "\n```"
        parts.append(part)
    return "\n\n---\n\n".join(parts)


def mark_claim(server: EssaylintServer, arguments: list[Any]) -> str:
    """Write the claim's review to the project's ledger, as `essaylint claims mark` does; returns a note."""
    from lint.claims_ledger import LedgerError, mark

    uri, claim_id, sentence, status = [*arguments, "", "", "", ""][:4]
    linted = server.current(uri)
    if linted is None:
        raise LedgerError(f"{uri}: not an open essaylint document")
    relpath = linted.linter.config.relative(linted.path)
    entry = mark(
        linted.linter.config.ledger_path, {"claim_id": claim_id, "file": relpath, "sentence": sentence}, status
    )
    server.reload()
    return f"claim {entry.id} {entry.status} (recorded in {linted.linter.config.ledger_path})"


def build_server() -> EssaylintServer:
    server = EssaylintServer()

    @server.feature(lsp.INITIALIZED)
    def initialized(ls: EssaylintServer, params: lsp.InitializedParams) -> None:
        caps = ls.client_capabilities
        dynamic = caps.workspace and caps.workspace.did_change_watched_files
        if dynamic and dynamic.dynamic_registration:
            ls.client_register_capability(
                lsp.RegistrationParams(
                    registrations=[
                        lsp.Registration(
                            id="essaylint-watch",
                            method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                            register_options=lsp.DidChangeWatchedFilesRegistrationOptions(
                                watchers=[lsp.FileSystemWatcher(glob_pattern=g) for g in WATCHED]
                            ),
                        )
                    ]
                )
            )

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: EssaylintServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.lint_now(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: EssaylintServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.lint_soon(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: EssaylintServer, params: lsp.DidSaveTextDocumentParams) -> None:
        ls.lint_now(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: EssaylintServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.linted.pop(uri, None)
        waiting = ls.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_changed(ls: EssaylintServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        ls.reload()

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL]),
    )
    def code_action(ls: EssaylintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        linted = ls.current(params.text_document.uri)
        if linted is None:
            return []
        actions = code_actions(ls, params.text_document.uri, linted, params.range)
        only = params.context.only
        if only:
            actions = [a for a in actions if a.kind and any(a.kind.startswith(k) for k in only)]
        return actions

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: EssaylintServer, params: lsp.HoverParams) -> lsp.Hover | None:
        linted = ls.current(params.text_document.uri)
        if linted is None:
            return None
        text = hover_text(linted, linted.lines.offset(params.position))
        if text is None:
            return None
        return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text))

    @server.command(MARK_CLAIM)
    def mark_claim_command(ls: EssaylintServer, *arguments: Any) -> str:
        from lint.claims_ledger import LedgerError

        args = list(arguments[0]) if len(arguments) == 1 and isinstance(arguments[0], list) else list(arguments)
        try:
            note = mark_claim(ls, args)
        except LedgerError as exc:
            ls.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Error, message=f"essaylint: {exc}"))
            return str(exc)
        ls.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Info, message=f"essaylint: {note}"))
        return note

    return server


def serve() -> None:
    build_server().start_io()
