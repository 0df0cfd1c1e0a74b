"""The SPARQL 1.1 Service Description of /sparql (https://www.w3.org/TR/sparql11-service-description/):
what a client learns from ``GET /sparql`` without a query — the endpoint, the language, the
result formats it negotiates, that the default graph is the union of the named graphs, and the
default dataset with each named graph and its triple count (the VoID subsets of kg.void).
"""

from __future__ import annotations

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.void import DATASET, SD, VOID

# W3C's IRIs for the formats (https://www.w3.org/ns/formats/) of what the endpoint negotiates.
FORMATS = "http://www.w3.org/ns/formats/"
RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                  "Turtle", "N-Triples", "RDF_XML", "JSON-LD", "N-Quads", "TriG")


def service_description(endpoint: str, void: Graph) -> Graph:
    """The description of the endpoint at URL ``endpoint``, over the dataset ``void`` describes."""
    g = Graph()
    g.bind("sd", SD)
    g.bind("void", VOID)
    service = URIRef(endpoint)
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, service))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((service, SD.feature, SD.UnionDefaultGraph))   # queries see the union of the named graphs
    for name in RESULT_FORMATS:
        g.add((service, SD.resultFormat, URIRef(FORMATS + name)))
    g.add((service, SD.defaultDataset, DATASET))
    g.add((DATASET, RDF.type, SD.Dataset))
    default = BNode()
    g.add((DATASET, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    total = void.value(DATASET, VOID.triples)
    if total is not None:
        g.add((default, VOID.triples, Literal(int(total), datatype=XSD.integer)))
    for subset in sorted(void.objects(DATASET, VOID.subset)):
        named = BNode()
        g.add((DATASET, SD.namedGraph, named))
        g.add((named, RDF.type, SD.NamedGraph))
        g.add((named, SD.name, void.value(subset, SD.name)))
        g.add((named, SD.graph, subset))
        g.add((subset, RDF.type, SD.Graph))
        g.add((subset, VOID.triples, void.value(subset, VOID.triples)))
    return g
