"""The scale corpus end to end: `policykg build` over ~3,000 statutes + the two plans, then the service on it.

Phases (each can be run alone; the figures go to "## Scale end to end" in bench/RESULTS.md):

  build   Makes a corpus folder in the work directory (the shipped plans.toml plus a
          [[collection]] of ../shared/scale/laws.jsonl.gz, files linked, not copied) and runs
          `policykg build --corpus … --data …` as a child process: wall time per stage (from
          the build's manifest), peak memory of the build (ru_maxrss), graph and index sizes.
  update  `policykg ingest` of one more plan into that build, then `policykg remove` of it:
          what an incremental change costs at this size.
  serve   Starts `policykg serve` on a loopback port over that build and measures, warm,
          single client: /search latency (dev + own queries), /ask on the three example
          questions, every query of the SPARQL library through /sparql (rows, latency),
          server start-up time (graph store open + index load) and the server's memory
          (just started, and peak); then, in this process, the query embedding time of the
          engine the build was made with, one query at a time as /search embeds them: the
          baseline /search p50 is read against (issue 14: p50 ≤ 1.5 × embedding). /search is
          timed right after start-up, beside the server's warm-up (which reads every
          document's duty clauses and shares the interpreter lock with requests), and again
          once /healthz says the warm-up has finished (steady state), with httpx and with the
          standard library's client. Every timed query is one the server has not seen: it
          keeps the vectors of its last 256 queries, so a repeated query skips the embedding
          (timed apart, as "repeated"). The steady state uses the hand-written owner and
          search questions of tests/gold/ask, half with each client.
          ``--no-library`` skips the SPARQL library (start-up, memory and search only).

The embedding cache is `--cache` (default bench/.work/scale-cache); `bench/search_bench.py
scale-embed` with the same cache embeds the corpus ahead of the build and measures that.

    nohup .venv/bin/python bench/scale_e2e.py build serve update record > bench/.work/scale-e2e.log 2>&1 &
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Optional

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "tests" / "search_api"))
from measure import children_rss_mb, dir_mb, peak_rss_mb, percentiles, rss_mb  # noqa: E402

SHARED = REPO.parent / "shared"
SECTION = "Scale end to end"
COMMAND = "nohup .venv/bin/python bench/scale_e2e.py build serve update record > bench/.work/scale-e2e.log 2>&1 &"


def make_corpus(folder: Path, laws: Path) -> Path:
    """corpus/ (its manifest and plan files) plus the statutes as a [[collection]]."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    shipped = REPO / "corpus"
    for path in shipped.iterdir():
        if path.name != "plans.toml":
            (folder / path.name).symlink_to(path.resolve())
    (folder / laws.name).symlink_to(laws.resolve())
    manifest = (shipped / "plans.toml").read_text("utf-8")
    (folder / "plans.toml").write_text(manifest + f'\n[[collection]]\nfile = "{laws.name}"\n', "utf-8")
    return folder


def phase_build(args) -> dict:
    corpus = make_corpus(args.work / "scale-corpus", args.laws)
    data = args.work / "scale-data"
    if data.exists():
        shutil.rmtree(data)
    env = {**os.environ, "POLICYKG_CACHE": str(args.cache.resolve())}
    cmd = [str(REPO / ".venv" / "bin" / "policykg"), "build", "--corpus", str(corpus), "--data", str(data), "--json"]
    print("running:", " ".join(cmd), flush=True)
    started = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=REPO, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"build failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    gen = (data / "current").resolve()
    manifest = json.loads((gen / "manifest.json").read_text("utf-8"))
    result = {
        "measured": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load_average": round(os.getloadavg()[0], 2),
        "wall_s": round(wall, 1),
        "peak_rss_mb": round(peak_mb),
        "documents": len(manifest["documents"]),
        "clauses": sum(d["clauses"] for d in manifest["documents"]),
        "stages": manifest.get("stages", {}),
        "graph": manifest["graph"],
        "index": manifest["index"],
        "graph_mb": round(dir_mb(gen / "graph")),
        "index_mb": round(dir_mb(gen / "index")),
        "records_mb": round(dir_mb(gen / "records")),
    }
    (args.work / "scale-build.json").write_text(json.dumps(result, ensure_ascii=False, indent=1))
    print(json.dumps(result, ensure_ascii=False, indent=1), flush=True)
    return result


