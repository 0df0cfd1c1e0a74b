"""The second backend: any SPARQL 1.1 server, selected by a URL.

    sparql+http://host:port/sparql                        queries (SPARQL 1.1 Protocol)
    sparql+http://host:port/sparql?gsp=/sparql-graph-crud  where named graphs are written
                                                          (SPARQL 1.1 Graph Store Protocol)

Without ``gsp=`` the Graph Store endpoint is the sibling ``…/sparql-graph-crud``
when the query path ends in ``/sparql`` (Virtuoso's layout), else the query URL
itself (Fuseki's dataset URL, Oxigraph server's /store must be given).
Servers are expected to query the union of their graphs by default, as Virtuoso
does and as the embedded store is configured to.
"""

from __future__ import annotations

import time
from typing import Optional
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit, urlunsplit

import httpx

from kg.backend import COUNT_QUERY, DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT_S, GRAPHS_QUERY
from kg.errors import KGError, QueryError, QueryTimeout
from kg.guard import check_parsed, check_read_only, one_line, query_form
from kg.results import QueryResult

SELECT_ACCEPT = "application/sparql-results+json"
GRAPH_ACCEPT = "application/n-triples, text/plain;q=0.9, text/turtle;q=0.8"


def parse_store_url(url: str) -> tuple[str, str]:
    """``sparql+http://…`` -> (query endpoint, graph store endpoint)."""
    scheme, netloc, path, query, _ = urlsplit(url)
    scheme = scheme.removeprefix("sparql+")
    if scheme not in ("http", "https") or not netloc:
        raise KGError(f"not a SPARQL server URL: {url} (expected sparql+http://host:port/sparql)")
    params = parse_qs(query)
    endpoint = urlunsplit((scheme, netloc, path or "/sparql", "", ""))
    if "gsp" in params:
        gsp = urljoin(endpoint, params["gsp"][0])
    elif endpoint.endswith("/sparql"):
        gsp = endpoint + "-graph-crud"
    else:
        gsp = endpoint
    return endpoint, gsp


class SparqlHttpStore:
    def __init__(self, url: str, client: Optional[httpx.Client] = None):
        self.url = url
        self.endpoint, self.graph_store = parse_store_url(url)
        self._client = client or httpx.Client(follow_redirects=True)

    # -- reading -----------------------------------------------------------------
    def query(self, sparql: str, timeout_s: float = DEFAULT_TIMEOUT_S,
              max_rows: int = DEFAULT_MAX_ROWS) -> QueryResult:
        check_read_only(sparql)
        check_parsed(sparql)   # decided from the parse here: the server's own engine may federate
        form = query_form(sparql)
        accept = GRAPH_ACCEPT if form in ("construct", "describe") else SELECT_ACCEPT
        start = time.monotonic()
        # `timeout` (ms) asks servers that understand it (Virtuoso) to stop on their side too.
        response = self._request("POST", self.endpoint, timeout_s,
                                 data={"query": sparql, "timeout": str(int(timeout_s * 1000))},
                                 headers={"Accept": accept})
        if response.status_code >= 400:
            raise QueryError(f"the SPARQL server refused the query ({response.status_code}): "
                             f"{one_line(response.text)[:500]}")
        seconds = time.monotonic() - start
        if form in ("construct", "describe"):
            return self._graph_result(response, max_rows, seconds)
        return self._select_result(response.json(), max_rows, seconds)

    def _request(self, method: str, url: str, timeout_s: float, **kw) -> httpx.Response:
        try:
            return self._client.request(method, url, timeout=httpx.Timeout(timeout_s, connect=10), **kw)
        except httpx.TimeoutException:
            raise QueryTimeout(f"the SPARQL server at {url} did not answer within {timeout_s:g} s") from None
        except httpx.HTTPError as exc:
            raise KGError(f"cannot reach the SPARQL server at {url}: {exc}") from None

    @staticmethod
    def _select_result(body: dict, max_rows: int, seconds: float) -> QueryResult:
        if "boolean" in body:
            return QueryResult(kind="ask", boolean=bool(body["boolean"]), seconds=seconds)
        bindings = body.get("results", {}).get("bindings", [])
        rows = [{name: _normalise(term) for name, term in row.items()} for row in bindings[:max_rows]]
        return QueryResult(kind="select", vars=list(body.get("head", {}).get("vars", [])), rows=rows,
                           truncated=len(bindings) > max_rows, seconds=seconds)

    @staticmethod
    def _graph_result(response: httpx.Response, max_rows: int, seconds: float) -> QueryResult:
        import pyoxigraph as ox
        from kg.worker import oxi_term
        media = response.headers.get("content-type", "text/turtle").split(";")[0].strip()
        fmt = ox.RdfFormat.from_media_type(media) or ox.RdfFormat.TURTLE
        if fmt == ox.RdfFormat.N_TRIPLES or media == "text/plain":
            fmt = ox.RdfFormat.N_TRIPLES
        triples, truncated = [], False
        for t in ox.parse(response.content, format=fmt):
            if len(triples) >= max_rows:
                truncated = True
                break
            triples.append((oxi_term(t.subject), oxi_term(t.predicate), oxi_term(t.object)))
        return QueryResult(kind="graph", triples=triples, truncated=truncated, seconds=seconds)

    def triple_count(self) -> int:
        return int(self.query(COUNT_QUERY, timeout_s=600, max_rows=1).rows[0]["n"]["value"])

    def named_graphs(self) -> list[str]:
        return sorted(r["g"]["value"] for r in self.query(GRAPHS_QUERY, timeout_s=600, max_rows=10**7).rows)

    # -- writing (Graph Store Protocol) ------------------------------------------
    def put_graph(self, graph_iri: str, ntriples: bytes, timeout_s: float = 300) -> None:
        """Replace one named graph with the given N-Triples (sent as Turtle, of which it is a subset)."""
        url = f"{self.graph_store}?{urlencode({'graph': graph_iri})}"
        response = self._request("PUT", url, timeout_s, content=ntriples,
                                 headers={"Content-Type": "text/turtle; charset=utf-8"})
        if response.status_code >= 400:
            raise KGError(f"the SPARQL server refused to store graph {graph_iri} "
                          f"({response.status_code}): {one_line(response.text)[:300]}")

    def delete_graph(self, graph_iri: str, timeout_s: float = 120) -> None:
        url = f"{self.graph_store}?{urlencode({'graph': graph_iri})}"
        response = self._request("DELETE", url, timeout_s)
        if response.status_code >= 400 and response.status_code != 404:
            raise KGError(f"the SPARQL server refused to delete graph {graph_iri} ({response.status_code})")

    def close(self) -> None:
        self._client.close()


def _normalise(term: dict) -> dict:
    """SPARQL JSON from older servers says typed-literal; keep one spelling."""
    if term.get("type") == "typed-literal":
        term = dict(term, type="literal")
    if term.get("datatype") == "http://www.w3.org/2001/XMLSchema#string":
        term = {k: v for k, v in term.items() if k != "datatype"}
    return term
