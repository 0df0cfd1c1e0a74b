"""SHACL validation of document graphs: the shapes as SPARQL queries over an in-memory Oxigraph store.

Each document graph is validated on its own, with the vocabulary (policy.ttl,
sectors.ttl) mixed in: shapes only relate a fact to nodes of its own document,
so per-document validation equals validating the union, costs linear time,
and an incremental update only re-validates the documents it changed.

ontology/shapes.ttl is translated once per process into one violation query per
constraint (kg.shacl_sparql); a document's N-Triples and the vocabulary are loaded
into a fresh in-memory store and every query runs over it. pySHACL, which took three
quarters of the graph stage, stays the reference (kg.shacl_reference, compared in the tests).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

import pyoxigraph as ox
from rdflib import Graph

from kg.errors import ValidationError
from kg.ontology import shapes_graph, vocabulary_graph
from kg.shacl_sparql import Check, compile_shapes

MAX_REPORT_LINES = 40
SH = "http://www.w3.org/ns/shacl#"


@dataclass(frozen=True)
class Violation:
    focus: str                 # the focus node, N-Triples form
    path: Optional[str]        # the property (IRI) for property constraints
    value: Optional[str]       # the offending value, N-Triples form, where the constraint is about one
    component: str             # the constraint component IRI
    shape: str                 # the node shape IRI
    message: Optional[str]

    def text(self) -> str:
        lines = [f"Constraint Violation in {self.component.removeprefix(SH)} ({self.component}):",
                 "\tSeverity: sh:Violation", f"\tSource Shape: <{self.shape}>", f"\tFocus Node: {self.focus}"]
        if self.value is not None:
            lines.append(f"\tValue Node: {self.value}")
        if self.path is not None:
            lines.append(f"\tResult Path: <{self.path}>")
        if self.message:
            lines.append(f"\tMessage: {self.message}")
        return "\n".join(lines)


@dataclass
class Outcome:
    conforms: bool
    report: str
    violations: list[Violation] = field(default_factory=list)

    @property
    def results(self) -> set[tuple[str, Optional[str], str]]:
        """(focus node as N-Triples, path, constraint component) of each violation."""
        return {(v.focus, v.path, v.component) for v in self.violations}


@lru_cache(maxsize=4)
def _checks(shapes: Graph) -> tuple[Check, ...]:
    return tuple(compile_shapes(shapes))


@lru_cache(maxsize=4)
def _vocabulary_ntriples(vocab: Graph) -> bytes:
    return vocab.serialize(format="nt", encoding="utf-8")


def checks() -> tuple[Check, ...]:
    """The violation queries of shapes.ttl (translated once per process while the file is unchanged)."""
    return _checks(shapes_graph())


def validate_ntriples(ntriples: bytes, vocabulary: Optional[Graph] = None) -> Outcome:
    """Validate a document graph given as N-Triples, with the vocabulary (by default
    ontology/*.ttl but shapes.ttl) mixed in."""
    store = ox.Store()   # in memory
    vocab = vocabulary_graph() if vocabulary is None else vocabulary
    store.bulk_load(_vocabulary_ntriples(vocab), format=ox.RdfFormat.N_TRIPLES)
    store.bulk_load(ntriples, format=ox.RdfFormat.N_TRIPLES)
    violations = []
    for check in checks():
        for row in store.query(check.query):
            value = row["value"] if check.selects_value else None
            violations.append(Violation(str(row["this"]), check.path, str(value) if value is not None else None,
                                        check.component, check.shape, check.message))
    if not violations:
        return Outcome(True, "Validation Report\nConforms: True")
    report = [f"Validation Report\nConforms: False\nResults ({len(violations)}):"] + [v.text() for v in violations]
    return Outcome(False, "\n".join(report), violations)


def validate_graph(data: Graph, vocabulary: Optional[Graph] = None) -> Outcome:
    return validate_ntriples(data.serialize(format="nt", encoding="utf-8"), vocabulary)


def raise_if_invalid(doc_id: str, outcome: Outcome) -> None:
    """Raise ValidationError with a readable (trimmed) report if the outcome has violations."""
    if not outcome.conforms:
        raise ValidationError(f"document {doc_id}:\n" + _trim(outcome.report))


def check_document(doc_id: str, data: Graph) -> None:
    """Raise ValidationError with a readable (trimmed) report if ``data`` violates the shapes."""
    raise_if_invalid(doc_id, validate_graph(data))


def _trim(report: str) -> str:
    lines = [line for line in report.splitlines() if line.strip()]
    if len(lines) <= MAX_REPORT_LINES:
        return "\n".join(lines)
    return "\n".join(lines[:MAX_REPORT_LINES] + [f"… ({len(lines) - MAX_REPORT_LINES} more lines)"])
