"""SPARQL: no request forgery through /sparql, updates refused, honest errors.

The campaign's SSRF: a `#` comment ended by a carriage return hid SERVICE from the old text
guard, and pyoxigraph made the HTTP call. Every variant here is sent to the real server while a
loopback listener waits: it must receive nothing, whatever the server answers.
"""

from __future__ import annotations

import subprocess
import sys

import httpx
import pytest

from kg.errors import QueryError
from kg.guard import check_parsed, check_read_only
from sectools import REPO


def service_variants(port: int) -> dict[str, str]:
    target = f"http://127.0.0.1:{port}/sparql"
    body = "{ ?s ?p ?o }"
    return {
        "comment ended by CR": f"SELECT ?s WHERE {{ #\rSERVICE <{target}> {body}\n }}",
        "comment ended by LF": f"SELECT ?s WHERE {{ #\nSERVICE <{target}> {body} }}",
        "comment ended by CRLF": f"SELECT ?s WHERE {{ # x\r\nSERVICE <{target}> {body} }}",
        "\\u0053ERVICE escape": "SELECT ?s WHERE { \\u0053ERVICE <" + target + "> " + body + " }",
        "\\U escape": "SELECT ?s WHERE { \\U00000053ERVICE <" + target + "> " + body + " }",
        "lower case": f"SELECT ?s WHERE {{ service <{target}> {body} }}",
        "mixed case SILENT": f"SELECT ?s WHERE {{ SeRvIcE SILENT <{target}> {body} }}",
        "prefixed name": f"PREFIX ex: <http://127.0.0.1:{port}/> SELECT ?s WHERE {{ SERVICE ex:sparql {body} }}",
        "BASE-relative IRI": f"BASE <http://127.0.0.1:{port}/> SELECT ?s WHERE {{ SERVICE <sparql> {body} }}",
        "variable endpoint": f"SELECT ?s WHERE {{ VALUES ?e {{ <{target}> }} SERVICE ?e {body} }}",
        "nested in OPTIONAL/UNION": (f"SELECT ?s WHERE {{ {{ ?s ?p ?o }} UNION {{ OPTIONAL {{ "
                                     f"SERVICE <{target}> {body} }} }} }}"),
        "inside a subquery": f"SELECT ?s WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{target}> {body} }} }} }}",
        "ASK form": f"ASK {{ SERVICE <{target}> {body} }}",
        "CONSTRUCT form": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{target}> {body} }}",
    }


def _send(api: httpx.Client, how: str, query: str) -> httpx.Response:
    if how == "GET":
        return api.get("/sparql", params={"query": query})
    if how == "form":
        return api.post("/sparql", data={"query": query})
    return api.post("/sparql", content=query.encode(), headers={"content-type": "application/sparql-query"})


@pytest.mark.parametrize("how", ["POST", "GET", "form"])
def test_no_service_variant_reaches_a_loopback_listener(api, listener, outcomes, how):
    for name, query in service_variants(listener.port).items():
        response = _send(api, how, query)
        outcomes.add(f"ssrf/{how}", name, f"{response.status_code} {response.json()['detail'][:50]}")
        assert response.status_code == 400, (name, response.text)
        assert "LEAKED" not in response.text
        assert "SERVICE" in response.json()["detail"] or "malformed" in response.json()["detail"], response.text
    assert listener.received == [], listener.received


def test_the_parse_decides_even_where_the_token_pass_would_not(outcomes):
    """check_parsed (rdflib's parser, escapes processed) refuses every variant on its own."""
    for name, query in service_variants(9).items():
        with pytest.raises(QueryError) as refused:
            check_parsed(query)
        outcomes.add("guard/parse", name, str(refused.value)[:50])
    for query in ("SELECT ?s WHERE { ?s ?p \"SERVICE <http://x/> { }\" }",   # in a string: data
                  "PREFIX service: <http://example.org/> SELECT ?s WHERE { ?s service:p ?o }",
                  "SELECT ?s WHERE { ?s <http://example.org/SERVICE> ?o } # SERVICE <http://x/> {}"):
        check_parsed(query)
        check_read_only(query)
        outcomes.add("guard/parse", query, "allowed (not a SERVICE pattern)")


