"""The Service a running server answers with, switched to a new live generation without a restart.

Each request leases the Service (``LiveService.acquire``/``release``, the routers' dependency) for its whole
run. At most once a second a lease reads where the data directory's ``current`` link points;
when that is a newer generation, one background thread loads a Service for it (pinning it,
reusing the loaded embedding model) while requests go on being answered by the old one. The new
Service then replaces the old under the lease lock: a request gets one or the other, whole.
The old Service is closed (query workers stopped, generation unpinned, so a writer may delete
it) when the last request that leased it ends, however long that request runs. A switch that
fails is reported by /healthz and tried again later.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from typing import Callable, Optional

from search_api.limits import GENERATION_CHECK_S, GENERATION_RETRY_S
from search_api.service.readmodel import Service

log = logging.getLogger("policykg.serve")

# Background work waits at most this long for a pause in the requests, so that steady traffic
# slows it down without starving it; a pause is this long without any request (a client's next
# request usually follows its last at once, and would wait for a document begun in between).
QUIET_WAIT_S = 0.5
QUIET_GAP_S = 0.05
# A request thread that wants the interpreter lock back while background work (the warm-up)
# holds it waits up to the switch interval, every time it returns from the model, FAISS or
# SQLite: 5 ms by default. A server switches 10× as often (bench/RESULTS.md "Fast-scan
# inverted file", bench/gil_share.py on a loaded box: searches beside a busy thread p50
# ~130 ms at 5 ms, ~80 ms at 0.5 ms, ~48 ms with no other thread).
SWITCH_INTERVAL_S = 0.0005


def share_interpreter_with_requests() -> None:
    """For a serving process: requests take the interpreter lock back from background threads
    quickly (``SWITCH_INTERVAL_S``)."""
    sys.setswitchinterval(SWITCH_INTERVAL_S)


class LiveService:
    def __init__(self, service: Service, load: Callable[[Service], Service], watch: bool = True):
        """``load(previous)`` makes a Service for the live generation; ``watch``: switch at all."""
        self._service = service
        self._load = load
        self._watch = watch
        self._lock = threading.Lock()       # guards the fields below
        self._leases: dict[int, int] = {}   # id(Service) -> requests running on it
        self._no_requests = threading.Condition(self._lock)
        self._last_request_end = 0.0
        self._checked = 0.0
        self._loading: Optional[threading.Thread] = None
        self._failed: dict[str, tuple[float, str]] = {}   # generation -> (when, why)

    def acquire(self) -> Service:
        """The Service for one request, kept open until its ``release``: each ``acquire``
        needs one ``release`` (the routers' dependency, search_api.api.routers.deps, pairs
        them, and closes a retired Service on a worker thread, not on the event loop)."""
        self._maybe_check()
        with self._lock:
            service = self._service
            self._leases[id(service)] = self._leases.get(id(service), 0) + 1
        return service

    def release(self, service: Service) -> Optional[Service]:
        """End a lease; the Service to close if it was replaced meanwhile and this was its last."""
        with self._lock:
            left = self._leases.pop(id(service)) - 1
            if left:
                self._leases[id(service)] = left
            elif not self._leases:
                self._last_request_end = time.monotonic()
                self._no_requests.notify_all()
            retired = not left and service is not self._service
        return service if retired else None

    def get(self) -> Service:
        """The Service now, for a look that does not outlive a switch (start-up, /healthz's
        report); a request uses ``acquire``."""
        self._maybe_check()
        return self._service

    def wait_for_no_requests(self, at_most_s: float = QUIET_WAIT_S, gap_s: float = QUIET_GAP_S) -> None:
        """Wait until no request has run for ``gap_s`` (or ``at_most_s`` has passed): background
        work (the warm-up) runs between requests, not beside them. Python threads share one
        interpreter lock, so a warm-up parsing facts beside a search made it 5-15× slower."""
        deadline = time.monotonic() + at_most_s
        with self._no_requests:
            while (left := deadline - time.monotonic()) > 0:
                if self._leases:
                    self._no_requests.wait(left)
                    continue
                quiet_for = time.monotonic() - self._last_request_end
                if quiet_for >= gap_s:
                    return
                self._no_requests.wait(min(left, gap_s - quiet_for))   # a request starting meanwhile is seen after

    def problems(self) -> list[str]:
        """Why the server is not serving the live generation, if it is not."""
        service = self._service
        live = service.live_generation()
        if live is None or live == service.generation:
            return []
        failed = self._failed.get(live)
        why = f": {failed[1]}" if failed else " (switching now)"
        return [f"serving {service.generation}, not the live {live}{why}"]

    def _maybe_check(self) -> None:
        if self._watch and time.monotonic() - self._checked >= GENERATION_CHECK_S:
            self._check()

    def _check(self) -> None:
        with self._lock:
            self._checked = time.monotonic()
            if self._loading is not None:
                return
            live = self._service.live_generation()
            if live is None or live == self._service.generation:
                return
            failed = self._failed.get(live)
            if failed and time.monotonic() - failed[0] < GENERATION_RETRY_S:
                return
            self._loading = threading.Thread(target=self._switch, args=(live,), name="generation-switch",
                                             daemon=True)
            self._loading.start()

    def _switch(self, name: str) -> None:
        try:
            new = self._load(self._service)
        except Exception as exc:   # a broken or vanished generation: keep serving the old one
            with self._lock:
                self._failed[name] = (time.monotonic(), " ".join(str(exc).split())[:300])
                self._loading = None
            log.warning("policykg: cannot switch to %s: %s", name, exc)
            return
        with self._lock:   # no lease is being taken on the old Service while it is replaced
            old, self._service = self._service, new
            self._failed.pop(name, None)
            self._loading = None
            idle = id(old) not in self._leases
        log.warning("policykg: now serving %s", new.generation)
        if idle:   # else the last request running on it closes it
            old.close()

    def close(self) -> None:
        self._service.close()
