"""Linting datasets of essays: JSONL or Parquet in, JSONL out, streaming.

Dataset teams keep generated essays in JSONL or Parquet rather than files.
Records are read lazily (line by line, or Parquet record batch by batch),
linted with the same engine, and written out as one JSON line per record as
soon as it is done, in input order. At most `jobs * 32` records are in flight
whatever the dataset's size, so memory does not grow with the input.
"""

from __future__ import annotations

import json
import sys
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any, TextIO

from lint.engine import FileResult, Linter, Selection, batch_gc, worker_gc


class DatasetError(Exception):
    """A dataset that cannot be read; the message names the file and record (line)."""


def read_records(path: Path, fmt: str, text_field: str, id_field: str | None) -> Iterator[tuple[str, str]]:
    """(id, text) per record; records without the text field are an error naming the line."""
    if fmt == "jsonl":
        try:
            handle = path.open(encoding="utf-8")
        except OSError as exc:
            raise DatasetError(f"{path}: cannot read: {exc.strerror or exc}") from None
        with handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise DatasetError(f"{path}:{number}: not JSON ({exc.msg})") from None
                if not isinstance(record, dict) or not isinstance(record.get(text_field), str):
                    raise DatasetError(f"{path}:{number}: no string field {text_field!r}")
                key = str(record.get(id_field, number)) if id_field else str(number)
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


_WORKER: Linter | None = None


def _init(config: Any, selection: Selection) -> None:
    global _WORKER
    _WORKER = Linter(config, selection)
    worker_gc()


def _lint_record(item: tuple[str, str]) -> dict[str, Any]:
    assert _WORKER is not None
    return record_output(_WORKER, *item)


def record_output(linter: Linter, key: str, text: str) -> dict[str, Any]:
    result: FileResult = linter.lint_bytes(key, text.encode("utf-8", "surrogatepass"))
    out: dict[str, Any] = {"id": key, "findings": [f.to_dict() for f in result.findings]}
    if result.metrics:
        out["metrics"] = result.metrics
    if result.notices:
        out["notices"] = result.notices
    return out


def lint_dataset(linter: Linter, records: Iterator[tuple[str, str]], jobs: int) -> Iterator[dict[str, Any]]:
    """Results in input order; never more than jobs * 32 records held at once."""
    if jobs <= 1:
        with batch_gc():
            for key, text in records:
                yield record_output(linter, key, text)
        return
    window: deque[Future[dict[str, Any]]] = deque()
    limit = jobs * 32
    failure: DatasetError | None = None
    with ProcessPoolExecutor(jobs, initializer=_init, initargs=(linter.config, linter.selection)) as pool:
        try:
            for item in records:
                window.append(pool.submit(_lint_record, item))
                if len(window) >= limit:
                    yield window.popleft().result()
        except DatasetError as exc:
            failure = exc  # first deliver every record read before the bad one
        while window:
            yield window.popleft().result()
    if failure is not None:
        raise failure


def progress(total: int | None, stream: TextIO = sys.stderr) -> Any:
    """A tqdm bar on a terminal outside CI; nothing otherwise."""
    import os

    if not stream.isatty() or os.environ.get("CI"):
        return None
    try:
        from tqdm import tqdm
    except ImportError:
        return None
    return tqdm(total=total, unit="essay", file=stream, dynamic_ncols=True)
