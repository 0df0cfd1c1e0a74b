"""The int8 embedding engine against fp32, side by side in one run (issue 14 item 2).

Measured, for both engines, in the same run (the box is shared and noisy, so the figures that
count are the int8/fp32 ratios):

- throughput: every search unit of the shipped corpus (the texts ``policykg build`` embeds)
  embedded as passages, batch 32, in a child process per engine, after a warm-up batch;
  rounds alternate the order (fp32, int8, int8, fp32, ...);
- load: a fresh process importing the engine and loading the model until its first query
  vector (the int8 model already built into the cache; its one-off build is timed apart);
- hybrid retrieval quality (R@5, MRR@10) with the index built by each engine:
  the shared dev set and our own queries over the shipped corpus (as
  tests/search_api/test_index_real.py), and the real-world search questions
  (tests/gold/ask/search.tsv, as tests/search_api/test_ask_quality.py: ``Service.search``)
  over corpus + reference laws + the nine real-world documents. The real-world builds hold
  records and index only (search reads no graph), made by this script.

    .venv/bin/python bench/embedder_bench.py --cache DIR [--rounds 2] [--no-realworld] [--no-write]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "tests" / "search_api"))
from measure import cpu_name  # noqa: E402

ENGINES = ("fp32", "int8")
WARMUP = 16
BATCH = 32
DEV = SHARED / "eval" / "dev_queries.tsv"
OWN = REPO / "tests" / "search_api" / "queries_own.tsv"
LAWS = SHARED / "reference" / "emergency_laws.jsonl"

LOAD_SCRIPT = r"""
import sys, time
t = time.perf_counter()
from pathlib import Path
from search_api.model.embedder import Embedder
emb = Embedder.load(None, Path(sys.argv[1]), engine=sys.argv[2])
emb.embed_queries(["燃气安全归哪个部门管？"])
print(time.perf_counter() - t)
"""


def corpus_texts() -> list[str]:
    from ingest.documents import ingest_documents
    from ingest.pipeline import load_corpus
    from search_api.index.builder import embedding_text
    from search_api.index.units import collect_units

    return [embedding_text(u) for u in collect_units(ingest_documents(load_corpus(REPO / "corpus")))]


def child_throughput(engine: str, cache: Path) -> dict:
    """Runs in the child: embed every corpus unit with ``engine``."""
    from search_api.model.embedder import Embedder

    texts = corpus_texts()
    emb = Embedder.load(None, cache, engine=engine)
    emb.embed_passages(texts[:WARMUP], batch_size=BATCH)
    t, cpu = time.perf_counter(), time.process_time()
    vecs = emb.embed_passages(texts, batch_size=BATCH)
    seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
    assert vecs.shape == (len(texts), emb.dim)
    return {"engine": engine, "model_id": emb.model_id, "units": len(texts), "chars": sum(map(len, texts)),
            "seconds": seconds, "cpu_s": cpu}


def _child(engine: str, cache: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", engine, "--cache", str(cache)], cwd=REPO,
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def throughput(cache: Path, rounds: int) -> dict[str, list[dict]]:
    runs: dict[str, list[dict]] = {e: [] for e in ENGINES}
    for r in range(rounds):
        for engine in (ENGINES if r % 2 == 0 else ENGINES[::-1]):
            runs[engine].append(_child(engine, cache))
            print(f"throughput {engine}: {runs[engine][-1]}", file=sys.stderr, flush=True)
    return runs


def load_times(cache: Path, repeats: int = 3) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {e: [] for e in ENGINES}
    for r in range(repeats):
        for engine in (ENGINES if r % 2 == 0 else ENGINES[::-1]):
            out = subprocess.run([sys.executable, "-c", LOAD_SCRIPT, str(cache), engine], cwd=REPO,
                                 capture_output=True, text=True, check=True).stdout
            times[engine].append(float(out.strip().splitlines()[-1]))
    return times


# -- retrieval quality ---------------------------------------------------------------------

def _records_realworld() -> list:
    from ingest.documents import ingest_documents, titles_of
    from ingest.pipeline import load_corpus
    from realworld_build import realworld_entries

    records = ingest_documents(load_corpus(REPO / "corpus"))
    for entries in ([(LAWS, None)], realworld_entries()):
        so_far = list(records)
        records += ingest_documents(entries, known_titles=lambda: titles_of(so_far))
    return records


def _data_dir(records, root: Path, cache: Path, engine: str):
    """A data dir whose one generation holds ``records`` and their search index (no graph)."""
    from search_api.datadir import records as stored
    from search_api.datadir.generations import DataDir
    from search_api.datadir.manifest import document_summary, write_manifest
    from search_api.index.builder import build_index

    dd = DataDir(root, cache)
    with dd.lock(), dd.new_generation() as gen:
        for record in records:
            stored.write_record(gen, record)
        stats = build_index(records, gen / "index", cache, engine=engine)
        write_manifest(gen, [document_summary(r) for r in records], {}, stats)
    return dd, stats


def _mrr10(ranks: list[int | None]) -> float:
    return sum(1 / r for r in ranks if r is not None and r <= 10) / len(ranks)


def quality(cache: Path, work: Path) -> dict:
    """dev and own query sets over the shipped corpus, index built by each engine."""
    from ingest.documents import ingest_documents
    from ingest.pipeline import load_corpus
    from search_api.index.evaluate import evaluate, parse_queries
    from search_api.index.search import open_index

    out: dict = {}
    corpus = ingest_documents(load_corpus(REPO / "corpus"))
    for engine in ENGINES:
        dd, stats = _data_dir(corpus, work / f"corpus-{engine}", cache, engine)
        index = open_index(dd.require_current(), cache)
        assert index.embedder.engine == engine
        for name, path in (("dev", DEV), ("own", OWN)):
            hybrid = evaluate(index, parse_queries(path))["methods"]["hybrid"]
            out[(name, engine)] = {"R@5": hybrid["R@5"], "MRR@10": hybrid["MRR@10"],
                                   "queries": len(parse_queries(path)), "units": stats["clauses"]}
            print(f"quality {name} {engine}: {out[(name, engine)]}", file=sys.stderr, flush=True)
    return out


def quality_realworld(cache: Path, work: Path) -> dict:
    big = _records_realworld()
    out = {}
    for engine in ENGINES:
        out[("realworld", engine)] = _realworld_quality(big, work / f"realworld-{engine}", cache, engine)
        print(f"quality realworld {engine}: {out[('realworld', engine)]}", file=sys.stderr, flush=True)
    return out


def _realworld_quality(records, root: Path, cache: Path, engine: str) -> dict:
    from ask_gold import is_gold, search_questions
    from search_api.service.readmodel import Service
    from search_api.settings import Settings

    t = time.perf_counter()
    _dd, stats = _data_dir(records, root, cache, engine)
    build_s = time.perf_counter() - t
    service = Service(Settings.from_env(data=root, environ={"POLICYKG_CACHE": str(cache)}), with_graph=False)
    assert service.embedder.engine == engine
    ranks = []
    for _qid, query, gold in search_questions():
        hits = service.search(query, k=10)
        ranks.append(next((i + 1 for i, h in enumerate(hits) if is_gold(h["plan_id"], h["text"], gold)), None))
    return {"R@5": round(sum(1 for r in ranks if r and r <= 5) / len(ranks), 4), "MRR@10": round(_mrr10(ranks), 4),
            "queries": len(ranks), "units": stats["clauses"], "embedded": stats["embedded"],
            "index_build_s": round(build_s, 1)}


# -- report ------------------------------------------------------------------------------

def report(runs, loads, qual, build_s: float, command: str, load_before: float) -> str:
    def rate(engine, key="seconds"):
        return statistics.mean(r["units"] / r[key] for r in runs[engine])

    first = runs["fp32"][0]
    lines = [
        f"Command: `{command}`",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {os.cpu_count()} cores ({cpu_name()}), "
        f"load average before the run {load_before:.2f} (shared box: absolute figures are a floor, the "
        "ratios to fp32 measured in the same run are what to read).",
        "",
        f"Throughput: the {first['units']} search units of the shipped corpus ({first['chars']} characters), "
        f"batch {BATCH}, {len(runs['fp32'])} round(s) per engine in alternating order, mean.",
        "",
        "| engine | units/s | units per CPU-s | ratio to fp32 (wall) | ratio to fp32 (CPU) | load (s), median of "
        f"{len(loads['fp32'])} |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for engine in ENGINES:
        lines.append(f"| {engine} | {rate(engine):.1f} | {rate(engine, 'cpu_s'):.1f} | "
                     f"{rate(engine) / rate('fp32'):.2f} | {rate(engine, 'cpu_s') / rate('fp32', 'cpu_s'):.2f} | "
                     f"{statistics.median(loads[engine]):.2f} |")
    lines += [
        "",
        "Load: a fresh process importing the engine (torch + sentence-transformers for fp32, onnxruntime + "
        "tokenizers for int8), loading the model and embedding one query. The int8 model's one-off build "
        f"(ONNX export, fusions, quantisation, check against fp32) took {build_s:.0f} s in this run "
        "(0 when the cache already held it).",
        "",
        "Hybrid retrieval, index built by each engine (query and passage vectors from the same engine):",
        "",
        "| query set | units | fp32 R@5 | int8 R@5 | Δ R@5 | fp32 MRR@10 | int8 MRR@10 | Δ MRR@10 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    names = {"dev": "dev_queries.tsv", "own": "queries_own.tsv",
             "realworld": "real-world search questions (tests/gold/ask/search.tsv)"}
    for name in ("dev", "own", "realworld"):
        if (name, "fp32") not in qual:
            continue
        a, b = qual[(name, "fp32")], qual[(name, "int8")]
        lines.append(f"| {names[name]} ({a['queries']}) | {a['units']} | {a['R@5']:.3f} | {b['R@5']:.3f} | "
                     f"{b['R@5'] - a['R@5']:+.3f} | {a['MRR@10']:.3f} | {b['MRR@10']:.3f} | "
                     f"{b['MRR@10'] - a['MRR@10']:+.3f} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", type=Path, required=True, help="model + embedding cache ($POLICYKG_CACHE)")
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--no-realworld", action="store_true", help="skip the corpus + laws + real-world build")
    ap.add_argument("--no-write", action="store_true", help="print only; leave bench/RESULTS.md alone")
    ap.add_argument("--child", choices=ENGINES, help=argparse.SUPPRESS)
    args = ap.parse_args()
    args.cache = args.cache.resolve()
    if args.child:
        print(json.dumps(child_throughput(args.child, args.cache)))
        return
    os.environ["POLICYKG_CACHE"] = str(args.cache)
    from search_api.model.embedder import ensure_engine

    load_before = os.getloadavg()[0]
    t = time.perf_counter()
    ensure_engine(None, args.cache, "int8")          # build the int8 model outside the timed runs
    build_s = time.perf_counter() - t
    loads = load_times(args.cache)
    runs = throughput(args.cache, args.rounds)
    # the command as run from the repository, without this machine's paths
    command = " ".join([".venv/bin/python", "bench/embedder_bench.py",
                        *(os.path.relpath(a, REPO) if os.path.isabs(a) else a for a in sys.argv[1:])])
    with tempfile.TemporaryDirectory(prefix="embedder-bench-") as work:
        qual = quality(args.cache, Path(work))
        if not args.no_realworld:   # the long part (~24 k units): the rest is recorded first
            _record(report(runs, loads, qual, build_s, command, load_before)
                    + "\n\n(real-world set: still running when this was written)", args)
            qual.update(quality_realworld(args.cache, Path(work)))
    _record(report(runs, loads, qual, build_s, command, load_before), args)


def _record(text: str, args) -> None:
    print(text, flush=True)
    if not args.no_write:
        from results import replace_section
        replace_section("Embedding engines: int8 vs fp32", text)


if __name__ == "__main__":
    main()
