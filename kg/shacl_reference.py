"""The reference validator: pySHACL over one document graph with the vocabulary mixed in.

The build validates with kg.validate (the shapes translated to SPARQL, kg.shacl_sparql);
this is what that fast path is checked against (tests/kg/test_validate_fast.py), and a
second opinion when a report is in doubt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from rdflib import Graph
from rdflib.namespace import RDF, SH

from kg.ontology import shapes_graph, vocabulary_graph


@dataclass
class Reference:
    conforms: bool
    report: str
    results: set[tuple[str, Optional[str], str]]   # (focus node as N-Triples, path, constraint component)


def pyshacl_validate(data: Graph, vocabulary: Optional[Graph] = None) -> Reference:
    from pyshacl import validate as shacl_validate
    # pySHACL only mixes ont_graph in when inferencing, so the vocabulary is added by hand
    # (sh:class skos:Concept on sector tags needs the concepts of sectors.ttl).
    combined = Graph()
    for triple in vocabulary_graph() if vocabulary is None else vocabulary:
        combined.add(triple)
    for triple in data:
        combined.add(triple)
    conforms, report, text = shacl_validate(
        combined, shacl_graph=shapes_graph(), inference="none", advanced=True, allow_warnings=True,
    )
    results = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        path = report.value(result, SH.resultPath)
        results.add((report.value(result, SH.focusNode).n3(), str(path) if path is not None else None,
                     str(report.value(result, SH.sourceConstraintComponent))))
    return Reference(bool(conforms), text, results)
