"""Opening a graph store for queries: the embedded Oxigraph store or a SPARQL server.

``open_store(target)`` takes a generation directory (``data/gen-N``), its ``graph/``
directory, or a URL ``sparql+http://host:port/sparql`` (see kg.sparql_http).

Time limits on the embedded store: pyoxigraph cannot interrupt a query, so
queries run in worker processes (kg.worker), each holding the store open
read-only. The caller waits on the worker's pipe with a deadline; on timeout
the worker is killed (SIGKILL, freeing its CPU and memory at once) and a fresh
one is started for the next query. A runaway query therefore costs the caller
exactly ``timeout_s`` and never hangs it. Workers are reused between queries,
up to ``workers`` of them run in parallel, and they are daemonic: they die
with the parent.
"""

from __future__ import annotations

import atexit
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Optional

from kg.backend import (COUNT_QUERY, DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT_S, DEFAULT_WORKER_MEMORY_MB, GRAPHS_QUERY,
                        GraphStore)
from kg.errors import KGError, QueryError, QueryTimeout
from kg.guard import check_read_only, one_line
from kg.results import QueryResult

WORKER_START_TIMEOUT_S = 30.0
_PACKAGE_ROOT = str(Path(__file__).resolve().parent.parent)


def graph_dir_of(target: Path) -> Path:
    """Accept a generation dir (with graph/) or the store dir itself."""
    target = Path(target)
    if (target / "graph").is_dir():
        return target / "graph"
    return target


class _Worker:
    """``python -m kg.worker`` over a socketpair: a plain subprocess, so it works whatever
    the parent's __main__ is (CLI, pytest, uvicorn) and never forks a threaded parent."""

    def __init__(self, store_path: str, memory_mb: Optional[int] = None):
        parent, child = socket.socketpair()
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [_PACKAGE_ROOT, env.get("PYTHONPATH")]))
        env["MALLOC_ARENA_MAX"] = "2"   # glibc reserves 64 MB of address space per arena otherwise
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kg.worker", str(child.fileno()), store_path, str(memory_mb or 0)],
            pass_fds=[child.fileno()], stdin=subprocess.DEVNULL, env=env)
        child.close()
        self.conn = Connection(parent.detach())
        try:
            ready = self.conn.poll(WORKER_START_TIMEOUT_S)
            status, detail = self.conn.recv() if ready else ("timeout", "did not start in time")
        except (EOFError, OSError):
            status, detail = "died", "the worker process exited at start-up"
        if status != "ready":
            self.kill()
            raise KGError(f"cannot open the graph store at {store_path}: {one_line(str(detail))}")
        self.confinement: Optional[str] = detail   # how the worker is kept off the network (kg.sandbox)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
            self.process.wait(timeout=2)
        except (OSError, ValueError, subprocess.TimeoutExpired):
            pass
        self.kill()


class EmbeddedStore:
    """Read-only queries on an on-disk Oxigraph store through a pool of worker processes."""

    def __init__(self, graph_dir: Path, workers: int = 2, memory_mb: Optional[int] = DEFAULT_WORKER_MEMORY_MB):
        """``memory_mb``: the address-space limit of each query worker (None: no limit)."""
        self.path = Path(graph_dir)
        self.memory_mb = memory_mb
        self.confinement: Optional[str] = None
        if not (self.path / "CURRENT").exists():
            raise KGError(f"no graph store in {self.path}; run `policykg build` first")
        self._idle: "queue.LifoQueue[_Worker]" = queue.LifoQueue()
        self._slots = threading.BoundedSemaphore(workers)
        self._closed = False
        atexit.register(self.close)

    # -- worker pool -----------------------------------------------------------
    def _acquire(self, deadline: float) -> _Worker:
        if not self._slots.acquire(timeout=max(0.0, deadline - time.monotonic())):
            raise QueryTimeout("the query waited past its time limit for a free query worker")
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        try:
            worker = _Worker(str(self.path), self.memory_mb)
        except BaseException:
            self._slots.release()
            raise
        self.confinement = worker.confinement
        return worker

    def _release(self, worker: Optional[_Worker]) -> None:
        if worker is not None and not self._closed:
            self._idle.put(worker)
        elif worker is not None:
            worker.stop()
        self._slots.release()

    # -- queries -----------------------------------------------------------------
    def query(self, sparql: str, timeout_s: float = DEFAULT_TIMEOUT_S,
              max_rows: int = DEFAULT_MAX_ROWS) -> QueryResult:
        if self._closed:
            raise KGError("the graph store is closed")
        check_read_only(sparql)
        started = time.monotonic()
        deadline = started + timeout_s
        worker = self._acquire(deadline)
        try:
            worker.conn.send((sparql, int(max_rows)))
            if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
                worker.kill()            # the only way to stop a running pyoxigraph query
                worker = None
                raise QueryTimeout(f"the query ran past its time limit of {timeout_s:g} s and was stopped")
            status, payload = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            died = worker
            worker = None
            if died is not None:
                died.kill()
            raise KGError(self._death_message(died)) from None
        finally:
            self._release(worker)
        if status == "memory":
            raise KGError(self._memory_message())
        if status == "refused":
            raise QueryError(payload)
        if status == "syntax":
            raise QueryError(f"malformed SPARQL: {one_line(payload)}")
        if status == "error":
            raise QueryError(f"the query failed: {one_line(payload)}")
        payload.seconds = time.monotonic() - started   # as the caller saw it, like the HTTP backend
        return payload

    def _memory_message(self) -> str:
        return (f"the query needed more than the memory limit of {self.memory_mb} MB per query worker "
                "and was stopped; a fresh worker answers the next query")

    def _death_message(self, worker: Optional[_Worker]) -> str:
        code = worker.process.returncode if worker is not None else None
        # an allocation past RLIMIT_AS aborts the Rust engine (SIGABRT); so does a stack overflow
        if self.memory_mb and code in (-signal.SIGABRT, -signal.SIGSEGV):
            return (f"the query was stopped: its worker ran out of memory (limit {self.memory_mb} MB per "
                    "query worker) or of stack; a fresh worker answers the next query")
        return (f"the query worker died while running the query (exit status {code}); "
                "a fresh worker answers the next query")

    def triple_count(self) -> int:
        result = self.query(COUNT_QUERY, timeout_s=600, max_rows=1)
        return int(result.rows[0]["n"]["value"])

    def named_graphs(self) -> list[str]:
        return sorted(r["g"]["value"] for r in self.query(GRAPHS_QUERY, timeout_s=600, max_rows=10**7).rows)

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                self._idle.get_nowait().stop()
            except queue.Empty:
                break

    def __enter__(self) -> "EmbeddedStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_store(target, workers: int = 2, memory_mb: Optional[int] = DEFAULT_WORKER_MEMORY_MB) -> GraphStore:
    """An embedded store for a path, or a SPARQL-protocol client for ``sparql+http(s)://…``
    (``memory_mb``: the embedded store's limit per query worker)."""
    text = str(target)
    if text.startswith(("sparql+http://", "sparql+https://", "http://", "https://")):
        from kg.sparql_http import SparqlHttpStore
        return SparqlHttpStore(text)
    return EmbeddedStore(graph_dir_of(Path(text)), workers=workers, memory_mb=memory_mb)
