"""The per-document stages as Ray tasks: an ``ingest.parallel.Executor`` that sends each item
to the cluster and yields the results in input order.

A task whose worker process dies (killed, out of memory, its node lost) is run again by Ray
(``RETRIES``); an exception the code itself raises (a bad file, a SHACL violation) is not
retried and comes back to the driver as that exception, so the build fails as a local one
would and the previous generation stays live.
"""

from __future__ import annotations

from collections import deque
from typing import Callable, Iterator, Sequence

from ingest.parallel import Executor

# Runs of one task after its worker died before Ray gives up on the build.
RETRIES = 3
# Tasks in flight per CPU of the cluster: enough to keep every worker busy while the driver
# takes results in order, few enough that a large corpus is not all in the object store at once.
IN_FLIGHT_PER_CPU = 4


def _apply(fn, item):
    return fn(item)


class RayTasks(Executor):
    def __init__(self, ray, cpus: int):
        self._ray = ray
        self._window = max(1, cpus) * IN_FLIGHT_PER_CPU
        self._remote = ray.remote(_apply).options(num_cpus=1, max_retries=RETRIES)

    def map(self, fn: Callable, items: Sequence) -> Iterator:
        if not items:
            return
        fn_ref = self._ray.put(fn)   # the function (a closure with its data) travels once
        pending: deque = deque()
        try:
            for item in items:
                pending.append(self._remote.remote(fn_ref, item))
                if len(pending) >= self._window:
                    yield self._result(pending.popleft())
            while pending:
                yield self._result(pending.popleft())
        finally:
            for ref in pending:   # the build stopped early (an error): the rest is not wanted
                self._ray.cancel(ref, force=True)

    def _result(self, ref):
        try:
            return self._ray.get(ref)
        except self._ray.exceptions.RayTaskError as exc:
            cause = getattr(exc, "cause", None)
            if isinstance(cause, Exception):
                raise cause from None   # the stage's own error, as a local build raises it
            raise
