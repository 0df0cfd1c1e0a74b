"""Graph benchmark: build and load time, store size, library query latency — Oxigraph vs rdflib.

    .venv/bin/python bench/graph_bench.py shipped            # the two plans, full extraction
    .venv/bin/python bench/graph_bench.py reference-laws     # ../shared/reference (159 laws), full extraction
    .venv/bin/python bench/graph_bench.py scale-laws --no-extract   # ../shared/scale/laws.jsonl.gz (2,981 laws)

For each corpus: records (cached in --work), `kg.build.build_graph` (RDF + SHACL +
Oxigraph, phase by phase), an N-Quads export, then in separate child processes
(so peak memory is each engine's own) a load of that N-Quads file into
(a) an on-disk Oxigraph store (bulk load) and (b) an rdflib in-memory Dataset, and
every library query on each (median of --repeat warm runs; rdflib queries are
given a time budget and reported as "> budget" when they exceed it). The
embedded store is also timed through kg.store (worker process round trip), as
the CLI and API use it. Results go to --work/<corpus>.json and the "Graph"
section of bench/RESULTS.md (all corpora measured so far).
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
from measure import cpu_name, dir_mb, peak_rss_mb  # noqa: E402

SHARED = REPO.parent / "shared"
CORPORA = {
    "shipped": None,
    "reference-laws": SHARED / "reference" / "emergency_laws.jsonl",
    "scale-laws": SHARED / "scale" / "laws.jsonl.gz",
}
COMMAND = ".venv/bin/python bench/graph_bench.py"


# -- records -------------------------------------------------------------------

def load_records(corpus: str, work: Path, extract: bool):
    from ingest.records import DocumentRecord
    cache = work / f"records-{corpus}{'' if extract else '-noextract'}.jsonl.gz"
    if cache.exists():
        with gzip.open(cache, "rt", encoding="utf-8") as f:
            return [DocumentRecord.from_dict(json.loads(line)) for line in f], json.loads(
                (cache.with_suffix(".meta.json")).read_text())
    from ingest.documents import ingest_documents, read_structure
    from ingest.pipeline import load_corpus
    from ingest.progress import StageTimer
    items = load_corpus(REPO / "corpus") if CORPORA[corpus] is None else [(CORPORA[corpus], None)]
    timer = StageTimer()
    if extract:
        records = ingest_documents(items, timer=timer)
    else:
        records = read_structure(items)
        timer.lap("ingest")
    meta = {"ingest_s": round(timer.seconds["ingest"], 1),
            "extract_s": round(timer.seconds["extract"], 1) if extract else None,
            "characters": sum(len(r.clean_text) for r in records)}
    with gzip.open(cache, "wt", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
    cache.with_suffix(".meta.json").write_text(json.dumps(meta))
    return records, meta


# -- children: one engine each, so ru_maxrss is that engine's -----------------------

def oxigraph_child(nq: str, store_dir: str, repeat: int) -> dict:
    import pyoxigraph as ox
    from kg.library import list_queries
    base = peak_rss_mb()
    t = time.monotonic()
    store = ox.Store(store_dir)
    store.bulk_load(path=nq, format=ox.RdfFormat.N_QUADS)
    store.optimize()
    load_s = time.monotonic() - t
    latencies = {}
    for q in list_queries():
        runs = []
        for _ in range(repeat + 1):           # first run warms caches, not counted
            t = time.monotonic()
            rows = len(list(store.query(q.text, use_default_graph_as_union=True)))
            runs.append(time.monotonic() - t)
        latencies[q.name] = {"ms": statistics.median(runs[1:]) * 1000, "rows": rows}
    return {"load_s": load_s, "quads": len(store), "queries": latencies,
            "peak_rss_mb": peak_rss_mb(), "base_rss_mb": base}


def _rdflib_query(ds, text, conn):
    conn.send(len(list(ds.query(text))))


def rdflib_child(nq: str, repeat: int, budget_s: float) -> dict:
    import rdflib
    from kg.library import list_queries
    base = peak_rss_mb()
    t = time.monotonic()
    ds = rdflib.Dataset(default_union=True)
    ds.parse(nq, format="nquads")
    load_s = time.monotonic() - t
    quads = len(ds)
    peak_after_load = peak_rss_mb()
    latencies = {}
    ctx = multiprocessing.get_context("fork")   # the child shares the loaded graph copy-on-write
    for q in list_queries():
        runs, rows = [], None
        for _ in range(repeat + 1):
            parent, child = ctx.Pipe()
            proc = ctx.Process(target=_rdflib_query, args=(ds, q.text, child))
            t = time.monotonic()
            proc.start()
            done = parent.poll(budget_s)
            elapsed = time.monotonic() - t
            if not done:
                proc.kill()
                proc.join()
                runs = None
                break
            rows = parent.recv()
            proc.join()
            runs.append(elapsed)
            if elapsed > budget_s / 4:
                break                              # slow enough: one measured run is plenty
        latencies[q.name] = ({"ms": None, "over_s": budget_s} if runs is None else
                             {"ms": statistics.median(runs[1:] or runs) * 1000, "rows": rows})
    return {"load_s": load_s, "quads": quads, "queries": latencies, "peak_rss_mb": peak_after_load,
            "base_rss_mb": base}


def run_child(args: list[str], timeout: float) -> dict:
    proc = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, timeout=timeout,
                          cwd=REPO)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-3000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


# -- main -------------------------------------------------------------------------

def embedded_latencies(graph_dir: Path, repeat: int) -> dict:
    from kg.library import list_queries
    from kg.store import open_store
    out = {}
    with open_store(graph_dir) as store:
        for q in list_queries():
            runs = []
            for _ in range(repeat + 1):
                t = time.monotonic()
                store.query(q.text, timeout_s=600, max_rows=10**7)
                runs.append(time.monotonic() - t)
            out[q.name] = statistics.median(runs[1:]) * 1000
    return out


def bench(corpus: str, work: Path, extract: bool, repeat: int, rdflib_budget: float,
          limit: int | None = None, from_data: Path | None = None, rdflib_max_quads: int = 5_000_000) -> dict:
    from kg.build import build_graph
    from kg.export import export
    if from_data is not None:
        # The graph `policykg build` made (bench/scale_e2e.py): measured as built, not rebuilt here.
        gen = (from_data / "current").resolve()
        manifest = json.loads((gen / "manifest.json").read_text("utf-8"))
        if "stages" not in manifest:
            raise SystemExit(f"{gen} was made by `policykg ingest`/`remove`: its manifest has no build "
                             "timings; measure a generation made by `policykg build`")
        stages = manifest["stages"]
        docs = manifest["documents"]
        meta = {"characters": stages.get("characters", 0), "ingest_s": stages.get("ingest_seconds"),
                "extract_s": stages.get("extract_seconds")}
        name, graph_dir, stats = f"{corpus} + plans (policykg build)", gen / "graph", manifest["graph"]
        n_docs, n_clauses = len(docs), sum(d["clauses"] for d in docs)
    else:
        records, meta = load_records(corpus, work, extract)
        if limit:
            records = records[:limit]
            # ingest and extraction ran over the whole corpus: their times do not belong to these N
            meta = dict(meta, characters=sum(len(r.clean_text) for r in records), ingest_s=None, extract_s=None)
        name = corpus if not limit else f"{corpus}[:{limit}]"
        graph_dir = work / f"graph-{corpus}"
        shutil.rmtree(graph_dir, ignore_errors=True)
        stats = build_graph(records, graph_dir)
        n_docs, n_clauses = len(records), sum(1 for r in records for _ in r.clauses())
    stem = corpus + (f"-first{limit}" if limit else "")   # one result file per variant measured
    nq = work / f"{stem}.nq"
    t = time.monotonic()
    with open(nq, "wb") as f:
        export(graph_dir, "nq", f)
    export_s = time.monotonic() - t
    result = {
        "corpus": name, "extract": extract, "documents": n_docs, "characters": meta["characters"],
        "clauses": n_clauses, "ingest_s": meta["ingest_s"],
        "extract_s": meta["extract_s"], "build": stats, "store_mb": round(dir_mb(graph_dir), 1),
        "nq_mb": round(nq.stat().st_size / 1e6, 1), "export_nq_s": round(export_s, 2),
        "embedded_ms": embedded_latencies(graph_dir, repeat),
    }
    ox_dir = work / f"oxload-{corpus}"
    shutil.rmtree(ox_dir, ignore_errors=True)
    (work / f"{stem}.partial.json").write_text(json.dumps(result, ensure_ascii=False, indent=1))
    result["oxigraph"] = run_child(["--child", "oxigraph", str(nq), str(ox_dir), str(repeat)], timeout=7200)
    shutil.rmtree(ox_dir, ignore_errors=True)
    if stats["triples"] > rdflib_max_quads:
        # rdflib's in-memory Dataset needs ~1.8 KB per quad (2.5 GB for 1.35 M quads, measured):
        # past this size it would not fit in the machine's memory, so it is not attempted.
        result["rdflib"] = {"skipped": f"not run above {rdflib_max_quads:,} quads "
                                       f"(~{stats['triples'] * 1.8e-6:.0f} GB at the measured 1.8 KB/quad)",
                            "queries": {}}
    else:
        result["rdflib"] = run_child(["--child", "rdflib", str(nq), str(repeat), str(rdflib_budget)], timeout=7200)
    result["measured"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    result["load_average"] = os.getloadavg()[0]
    result["command"] = f"{COMMAND} {corpus}" + ("" if extract else " --no-extract")
    result["command"] += f" --limit {limit}" if limit else ""
    result["command"] += f" --from-data {from_data}" if from_data else ""
    (work / f"{stem}.json").write_text(json.dumps(result, ensure_ascii=False, indent=1))
    return result


def _rdflib(r: dict, key: str, fmt: str) -> str:
    return "not run" if "skipped" in r["rdflib"] else format(r["rdflib"][key], fmt)


def _ms(v) -> str:
    return "—" if v is None else (f"{v:.0f}" if v >= 10 else f"{v:.1f}")


def section(results: list[dict]) -> str:
    from kg.library import list_queries
    commands = "; ".join("`" + r["command"] + "`" for r in results)
    lines = [
        f"Commands: {commands}.",
        "",
        f"Machine: {os.cpu_count()} cores ({cpu_name()}), shared with other "
        "jobs (load average at the end of each run below), so figures are a floor.",
        "`build` is `kg.build.build_graph` (records → rdflib triples → SHACL per document (shapes.ttl as "
        "SPARQL queries over an in-memory Oxigraph store, kg/validate.py), in a pool of "
        "one worker process per core → Oxigraph bulk loader), the stage `policykg build` runs; its rdf and "
        "shacl parts are seconds summed over the workers, so they can exceed the wall time. `load` is loading the exported N-Quads into a fresh store: "
        "Oxigraph on disk (bulk loader) vs rdflib in memory (`Dataset`, union default graph). "
        "Query latency: median of warm runs; Oxigraph direct (engine only) and through `kg.store` "
        "(worker-process round trip, as the CLI/API see it); rdflib with a per-query time budget.",
        "",
        "| corpus | docs | chars | clauses | quads | build s (rdf / shacl / store) | store MB | "
        "Oxigraph load s | rdflib load s | Oxigraph peak MB | rdflib peak MB | measured (load avg) |",
        "|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        b, ph = r["build"], r["build"].get("phase_seconds", {})
        lines.append(
            f"| {r['corpus']}{'' if r['extract'] else ' (structure only)'} | {r['documents']} | "
            f"{r['characters']:,} | {r['clauses']:,} | {b['triples']:,} | {b['seconds']:.1f} "
            f"({ph.get('rdf', 0):.1f} / {ph.get('shacl', 0):.1f} / {ph.get('load', 0) + ph.get('optimize', 0):.1f}) | "
            f"{r['store_mb']} | {r['oxigraph']['load_s']:.1f} | {_rdflib(r, 'load_s', '.1f')} | "
            f"{r['oxigraph']['peak_rss_mb']:.0f} | {_rdflib(r, 'peak_rss_mb', '.0f')} | "
            f"{r['measured']} ({r['load_average']:.1f}) |")
    lines += ["", "Library query latency, ms (rows):", ""]
    header = "| query | " + " | ".join(
        f"{r['corpus']} Oxigraph | {r['corpus']} via kg.store | {r['corpus']} rdflib" for r in results) + " |"
    lines += [header, "|---|" + "---:|" * (3 * len(results))]
    for q in list_queries():
        cells = []
        for r in results:
            ox_q, rd_q = r["oxigraph"]["queries"].get(q.name, {}), r["rdflib"]["queries"].get(q.name, {})
            rd = ("not run" if "skipped" in r["rdflib"]
                  else f"> {rd_q['over_s']:.0f} s" if rd_q.get("ms") is None and "over_s" in rd_q
                  else f"{_ms(rd_q.get('ms'))} ({rd_q.get('rows', '—')})")
            cells += [f"{_ms(ox_q.get('ms'))} ({ox_q.get('rows', '—')})", _ms(r["embedded_ms"].get(q.name)), rd]
        lines.append(f"| `{q.name}` | " + " | ".join(cells) + " |")
    skipped = [f"rdflib on {r['corpus']}: {r['rdflib']['skipped']}." for r in results if "skipped" in r["rdflib"]]
    lines += [""] + skipped if skipped else []
    extraction = [r for r in results if r.get("extract_s")]
    if extraction:
        lines += ["", "Ingest + extraction before the graph stage (not part of the figures above): " + "; ".join(
            f"{r['corpus']} ingest {r['ingest_s']} s, extraction {r['extract_s']} s "
            f"({r['characters'] / r['extract_s']:,.0f} chars/s)" for r in extraction) + "."]
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        kind, args = sys.argv[2], sys.argv[3:]
        out = oxigraph_child(args[0], args[1], int(args[2])) if kind == "oxigraph" else \
            rdflib_child(args[0], int(args[1]), float(args[2]))
        print(json.dumps(out))
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", choices=sorted(CORPORA))
    ap.add_argument("--work", type=Path, default=Path("bench/.work/graph"))
    ap.add_argument("--no-extract", action="store_true", help="structure only (skip fact extraction)")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--rdflib-budget", type=float, default=120.0, help="seconds per rdflib query run")
    ap.add_argument("--limit", type=int, help="only the first N documents of the corpus")
    ap.add_argument("--no-record", action="store_true", help="don't touch bench/RESULTS.md")
    ap.add_argument("--record-only", action="store_true",
                    help="only (re)write the RESULTS.md section from the results measured so far in --work")
    ap.add_argument("--rdflib-max-quads", type=int, default=5_000_000,
                    help="skip the rdflib in-memory run above this many quads (it would not fit in memory)")
    ap.add_argument("--from-data", type=Path,
                    help="measure the graph of this data directory (built by `policykg build`) instead of building one")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if not args.record_only:
        result = bench(args.corpus, args.work, not args.no_extract, args.repeat, args.rdflib_budget, args.limit,
                       args.from_data, args.rdflib_max_quads)
        print(json.dumps({k: v for k, v in result.items() if k not in ("oxigraph", "rdflib", "embedded_ms")},
                         ensure_ascii=False, indent=1))
    order = list(CORPORA)

    def base(r: dict) -> str:
        return r["corpus"].split("[")[0].split(" ")[0]
    results = sorted((json.loads(p.read_text()) for p in args.work.glob("*.json")
                      if p.stem.split("-first")[0] in CORPORA and not p.name.endswith(".partial.json")),
                     key=lambda r: (order.index(base(r)), r["documents"]))
    text = section(results)
    print(text)
    if not args.no_record:
        from bench.results import replace_section
        replace_section("Graph", text)


if __name__ == "__main__":
    main()
