"""Writes while a server runs: pinned generations, switching without a restart, zero 5xx.

The campaign: an ingest plus a remove deleted the generation a running server read (500s on
clause and plan pages, then 503s with a path after a timed-out query, /healthz still "ok"),
and a running server never saw new documents without a restart.
"""

from __future__ import annotations

import collections
import threading
import time
from pathlib import Path

import httpx
import pytest

from liveserver import LiveServer
from search_api.datadir.generations import KEEP_GENERATIONS, DataDir, is_pinned
from sectools import commit_generation, run_cli, write_plan

ROUNDS = 5
VISIBLE_WITHIN_S = 180


def test_writers_never_delete_a_pinned_generation(tmp_path, outcomes):
    data = DataDir(tmp_path / "data")
    commit_generation(data, 0)
    served, pin = data.pin_current()
    for n in range(1, KEEP_GENERATIONS + 3):
        commit_generation(data, n)
    outcomes.add("generations", f"pin {served.name}, then {KEEP_GENERATIONS + 2} writes",
                 f"{served.name} kept: {served.exists()}")
    assert (served / "manifest.json").exists() and is_pinned(served)
    pin.release()
    commit_generation(data, 99)
    assert not served.exists()   # unpinned: cleaned up by the next writer
    assert len(data._generations()) == KEEP_GENERATIONS


@pytest.fixture
def server_on_copy(data_copy, tmp_path):
    server = LiveServer(data_copy, tmp_path / "serve.log")
    try:
        server.wait_ready()
        yield server, data_copy
    finally:
        server.stop()


class Stream:
    """A steady stream of /search, /clauses, /ask and /plans requests from two threads."""

    def __init__(self, url: str, clause_id: str):
        self.url = url
        self.clause_id = clause_id
        self.statuses: collections.Counter = collections.Counter()
        self.failures: list[str] = []
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._run, args=(i,), daemon=True) for i in range(2)]

    def _run(self, which: int) -> None:
        paths = [("/search", {"q": "燃气安全"}), (f"/clauses/{self.clause_id}", None),
                 ("/ask", {"q": "燃气安全归哪个部门管？"}), ("/plans", None)]
        with httpx.Client(base_url=self.url, timeout=120) as client:
            i = which
            while not self._stop.is_set():
                path, params = paths[i % len(paths)]
                i += 1
                try:
                    response = client.get(path, params=params)
                except httpx.TransportError as exc:
                    self.failures.append(f"{path}: {exc!r}")
                    continue
                self.statuses[response.status_code] += 1
                if response.status_code >= 500:
                    self.failures.append(f"{path}: {response.status_code} {response.text[:200]}")

    def __enter__(self) -> "Stream":
        for t in self._threads:
            t.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        for t in self._threads:
            t.join(timeout=180)


def _wait_for(client: httpx.Client, path: str, status: int) -> float:
    start = time.monotonic()
    while time.monotonic() - start < VISIBLE_WITHIN_S:
        if client.get(path).status_code == status:
            return time.monotonic() - start
        time.sleep(0.5)
    raise AssertionError(f"{path} did not become {status} within {VISIBLE_WITHIN_S} s")


@pytest.mark.slow
def test_ingest_and_remove_while_serving(server_on_copy, tmp_path, outcomes):
    server, data = server_on_copy
    with httpx.Client(base_url=server.url, timeout=120) as client:
        clause_id = client.get("/search", params={"q": "燃气安全"}).json()["results"][0]["clause_id"]
        heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
        with Stream(server.url, clause_id) as stream:
            for i in range(ROUNDS):
                doc = f"live-plan-{i}"
                plan = write_plan(tmp_path / f"{doc}.txt")
                proc = run_cli("ingest", str(plan), "--id", doc, data=data)
                assert proc.returncode == 0, proc.stderr[-2000:]
                seen = _wait_for(client, f"/plans/{doc}", 200)
                # a timed-out query kills its worker; the next one must open the served store
                timed_out = client.get("/sparql", params={"query": heavy, "timeout": "0.2"})
                assert timed_out.status_code == 503, timed_out.text
                assert "time limit" in timed_out.json()["detail"] and "/tmp" not in timed_out.text
                assert client.get("/ask", params={"q": "燃气安全归哪个部门管？"}).status_code == 200
                assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).status_code == 200
                proc = run_cli("remove", doc, data=data)
                assert proc.returncode == 0, proc.stderr[-2000:]
                gone = _wait_for(client, f"/plans/{doc}", 404)
                outcomes.add("generations", f"round {i + 1}: ingest {doc}, then remove it",
                             f"visible after {seen:.1f} s, gone after {gone:.1f} s")
        health = client.get("/healthz").json()
    outcomes.add("generations", f"{sum(stream.statuses.values())} requests during {ROUNDS} rounds",
                 ", ".join(f"{k}: {v}" for k, v in sorted(stream.statuses.items())))
    assert not stream.failures, stream.failures[:5]
    assert sum(stream.statuses.values()) > 20 and set(stream.statuses) == {200}
    assert health["status"] == "ok" and health["generation"] == Path(data / "current").resolve().name, health
