"""The language server started as a subprocess and driven over stdio by pygls' own LSP client, as an editor would."""

from __future__ import annotations

import ast
import asyncio
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls")

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

from tests.conftest import ROOT, run_cli

MOJIBAKE = "😀 Café: it is the Nation\u00e2\u20ac\u2122s day. The corporation with allies grew.\n"
ESSAY = "# A title\n\nThe essay opens here. " + MOJIBAKE


class Session:
    """One server process and a client that records what the server publishes and shows."""

    def __init__(self, encodings: list[str] | None = None) -> None:
        self.client = LanguageClient("essaylint-test", "1")
        self.encodings = encodings
        self.diagnostics: dict[str, asyncio.Queue] = {}
        self.messages: list[str] = []
        self.registrations: list[lsp.Registration] = []

        @self.client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: lsp.PublishDiagnosticsParams) -> None:
            self.queue(params.uri).put_nowait(params.diagnostics)

        @self.client.feature(lsp.WINDOW_SHOW_MESSAGE)
        def shown(params: lsp.ShowMessageParams) -> None:
            self.messages.append(params.message)

        @self.client.feature(lsp.CLIENT_REGISTER_CAPABILITY)
        def register(params: lsp.RegistrationParams) -> None:
            self.registrations.extend(params.registrations)

    def queue(self, uri: str) -> asyncio.Queue:
        return self.diagnostics.setdefault(uri, asyncio.Queue())

    async def start(self, folder: Path) -> lsp.InitializeResult:
        await self.client.start_io(sys.executable, "-m", "lint", "server", cwd=str(ROOT))
        capabilities = lsp.ClientCapabilities(
            general=lsp.GeneralClientCapabilities(position_encodings=self.encodings) if self.encodings else None,
            workspace=lsp.WorkspaceClientCapabilities(
                did_change_watched_files=lsp.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True)
            ),
        )
        result = await self.client.initialize_async(
            lsp.InitializeParams(capabilities=capabilities, root_uri=folder.as_uri(), process_id=None)
        )
        self.client.initialized(lsp.InitializedParams())
        return result

    async def next_diagnostics(self, uri: str) -> list[lsp.Diagnostic]:
        return await asyncio.wait_for(self.queue(uri).get(), timeout=120)

    def open(self, path: Path, text: str) -> str:
        uri = path.as_uri()
        item = lsp.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
        self.client.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=item))
        return uri

    def change(self, uri: str, version: int, text: str) -> None:
        self.client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )

    async def actions(self, uri: str, rng: lsp.Range) -> list[lsp.CodeAction]:
        found = await self.client.text_document_code_action_async(
            lsp.CodeActionParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri),
                range=rng,
                context=lsp.CodeActionContext(diagnostics=[]),
            )
        )
        actions = []
        for item in found or []:
            if isinstance(item, lsp.Command) and item.command.startswith("{"):
                # pygls' client reads a CodeAction that has a command as a bare Command (both have `title`
                # and `command`) and keeps the command as text; an editor reads the JSON as sent.
                inner = ast.literal_eval(item.command)
                command = lsp.Command(title=inner["title"], command=inner["command"], arguments=inner["arguments"])
                item = lsp.CodeAction(title=item.title, kind=lsp.CodeActionKind.QuickFix, command=command)
            if isinstance(item, lsp.CodeAction):
                actions.append(item)
        return actions

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()


def run(coroutine):
    return asyncio.run(asyncio.wait_for(coroutine, timeout=240))


def utf16_column(line: str, index: int) -> int:
    return len(line[:index].encode("utf-16-le")) // 2


def apply(text: str, edits: list[lsp.TextEdit]) -> str:
    """Apply LSP edits (UTF-16 positions) the way an editor does."""
    lines = text.split("\n")

    def offset(pos: lsp.Position) -> int:
        before = sum(len(line) + 1 for line in lines[: pos.line])
        line = lines[pos.line] if pos.line < len(lines) else ""
        units = 0
        for index, char in enumerate(line):
            if units >= pos.character:
                return before + index
            units += len(char.encode("utf-16-le")) // 2
        return before + len(line)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


