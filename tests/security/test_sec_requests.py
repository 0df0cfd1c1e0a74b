"""HTTP requests that stall, go away, or meet a failing part: bounded, quiet, honest."""

from __future__ import annotations

import socket
import time

import httpx
import pytest

from liveserver import LiveServer


def _raw(server, request: bytes) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=60)
    sock.sendall(request)
    return sock


def test_a_stalled_request_body_ends_with_408(live_server, outcomes):
    sock = _raw(live_server, b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                             b"Content-Type: application/sparql-query\r\nContent-Length: 100\r\n\r\nSELECT")
    start = time.monotonic()
    answer = sock.recv(4096).decode("latin-1")
    sock.close()
    waited = time.monotonic() - start
    outcomes.add("requests", "POST /sparql, 6 of 100 body bytes, then silence", f"{answer.split()[1]} after {waited:.0f} s")
    assert answer.split()[1] == "408" and waited < 30, answer


def test_a_client_leaving_mid_request_logs_no_traceback(live_server, outcomes):
    before = live_server.log.read_text(errors="replace").count("Traceback")
    for _ in range(3):
        _raw(live_server, b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                          b"Content-Type: application/sparql-query\r\nContent-Length: 100\r\n\r\nSELECT").close()
    time.sleep(1)
    assert httpx.get(live_server.url + "/healthz", timeout=60).status_code == 200
    after = live_server.log.read_text(errors="replace").count("Traceback")
    outcomes.add("requests", "3 clients disconnect mid-body", f"{after - before} tracebacks logged")
    assert after == before


@pytest.fixture(scope="module")
def starved_server(built_data, tmp_path_factory):
    """A server whose query workers cannot even start (a 60 MB address-space limit)."""
    server = LiveServer(built_data, tmp_path_factory.mktemp("starved") / "serve.log",
                        extra_env={"POLICYKG_SPARQL_MEMORY_MB": "60"})
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


def test_healthz_reports_a_failing_part_and_other_parts_keep_working(starved_server, outcomes):
    with httpx.Client(base_url=starved_server.url, timeout=120) as client:
        health = client.get("/healthz").json()
        sparql = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
        search = client.get("/search", params={"q": "燃气安全"})
    outcomes.add("health", "query workers that cannot start", f"{health['status']}: {health['problems'][0][:50]}")
    outcomes.add("health", "/sparql then", f"{sparql.status_code} {sparql.json()['detail'][:50]}")
    assert health["status"] == "degraded" and health["problems"], health
    assert "graph store" in health["problems"][0] and str(starved_server.url) not in health["problems"][0]
    assert all("/tmp" not in p and "gen-" not in p for p in health["problems"]), health
    assert sparql.status_code == 503 and "/tmp" not in sparql.text and "gen-0" not in sparql.text, sparql.text
    assert search.status_code == 200
