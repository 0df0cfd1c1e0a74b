"""Progress reports and stage timings, shared by every stage from ingest to the search index.

``Progress`` is the one callback type: ``progress(stage, done, total)``, called as work
advances ("ingest", "extract", "records", "graph", "embed", "bm25", "publish"); the CLI
draws one bar per stage from it, everything else passes ``no_progress``.

``StageTimer`` is the one stage timer: seconds per stage, accumulated (a stage may be
timed in pieces, as the graph's per-document RDF and SHACL phases are), reported rounded
to milliseconds in build manifests and statistics.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Iterator, Protocol


class Progress(Protocol):
    def __call__(self, stage: str, done: int, total: int) -> None: ...


def no_progress(stage: str, done: int, total: int) -> None:
    """The default Progress: report nothing."""


class StageTimer:
    """Wall-clock seconds per stage, in the order the stages were first timed."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.started = self._last = time.monotonic()

    def add(self, stage: str, seconds: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds

    def lap(self, stage: str) -> None:
        """Charge the time since the previous lap (or the start) to ``stage``."""
        now = time.monotonic()
        self.add(stage, now - self._last)
        self._last = now

    @contextmanager
    def stage(self, stage: str) -> Iterator[None]:
        """Charge the time spent in the ``with`` block to ``stage``."""
        start = time.monotonic()
        try:
            yield
        finally:
            self.add(stage, time.monotonic() - start)

    def merge(self, seconds: dict[str, float]) -> None:
        """Add another timer's seconds (e.g. measured in a worker process)."""
        for stage, value in seconds.items():
            self.add(stage, value)

    def elapsed(self) -> float:
        """Seconds since the timer was made."""
        return time.monotonic() - self.started

    def rounded(self, suffix: str = "") -> dict[str, float]:
        """``{stage + suffix: seconds}`` rounded to milliseconds, as statistics report them."""
        return {f"{stage}{suffix}": round(value, 3) for stage, value in self.seconds.items()}
