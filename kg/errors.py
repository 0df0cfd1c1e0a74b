"""Errors of the graph layer that are the user's problem (shown as one line)."""

from __future__ import annotations


class KGError(Exception):
    """Base class: bad query, failed validation, unreachable store."""


class QueryError(KGError):
    """Malformed SPARQL (the parser's message), or an UPDATE where only reads are allowed."""


class QueryTimeout(KGError):
    """The query ran past its time limit."""


class ValidationError(KGError):
    """The built graph violates the SHACL shapes; ``report`` is the readable text."""

    def __init__(self, report: str):
        self.report = report
        super().__init__("the graph does not conform to ontology/shapes.ttl:\n" + report)

    def __reduce__(self):
        # Raised in build worker processes and re-raised in the parent: rebuild from the report.
        return (type(self), (self.report,))
