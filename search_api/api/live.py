"""The Service a running server answers with, switched to a new live generation without a restart.

Requests ask ``LiveService.get()`` for the Service. At most once a second it reads where the data
directory's ``current`` link points; when that is a newer generation, one background thread loads
a Service for it (pinning it, reusing the loaded embedding model) while requests go on being
answered by the old one. The new Service then replaces the old in one reference assignment:
a request uses the Service it got for its whole run. The old Service is closed (query workers
stopped, generation unpinned, so a writer may delete it) after a grace period longer than any
request. A switch that fails is reported by /healthz and tried again later.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Callable, Optional

from search_api.limits import GENERATION_CHECK_S, GENERATION_RETRY_S
from search_api.service.readmodel import Service

log = logging.getLogger("policykg.serve")


class LiveService:
    def __init__(self, service: Service, load: Callable[[Service], Service],
                 grace_s: float, watch: bool = True):
        """``load(previous)`` makes a Service for the live generation; ``grace_s``: how long a
        replaced Service stays open for requests still running on it; ``watch``: switch at all."""
        self._service = service
        self._load = load
        self._grace_s = grace_s
        self._watch = watch
        self._lock = threading.Lock()
        self._checked = 0.0
        self._loading: Optional[threading.Thread] = None
        self._failed: dict[str, tuple[float, str]] = {}   # generation -> (when, why)

    def get(self) -> Service:
        if self._watch and time.monotonic() - self._checked >= GENERATION_CHECK_S:
            self._check()
        return self._service

    def problems(self) -> list[str]:
        """Why the server is not serving the live generation, if it is not."""
        live = self._service.live_generation()
        if live is None or live == self._service.generation:
            return []
        failed = self._failed.get(live)
        why = f": {failed[1]}" if failed else " (switching now)"
        return [f"serving {self._service.generation}, not the live {live}{why}"]

    def _check(self) -> None:
        with self._lock:
            self._checked = time.monotonic()
            live = self._service.live_generation()
            if live is None or live == self._service.generation or self._loading is not None:
                return
            failed = self._failed.get(live)
            if failed and time.monotonic() - failed[0] < GENERATION_RETRY_S:
                return
            self._loading = threading.Thread(target=self._switch, args=(live,), name="generation-switch",
                                             daemon=True)
            self._loading.start()

    def _switch(self, name: str) -> None:
        old = self._service
        try:
            new = self._load(old)
        except Exception as exc:   # a broken or vanished generation: keep serving the old one
            self._failed[name] = (time.monotonic(), " ".join(str(exc).split())[:300])
            log.warning("policykg: cannot switch to %s: %s", name, exc)
            self._loading = None
            return
        self._service = new        # one assignment: each request keeps the Service it got
        self._failed.pop(name, None)
        self._loading = None
        log.warning("policykg: now serving %s", new.generation)
        timer = threading.Timer(self._grace_s, old.close)
        timer.daemon = True
        timer.start()

    def close(self) -> None:
        self._service.close()
