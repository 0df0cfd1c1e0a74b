"""Errors ingest raises for bad input: one line naming the file and the problem."""

from __future__ import annotations


class IngestError(Exception):
    """A document cannot be ingested. ``str(err)`` is a one-line user-facing message."""

    def __init__(self, path, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
