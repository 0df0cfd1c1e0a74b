"""The VoID description of the dataset (https://www.w3.org/TR/void/): one void:Dataset for the
whole graph, with one subset per named graph (a document, the ontology, the shapes) giving the
document it holds, its title, its triple count and the vocabularies its predicates and classes
come from. Read from any GraphStore with four queries, so it describes exactly what is stored.

The endpoint's Service Description (search_api.api.sparql_description) names the same subset
IRIs for its named graphs, so a client can go from one to the other.
"""

from __future__ import annotations

from typing import Optional

from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, XSD

from kg import iris
from kg.backend import GraphStore

VOID = Namespace("http://rdfs.org/ns/void#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
DATASET = URIRef(iris.ID + "dataset")
QUERY_TIMEOUT_S = 300.0
_OURS = f'FILTER (STRSTARTS(STR(?g), "{iris.ID}"))'   # a SPARQL server may hold graphs of its own
COUNTS = f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_OURS} }} GROUP BY ?g"
PREDICATES = f"SELECT DISTINCT ?g ?t WHERE {{ GRAPH ?g {{ ?s ?t ?o }} {_OURS} }}"
CLASSES = f"SELECT DISTINCT ?g ?t WHERE {{ GRAPH ?g {{ ?s a ?t }} {_OURS} }}"
TITLES = f"SELECT ?g ?t WHERE {{ GRAPH ?g {{ ?g <{DCTERMS.title}> ?t }} {_OURS} }}"
GRAPH_TITLES = {str(iris.ONTOLOGY_GRAPH): "ontology (policy.ttl, sectors.ttl)", str(iris.SHAPES_GRAPH): "SHACL shapes"}


def subset_iri(graph: str) -> URIRef:
    """The void:Dataset standing for one named graph (not the graph's IRI: that is the document)."""
    return URIRef(f"{DATASET}/{graph.removeprefix(iris.ID)}")


def namespace_of(iri: str) -> str:
    """The vocabulary an IRI belongs to: everything up to its last '#' or '/'."""
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[:cut + 1] if cut > 0 else iri


def _rows(store: GraphStore, query: str) -> list[dict]:
    return store.query(query, timeout_s=QUERY_TIMEOUT_S, max_rows=10**8).rows


def describe(store: GraphStore, endpoint: Optional[str] = None) -> Graph:
    """The VoID graph of what ``store`` holds; ``endpoint``: the SPARQL endpoint URL to name."""
    counts = {r["g"]["value"]: int(r["n"]["value"]) for r in _rows(store, COUNTS)}
    vocabularies: dict[str, set[str]] = {g: set() for g in counts}
    for query in (PREDICATES, CLASSES):
        for r in _rows(store, query):
            if r["t"]["type"] == "uri" and not r["t"]["value"].startswith(iris.ID):
                vocabularies[r["g"]["value"]].add(namespace_of(r["t"]["value"]))
    titles = dict(GRAPH_TITLES)
    titles.update({r["g"]["value"]: r["t"]["value"] for r in _rows(store, TITLES)})

    g = Graph()
    for prefix, ns in (("void", VOID), ("sd", SD), ("dcterms", DCTERMS), ("foaf", FOAF), ("pkid", iris.ID)):
        g.bind(prefix, ns)
    g.add((DATASET, RDF.type, VOID.Dataset))
    g.add((DATASET, DCTERMS.title, Literal("policykg: Chinese government policy plans and laws", lang="en")))
    g.add((DATASET, VOID.triples, Literal(sum(counts.values()), datatype=XSD.integer)))
    g.add((DATASET, VOID.uriSpace, Literal(iris.ID)))
    if endpoint:
        g.add((DATASET, VOID.sparqlEndpoint, URIRef(endpoint)))
    for ns in sorted(set().union(*vocabularies.values()) if vocabularies else ()):
        g.add((DATASET, VOID.vocabulary, URIRef(ns)))
    for graph, n in sorted(counts.items()):
        subset = subset_iri(graph)
        g.add((DATASET, VOID.subset, subset))
        g.add((subset, RDF.type, VOID.Dataset))
        g.add((subset, RDF.type, SD.Graph))
        g.add((subset, SD.name, URIRef(graph)))       # the named graph this subset is
        g.add((subset, VOID.triples, Literal(n, datatype=XSD.integer)))
        if iris.is_doc_graph(graph):
            g.add((subset, FOAF.primaryTopic, URIRef(graph)))   # the document the graph holds
        if graph in titles:
            g.add((subset, DCTERMS.title, Literal(titles[graph])))
        for ns in sorted(vocabularies[graph]):
            g.add((subset, VOID.vocabulary, URIRef(ns)))
    return g
