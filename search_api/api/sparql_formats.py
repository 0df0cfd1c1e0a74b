"""Which media type a SPARQL answer is sent as: content negotiation like Fuseki and Oxigraph.

``Accept`` is read with its q-values, ``*/*`` and ``type/*``; a ``format=`` or ``output=``
parameter (Fuseki, Virtuoso; SPARQLWrapper sends both) wins over the header. A short name
means the format of that family that fits the answer (``xml`` is SPARQL XML for a SELECT,
RDF/XML for a CONSTRUCT), as SPARQLWrapper expects; a full media type is taken as it is.
"""

from __future__ import annotations

from typing import Optional

# media type -> serialisation name (kg.results), per kind of answer; the first is the default.
TABULAR = {"application/sparql-results+json": "json", "application/sparql-results+xml": "xml",
           "text/csv": "csv", "text/tab-separated-values": "tsv",
           "application/json": "json", "application/xml": "xml", "text/xml": "xml"}
GRAPH = {"text/turtle": "ttl", "application/n-triples": "nt", "application/rdf+xml": "rdfxml",
         "application/ld+json": "jsonld", "application/n-quads": "nq", "application/trig": "trig",
         # aliases clients send: N3 is a superset of Turtle; SPARQLWrapper's lists name these
         "application/turtle": "ttl", "application/x-turtle": "ttl", "text/n3": "ttl", "text/rdf+n3": "ttl",
         "application/n3": "ttl", "text/plain": "nt", "application/x-json+ld": "jsonld",
         "application/xml": "rdfxml", "text/xml": "rdfxml"}
# the media types each kind is announced with (Service Description, 406 messages)
MAIN_TABULAR = tuple(TABULAR)[:4]
MAIN_GRAPH = tuple(GRAPH)[:6]

# format=/output= short names -> media type, per kind of answer
_PARAM_TABULAR = {"json": "application/sparql-results+json", "srj": "application/sparql-results+json",
                  "xml": "application/sparql-results+xml", "srx": "application/sparql-results+xml",
                  "csv": "text/csv", "tsv": "text/tab-separated-values"}
_PARAM_GRAPH = {"turtle": "text/turtle", "ttl": "text/turtle", "n3": "text/turtle",
                "nt": "application/n-triples", "ntriples": "application/n-triples",
                "n-triples": "application/n-triples", "xml": "application/rdf+xml", "rdf": "application/rdf+xml",
                "rdf+xml": "application/rdf+xml", "rdfxml": "application/rdf+xml",
                "json-ld": "application/ld+json", "jsonld": "application/ld+json", "json": "application/ld+json",
                "nq": "application/n-quads", "nquads": "application/n-quads", "trig": "application/trig"}


def offered(kind: str) -> dict[str, str]:
    return GRAPH if kind == "graph" else TABULAR


def wanted(kind: str, format_param: Optional[str], accept: str) -> str:
    """What the client asked for, as an Accept value: the format parameter if given, else the header."""
    if not format_param:
        return accept
    if "/" in format_param:   # a media type (output=application/sparql-results+json)
        return format_param.replace(" ", "+")   # a '+' not %-encoded in a URL arrives as a space
    names = _PARAM_GRAPH if kind == "graph" else _PARAM_TABULAR
    return names.get(format_param.strip().lower(), f"unknown/{format_param}")


def negotiate(accept: str, choices: dict[str, str]) -> Optional[str]:
    """The offered media type the Accept header ranks highest (q-values, */* and type/*);
    None when nothing offered is acceptable."""
    if not accept.strip():
        return next(iter(choices))
    ranked = []
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media, q = fields[0].lower(), 1.0
        for f in fields[1:]:
            if f.replace(" ", "").startswith("q="):
                try:
                    q = float(f.split("=", 1)[1])
                except ValueError:
                    q = 0.0
        # at equal q a specific type beats type/* beats */* (RFC 9110 §12.5.1)
        specificity = 2 if media == "*/*" else 1 if media.endswith("/*") else 0
        ranked.append((-q, specificity, i, media))
    refused = {media for neg_q, _, _, media in ranked if neg_q == 0}   # q=0: "not this one"
    for neg_q, _, _, media in sorted(ranked):
        if neg_q >= 0:
            break
        for candidate in choices:
            if candidate in refused:
                continue
            if media in (candidate, "*/*") or (media.endswith("/*") and candidate.startswith(media[:-1])):
                return candidate
    return None
