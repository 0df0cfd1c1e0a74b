"""Errors ingest raises for bad input: one line naming the file and the problem."""

from __future__ import annotations


class IngestError(Exception):
    """A document cannot be ingested. ``str(err)`` is a one-line user-facing message."""

    def __init__(self, path, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")

    def __reduce__(self):
        # Raised in a cluster's worker and re-raised on the driver: rebuild from both parts
        # (the default would call __init__ with the message alone).
        return (type(self), (self.path, self.problem))
