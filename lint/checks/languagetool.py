"""languagetool: grammar and style from LanguageTool, through language-tool-python.

Why: LanguageTool's thousands of rules are what editors already trust.
It needs a LanguageTool server: either one the user runs (`server:`, or
the ESSAYLINT_LANGUAGETOOL_SERVER environment variable), or a local one
that language-tool-python starts from an existing install (its own
download folder, or LTP_PATH). essaylint never downloads LanguageTool
(about 250 MB) unless the rule says `download: true`.

Only prose goes to LanguageTool: paragraphs, list items and headings, with
Markdown markup removed; several blocks go in one request, separated by
blank lines, and an offset map takes every match back to its exact line and
column in the file. Results are cached per block text, LanguageTool version
and options, so an edited essay is re-checked only where it changed.

When LanguageTool is not there (no Java, no install, a refused port, a
server that does not answer within `timeout`), the run goes on: one notice
says so and how to enable it, and the rule behaves as if it were off
(`--require-languagetool` makes that exit 2 instead).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from lint.checks import Check, Context
from lint.document import Document
from lint.finding import Finding, Level
from lint.options import Option, boolean, integer, number, string, string_list
from lint.result import Notice
from lint.services import SERVER_ENV, Unavailable, client_for, short_error

NOTICE_PREFIX = "LanguageTool is not available"
MAX_REQUEST_CHARS = 20_000
SEPARATOR = "\n\n"

CATEGORY_MAP = {
    "TYPOS": "spelling",
    "CONFUSED_WORDS": "spelling",
    "GRAMMAR": "grammar",
    "PUNCTUATION": "grammar",
    "CASING": "grammar",
    "COMPOUNDING": "grammar",
    "COLLOCATIONS": "grammar",
    "SEMANTICS": "grammar",
    "TYPOGRAPHY": "grammar",
}
LEVEL_MAP = {"misspelling": Level.WARNING, "grammar": Level.WARNING}


def category_for(lt_category: str) -> str:
    """LanguageTool category id -> essaylint category (STYLE, REDUNDANCY and the rest -> style)."""
    return CATEGORY_MAP.get(lt_category, "style")


@dataclass
class Block:
    """A prose block as sent to LanguageTool: its text and each character's offset in the file."""

    text: str
    offsets: list[int]


class LanguageToolCheck(Check):
    """Sends the essay's prose to LanguageTool and maps its matches back to the file."""

    kind = "languagetool"
    default_scope = "text"
    allowed_scopes = ("text",)
    options = (
        Option("server", string, "", f"a LanguageTool server URL (else {SERVER_ENV}, else a local install)", "string"),
        Option("language", string, "en-US", "the language variant: en-US, en-GB, auto...", "string"),
        Option("enabled_rules", string_list, [], "LanguageTool rule ids to enable", "list"),
        Option("disabled_rules", string_list, [], "LanguageTool rule ids to disable", "list"),
        Option("enabled_categories", string_list, [], "LanguageTool categories to enable", "list"),
        Option("disabled_categories", string_list, [], "LanguageTool categories to disable", "list"),
        Option("picky", boolean, False, "LanguageTool's picky mode (more style rules)", "bool"),
        Option("download", boolean, False, "let language-tool-python download LanguageTool if not installed", "bool"),
        Option("timeout", number, 10.0, "seconds to wait for an answer before giving up", "number"),
        Option("max_request", integer(1000), MAX_REQUEST_CHARS, "characters per request", "int"),
    )
    example = """\
extends: languagetool
level: warning
enabled: true
server: http://localhost:8081      # docker run -p 8081:8010 erikvl87/languagetool, or java -jar languagetool-server.jar
language: en-US
disabled_rules: [WHITESPACE_RULE, EN_QUOTES]
disabled_categories: [TYPOGRAPHY]
picky: false
timeout: 10
"""

    def setup(self, options: dict[str, Any]) -> None:
        self.opts = options

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding | Notice]:
        blocks = prose_blocks(doc)
        if not blocks:
            return
        if ctx.services is None:
            yield Notice(
                f"{NOTICE_PREFIX}: no service connections in this context (run it through the engine).", "unavailable"
            )
            return
        try:
            tool, version = ctx.services.languagetool(self.opts)
        except Unavailable as exc:
            yield Notice(
                f"{NOTICE_PREFIX}: {exc}. Other checks ran; `essaylint languagetool status` says more.", "unavailable"
            )
            return
        answers = ctx.answers  # kept between runs by the engine (lint/answers.py); None: nothing kept
        results: dict[int, list[dict[str, Any]]] = {}
        todo = []
        for index, block in enumerate(blocks):
            cached = answers.get("languagetool", self._key(version, block.text)) if answers is not None else None
            if cached is None:
                todo.append(index)
            else:
                results[index] = cached
        for batch in _batches(todo, blocks, self.opts["max_request"]):
            text = SEPARATOR.join(blocks[i].text for i in batch)
            try:
                matches = tool.check(text)
            except Exception as exc:
                yield Notice(
                    f"{NOTICE_PREFIX}: the check failed ({short_error(exc)}). Other checks ran.", "unavailable"
                )
                return
            per_block = split_matches([_match_dict(m) for m in matches], [blocks[i].text for i in batch])
            for i, found in zip(batch, per_block, strict=True):
                results[i] = found
                if answers is not None:
                    answers.put("languagetool", self._key(version, blocks[i].text), found)
        for index in sorted(results):
            yield from self._findings(doc, blocks[index], results[index])

    def _key(self, version: str, text: str) -> str:
        options = {k: v for k, v in self.opts.items() if k not in ("server", "timeout", "download", "max_request")}
        raw = json.dumps([version, options, text], sort_keys=True, default=list)
        return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()

    def _findings(self, doc: Document, block: Block, matches: list[dict[str, Any]]) -> Iterator[Finding]:
        for match in matches:
            start, end = match["offset"], match["offset"] + max(match["length"], 1)
            if start >= len(block.offsets):
                continue
            doc_start = block.offsets[start]
            doc_end = block.offsets[min(end, len(block.offsets)) - 1] + 1
            level = LEVEL_MAP.get(match.get("issue_type", ""), Level.SUGGESTION)
            level = max(level, self.rule.level) if self.rule.level == Level.ERROR else level
            finding = self.finding(
                doc,
                doc_start,
                doc_end,
                {"match": doc.text[doc_start:doc_end], "lt_rule": match["rule_id"], "message": match["message"]},
                message=self.rule.message or f"{match['message']} ({match['rule_id']})",
                suggestions=match.get("replacements", [])[:5],
                level=level,
                data={"languagetool_rule": match["rule_id"], "languagetool_category": match["category"]},
            )
            yield replace(finding, category=category_for(match["category"]))