def _policykg(args, *cli: str) -> tuple[float, dict]:
    """Run one CLI command on the scale build; (wall seconds, its --json output)."""
    env = {**os.environ, "POLICYKG_CACHE": str(args.cache.resolve())}
    cmd = [str(REPO / ".venv" / "bin" / "policykg"), *cli, "--data", str(args.work / "scale-data"), "--json"]
    started = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=REPO, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cli)} failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    return time.perf_counter() - started, json.loads(proc.stdout or "null")


def phase_update(args) -> dict:
    """Incremental change at scale: add one plan to the ~3,000-document build, then remove it."""
    plan = args.work / "scale-probe-plan.txt"
    # A real plan under another id: the ingest path a user takes when a new plan arrives.
    plan.write_text((REPO / "corpus" / "kunshan-14fyp-safety-development.txt").read_text("utf-8"), "utf-8")
    add_s, _ = _policykg(args, "ingest", str(plan), "--id", "scale-probe", "--title", "规模测试规划")
    remove_s, _ = _policykg(args, "remove", "scale-probe")
    result = {"measured": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
              "load_average": round(os.getloadavg()[0], 2),
              "ingest_one_plan_s": round(add_s, 1), "remove_one_plan_s": round(remove_s, 1)}
    (args.work / "scale-update.json").write_text(json.dumps(result, ensure_ascii=False, indent=1))
    print(json.dumps(result, ensure_ascii=False, indent=1), flush=True)
    return result


ASK_QUESTIONS = ("燃气安全归哪个部门管？", "危险化学品谁负责监管", "森林防火由谁牵头")
JSON = {"Accept": "application/sparql-results+json"}


def ask_summary(body: dict) -> str:
    """Bodies named by the plans and by the laws (with the first legal basis), for the table."""
    plan = [a["actor"] for a in body["answer"] if a["source"] == "plan"]
    law = [a for a in body["answer"] if a["source"] == "law"]
    basis = next((d["legal_basis"] for a in law for d in a["details"] if d.get("legal_basis")), None)
    text = f"plans: {'、'.join(plan[:4]) or '—'}{' …' if len(plan) > 4 else ''}; laws: "
    text += "、".join(a["actor"] for a in law[:3]) or "—"
    text += f"{' …' if len(law) > 3 else ''}" + (f" ({basis})" if basis else "")
    return text + f"; {len(law)} law bodies in all"


def _timed(fn) -> tuple[float, object]:
    t = time.perf_counter()
    out = fn()
    return (time.perf_counter() - t) * 1000, out


def query_embedding_ms(data: Path, cache: Path, qs: list[str]) -> dict:
    """Percentiles of embedding one query with the model and engine the build's index was made
    with, loaded as the server loads it (serving threads), warm, single query per call."""
    from search_api.index.search import META_FILE, built_engine, load_embedder

    meta = json.loads(((data / "current").resolve() / "index" / META_FILE).read_text("utf-8"))
    embedder = load_embedder(meta.get("model"), cache, serving=True, engine=built_engine(meta))
    for q in qs[:5]:
        embedder.embed_queries([q])
    return percentiles([_timed(lambda: embedder.embed_queries([q]))[0] for q in qs])


def _search_latencies(client, qs: list[str]) -> list[float]:
    """/search (k=10) of each query once, one after the other, as the httpx client sees it."""
    out = []
    for q in qs:
        ms, r = _timed(lambda: client.get("/search", params={"q": q, "k": 10}))
        r.raise_for_status()
        out.append(ms)
    return out


def _search_latencies_raw(port: int, qs: list[str], extra: Optional[dict] = None) -> list[float]:
    """The same with the standard library's HTTP client on one kept-alive connection: httpx's
    own work per request (~1 ms on this box) left out, so the server's latency is what remains.
    ``extra``: more /search parameters."""
    import http.client
    from urllib.parse import urlencode

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    out = []
    try:
        for q in qs:
            started = time.perf_counter()
            conn.request("GET", "/search?" + urlencode({"q": q, "k": 10, **(extra or {})}))
            response = conn.getresponse()
            response_body = response.read()
            if response.status != 200 or not response_body:
                raise SystemExit(f"/search answered {response.status}: {response_body[:200]!r}")
            out.append((time.perf_counter() - started) * 1000)
    finally:
        conn.close()
    return out


