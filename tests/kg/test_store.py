"""The embedded store: query forms, refusals, time limit, row cap, result formats."""

from __future__ import annotations

import csv
import io
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import rdflib

from kg.errors import KGError, QueryError, QueryTimeout
from kg.store import open_store
from sample_records import REPO

PK = "PREFIX pk: <https://w3id.org/policykg/ontology#>\n"
# A cartesian product over every triple, three times: never finishes on any store.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def test_select_ask_construct(sample_store):
    rows = sample_store.query(PK + "SELECT ?n WHERE { ?i a pk:IndicatorTarget ; pk:normalizedName ?n }").rows
    assert sorted(r["n"]["value"] for r in rows).count("年均十万人火灾死亡率") == 2
    assert sample_store.query(PK + "ASK { ?t a pk:KeyProject }").boolean is True
    assert sample_store.query(PK + "ASK { ?t a pk:Law }").boolean is False
    graph = sample_store.query(PK + "CONSTRUCT { ?i pk:targetValue ?v } WHERE { ?i pk:targetValue ?v }")
    assert graph.kind == "graph" and len(graph.triples) == 3


def test_union_default_graph_and_named_graphs(sample_store):
    graphs = sample_store.named_graphs()
    assert "https://w3id.org/policykg/id/graph/ontology" in graphs
    assert "https://w3id.org/policykg/id/doc/kunshan-14fyp-safety" in graphs
    # Triples of different document graphs join without GRAPH clauses.
    q = PK + "SELECT ?label WHERE { ?c pk:sector ?s . ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?label FILTER(LANG(?label) = \"zh\") } LIMIT 1"
    assert sample_store.query(q).rows[0]["label"]["value"] == "城镇燃气"


@pytest.mark.parametrize("query, fragment", [
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "UPDATE (INSERT) is not allowed"),
    ("PREFIX x: <urn:x#>\nDROP ALL", "UPDATE (DROP) is not allowed"),
    ("DELETE WHERE { ?s ?p ?o }", "UPDATE (DELETE) is not allowed"),
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }", "SERVICE"),
    ("SELECT ?x WHERE { ?x ", "malformed SPARQL: error at 1:"),
    ("   ", "empty"),
])
def test_refusals_are_one_line_query_errors(sample_store, query, fragment):
    with pytest.raises(QueryError) as err:
        sample_store.query(query)
    assert fragment in str(err.value)
    assert "\n" not in str(err.value)


def test_update_keywords_inside_strings_are_fine(sample_store):
    result = sample_store.query('SELECT ("INSERT DATA" AS ?x) WHERE {} # DROP ALL')
    assert result.rows[0]["x"]["value"] == "INSERT DATA"


def test_runaway_query_is_stopped_at_the_time_limit_and_store_stays_usable(sample_store):
    started = time.monotonic()
    with pytest.raises(QueryTimeout):
        sample_store.query(RUNAWAY, timeout_s=1.5)
    elapsed = time.monotonic() - started
    print(f"\nrunaway query stopped after {elapsed:.2f} s (limit 1.5 s)")
    assert elapsed < 4
    assert sample_store.query("ASK { ?s ?p ?o }", timeout_s=10).boolean is True


def test_parallel_queries_and_timeout_do_not_block_each_other(sample_data):
    import threading
    store = open_store(sample_data.require_current(), workers=2)
    answers, errors = [], []

    def runaway():
        try:
            store.query(RUNAWAY, timeout_s=3)
        except QueryTimeout as exc:
            errors.append(exc)

    t = threading.Thread(target=runaway)
    t.start()
    time.sleep(0.3)
    started = time.monotonic()
    answers.append(store.query("ASK { ?s ?p ?o }", timeout_s=10).boolean)
    quick = time.monotonic() - started
    t.join()
    store.close()
    print(f"\nquery beside a runaway one answered in {quick:.2f} s")
    assert answers == [True] and len(errors) == 1 and quick < 2.5


def test_row_cap_truncates(sample_store):
    result = sample_store.query("SELECT * WHERE { ?s ?p ?o }", max_rows=7)
    assert len(result.rows) == 7 and result.truncated
    assert not sample_store.query("SELECT * WHERE { ?s ?p ?o } LIMIT 3", max_rows=7).truncated


def test_result_serialisations_parse_back(sample_store):
    q = PK + "SELECT ?i ?v ?a WHERE { ?i pk:targetValue ?v . OPTIONAL { ?i pk:indicatorAttribute ?a } } ORDER BY ?v"
    result = sample_store.query(q)
    body = json.loads(result.serialize("json"))
    assert body["head"]["vars"] == ["i", "v", "a"] and len(body["results"]["bindings"]) == 3
    assert body["results"]["bindings"][0]["v"]["datatype"].endswith("#decimal")
    rows = list(csv.reader(io.StringIO(result.serialize("csv"))))
    assert rows[0] == ["i", "v", "a"] and rows[1][1] == "0.0112" and rows[1][2] == "约束性"
    tsv = result.serialize("tsv").splitlines()
    assert tsv[0] == "?i\t?v\t?a" and '"约束性"@zh' in tsv[1]
    construct = sample_store.query(PK + "CONSTRUCT { ?i pk:targetValue ?v } WHERE { ?i pk:targetValue ?v }")
    for fmt, rdf_format in (("ttl", "turtle"), ("nt", "nt")):
        g = rdflib.Graph().parse(data=construct.serialize(fmt), format=rdf_format)
        assert len(g) == 3


def test_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(KGError, match="no graph store"):
        open_store(tmp_path)


def _children_of(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def test_worker_in_a_runaway_query_dies_with_its_parent(sample_data):
    """A caller killed mid-query must not leave a worker burning CPU on the runaway query."""
    script = (
        "import sys, threading, time\n"
        "from kg.store import open_store\n"
        "store = open_store(sys.argv[1])\n"
        f"threading.Thread(target=lambda: store.query({RUNAWAY!r}, timeout_s=600), daemon=True).start()\n"
        "time.sleep(600)\n")
    proc = subprocess.Popen([sys.executable, "-c", script, str(sample_data.require_current())], cwd=REPO)
    deadline = time.monotonic() + 60
    workers = []
    while not workers and time.monotonic() < deadline:
        time.sleep(0.5)
        workers = _children_of(proc.pid)
    assert workers, "the query worker did not start"
    time.sleep(1)   # the worker is now inside the runaway query
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{w}").exists() and _state(w) != "Z" for w in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    alive = [w for w in workers if Path(f"/proc/{w}").exists() and _state(w) != "Z"]
    assert not alive, f"orphaned query workers still running: {alive}"


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


def test_worker_started_from_a_short_lived_thread_survives_it(sample_data):
    """Servers open workers from pool threads that come and go; the worker belongs to the
    process, so it must outlive the thread that started it (PR_SET_PDEATHSIG did not)."""
    import threading

    store = open_store(sample_data.require_current())
    try:
        starter = threading.Thread(target=lambda: store.query("ASK { ?s ?p ?o }"))
        starter.start()
        starter.join()
        time.sleep(1.5)   # past the parent watch's poll interval
        assert store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows
    finally:
        store.close()
