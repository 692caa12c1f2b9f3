"""Linting beyond one machine: the engine's worker pool on a Dask cluster.

`--engine dask` hands the same work the local process pool gets (files, or
dataset records) to Dask's `concurrent.futures` executor; each task runs
with an ordinary Linter, built once per worker process and config. Dask
does the scheduling, spilling and retries; essaylint adds nothing of its
own to that. Without `--scheduler` a LocalCluster with one worker process
per core is started; with `--scheduler tcp://host:8786` the work goes to
an existing cluster whose workers have essaylint installed and can read
the files by their absolute paths. Results come back in input order,
equal to the local engine's.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from typing import Any

from lint.config import Config
from lint.engine import Selection, WorkersUnavailable, become_worker


def _as_worker(config: Config, selection: Selection, fn: Callable[..., Any], *args: Any) -> Any:
    """Run one task of the pool as a worker of this config: a cluster may serve several runs at once."""
    become_worker(config, selection)
    return fn(*args)


class DaskPool:
    """The executor `worker_pool` yields for Dask: each task carries the config it runs with."""

    def __init__(self, executor: Any, config: Config, selection: Selection) -> None:
        self._executor = executor
        self._task = functools.partial(_as_worker, config, selection)

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        """As `Executor.submit`, the one call the engine and the dataset runner make of a pool."""
        return self._executor.submit(self._task, fn, *args)


def client(scheduler: str | None, workers: int) -> Any:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise WorkersUnavailable("--engine dask needs dask and distributed: pip install 'essaylint[dask]'") from None
    if scheduler:
        try:
            return Client(scheduler, timeout="30s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise WorkersUnavailable(f"--scheduler {scheduler}: cannot connect ({exc})") from None
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",  # any free port: never a warning that 8787 is taken
    )
    return Client(cluster)


@contextlib.contextmanager
def dask_pool(config: Config, selection: Selection, workers: int, scheduler: str | None) -> Iterator[DaskPool]:
    with client(scheduler, workers) as dask_client:
        yield DaskPool(dask_client.get_executor(), config, selection)
