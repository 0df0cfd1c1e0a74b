"""/sparql against a real server: the SPARQL 1.1 Protocol variants, read-only, limits, and a real client."""

from __future__ import annotations

import csv
import io
import time
import xml.etree.ElementTree as ET

import httpx
import pytest
from rdflib import Graph

from liveserver import SPARQL_MAX_ROWS

pytestmark = pytest.mark.slow

PK = "PREFIX pk: <https://w3id.org/policykg/ontology#>\n"
# Every document with its title: a fixed, checkable answer whatever the ontology details.
TITLES = ("PREFIX dcterms: <http://purl.org/dc/terms/>\n"
          "SELECT ?doc ?title WHERE { ?doc dcterms:title ?title } ORDER BY ?doc ?title")
SPARQL_JSON = "application/sparql-results+json"
EXAMPLE_LIMIT_S = 10.0     # the production default


def _titles(rows) -> set[str]:
    return {r["title"]["value"] for r in rows}


def test_get_post_form_and_direct_post_agree(api):
    get = api.get("/sparql", params={"query": TITLES}, headers={"Accept": SPARQL_JSON})
    form = api.post("/sparql", data={"query": TITLES}, headers={"Accept": SPARQL_JSON})
    direct = api.post("/sparql", content=TITLES.encode(),
                      headers={"Content-Type": "application/sparql-query", "Accept": SPARQL_JSON})
    for r in (get, form, direct):
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].startswith(SPARQL_JSON)
    rows = get.json()["results"]["bindings"]
    assert rows == form.json()["results"]["bindings"] == direct.json()["results"]["bindings"]
    assert "城镇燃气管理条例" in _titles(rows)
    assert any(t.startswith("苏州市吴江区") for t in _titles(rows))


def test_result_formats_by_accept(api):
    json_rows = api.get("/sparql", params={"query": TITLES}).json()["results"]["bindings"]   # JSON by default
    csv_text = api.get("/sparql", params={"query": TITLES}, headers={"Accept": "text/csv"})
    assert csv_text.headers["content-type"].startswith("text/csv")
    parsed = list(csv.DictReader(io.StringIO(csv_text.text)))
    assert [r["title"] for r in parsed] == [r["title"]["value"] for r in json_rows]
    tsv = api.get("/sparql", params={"query": TITLES}, headers={"Accept": "text/tab-separated-values"})
    assert tsv.text.splitlines()[0] == "?doc\t?title" and len(tsv.text.splitlines()) == len(json_rows) + 1
    xml = api.get("/sparql", params={"query": TITLES}, headers={"Accept": "application/sparql-results+xml"})
    results = ET.fromstring(xml.content).findall(".//{http://www.w3.org/2005/sparql-results#}result")
    assert len(results) == len(json_rows)
    weighted = api.get("/sparql", params={"query": TITLES}, headers={"Accept": "text/csv;q=0.5, text/tab-separated-values"})
    assert weighted.headers["content-type"].startswith("text/tab-separated-values")
    assert api.get("/sparql", params={"query": TITLES, "format": "csv"}).headers["content-type"].startswith("text/csv")


def test_ask_query(api):
    yes = api.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()
    no = api.get("/sparql", params={"query": "ASK { <urn:x:nothing> ?p ?o }"}).json()
    assert yes["boolean"] is True and no["boolean"] is False


def test_construct_as_turtle_and_ntriples(api):
    q = "CONSTRUCT { ?doc <http://purl.org/dc/terms/title> ?t } WHERE { ?doc <http://purl.org/dc/terms/title> ?t }"
    ttl = api.get("/sparql", params={"query": q}, headers={"Accept": "text/turtle"})
    nt = api.get("/sparql", params={"query": q}, headers={"Accept": "application/n-triples"})
    assert ttl.headers["content-type"].startswith("text/turtle")
    assert nt.headers["content-type"].startswith("application/n-triples")
    g1, g2 = Graph().parse(data=ttl.text, format="turtle"), Graph().parse(data=nt.text, format="nt")
    assert len(g1) == len(g2) >= api.get("/healthz").json()["documents"] and set(g1) == set(g2)
    describe = api.get("/sparql", params={"query": "DESCRIBE <https://w3id.org/policykg/id/doc/kunshan-14fyp-safety>"},
                       headers={"Accept": "text/turtle"})
    assert describe.status_code == 200 and len(Graph().parse(data=describe.text, format="turtle")) > 0
    assert api.get("/sparql", params={"query": q}, headers={"Accept": "text/csv"}).status_code == 406


