"""Namespaces and the IRIs minted for documents, nodes and facts.

Every IRI is a pure function of a record id, so rebuilding the same corpus
yields the same IRIs. Ids keep their Chinese characters (RDF uses IRIs, not
URIs); ASCII characters that are not allowed or would change an IRI's meaning
(space, %, ?, #, <, >, quotes …) are percent-encoded.
"""

from __future__ import annotations

from urllib.parse import unquote

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, QB, RDF, RDFS, SKOS, TIME, XSD

PK = Namespace("https://w3id.org/policykg/ontology#")
ID = "https://w3id.org/policykg/id/"
ELI = Namespace("http://data.europa.eu/eli/ontology#")

ONTOLOGY_GRAPH = URIRef(ID + "graph/ontology")   # policy.ttl + sectors.ttl + other vocabularies
SHAPES_GRAPH = URIRef(ID + "graph/shapes")       # shapes.ttl, kept apart so queries over the union don't see it
DOC_GRAPH_PREFIX = ID + "doc/"

PREFIXES = {
    "pk": str(PK), "pkid": ID, "eli": str(ELI), "org": str(ORG), "skos": str(SKOS),
    "qb": str(QB), "time": str(TIME), "prov": str(PROV), "dcterms": str(DCTERMS),
    "rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL), "xsd": str(XSD),
}

# ASCII characters kept as they are; everything else ASCII is percent-encoded.
_SAFE_ASCII = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/")


def encode(key: str) -> str:
    """Percent-encode a record id for use in an IRI path, keeping '/' and non-ASCII letters."""
    out = []
    for ch in key:
        if ch in _SAFE_ASCII or (ord(ch) >= 0xA0 and not ch.isspace() and ch not in "\u3000\ufeff"):
            out.append(ch)
        else:
            out.extend(f"%{b:02X}" for b in ch.encode("utf-8"))
    return "".join(out)


def _mint(kind: str, key: str) -> URIRef:
    return URIRef(f"{ID}{kind}/{encode(key)}")


def doc_iri(doc_id: str) -> URIRef:
    """The document and its named graph."""
    return _mint("doc", doc_id)


def node_iri(node_id: str) -> URIRef:
    # Node ids start with the document id, so node IRIs nest under the document's.
    return _mint("doc", node_id)


def actor_iri(actor_id: str) -> URIRef:
    return _mint("actor", actor_id)


def sector_iri(key: str) -> URIRef:
    """Fallback IRI for a sector key not found in ontology/sectors.ttl (see kg.ontology.SectorIndex)."""
    return _mint("sector", key)


def indicator_iri(indicator_id: str) -> URIRef:
    return _mint("indicator", indicator_id)


def indicator_set_iri(doc_id: str) -> URIRef:
    return _mint("indicator-set", doc_id)


def task_iri(task_id: str) -> URIRef:
    return _mint("task", task_id)


def deadline_iri(clause_id: str, n: int) -> URIRef:
    return _mint("deadline", f"{clause_id}/{n}")


def citation_iri(clause_id: str, n: int) -> URIRef:
    return _mint("citation", f"{clause_id}/{n}")


def responsibility_iri(clause_id: str, actor_id: str, role: str) -> URIRef:
    return _mint("responsibility", f"{clause_id}/{role}/{actor_id}")


def period_iri(doc_id: str, part: str = "") -> URIRef:
    return _mint("period", f"{doc_id}/{part}" if part else doc_id)


def activity_iri(method: str) -> URIRef:
    # Keyed by method only (no timestamps) so rebuilds give identical triples.
    return _mint("activity", method or "unknown")


def node_id_of(iri: str) -> str:
    """The record id a document or node IRI was minted from (the inverse of node_iri)."""
    return unquote(str(iri).removeprefix(DOC_GRAPH_PREFIX))


def actor_id_of(iri: str) -> str:
    """The actor id an actor IRI was minted from (the inverse of actor_iri)."""
    return unquote(str(iri).removeprefix(ID + "actor/"))


def is_doc_graph(iri: str) -> bool:
    # Only documents' named graphs live under doc/ (document ids hold no '/').
    return iri.startswith(DOC_GRAPH_PREFIX)
