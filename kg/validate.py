"""SHACL validation of document graphs with pySHACL.

Each document graph is validated on its own, with the vocabulary (policy.ttl,
sectors.ttl) mixed in: shapes only relate a fact to nodes of its own document,
so per-document validation equals validating the union, costs linear time,
and an incremental update only re-validates the documents it changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyshacl import validate as shacl_validate
from rdflib import Graph

from kg.errors import ValidationError
from kg.ontology import shapes_graph, vocabulary_graph

MAX_REPORT_LINES = 40


@dataclass
class Outcome:
    conforms: bool
    report: str


def validate_graph(data: Graph) -> Outcome:
    # pySHACL only mixes ont_graph in when inferencing, so the vocabulary is added by hand
    # (sh:class skos:Concept on sector tags needs the concepts of sectors.ttl).
    combined = Graph()
    for triple in vocabulary_graph():
        combined.add(triple)
    for triple in data:
        combined.add(triple)
    conforms, _report_graph, text = shacl_validate(
        combined, shacl_graph=shapes_graph(), inference="none", advanced=True, allow_warnings=True,
    )
    return Outcome(bool(conforms), text)


def check_document(doc_id: str, data: Graph) -> None:
    """Raise ValidationError with a readable (trimmed) report if ``data`` violates the shapes."""
    outcome = validate_graph(data)
    if not outcome.conforms:
        raise ValidationError(f"document {doc_id}:\n" + _trim(outcome.report))


def _trim(report: str) -> str:
    lines = [line for line in report.splitlines() if line.strip()]
    if len(lines) <= MAX_REPORT_LINES:
        return "\n".join(lines)
    return "\n".join(lines[:MAX_REPORT_LINES] + [f"… ({len(lines) - MAX_REPORT_LINES} more lines)"])