def prose_blocks(doc: Document) -> list[Block]:
    """Paragraphs, list items and headings as plain text with an offset map (never code or front matter)."""
    blocks = []
    for block in doc.prose_blocks:
        if block.kind == "table":
            continue
        text, offsets = doc.visible_text(block.start, block.end)
        if text.strip():
            blocks.append(Block(text, offsets))
    return blocks


def _match_dict(match: Any) -> dict[str, Any]:
    return {
        "offset": int(match.offset),
        "length": int(match.error_length),
        "rule_id": str(match.rule_id),
        "category": str(match.category),
        "issue_type": str(getattr(match, "rule_issue_type", "")),
        "message": str(match.message),
        "replacements": [str(r) for r in match.replacements],
    }


def split_matches(matches: list[dict[str, Any]], texts: list[str]) -> list[list[dict[str, Any]]]:
    """Matches in a joined request, each moved into the block it falls in, offsets made block-relative."""
    bounds = []
    position = 0
    for text in texts:
        bounds.append((position, position + len(text)))
        position += len(text) + len(SEPARATOR)
    out: list[list[dict[str, Any]]] = [[] for _ in texts]
    for match in matches:
        for i, (start, end) in enumerate(bounds):
            if start <= match["offset"] < end:
                out[i].append(
                    {**match, "offset": match["offset"] - start, "length": min(match["length"], end - match["offset"])}
                )
                break
    return out


def _batches(todo: list[int], blocks: list[Block], limit: int) -> Iterator[list[int]]:
    batch: list[int] = []
    size = 0
    for index in todo:
        length = len(blocks[index].text) + len(SEPARATOR)
        if batch and size + length > limit:
            yield batch
            batch, size = [], 0
        batch.append(index)
        size += length
    if batch:
        yield batch


def status(options: dict[str, Any]) -> tuple[bool, list[str]]:
    """What is configured and whether it answers, for `essaylint languagetool status`."""
    server = options["server"] or os.environ.get(SERVER_ENV, "")
    lines = [f"language: {options['language']}; picky: {options['picky']}; timeout: {options['timeout']} s"]
    if server:
        lines.append(f"mode: server at {server}" + ("" if options["server"] else f" (from {SERVER_ENV})"))
    else:
        from language_tool_python import utils

        java = shutil.which("java")
        folder = utils.get_language_tool_download_path()
        installs = utils.find_existing_language_tool_downloads(folder) if folder.exists() else []
        lines.append("mode: local LanguageTool started by language-tool-python")
        lines.append(f"java: {java or 'not found on PATH'}")
        lines.append(f"install folder: {folder} ({', '.join(p.name for p in installs) or 'no LanguageTool there'})")
        lines.append(f"download allowed: {options['download']}")
    try:
        _, version = client_for(options)
    except Unavailable as exc:
        lines.append(f"status: not available: {exc}")
        return False, lines
    lines.append(f"status: answers (LanguageTool {version})")
    return True, lines
