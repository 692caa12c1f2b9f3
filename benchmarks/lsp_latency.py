"""Latency of `essaylint server`: from a change sent to its diagnostics received, for essays of about 3 KB.

    python benchmarks/lsp_latency.py [--essays DIR] [--changes 30]

Starts the real server over stdio with pygls' client, opens each essay (the
first lint of a session loads the rules and word data and is not counted),
then sends edits (a word appended to the last paragraph) one at a time and
waits for each publishDiagnostics. Prints the median and 90th percentile in
milliseconds, with the server's debounce included (lint.server.DEBOUNCE_S).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parent.parent


def essays(folder: Path, size: int = 3000, count: int = 5) -> list[Path]:
    """Published essays nearest to `size` bytes."""
    found = sorted(folder.rglob("*.md"), key=lambda p: abs(p.stat().st_size - size))
    return found[:count]


async def measure(paths: list[Path], changes: int) -> list[float]:
    client = LanguageClient("essaylint-bench", "1")
    queue: asyncio.Queue = asyncio.Queue()

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: lsp.PublishDiagnosticsParams) -> None:
        queue.put_nowait((time.perf_counter(), params.version))

    await client.start_io(sys.executable, "-m", "lint", "server", cwd=str(ROOT))
    await client.initialize_async(lsp.InitializeParams(capabilities=lsp.ClientCapabilities(), process_id=None))
    client.initialized(lsp.InitializedParams())
    timings: list[float] = []
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        uri = path.resolve().as_uri()
        item = lsp.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
        client.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=item))
        await asyncio.wait_for(queue.get(), timeout=120)  # the first lint: not counted
        for version in range(2, changes + 2):
            text = text.rstrip("\n") + f" word{version}.\n"
            sent = time.perf_counter()
            client.text_document_did_change(
                lsp.DidChangeTextDocumentParams(
                    text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
                    content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)],
                )
            )
            while True:
                received, got = await asyncio.wait_for(queue.get(), timeout=60)
                if got == version:
                    break
            timings.append((received - sent) * 1000)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--essays", type=Path, default=ROOT.parent / "shared" / "realtext")
    parser.add_argument("--changes", type=int, default=30)
    args = parser.parse_args()
    paths = essays(args.essays)
    from lint.server import DEBOUNCE_S

    timings = asyncio.run(measure(paths, args.changes))
    timings.sort()
    sizes = ", ".join(f"{p.stat().st_size:,}" for p in paths)
    print(f"{len(paths)} essays ({sizes} bytes), {args.changes} changes each, debounce {DEBOUNCE_S * 1000:.0f} ms")
    print(
        f"change -> diagnostics: median {statistics.median(timings):.1f} ms, p90 {timings[int(len(timings) * 0.9)]:.1f} ms, max {timings[-1]:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
