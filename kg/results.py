"""SPARQL query results, independent of the backend that produced them.

Terms are kept in the SPARQL 1.1 JSON results shape
(``{"type": "uri"|"literal"|"bnode", "value", "xml:lang"?, "datatype"?}``), so the
embedded store, a remote server and the HTTP endpoint speak the same thing.
This module imports nothing heavy: the query worker process uses it too.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Optional

Term = dict   # {"type": ..., "value": ..., "xml:lang"?: ..., "datatype"?: ...}

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

SELECT_FORMATS = ("json", "csv", "tsv", "table")
GRAPH_FORMATS = ("ttl", "nt", "json", "table")
# CONSTRUCT/DESCRIBE output written by pyoxigraph's serialisers: format name -> RdfFormat attribute.
# N-Quads and TriG hold the triples in the default graph (a CONSTRUCT answer has no named graphs).
RDF_FORMATS = {"ttl": "TURTLE", "nt": "N_TRIPLES", "rdfxml": "RDF_XML", "jsonld": "JSON_LD",
               "nq": "N_QUADS", "trig": "TRIG"}


@dataclass
class QueryResult:
    kind: str                                   # select | ask | graph
    vars: list[str] = field(default_factory=list)
    rows: list[dict[str, Term]] = field(default_factory=list)      # select
    boolean: Optional[bool] = None                                  # ask
    triples: list[tuple[Term, Term, Term]] = field(default_factory=list)  # construct / describe
    truncated: bool = False                     # the row cap cut the result
    seconds: float = 0.0

    def __len__(self) -> int:
        return len(self.rows) if self.kind == "select" else len(self.triples)

    # -- serialisations --------------------------------------------------------
    def to_sparql_json(self) -> dict:
        if self.kind == "ask":
            return {"head": {}, "boolean": bool(self.boolean)}
        if self.kind == "graph":
            # Not standard for graphs; handy for --json on CONSTRUCT.
            return {"head": {"vars": ["subject", "predicate", "object"]},
                    "results": {"bindings": [dict(zip(("subject", "predicate", "object"), t)) for t in self.triples]}}
        return {"head": {"vars": list(self.vars)}, "results": {"bindings": self.rows}}

    def to_csv(self, delimiter: str = ",") -> str:
        """SPARQL 1.1 CSV (plain values) or TSV (terms in Turtle syntax)."""
        out = io.StringIO()
        tsv = delimiter == "\t"
        if self.kind == "ask":
            out.write("_askResult\r\n" if not tsv else "?_askResult\n")
            out.write(("true" if self.boolean else "false") + ("\n" if tsv else "\r\n"))
            return out.getvalue()
        header, rows = self._tabular()
        if tsv:
            out.write("\t".join("?" + v for v in header) + "\n")
            for row in rows:
                out.write("\t".join(term_to_nt(row[v]) if v in row else "" for v in header) + "\n")
        else:
            writer = csv.writer(out, lineterminator="\r\n")
            writer.writerow(header)
            for row in rows:
                writer.writerow([row[v]["value"] if v in row else "" for v in header])
        return out.getvalue()

    def to_ntriples(self) -> str:
        return self.to_rdf("nt")

    def to_turtle(self, prefixes: Optional[dict[str, str]] = None) -> str:
        return self.to_rdf("ttl", prefixes)

    def to_rdf(self, fmt: str, prefixes: Optional[dict[str, str]] = None) -> str:
        """The triples in an RDF syntax of RDF_FORMATS, written by pyoxigraph (imported here only:
        the query worker never serialises)."""
        import pyoxigraph as ox
        rdf_format = getattr(ox.RdfFormat, RDF_FORMATS[fmt])
        # grouped by subject and predicate: the serialisers then write each subject once (Turtle's ';')
        ordered = sorted(self.triples, key=lambda t: (t[0]["type"], t[0]["value"], t[1]["value"]))
        triples = [ox.Triple(*map(oxi_of, t)) for t in ordered]
        statements = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples] \
            if rdf_format.supports_datasets else triples
        used = _used_prefixes(prefixes or {}, self.triples) if rdf_format != ox.RdfFormat.N_TRIPLES else None
        return ox.serialize(statements, format=rdf_format, prefixes=used).decode("utf-8")

    def to_table(self, prefixes: Optional[dict[str, str]] = None):
        """A rich Table for the terminal: IRIs shortened with ``prefixes``, long text folded."""
        from rich.table import Table
        from rich.text import Text
        if self.kind == "ask":
            table = Table("ask")
            table.add_row("true" if self.boolean else "false")
            return table
        header, rows = self._tabular()
        table = Table(show_lines=False)
        for name in header:
            table.add_column(name, overflow="fold")
        for row in rows:
            # Text, not markup: a literal holding "[/bold]" is data, shown as written
            table.add_row(*[Text(_display(row[v], prefixes)) if v in row else "" for v in header])
        return table

    def serialize(self, fmt: str, prefixes: Optional[dict[str, str]] = None) -> str:
        if fmt == "json":
            return json.dumps(self.to_sparql_json(), ensure_ascii=False, indent=2)
        if fmt == "csv":
            return self.to_csv(",")
        if fmt == "tsv":
            return self.to_csv("\t")
        if fmt in RDF_FORMATS:
            return self.to_rdf(fmt, prefixes)
        raise ValueError(f"unknown result format {fmt!r}")

    def _tabular(self) -> tuple[list[str], list[dict[str, Term]]]:
        if self.kind == "graph":
            return ["subject", "predicate", "object"], [
                dict(zip(("subject", "predicate", "object"), t)) for t in self.triples]
        return list(self.vars), self.rows

    def row_values(self) -> list[tuple]:
        """Rows as comparable tuples of normalised terms (for cross-backend comparisons)."""
        header, rows = self._tabular()
        return [tuple(term_key(row.get(v)) for v in header) for row in rows]


def _display(term: Term, prefixes: Optional[dict[str, str]]) -> str:
    value = term["value"]
    if term["type"] == "uri" and prefixes:
        # Longest namespace first, so pkid:doc/… wins over a shorter match.
        for name, iri in sorted(prefixes.items(), key=lambda kv: -len(kv[1])):
            if value.startswith(iri):
                return f"{name}:{value[len(iri):]}"
    return value


def graph_result(graph) -> QueryResult:
    """An rdflib Graph as a CONSTRUCT answer, so descriptions made with rdflib are sent in every
    format an answer is (kg.void, the endpoint's Service Description)."""
    from rdflib import BNode, URIRef
    def term(t) -> Term:
        if isinstance(t, URIRef):
            return {"type": "uri", "value": str(t)}
        if isinstance(t, BNode):
            return {"type": "bnode", "value": str(t)}
        out = {"type": "literal", "value": str(t)}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype is not None and str(t.datatype) != XSD_STRING:
            out["datatype"] = str(t.datatype)
        return out
    return QueryResult(kind="graph", triples=[tuple(map(term, triple)) for triple in graph])


def oxi_of(term: Term):
    """A result term as a pyoxigraph term (the inverse of kg.worker.oxi_term)."""
    import pyoxigraph as ox
    kind, value = term["type"], term["value"]
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        try:
            return ox.BlankNode(value)
        except ValueError:   # a server's own label (Virtuoso: nodeID://b1): the same node, a legal name
            import hashlib
            return ox.BlankNode("b" + hashlib.sha1(value.encode("utf-8")).hexdigest()[:20])
    if term.get("xml:lang"):
        return ox.Literal(value, language=term["xml:lang"])
    return ox.Literal(value, datatype=ox.NamedNode(term["datatype"])) if term.get("datatype") else ox.Literal(value)


def _used_prefixes(prefixes: dict[str, str], triples) -> dict[str, str]:
    """Only the prefixes some IRI of the answer starts with: a short answer gets no wall of @prefix."""
    iris = {t["value"] for triple in triples for t in triple if t["type"] == "uri"}
    iris |= {t["datatype"] for triple in triples for t in triple if t.get("datatype")}
    return {name: ns for name, ns in prefixes.items() if any(i.startswith(ns) for i in iris)}


def term_key(term: Optional[Term]) -> tuple:
    """A hashable form of a term; numbers compare by value so 0.0112 == 0.01120 across servers."""
    if term is None:
        return ("unbound",)
    kind = "literal" if term["type"] in ("literal", "typed-literal") else term["type"]
    if kind != "literal":
        return (kind, term["value"])
    dt = term.get("datatype")
    lang = (term.get("xml:lang") or "").lower()
    if dt in _NUMERIC:
        try:
            from decimal import Decimal
            return ("number", Decimal(term["value"]).normalize())
        except Exception:
            pass
    if dt in (None, XSD_STRING, RDF_LANGSTRING):
        dt = None
    return ("literal", term["value"], lang, dt)


_XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMERIC = {_XSD + t for t in ("integer", "decimal", "double", "float", "int", "long", "short",
                               "nonNegativeInteger", "positiveInteger", "unsignedInt")}


def term_to_nt(term: Term) -> str:
    kind, value = term["type"], term["value"]
    if kind == "uri":
        return f"<{value}>"
    if kind == "bnode":
        return f"_:{value}"
    escaped = (value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
               .replace("\r", "\\r"))
    if term.get("xml:lang"):
        return f'"{escaped}"@{term["xml:lang"]}'
    dt = term.get("datatype")
    if dt and dt != XSD_STRING:
        return f'"{escaped}"^^<{dt}>'
    return f'"{escaped}"'