def test_diagnostics_fixes_hover_and_shutdown_over_stdio(tmp_path):
    essay = tmp_path / "essay.md"
    essay.write_text("# Old text on disk\n", encoding="utf-8")  # the buffer, not the file, is what is linted

    async def scenario():
        session = Session()
        result = await session.start(tmp_path)
        assert result.capabilities.position_encoding in (None, lsp.PositionEncodingKind.Utf16)
        uri = session.open(essay, ESSAY)
        diagnostics = await session.next_diagnostics(uri)
        by_rule = {d.code: d for d in diagnostics}
        assert "encoding.mojibake" in by_rule, [d.code for d in diagnostics]
        mojibake = by_rule["encoding.mojibake"]
        line = ESSAY.split("\n")[2]
        start = line.index("Nation")
        assert mojibake.range.start == lsp.Position(line=2, character=utf16_column(line, start))
        assert utf16_column(line, start) == start + 1  # the emoji before it is two UTF-16 code units
        assert mojibake.severity == lsp.DiagnosticSeverity.Error
        assert mojibake.code_description is not None and mojibake.code_description.href.endswith("mojibake.yaml")

        # The same findings as `essaylint check` on the same text.
        (tmp_path / "same.md").write_text(ESSAY, encoding="utf-8")
        cli = run_cli("check", str(tmp_path / "same.md"), "--no-cache", "--format", "json")
        import json

        expected = sorted((f["rule"], f["line"]) for f in json.loads(cli.stdout)["files"][0]["findings"])
        assert sorted((d.code, d.range.start.line + 1) for d in diagnostics) == expected

        # Code actions: the safe fix, disabling the rule for the line, fix all.
        actions = await session.actions(uri, mojibake.range)
        titles = [a.title for a in actions]
        fix = next(a for a in actions if a.title.startswith("Fix: repair"))
        assert fix.is_preferred and fix.kind == lsp.CodeActionKind.QuickFix
        fixed = apply(ESSAY, fix.edit.changes[uri])
        assert "Nation\u2019s day" in fixed and "😀" in fixed
        assert "Disable encoding.mojibake for this line" in titles
        assert any(a.kind == lsp.CodeActionKind.SourceFixAll + ".essaylint" for a in actions)

        disable = next(a for a in actions if a.title == "Disable encoding.mojibake for this line")
        silenced = apply(ESSAY, disable.edit.changes[uri])
        assert silenced.split("\n")[2].endswith("<!-- essaylint-disable-line encoding.mojibake -->")
        session.change(uri, 2, silenced)
        after = await session.next_diagnostics(uri)
        assert "encoding.mojibake" not in {d.code for d in after}

        # Hover on a finding: the rule's explanation.
        session.change(uri, 3, ESSAY)
        await session.next_diagnostics(uri)
        hover = await session.client.text_document_hover_async(
            lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=mojibake.range.start)
        )
        assert hover is not None and "encoding.mojibake" in hover.contents.value
        assert "defined in" in hover.contents.value
        assert session.registrations and session.registrations[0].method == lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES
        await session.stop()

    run(scenario())


def test_a_claim_is_marked_in_the_ledger_from_a_code_action(tmp_path):
    (tmp_path / ".essaylint.yaml").write_text("claims:\n  ledger: claims.yaml\n", encoding="utf-8")
    essay = tmp_path / "claims.md"
    text = "# Title\n\nIn 1969, Neil Armstrong walked on the Moon with 600 million people watching.\n"
    essay.write_text(text, encoding="utf-8")

    async def scenario():
        session = Session()
        await session.start(tmp_path)
        uri = session.open(essay, text)
        diagnostics = await session.next_diagnostics(uri)
        claim = next(d for d in diagnostics if d.code == "claims.checkable-claim")
        actions = await session.actions(uri, claim.range)
        verified = next(a for a in actions if a.title == "Claim: mark as verified")
        note = await session.client.workspace_execute_command_async(
            lsp.ExecuteCommandParams(command=verified.command.command, arguments=verified.command.arguments)
        )
        assert "verified" in note
        again = await session.next_diagnostics(uri)
        assert "claims.checkable-claim" not in {d.code for d in again}
        await session.stop()

    run(scenario())
    ledger = (tmp_path / "claims.yaml").read_text(encoding="utf-8")
    assert "verified" in ledger and "claims.md" in ledger
    listed = run_cli("claims", "list", str(essay), "--format", "json", cwd=tmp_path)
    assert '"verified"' in listed.stdout


def test_a_broken_rule_file_is_shown_once_and_the_last_good_rules_stay(tmp_path):
    rules = tmp_path / "house"
    rules.mkdir()
    (rules / "banned.yaml").write_text(
        "extends: existence\nmessage: \"Avoid '{match}'.\"\nlevel: warning\ntokens: [utilize]\n", encoding="utf-8"
    )
    (tmp_path / ".essaylint.yaml").write_text("rules: [house]\n", encoding="utf-8")
    essay = tmp_path / "e.md"
    text = "# Title\n\nÀ café: we utilize the tools.\n"

    async def scenario():
        session = Session(encodings=[lsp.PositionEncodingKind.Utf8])
        result = await session.start(tmp_path)
        assert result.capabilities.position_encoding == lsp.PositionEncodingKind.Utf8
        uri = session.open(essay, text)
        first = await session.next_diagnostics(uri)
        banned = next(d for d in first if d.code and str(d.code).endswith("banned"))
        line = text.split("\n")[2]
        assert banned.range.start.character == len(line[: line.index("utilize")].encode("utf-8"))
        (rules / "banned.yaml").write_text("extends: existence\nnot_a_key: 1\n", encoding="utf-8")
        session.client.workspace_did_change_watched_files(
            lsp.DidChangeWatchedFilesParams(
                changes=[lsp.FileEvent(uri=(rules / "banned.yaml").as_uri(), type=lsp.FileChangeType.Changed)]
            )
        )
        kept = await session.next_diagnostics(uri)
        assert any(d.code and str(d.code).endswith("banned") for d in kept)
        assert len([m for m in session.messages if "not_a_key" in m]) == 1, session.messages
        await session.stop()

    run(scenario())


def test_the_server_command_says_what_to_install_without_pygls(tmp_path):
    blocker = tmp_path / "pygls.py"
    blocker.write_text("raise ImportError('blocked for the test', name='pygls')\n", encoding="utf-8")
    done = run_cli("server", env={"PYTHONPATH": str(tmp_path)})
    assert done.returncode == 2
    assert "pip install 'essaylint[lsp]'" in done.stderr
