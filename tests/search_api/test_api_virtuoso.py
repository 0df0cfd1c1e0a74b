"""The server with its graph on a SPARQL server, end to end through the API: the shipped corpus's
build is published to a real Virtuoso (`policykg publish`), then `policykg serve --store` answers
every library query on /sparql, /void, /healthz, /ask and the pages as a server on the embedded
store does, and still refuses updates.
"""

from __future__ import annotations

import httpx
import pytest
from rdflib import Graph

from clitools import run_cli
from kg.library import list_queries
from kg.results import term_key
from kg.void import VOID
from liveserver import LiveServer
from virtuoso_server import ISQL, VIRTUOSO, virtuoso

pytestmark = [
    pytest.mark.slow,   # builds the corpus, starts Virtuoso and two servers
    pytest.mark.skipif(VIRTUOSO is None or ISQL is None,
                       reason="Virtuoso is not installed (apt-get install virtuoso-opensource)"),
]

JSON = "application/sparql-results+json"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER (STRSTARTS(STR(?g), \"https://w3id.org/policykg/\")) }"


@pytest.fixture(scope="module")
def servers(built_corpus, tmp_path_factory):
    """(embedded-store client, Virtuoso-store client)."""
    with virtuoso(tmp_path_factory.mktemp("virtuoso")) as url:
        proc = run_cli("publish", "--store", url, "--json", data=built_corpus)
        assert proc.returncode == 0, proc.stderr[-2000:]
        logs = tmp_path_factory.mktemp("virtuoso-serve")
        started = [LiveServer(built_corpus, logs / "embedded.log"),
                   LiveServer(built_corpus, logs / "virtuoso.log", args=("--store", url))]
        try:
            for server in started:
                server.wait_ready()
            with httpx.Client(base_url=started[0].url, timeout=120) as local, \
                    httpx.Client(base_url=started[1].url, timeout=120) as remote:
                yield local, remote
        finally:
            for server in started:
                server.stop()


def _rows(client: httpx.Client, query: str) -> list[tuple]:
    response = client.post("/sparql", content=query.encode("utf-8"),
                           headers={"Content-Type": "application/sparql-query", "Accept": JSON})
    assert response.status_code == 200, response.text[:500]
    body = response.json()
    names = body["head"]["vars"]
    return sorted(tuple(term_key(row.get(v)) for v in names) for row in body["results"]["bindings"])


def test_health_is_ok_and_queries_reach_virtuoso(servers):
    local, remote = servers
    health = remote.get("/healthz").json()
    assert health["status"] == "ok" and health["graph"] is True, health
    # Virtuoso's own system graph is seen only through the server that queries Virtuoso
    system = {"query": "ASK { GRAPH <http://www.openlinksw.com/schemas/virtrdf#> { ?s ?p ?o } }"}
    assert remote.get("/sparql", params=system, headers={"Accept": JSON}).json()["boolean"] is True
    assert local.get("/sparql", params=system, headers={"Accept": JSON}).json()["boolean"] is False


@pytest.mark.parametrize("name", [q.name for q in list_queries()])
def test_library_query_on_the_endpoint_same_rows_as_embedded(servers, name):
    local, remote = servers
    text = next(q.text for q in list_queries() if q.name == name)
    rows = _rows(remote, text)
    assert rows, "a library query should find something in the shipped corpus"
    assert rows == _rows(local, text)


def test_ask_and_pages_answer_alike(servers):
    local, remote = servers
    for path, params in [("/ask", {"q": "燃气安全归哪个部门管？"}), ("/plans", {}),
                         ("/plans/kunshan-14fyp-safety", {}), ("/indicators/compare", {}),
                         ("/search", {"q": "危险化学品安全监管", "k": 5}), ("/sparql/examples", {})]:
        a, b = local.get(path, params=params), remote.get(path, params=params)
        assert a.status_code == b.status_code == 200, (path, b.text[:300])
        assert a.json() == b.json(), path


def test_void_counts_come_from_the_server(servers):
    local, remote = servers

    def triples(client):
        response = client.get("/void", headers={"Accept": "text/turtle"})
        assert response.status_code == 200, response.text[:300]
        graph = Graph().parse(data=response.text, format="turtle")
        return sorted((str(s), int(o)) for s, o in graph.subject_objects(VOID.triples))

    assert triples(remote) == triples(local)


def test_updates_and_federation_are_refused_and_the_server_graph_is_unchanged(servers):
    local, remote = servers
    before = _rows(remote, COUNT)
    assert remote.post("/sparql", content=b"CLEAR ALL",
                       headers={"Content-Type": "application/sparql-update"}).status_code == 403
    assert remote.get("/sparql", params={"update": "DROP ALL"}).status_code == 403
    assert remote.get("/sparql", params={"query": "DROP ALL"}).status_code in (400, 403)
    federated = "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"
    assert remote.get("/sparql", params={"query": federated}).status_code == 400
    assert _rows(remote, COUNT) == before == _rows(local, COUNT)


def test_a_store_that_is_not_a_sparql_server_url_is_refused():
    proc = run_cli("serve", "--store", "http://127.0.0.1:8890/sparql")
    assert proc.returncode == 2
    assert "--store expects sparql+http://" in proc.stderr


def test_an_unreachable_store_degrades_health_and_the_endpoint_only(built_corpus, tmp_path):
    from liveserver import free_port

    server = LiveServer(built_corpus, tmp_path / "serve.log",
                        args=("--store", f"sparql+http://127.0.0.1:{free_port()}/sparql"))
    try:
        server.wait_ready()
        with httpx.Client(base_url=server.url, timeout=120) as client:
            health = client.get("/healthz").json()
            assert health["status"] == "degraded" and "graph store" in health["problems"][0], health
            response = client.get("/sparql", params={"query": "ASK {}"})
            assert response.status_code == 503 and "cannot reach the SPARQL server" in response.json()["detail"]
            assert client.get("/search", params={"q": "防汛抗旱", "k": 3}).json()["results"]
    finally:
        server.stop()
