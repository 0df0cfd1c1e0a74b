"""Per-document work spread over forked worker processes, results in input order.

Extraction and graph rendering are pure CPU work on one document at a time, so a
large build spreads them over one process per core. The workers are forked after
the job is set, so they inherit the function and the documents: only positions go
out and only results come back (pickling every structure tree to a worker cost as
much as a fifth of the work it carried).

That pool is the default executor. Another one (a cluster's, search_api.cluster) can be put in
its place for a whole build with ``running_on``: every ``ordered_map`` then hands its items to
it, and the caller, which only sees results in input order, runs unchanged.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from contextlib import contextmanager
from typing import Callable, Iterator, Optional, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many documents a pool costs more (forking, warming caches) than it saves.
PARALLEL_MIN_ITEMS = 16
# Positions handed to a worker at a time: enough to amortise the round trip, small enough
# that a slow document does not hold up the results behind it for long.
CHUNK = 4

_job: Optional[tuple[Callable, Sequence]] = None


class Executor:
    """Runs ``fn`` on each item somewhere else and yields the results in input order."""

    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
        raise NotImplementedError


_executor: Optional[Executor] = None


@contextmanager
def running_on(executor: Optional[Executor]) -> Iterator[None]:
    """Inside, every ``ordered_map`` runs on ``executor`` (None: the local pool, as always)."""
    global _executor
    previous, _executor = _executor, executor
    try:
        yield
    finally:
        _executor = previous


def forks_here() -> bool:
    """Whether ``ordered_map`` runs in this process or its forks (no other executor in place):
    what this process loads, its workers then inherit."""
    return _executor is None


def default_workers() -> int:
    """One worker process per core (the workers setting, $POLICYKG_WORKERS, chooses otherwise)."""
    return os.cpu_count() or 1


def ordered_map(fn: Callable[[T], R], items: Sequence[T], workers: Optional[int] = None) -> Iterator[R]:
    """``fn`` of each item, in order; a pool of ``workers`` forked processes for many items.

    ``fn`` may be any callable, closures included (nothing of it is pickled). Workers must
    only compute and return: fork copies the parent's memory but not its threads, so a
    worker must not print through, or wait on locks of, the parent's threads.

    Inside ``running_on(executor)`` the executor runs them instead, whatever ``workers`` says.
    """
    if _executor is not None:
        yield from _executor.map(fn, items)
        return
    yield from _fork_map(fn, items, workers)


def _fork_map(fn: Callable[[T], R], items: Sequence[T], workers: Optional[int]) -> Iterator[R]:
    global _job
    workers = default_workers() if workers is None else workers
    if workers <= 1 or len(items) < PARALLEL_MIN_ITEMS:
        yield from map(fn, items)
        return
    if _job is not None:
        raise RuntimeError("ordered_map does not nest")
    # fork, not spawn: spawn re-runs the caller's main module in every worker, which hangs any
    # script that builds without an `if __name__ == "__main__"` guard.
    _job = (fn, items)
    # Frozen objects are left out of the workers' garbage collections, which would otherwise
    # write to every inherited object's header and so copy the parent's whole heap into each.
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(min(workers, len(items))) as pool:
            yield from pool.imap(_run_at, range(len(items)), chunksize=CHUNK)
    finally:
        gc.unfreeze()
        _job = None


def _run_at(position: int):
    fn, items = _job
    return fn(items[position])
