"""SPARQL Query Results XML Format (application/sparql-results+xml).

The endpoint offers it because many SPARQL clients (rdflib's SPARQLStore among
them) ask for XML by default. Input is kg.results.QueryResult (select or ask).
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

NS = "http://www.w3.org/2005/sparql-results#"


def _term(term: dict) -> str:
    kind, value = term["type"], escape(term["value"])
    if kind == "uri":
        return f"<uri>{value}</uri>"
    if kind == "bnode":
        return f"<bnode>{value}</bnode>"
    attrs = ""
    if term.get("xml:lang"):
        attrs = f" xml:lang={quoteattr(term['xml:lang'])}"
    elif term.get("datatype"):
        attrs = f" datatype={quoteattr(term['datatype'])}"
    return f"<literal{attrs}>{value}</literal>"


def to_sparql_xml(result) -> str:
    out = [f'<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="{NS}">', "<head>"]
    if result.kind == "ask":
        out.append(f"</head><boolean>{'true' if result.boolean else 'false'}</boolean></sparql>\n")
        return "".join(out)
    out.extend(f"<variable name={quoteattr(v)}/>" for v in result.vars)
    out.append("</head><results>")
    for row in result.rows:
        out.append("<result>")
        out.extend(f"<binding name={quoteattr(v)}>{_term(t)}</binding>" for v, t in row.items())
        out.append("</result>")
    out.append("</results></sparql>\n")
    return "\n".join(out)