@pytest.mark.parametrize("send", [
    lambda api: api.get("/sparql", params={"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}),
    lambda api: api.post("/sparql", data={"update": "DROP ALL"}),
    lambda api: api.post("/sparql", content=b"CLEAR ALL", headers={"Content-Type": "application/sparql-update"}),
    lambda api: api.post("/sparql", content=b"PREFIX x: <urn:x#>\n# sneaky\nDELETE WHERE { ?s ?p ?o }",
                         headers={"Content-Type": "application/sparql-query"}),
    lambda api: api.get("/sparql", params={"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}),
], ids=["get-update", "form-update", "sparql-update", "update-as-query", "get-query-insert"])
def test_updates_are_refused_with_403(api, send):
    r = send(api)
    assert r.status_code == 403, r.text
    assert "read-only" in r.json()["detail"]
    assert api.get("/sparql", params={"query": "ASK { <urn:a> <urn:b> <urn:c> }"}).json()["boolean"] is False


def test_malformed_query_is_400_with_the_parser_message(api):
    r = api.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p "})
    assert r.status_code == 400
    detail = r.json()["detail"]
    assert detail.startswith("malformed SPARQL") and len(detail) > len("malformed SPARQL: ")
    print(f"\nparser message: {detail}")


def test_missing_or_oversized_query(api):
    assert api.get("/sparql", params={"query": " "}).status_code == 400   # no query at all: the Service Description
    assert api.post("/sparql", data={"query": ""}).status_code == 400
    assert api.post("/sparql", content=b"SELECT 1", headers={"Content-Type": "text/plain"}).status_code == 415
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 30_000
    r = api.post("/sparql", content=big.encode(), headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413 and "limit" in r.json()["detail"]


def test_row_cap_truncates_and_says_so(api):
    r = api.get("/sparql", params={"query": "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 100000"})
    assert r.status_code == 200
    assert len(r.json()["results"]["bindings"]) == SPARQL_MAX_ROWS
    assert r.headers["x-sparql-truncated"] == "true"
    small = api.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3"})
    assert "x-sparql-truncated" not in small.headers and small.headers["x-sparql-rows"] == "3"


def test_time_limit_stops_a_runaway_query_and_the_server_keeps_serving(api, live_server):
    # Every pair of triples, tested by a filter no pair passes: minutes of CPU in constant memory. (A three-way
    # product would be cut by the worker's memory limit instead, first on a fast box: the store holds a
    # cartesian product's rows; test_sec_sparql.py tests that limit.)
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f FILTER(STRLEN(CONCAT(STR(?c), STR(?f))) < 0) }"
    limit = 2.0
    started = time.monotonic()
    r = api.get("/sparql", params={"query": runaway, "timeout": limit})
    took = time.monotonic() - started
    assert r.status_code == 503, r.text
    assert "time limit" in r.json()["detail"]
    assert took < limit + 5
    # the worker was replaced: the next queries answer normally and quickly
    started = time.monotonic()
    assert api.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True
    assert api.get("/healthz").status_code == 200
    print(f"\nrunaway query cut after {took:.2f}s (limit {limit}s); next query {time.monotonic() - started:.2f}s")
    assert api.get("/sparql", params={"query": "ASK {}", "timeout": "soon"}).status_code == 400


def test_library_examples_run_on_the_endpoint(api):
    """Every query of the library is offered to the console and runs, or is cut by the time limit
    with a clear message (never a hung worker)."""
    examples = api.get("/sparql/examples").json()
    assert len(examples) >= 5
    outcomes = {}
    for ex in examples:
        assert ex["title"] and ex["query"]
        started = time.monotonic()
        r = api.post("/sparql", params={"timeout": EXAMPLE_LIMIT_S}, content=ex["query"].encode(),
                     headers={"Content-Type": "application/sparql-query", "Accept": f"{SPARQL_JSON}, text/turtle"})
        took = time.monotonic() - started
        assert r.status_code in (200, 503), (ex["name"], r.text[:300])
        if r.status_code == 503:
            assert "time limit" in r.json()["detail"]
            assert took < EXAMPLE_LIMIT_S + 5
        outcomes[ex["name"]] = (r.status_code, round(took, 2), r.headers.get("x-sparql-rows"))
    print(f"\nlibrary examples (status, seconds, rows): {outcomes}")
    assert sum(status == 200 for status, _, _ in outcomes.values()) >= len(outcomes) - 1, outcomes


def test_rdflib_sparqlstore_sees_the_same_rows_as_the_embedded_store(live_server, built_data):
    """A real SPARQL client (rdflib's SPARQLStore) against our endpoint == the embedded store."""
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    from kg.results import term_key
    from kg.store import open_store
    from search_api.datadir.generations import DataDir

    remote = Graph(store=SPARQLStore(live_server.url + "/sparql", returnFormat="xml", method="POST_FORM"))
    queries = [TITLES, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"]
    with open_store(DataDir(built_data).require_current()) as embedded:
        for q in queries:
            local = embedded.query(q, timeout_s=60, max_rows=100_000)
            rows = [tuple(term_key(_rdflib_term(row[v])) for v in local.vars) for row in remote.query(q)]
            assert rows == local.row_values(), q
            assert rows
    print(f"\nSPARQLStore rows identical to the embedded store for {len(queries)} queries")


def _rdflib_term(term):
    from rdflib import BNode, Literal, URIRef
    if term is None:
        return None
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype:
        out["datatype"] = str(term.datatype)
    return out


def test_post_without_content_length_is_refused(live_server):
    def chunks():
        yield b"SELECT * WHERE { ?s ?p ?o } LIMIT 1"
    r = httpx.post(live_server.url + "/sparql", content=chunks(),
                   headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 411
