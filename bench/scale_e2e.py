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
          server start-up time (graph store open + index load) and the server's peak memory.

The embedding cache is `--cache` (default bench/.work/scale-cache); `bench/search_bench.py
scale-embed` with the same cache embeds the corpus ahead of the build and measures that.

    nohup .venv/bin/python bench/scale_e2e.py build serve update > bench/.work/scale-e2e.log 2>&1 &
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

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO / "tests"))
SHARED = REPO.parent / "shared"
SECTION = "Scale end to end"
COMMAND = "nohup .venv/bin/python bench/scale_e2e.py build serve update > bench/.work/scale-e2e.log 2>&1 &"


def dir_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


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


def _percentiles(ms: list[float]) -> dict:
    import numpy as np
    a = np.asarray(ms)
    return {f"p{p}": round(float(np.percentile(a, p)), 1) for p in (50, 95, 99)}


def _timed(fn) -> tuple[float, object]:
    t = time.perf_counter()
    out = fn()
    return (time.perf_counter() - t) * 1000, out


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
        client = httpx.Client(base_url=server.url, timeout=120)
        qs = queries()
        for q in qs[:5]:   # warm-up: model, index pages, store caches
            client.get("/search", params={"q": q, "k": 10}).raise_for_status()
        search_ms = []
        for q in qs:
            ms, r = _timed(lambda: client.get("/search", params={"q": q, "k": 10}))
            r.raise_for_status()
            search_ms.append(ms)
        ask = {}
        for question in ASK_QUESTIONS:
            client.get("/ask", params={"q": question}).raise_for_status()   # warm
            ms, r = _timed(lambda: client.get("/ask", params={"q": question}))
            r.raise_for_status()
            body = r.json()
            ask[question] = {"ms": round(ms), "answer": json.dumps(body, ensure_ascii=False)[:600]}
        library = {}
        for example in client.get("/sparql/examples").json():
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
        peak = server.peak_rss_mb() + server.children_rss_mb()
    finally:
        server.stop()
    result = {
        "measured": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load_average": round(os.getloadavg()[0], 2),
        "startup_s": round(startup_s, 1),
        "search_queries": len(search_ms),
        "search_ms": _percentiles(search_ms),
        "ask": ask,
        "library": library,
        "server_peak_rss_mb": round(peak),
    }
    (args.work / "scale-serve.json").write_text(json.dumps(result, ensure_ascii=False, indent=1))
    print(json.dumps(result, ensure_ascii=False, indent=1), flush=True)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("phases", nargs="+", choices=("build", "serve", "update"))
    ap.add_argument("--work", type=Path, default=REPO / "bench" / ".work")
    ap.add_argument("--cache", type=Path, default=REPO / "bench" / ".work" / "scale-cache")
    ap.add_argument("--laws", type=Path, default=SHARED / "scale" / "laws.jsonl.gz")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if "build" in args.phases:
        phase_build(args)
    if "serve" in args.phases:
        phase_serve(args)
    if "update" in args.phases:
        phase_update(args)


if __name__ == "__main__":
    main()
