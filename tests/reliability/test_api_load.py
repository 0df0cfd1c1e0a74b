"""The API under load and abuse, on loopback against a real `policykg serve`.

Clients mix searches, library SPARQL queries and owner questions while another
client sends hostile SPARQL (cartesian products, unbounded property paths, huge
LIMITs). The hostile queries must be cut by the time limit or the row cap; the
ordinary requests must all succeed (zero 5xx) and the server must not grow in
memory. Bounded in count (POLICYKG_LOAD_REQUESTS, default 3 000) and in time
(POLICYKG_LOAD_SECONDS, default 300 s): the default run's share. The longer soak this test
ran before (10 000 requests, up to 15 minutes) is one setting away:
POLICYKG_LOAD_REQUESTS=10000 POLICYKG_LOAD_SECONDS=900 scripts/test tests/reliability/test_api_load.py -s
"""

from __future__ import annotations

import os
import random
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from liveserver import LiveServer

REQUESTS = int(os.environ.get("POLICYKG_LOAD_REQUESTS", "3000"))
MAX_SECONDS = float(os.environ.get("POLICYKG_LOAD_SECONDS", "300"))
CLIENTS = 8
HOSTILE_TIMEOUT_S = 2

SEARCH_WORDS = ["燃气", "危险化学品", "消防", "防汛", "应急预案", "安全生产责任", "隐患排查", "应急物资",
                "森林防火", "道路运输", "建筑施工", "特种设备", "应急救援队伍", "宣传教育", "监管执法",
                "地震", "气象灾害", "化工园区", "瓶装液化气", "老旧管网"]
ASK = ["燃气安全归哪个部门管？", "危险化学品谁负责监管", "森林防火由谁牵头", "消防安全谁负责",
       "防汛抗旱归谁管"]
LIBRARY = ["plan_indicators", "compare_indicator", "due_by_date", "key_projects", "actor_tasks",
           "tasks_by_sector", "clauses_citing_law"]
HOSTILE = [
    ("cartesian product", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"),
    ("unbounded property path", "SELECT * WHERE { ?s (<urn:x:p>|!<urn:x:p>)* ?o . ?o ?p ?v }"),
    ("huge LIMIT", "SELECT * WHERE { ?s ?p ?o } LIMIT 100000000"),
]


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _ordinary_request(client: httpx.Client, rng: random.Random, queries: dict[str, str]) -> tuple[str, int]:
    roll = rng.random()
    if roll < 0.7:
        q = "".join(rng.sample(SEARCH_WORDS, 2)) + rng.choice(["怎么管", "要求", "目标", "谁负责", ""])
        return "search", client.get("/search", params={"q": q, "k": 10}).status_code
    if roll < 0.9:
        name = rng.choice(LIBRARY)
        r = client.get("/sparql", params={"query": queries[name]},
                       headers={"Accept": "application/sparql-results+json"})
        return "sparql", r.status_code
    return "ask", client.get("/ask", params={"q": rng.choice(ASK), "k": 3}).status_code


@pytest.mark.slow
def test_mixed_load_with_hostile_sparql(built_corpus, tmp_path):
    from kg.library import get_query

    queries = {name: get_query(name).text for name in LIBRARY}
    server = LiveServer(built_corpus, tmp_path / "serve.log")
    try:
        server.wait_ready()
        statuses: Counter = Counter()
        failures: list[str] = []
        hostile_outcomes: list[tuple[str, int, str]] = []
        stop = threading.Event()

        def hostile_client() -> None:
            with httpx.Client(base_url=server.url, timeout=60) as client:
                while not stop.is_set():
                    for name, query in HOSTILE:
                        r = client.get("/sparql", params={"query": query, "timeout": HOSTILE_TIMEOUT_S},
                                       headers={"Accept": "application/sparql-results+json"})
                        hostile_outcomes.append((name, r.status_code, r.headers.get("X-SPARQL-Truncated", "")))
                        if stop.is_set():
                            return

        def ordinary_client(seed: int, count: int, deadline: float) -> None:
            rng = random.Random(seed)
            with httpx.Client(base_url=server.url, timeout=120) as client:
                for _ in range(count):
                    if time.monotonic() > deadline:
                        return
                    kind, status = _ordinary_request(client, rng, queries)
                    statuses[(kind, status)] += 1
                    if status != 200:
                        failures.append(f"{kind} -> {status}")

        # Warm up (model, index, workers), then measure memory from a steady state.
        ordinary_client(0, 200, time.monotonic() + MAX_SECONDS)
        rss_start = _rss_mb(server.proc.pid)
        started = time.monotonic()
        deadline = started + MAX_SECONDS
        hostile = threading.Thread(target=hostile_client, daemon=True)
        hostile.start()
        per_client = (REQUESTS - 200) // CLIENTS
        with ThreadPoolExecutor(CLIENTS) as pool:
            for f in [pool.submit(ordinary_client, seed, per_client, deadline) for seed in range(1, CLIENTS + 1)]:
                f.result()
        stop.set()
        hostile.join(timeout=120)
        elapsed = time.monotonic() - started
        rss_end = _rss_mb(server.proc.pid)
        done = sum(statuses.values())

        print(f"\n{done} ordinary requests in {elapsed:.0f} s ({done / elapsed:.1f}/s) with {CLIENTS} clients")
        for (kind, status), n in sorted(statuses.items()):
            print(f"  {kind:<7} {status}: {n}")
        print(f"hostile SPARQL: {Counter((n, s, t) for n, s, t in hostile_outcomes)}")
        print(f"server RSS after warm-up {rss_start:.0f} MB, at the end {rss_end:.0f} MB")

        assert not failures, f"{len(failures)} ordinary requests failed: {Counter(failures)}"
        assert done >= min(REQUESTS, 1000), "the load test ended before serving 1000 requests"
        assert hostile_outcomes, "no hostile query was sent"
        for name, status, truncated in hostile_outcomes:
            # Cut by the time limit (503) or answered up to the row cap (200, truncated).
            assert status == 503 or (status == 200 and truncated), (name, status, truncated)
        assert rss_end - rss_start < max(150.0, 0.15 * rss_start), "server memory grew under load"
    finally:
        server.stop()