def fresh_queries() -> list[str]:
    """Questions the dev and own query sets do not hold: tests/gold/ask's search questions and
    owner questions, in file order, each once."""
    from ask_gold import questions, search_questions
    from search_bench import queries

    out = [query for _id, query, _gold in search_questions()] + [q.question for q in questions()]
    seen = set(queries())
    return [q for q in dict.fromkeys(out) if q not in seen]


def _wait_warm(client, started: float, limit_s: float = 1800) -> float:
    """Seconds from the server's start until /healthz says its warm-up has read every document."""
    while not client.get("/healthz").json().get("warm"):
        if time.perf_counter() - started > limit_s:
            raise SystemExit(f"the server's warm-up had not finished after {limit_s} s")
        time.sleep(0.5)
    return round(time.perf_counter() - started, 1)


def phase_serve(args) -> dict:
    import httpx
    from liveserver import LiveServer
    from search_bench import queries

    data = args.work / "scale-data"
    os.environ["POLICYKG_CACHE"] = str(args.cache.resolve())
    os.environ.pop("POLICYKG_SPARQL_TIMEOUT", None)   # production limits, not the tests' generous ones
    server = LiveServer(data, args.work / "scale-serve.log", production_limits=True)
    started = time.perf_counter()
    try:
        server.wait_ready(timeout=1800)
        startup_s = time.perf_counter() - started
        started_rss = rss_mb(server.proc.pid) + children_rss_mb(server.proc.pid)
        client = httpx.Client(base_url=server.url, timeout=120)
        qs = queries()
        for q in qs[:5]:   # warm-up: model, index pages, store caches
            client.get("/search", params={"q": q, "k": 10}).raise_for_status()
        search_ms = _search_latencies(client, qs[5:])   # right after start-up, beside the warm-up; unseen
        ask, first_ask_ms = {}, None
        for question in ASK_QUESTIONS:
            ms, r = _timed(lambda: client.get("/ask", params={"q": question}))   # warm
            r.raise_for_status()
            first_ask_ms = ms if first_ask_ms is None else first_ask_ms
            ms, r = _timed(lambda: client.get("/ask", params={"q": question}))
            r.raise_for_status()
            body = r.json()
            ask[question] = {"ms": round(ms), "summary": ask_summary(body),
                             "answer": json.dumps(body, ensure_ascii=False)[:2000]}
        library = {}
        for example in [] if args.no_library else client.get("/sparql/examples").json():
            runs, rows, status = [], None, 200
            for _ in range(3):
                ms, r = _timed(lambda: client.post("/sparql", data={"query": example["query"]}, headers=JSON))
                status = r.status_code
                if status != 200:
                    break
                runs.append(ms)
                rows = len(r.json()["results"]["bindings"])
            library[example["name"]] = {"status": status, "rows": rows,
                                        "ms": round(sorted(runs)[len(runs) // 2], 1) if runs else None}
        warm_s = _wait_warm(client, started)
        fresh = fresh_queries()
        half = len(fresh) // 2
        steady_ms = _search_latencies(client, fresh[:half])
        steady_raw_ms = _search_latencies_raw(server.port, fresh[half:])
        repeated_ms = _search_latencies(client, qs)   # their vectors are kept: no embedding
        peak = peak_rss_mb(server.proc.pid) + children_rss_mb(server.proc.pid)
    finally:
        server.stop()
    embed_ms = query_embedding_ms(data, args.cache.resolve(), qs[5:])
    steady_embed_ms = query_embedding_ms(data, args.cache.resolve(), fresh)
    result = {
        "measured": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load_average": round(os.getloadavg()[0], 2),
        "startup_s": round(startup_s, 1),
        "search_queries": len(search_ms),
        "search_ms": percentiles(search_ms),
        "query_embedding_ms": embed_ms,
        "search_p50_over_embedding_p50": round(percentiles(search_ms)["p50"] / embed_ms["p50"], 2),
        "warm_up_done_s": warm_s,   # after start-up, while the /search, /ask (and library) requests ran
        "steady_queries": len(fresh),   # neither set seen by the server before: half with each client
        "steady_search_ms": percentiles(steady_ms),
        "steady_search_raw_ms": percentiles(steady_raw_ms),
        "steady_query_embedding_ms": steady_embed_ms,
        "steady_p50_over_embedding_p50": round(percentiles(steady_ms)["p50"] / steady_embed_ms["p50"], 2),
        "steady_raw_p50_over_embedding_p50": round(percentiles(steady_raw_ms)["p50"] / steady_embed_ms["p50"], 2),
        "repeated_search_ms": percentiles(repeated_ms),   # the first set again: vectors kept, no embedding
        "ask": ask,
        "first_ask_ms": round(first_ask_ms),   # the first question after start-up, cold
        "library": library,
        "server_started_rss_mb": round(started_rss),
        "server_peak_rss_mb": round(peak),
        "code": subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                               text=True).stdout.strip() or REPO.name,
    }
    (args.work / "scale-serve.json").write_text(json.dumps(result, ensure_ascii=False, indent=1))
    print(json.dumps(result, ensure_ascii=False, indent=1), flush=True)
    return result


def _load(args, name: str):
    path = args.work / f"scale-{name}.json"
    return json.loads(path.read_text("utf-8")) if path.exists() else None


def section(args) -> str:
    """The RESULTS.md section from whichever phases have run (their JSON files in --work)."""
    build, serve, update = _load(args, "build"), _load(args, "serve"), _load(args, "update")
    lines = [f"Command: `{COMMAND}` (phases can be run alone: `build`, `serve`, `update`, then `record`).", "",
             f"Machine: {os.cpu_count()} cores, 24 GiB, no GPU; shared with other jobs (load average at the end of "
             "each phase in brackets). `bench/search_bench.py scale-embed` with the same `--cache` may fill the "
             "embedding cache beforehand; the build embeds only what the cache lacks (the index row says how "
             "many it embedded and how many it found), so a cold build costs the rest of the embedding time "
             "(see \"Scale corpus\" under Search).", ""]
    if build:
        st, g, ix = build["stages"], build["graph"], build["index"]
        chars = st.get("characters", 0)

        def rate(key: str) -> str:
            return f"{chars / st[key]:,.0f} chars/s" if st.get(key) else ""
        ph = g.get("phase_seconds", {})
        lines += [
            f"**Build** — measured {build['measured']} (load {build['load_average']}): {build['documents']:,} "
            f"documents, {chars / 1e6:.1f} M characters, {build['clauses']:,} clauses; wall time "
            f"{build['wall_s'] / 60:.1f} min, peak memory {build['peak_rss_mb']:,} MB.", "",
            "| stage | wall s | figures |", "|---|---:|---|",
            f"| ingest (read, clean, segment) | {st.get('ingest_seconds', 0):.0f} | {rate('ingest_seconds')} |",
            f"| extract (indicators, deadlines, actors, tasks, sectors, citations) | "
            f"{st.get('extract_seconds', 0):.0f} | {rate('extract_seconds')} |",
            f"| write records | {st.get('records_seconds', 0):.0f} | {build['records_mb']:,} MB of JSON |",
            f"| graph (RDF + SHACL in worker processes, bulk load, compaction) | {st.get('graph_seconds', 0):.0f} | "
            f"{g['triples']:,} quads in {g['graphs']:,} named graphs, store {build['graph_mb']:,} MB; worker-seconds "
            f"rdf {ph.get('rdf', 0):.0f} / shacl {ph.get('shacl', 0):.0f}, load {ph.get('load', 0):.0f} s, "
            f"optimize {ph.get('optimize', 0):.0f} s |",
            f"| index (embedding, FAISS, BM25, unit table) | {st.get('index_seconds', 0):.0f} | "
            f"{ix['clauses']:,} units; newly embedded {ix['embedded']:,}, from cache {ix['cached']:,}; FAISS "
            f"{ix['faiss_type']} {ix['faiss_seconds']:.0f} s; BM25 {ix['bm25_seconds']:.0f} s; index "
            f"{build['index_mb']:,} MB |", ""]
    if serve:
        lines += [
            f"**Service on that build** — measured {serve['measured']} (load {serve['load_average']}), "
            "`policykg serve` on loopback, one client, warm, production SPARQL limits (10 s, 10,000 rows): "
            f"start-up (store open, index load, model load) {serve['startup_s']} s; "
            f"server memory just started {serve.get('server_started_rss_mb', '—')} MB, peak "
            f"{serve['server_peak_rss_mb']:,} MB (with the SPARQL worker).", "",
            "| request | latency | result |", "|---|---:|---|",
            f"| `/search` ({serve['search_queries']} dev + own queries, k=10; p50 / p95 / p99) | "
            f"{serve['search_ms']['p50']} / {serve['search_ms']['p95']} / {serve['search_ms']['p99']} ms | |"]
        if "query_embedding_ms" in serve:
            e = serve["query_embedding_ms"]
            lines.append(f"| query embedding alone, same engine, same queries (p50 / p95 / p99) | "
                         f"{e['p50']} / {e['p95']} / {e['p99']} ms | /search p50 = "
                         f"{serve['search_p50_over_embedding_p50']} × embedding p50 |")
        if "steady_search_ms" in serve:
            st, raw = serve["steady_search_ms"], serve["steady_search_raw_ms"]
            emb = serve.get("steady_query_embedding_ms", serve["query_embedding_ms"])
            lines.append(f"| `/search` once the warm-up had finished ({serve['warm_up_done_s']} s after start), "
                         f"{serve.get('steady_queries', '')} questions the server had not seen, half with httpx, half "
                         f"with http.client (p50 / p95 / p99) | {st['p50']} / {st['p95']} / {st['p99']} ms; "
                         f"{raw['p50']} / {raw['p95']} / {raw['p99']} ms | /search p50 = "
                         f"{serve['steady_p50_over_embedding_p50']} / {serve['steady_raw_p50_over_embedding_p50']}"
                         f" × embedding p50 of those questions ({emb['p50']} ms) |")
        if "repeated_search_ms" in serve:
            r = serve["repeated_search_ms"]
            lines.append(f"| `/search` of the first queries again (their vectors kept: no embedding) | "
                         f"{r['p50']} / {r['p95']} / {r['p99']} ms | |")
        if "first_ask_ms" in serve:
            lines.append(f"| `/ask`, the first question after start-up (cold) | {serve['first_ask_ms']} ms | |")
        for question, a in serve["ask"].items():
            lines.append(f"| `/ask` {question} | {a['ms']} ms | {a.get('summary', '')} |")
        for name, q in serve["library"].items():
            outcome = f"{q['rows']} rows" if q["status"] == 200 else f"HTTP {q['status']}"
            lines.append(f"| SPARQL library `{name}` (median of 3) | "
                         f"{'—' if q['ms'] is None else str(q['ms']) + ' ms'} | {outcome} |")
        lines.append("")
    if update:
        lines += [f"**Incremental change at this size** — measured {update['measured']} (load "
                  f"{update['load_average']}): `policykg ingest` of one more plan {update['ingest_one_plan_s']} s, "
                  f"`policykg remove` of it {update['remove_one_plan_s']} s (records, the plan's named graph, "
                  "and the search index, whose BM25 part is rebuilt over all units and whose vectors come "
                  "from the cache).", ""]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("phases", nargs="+", choices=("build", "serve", "update", "record"))
    ap.add_argument("--work", type=Path, default=REPO / "bench" / ".work")
    ap.add_argument("--cache", type=Path, default=REPO / "bench" / ".work" / "scale-cache")
    ap.add_argument("--laws", type=Path, default=SHARED / "scale" / "laws.jsonl.gz")
    ap.add_argument("--no-library", action="store_true", help="serve: skip the SPARQL library")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if "build" in args.phases:
        phase_build(args)
    if "serve" in args.phases:
        phase_serve(args)
    if "update" in args.phases:
        phase_update(args)
    text = section(args)
    print(text)
    if "record" in args.phases or len(set(args.phases) - {"record"}) == 3:
        from results import replace_section
        replace_section(SECTION, text)


if __name__ == "__main__":
    main()