@pytest.mark.parametrize("query", [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "LOAD <http://127.0.0.1:9/x.ttl>",
    "CLEAR ALL",
    "SELECT * WHERE { ?s ?p ?o } ; DROP ALL",
    "PREFIX a: <urn:a> INSERT { ?s a:p 1 } WHERE { ?s ?p ?o }",
    "insert data { <urn:a> <urn:b> <urn:c> }",
])
def test_updates_are_refused_in_every_form(api, outcomes, query):
    for how in ("POST", "GET", "form"):
        response = _send(api, how, query)
        outcomes.add(f"update/{how}", query, f"{response.status_code}")
        assert response.status_code in (400, 403), response.text
    response = api.post("/sparql", content=query.encode(), headers={"content-type": "application/sparql-update"})
    assert response.status_code == 403
    with pytest.raises(QueryError):
        check_parsed(query)


def test_a_query_worker_cannot_open_a_connection_even_if_asked(listener, outcomes):
    """Defence in depth: behind the guard, the engine itself runs confined (kg.sandbox)."""
    code = (
        "from kg import sandbox\n"
        "how = sandbox.deny_network()\n"
        "import pyoxigraph\n"
        f"q = 'SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/sparql> {{ ?s ?p ?o }} }}'\n"
        "try:\n"
        "    rows = list(pyoxigraph.Store().query(q))\n"
        "    print(how, 'ROWS', len(rows))\n"
        "except OSError as exc:\n"
        "    print(how, 'REFUSED', exc)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    outcomes.add("ssrf/engine", "SERVICE run by a confined worker", proc.stdout.strip()[:60])
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split()[0] in ("seccomp", "netns"), proc.stdout
    assert "REFUSED" in proc.stdout, proc.stdout
    assert listener.received == []


def test_error_bodies_carry_no_server_paths_nor_long_echoes(api, outcomes):
    response = api.get("/plans/" + "x" * 5000)
    outcomes.add("echo", "GET /plans/xxxx… (5000 chars)", f"{response.status_code}, {len(response.text)} bytes")
    assert response.status_code == 404 and len(response.text) < 600
    response = api.post("/sparql", content=("SELECT * WHERE { ?s ?p " + "x" * 10_000 + " }").encode(),
                        headers={"content-type": "application/sparql-query"})
    outcomes.add("echo", "malformed 10 kB query", f"{response.status_code}, {len(response.text)} bytes")
    assert response.status_code == 400 and len(response.text) < 600
    # a store error names the generation's path on the server: clients do not see it
    from search_api.api.security import public_message
    message = public_message("cannot open the graph store at /srv/policykg/data/gen-000007/graph: IO error")
    assert "/srv" not in message and "gen-000007" not in message
    assert "https://w3id.org/policykg/id/doc/x" in public_message("no such graph https://w3id.org/policykg/id/doc/x")


def test_a_query_over_the_worker_memory_limit_is_stopped_honestly(built_data, outcomes):
    """A query worker has an address-space limit; one over it is replaced and says why."""
    from kg.errors import KGError
    from kg.store import EmbeddedStore

    bomb = "SELECT ?a ?b ?c WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z } ORDER BY ?a ?b ?c"
    with EmbeddedStore(built_data / "current" / "graph", workers=1, memory_mb=400) as store:
        with pytest.raises(KGError) as stopped:
            store.query(bomb, timeout_s=120)
        outcomes.add("memory", "ORDER BY over a 3-way cross product, 400 MB", str(stopped.value)[:60])
        assert "memory" in str(stopped.value) and "400 MB" in str(stopped.value)
        assert store.query("ASK { ?s ?p ?o }", timeout_s=60).boolean   # a fresh worker answers
