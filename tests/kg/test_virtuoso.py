"""The SPARQL-server backend, for real: Debian's Virtuoso on a loopback port.

The graph of the shipped corpus (real ingest and extraction) is published with
the Graph Store Protocol, then every library query must return the same rows
from Virtuoso as from the embedded store.
"""

from __future__ import annotations

import pytest

from kg.errors import QueryError
from kg.library import list_queries
from kg.publish import publish
from kg.sparql_http import parse_store_url
from kg.store import open_store
from virtuoso_server import ISQL, VIRTUOSO, virtuoso

pytestmark = [
    pytest.mark.slow,   # builds the shipped corpus's graph with the real extraction
    pytest.mark.skipif(VIRTUOSO is None or ISQL is None,
                       reason="Virtuoso is not installed (apt-get install virtuoso-opensource): "
                              "the package could not be installed on this machine"),
]


@pytest.fixture(scope="module")
def embedded(corpus_graph):
    store = open_store(corpus_graph[1])
    yield store
    store.close()


@pytest.fixture(scope="module")
def remote(tmp_path_factory, corpus_graph):
    with virtuoso(tmp_path_factory.mktemp("virtuoso")) as url:
        store = open_store(url)
        stats = publish(corpus_graph[1], store)
        print(f"\npublished to Virtuoso: {stats}")
        yield store
        store.close()


def test_store_url_parsing():
    assert parse_store_url("sparql+http://127.0.0.1:8890/sparql") == (
        "http://127.0.0.1:8890/sparql", "http://127.0.0.1:8890/sparql-graph-crud")
    assert parse_store_url("sparql+http://h:3030/ds?gsp=/ds/data") == ("http://h:3030/ds", "http://h:3030/ds/data")


def test_same_triples_and_graphs(remote, embedded):
    assert remote.triple_count() == embedded.triple_count()
    assert remote.named_graphs() == embedded.named_graphs()


@pytest.mark.parametrize("name", [q.name for q in list_queries()])
def test_library_query_same_rows_on_both_backends(remote, embedded, name):
    text = next(q.text for q in list_queries() if q.name == name)
    local, server = embedded.query(text), remote.query(text)
    print(f"\n{name}: {len(local.rows)} rows; embedded {local.seconds * 1000:.1f} ms, "
          f"virtuoso {server.seconds * 1000:.1f} ms")
    assert local.vars == server.vars
    assert local.rows, "a library query should find something in the shipped corpus"
    assert sorted(local.row_values()) == sorted(server.row_values())


def test_construct_and_ask_over_protocol(remote, embedded):
    q = ("PREFIX pk: <https://w3id.org/policykg/ontology#> "
         "CONSTRUCT { ?i pk:targetValue ?v } WHERE { ?i pk:targetValue ?v }")
    assert sorted(remote.query(q).row_values()) == sorted(embedded.query(q).row_values())
    assert remote.query("ASK { ?s a <https://w3id.org/policykg/ontology#KeyProject> }").boolean is True


def test_remote_refuses_update_and_reports_syntax_errors(remote):
    with pytest.raises(QueryError, match="not allowed"):
        remote.query("CLEAR ALL")
    # a syntax error is caught by the parse check before anything is sent (kg.guard.check_parsed)
    with pytest.raises(QueryError, match="malformed SPARQL"):
        remote.query("SELECT ?x WHERE { ?x ")


def test_republish_replaces_and_deletes_graphs(remote, tmp_path):
    """Publishing a build without the Wujiang plan replaces Kunshan's graph and deletes Wujiang's."""
    from sample_records import make_generation
    from sample_records import kunshan
    from search_api.datadir.generations import DataDir

    data = DataDir(tmp_path / "data")
    make_generation(data, [kunshan()])
    stats = publish(data.require_current(), remote)
    with open_store(data.require_current()) as local:
        assert stats["deleted"] == 1
        assert remote.named_graphs() == local.named_graphs()
        assert remote.triple_count() == local.triple_count()
