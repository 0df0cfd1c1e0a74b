"""Load test of the HTTP API on loopback: /search and /sparql latency under concurrent clients.

Starts `policykg serve` on a free port over a built data directory, warms it up,
then for each endpoint and each concurrency level runs that many clients in
parallel (each sends its next request as soon as the previous answer arrives)
for a fixed number of requests, and reports p50/p95/p99 latency, throughput,
errors and the server's peak resident memory (VmHWM). Client and server share
the machine, so figures include the client's own CPU use.

    .venv/bin/python bench/api_load.py --data data [--requests 400] [--clients 1,8,32]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "bench"))
from liveserver import free_port  # noqa: E402
from measure import children_rss_mb, peak_rss_mb  # noqa: E402

# Colloquial questions policy staff type (not copies of clauses).
SEARCH_QUERIES = [
    "燃气安全归哪个部门管", "危险化学品企业搬迁", "老旧小区消防通道", "地下综合管廊入廊率", "森林防火监控",
    "应急物资储备库建设", "电动自行车充电", "安全生产责任险", "防汛抗旱指挥", "化工园区封闭管理",
    "瓶装液化气实名制", "安全生产执法队伍", "应急广播", "地震监测台网", "危险废物处置能力",
]
# Typical analyst queries: a lookup with a join, a group-by count, a filtered text match.
SPARQL_QUERIES = [
    "PREFIX dcterms: <http://purl.org/dc/terms/>\nSELECT ?doc ?title WHERE { ?doc dcterms:title ?title } LIMIT 50",
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY DESC(?n) LIMIT 20",
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
    "SELECT ?c ?label WHERE { ?c skos:prefLabel ?label FILTER(lang(?label) = 'zh') } ORDER BY ?label",
]


SUFFIXES = ["", "有什么要求", "谁负责", "怎么落实", "目标是什么", "具体措施", "到2025年", "工作重点"]


def search_query(i: int) -> str:
    """A distinct question per request, so every one pays for its query embedding
    (the index caches recent query vectors; repeating 15 strings would measure the cache)."""
    n = len(SEARCH_QUERIES)
    q = SEARCH_QUERIES[i % n] + SUFFIXES[(i // n) % len(SUFFIXES)]
    return q if i < n * len(SUFFIXES) else f"{q} {i}"


def request_for(endpoint: str, i: int) -> tuple[str, dict]:
    if endpoint == "search":
        return "/search", {"q": search_query(i), "k": "10"}
    return "/sparql", {"query": SPARQL_QUERIES[i % len(SPARQL_QUERIES)]}


async def run_level(base: str, endpoint: str, clients: int, total: int, offset: int) -> dict:
    latencies: list[float] = []
    errors: Counter = Counter()
    counter = iter(range(offset, offset + total))   # each level its own (uncached) queries
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:
        async def worker() -> None:
            for i in counter:
                path, params = request_for(endpoint, i)
                started = time.perf_counter()
                r = await client.get(path, params=params)
                latencies.append(time.perf_counter() - started)
                if r.status_code != 200:
                    errors[f"{r.status_code}: {r.text[:80]}"] += 1

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        wall = time.perf_counter() - started
    q = statistics.quantiles(latencies, n=100, method="inclusive")
    return {"endpoint": f"/{endpoint}", "clients": clients, "requests": len(latencies),
            "errors": sum(errors.values()), "error_kinds": dict(errors),
            "p50": q[49] * 1000, "p95": q[94] * 1000, "p99": q[98] * 1000, "rps": len(latencies) / wall}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", required=True, help="a built data directory")
    ap.add_argument("--requests", type=int, default=400, help="requests per endpoint and level")
    ap.add_argument("--clients", default="1,8,32")
    args = ap.parse_args()

    port = free_port()
    log = open(Path(args.data) / "api_load-serve.log", "wb")
    server = subprocess.Popen([sys.executable, "-m", "search_api.cli", "serve", "--port", str(port),
                               "--data", args.data], cwd=REPO, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        t0 = time.perf_counter()
        while True:
            try:
                health = httpx.get(base + "/healthz", timeout=2).json()
                break
            except httpx.TransportError:
                if server.poll() is not None or time.perf_counter() - t0 > 600:
                    raise SystemExit("server did not start; see " + log.name)
                time.sleep(0.3)
        startup = time.perf_counter() - t0
        rss_idle = peak_rss_mb(server.pid)
        for i in range(20):   # warm-up: model, query workers (queries unlike the measured ones)
            for endpoint in ("search", "sparql"):
                path, params = request_for(endpoint, i)
                if endpoint == "search":
                    params = {**params, "q": params["q"] + " 预热"}
                httpx.get(base + path, params=params, timeout=120)
        rows = []
        for endpoint in ("search", "sparql"):
            for level, clients in enumerate(int(c) for c in args.clients.split(",")):
                rows.append(asyncio.run(run_level(base, endpoint, clients, args.requests,
                                                  offset=level * args.requests)))
                print(f"  {rows[-1]}", file=sys.stderr)
        print(f"\nData: {health['documents']} documents, {health['clauses']} clauses ({health['generation']}); "
              f"server start-up {startup:.1f} s; {os.cpu_count()} cores shared with the load generator.\n")
        print("| endpoint | clients | requests | errors | p50 ms | p95 ms | p99 ms | req/s |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for r in rows:
            print(f"| {r['endpoint']} | {r['clients']} | {r['requests']} | {r['errors']} | {r['p50']:.1f} | "
                  f"{r['p95']:.1f} | {r['p99']:.1f} | {r['rps']:.1f} |")
        for r in rows:
            if r["error_kinds"]:
                print(f"\nErrors at {r['endpoint']} × {r['clients']}: {r['error_kinds']}")
        print(f"\nServer peak RSS (VmHWM): {peak_rss_mb(server.pid):.0f} MB after the run "
              f"({rss_idle:.0f} MB after start-up); SPARQL query workers now {children_rss_mb(server.pid):.0f} MB.")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
