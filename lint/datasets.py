"""Linting datasets of essays: JSONL or Parquet in, JSONL out, streaming.

Dataset teams keep generated essays in JSONL or Parquet rather than files.
Records are read lazily (line by line, or Parquet record batch by batch),
linted with the same engine, and written out as one JSON line per record as
soon as it is done, in input order. At most `jobs * 32` records are in flight
whatever the dataset's size, so memory does not grow with the input.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lint.engine import Linter, Workers, batch_gc, printable_path, worker_linter, worker_pool
from lint.result import FileResult


class DatasetError(Exception):
    """A dataset that cannot be read; the message names the file and record (line)."""


@dataclass(frozen=True)
class BadRecord:
    """A record that cannot be linted: it becomes an error record in its place, and the run goes on."""

    path: str
    line: int
    reason: str
    key: str | None = None

    def output(self) -> dict[str, Any]:
        return {
            "id": self.key if self.key is not None else str(self.line),
            "line": self.line,
            "error": f"{self.path}:{self.line}: {self.reason}",
            "findings": [],
        }


Item = tuple[str, str] | BadRecord


def read_records(path: Path, fmt: str, text_field: str, id_field: str | None) -> Iterator[Item]:
    """(id, text) per record, or a BadRecord naming the line (not JSON, not UTF-8, no text field)."""
    if fmt == "jsonl":
        try:
            handle = path.open("rb")
        except OSError as exc:
            raise DatasetError(f"{path}: cannot read: {exc.strerror or exc}") from None
        shown = printable_path(str(path))
        with handle:
            for number, raw in enumerate(handle, 1):
                if not raw.strip():
                    continue
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    yield BadRecord(shown, number, f"not UTF-8 (byte 0x{raw[exc.start]:02X} at column {exc.start + 1})")
                    continue
                try:
                    record = json.loads(line)
                except (json.JSONDecodeError, RecursionError) as exc:
                    reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
                    yield BadRecord(shown, number, f"not JSON ({reason})")
                    continue
                key = _record_id(record, id_field, number)
                if not isinstance(record, dict) or not isinstance(record.get(text_field), str):
                    yield BadRecord(shown, number, f"no string field {text_field!r}", key)
                    continue
                yield key, record[text_field]
    elif fmt == "parquet":
        try:
            import pyarrow.parquet as pq
        except ImportError:
            raise DatasetError("reading Parquet needs pyarrow: pip install 'essaylint[data]'") from None
        try:
            parquet = pq.ParquetFile(path)
        except Exception as exc:  # pyarrow raises its own hierarchy; all mean "not readable Parquet"
            raise DatasetError(f"{path}: not a readable Parquet file: {exc}") from None
        columns = [text_field] + ([id_field] if id_field else [])
        missing = [c for c in columns if c not in parquet.schema_arrow.names]
        if missing:
            raise DatasetError(f"{path}: no column {missing[0]!r} (columns: {', '.join(parquet.schema_arrow.names)})")
        row = 0
        for batch in parquet.iter_batches(batch_size=1024, columns=columns):
            texts = batch.column(text_field).to_pylist()
            ids = batch.column(id_field).to_pylist() if id_field else [None] * len(texts)
            for key, text in zip(ids, texts, strict=True):
                row += 1
                yield (str(key) if key is not None else str(row)), (text or "")
    else:
        raise DatasetError(f"unknown input format {fmt!r} (jsonl or parquet)")


def _record_id(record: Any, id_field: str | None, number: int) -> str:
    """The record's id as text that every output can encode ("b\\ud800" for a lone surrogate)."""
    if not id_field or not isinstance(record, dict) or id_field not in record:
        return str(number)
    return str(record[id_field]).encode("utf-8", "backslashreplace").decode("utf-8")


def _lint_record(item: tuple[str, str]) -> dict[str, Any]:
    return record_output(worker_linter(), *item)


def record_output(linter: Linter, key: str, text: str) -> dict[str, Any]:
    result: FileResult = linter.lint_bytes(key, text.encode("utf-8", "surrogatepass"))
    out: dict[str, Any] = {"id": key, "findings": [f.to_dict() for f in result.findings]}
    if result.metrics:
        out["metrics"] = result.metrics
    if result.notices:
        out["notices"] = result.notices
    return out


def lint_dataset(linter: Linter, records: Iterator[Item], workers: Workers | int) -> Iterator[dict[str, Any]]:
    """Results in input order, a bad record's error record in its place; at most jobs * 32 held at once."""
    from lint import lexicon

    if isinstance(workers, int):
        workers = Workers(workers)
    with lexicon.many_documents():  # a dataset is many records (forked workers inherit this)
        yield from _lint_records(linter, records, workers)


def _lint_records(linter: Linter, records: Iterator[Item], workers: Workers) -> Iterator[dict[str, Any]]:
    if not workers.dask and workers.jobs <= 1:
        with batch_gc():
            for item in records:
                yield item.output() if isinstance(item, BadRecord) else record_output(linter, *item)
        return
    window: deque[Future[dict[str, Any]]] = deque()
    limit = workers.jobs * 32
    failure: DatasetError | None = None
    with worker_pool(linter, workers) as pool:
        try:
            for item in records:
                if isinstance(item, BadRecord):
                    done: Future[dict[str, Any]] = Future()
                    done.set_result(item.output())
                    window.append(done)
                else:
                    window.append(pool.submit(_lint_record, item))
                if len(window) >= limit:
                    yield window.popleft().result()
        except DatasetError as exc:
            failure = exc  # first deliver every record read before the bad one
        while window:
            yield window.popleft().result()
    if failure is not None:
        raise failure
