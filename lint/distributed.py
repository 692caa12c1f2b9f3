"""Linting beyond one machine: the same engine over partitions with Dask.

`--engine dask` splits the files (or dataset records) into a dask.bag and
lints each partition with an ordinary Linter, built once per worker
process. Dask does the scheduling, spilling and retries; essaylint adds
nothing of its own to that. Without `--scheduler` a LocalCluster with one
worker process per core is started; with `--scheduler tcp://host:8786`
the work goes to an existing cluster whose workers have essaylint
installed. Results come back in input order, equal to the local engine's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lint.config import Config
from lint.engine import Linter, Selection, linter_in_worker
from lint.result import FileResult


def _lint_files(partition: list[tuple[str, str]], config: Config, selection: Selection) -> list[FileResult]:
    linter = linter_in_worker(config, selection)  # the same per-process linter the local pool's workers use
    return [linter.lint_path(Path(path), display) for path, display in partition]


def client(scheduler: str | None, workers: int) -> Any:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise RuntimeError("--engine dask needs dask and distributed: pip install 'essaylint[dask]'") from None
    if scheduler:
        return Client(scheduler, timeout="30s")
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    return Client(cluster)


def run_files(linter: Linter, files: list[tuple[Path, str]], scheduler: str | None, workers: int) -> list[FileResult]:
    import dask.bag as db

    items = [(str(path.resolve()), display) for path, display in files]
    if not items:
        return []
    partitions = max(1, min(len(items), workers * 4))
    with client(scheduler, workers) as dask_client:
        bag = db.from_sequence(items, npartitions=partitions)
        return bag.map_partitions(_lint_files, linter.config, linter.selection).compute(scheduler=dask_client.get)
