"""Search benchmark: embedding throughput, index build time, query latency, peak memory.

Four measurements, each written into the "## Search" section of bench/RESULTS.md
(the section keeps one block per measurement, replaced on re-run):

  corpus     the shipped corpus end to end with the real model: a fresh embedding
             cache (so every unit is embedded and timed), FAISS + BM25 build, then
             warm single-query latency (hybrid, query embedding included) over the
             dev set and the project's own queries.
  scale      ../shared/scale/laws.jsonl.gz ingested with ingest.pipeline.ingest_path,
             every unit with its real embedding (from the cache `scale-embed` filled):
             BM25 build and query latency, FAISS exact vs IVF build time, latency and
             recall@10 (nprobe sweep), hybrid latency with the query embedded, peak memory.
  scale-embed  every unit of the scale corpus embedded with the real model into the
             embedding cache (throughput, CPU time, peak memory); a later
             `scale` run or `policykg build` with the same cache reuses the vectors.
  quality    Recall@1/5/10 and MRR@10 of bm25 / dense / hybrid on the dev set and the
             project's own queries, with the fusion-weight sweep, over a built data dir.
  threshold  FAISS exact vs IVF vs HNSW on growing subsets of the real scale vectors:
             latency, build time and recall@10 (where dense.IVF_THRESHOLD comes from).

    .venv/bin/python bench/search_bench.py corpus [--cache DIR]
    .venv/bin/python bench/search_bench.py scale [--cache DIR]
    .venv/bin/python bench/search_bench.py scale-embed [--cache DIR]
    .venv/bin/python bench/search_bench.py threshold [--sizes 25000,50000,100000,200000,400000] [--cache DIR]
    .venv/bin/python bench/search_bench.py quality --data DIR
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
from measure import machine, peak_rss_mb, percentiles  # noqa: E402

SHARED = REPO.parent / "shared"
QUERY_FILES = (SHARED / "eval" / "dev_queries.tsv", REPO / "tests" / "search_api" / "queries_own.tsv")
SECTION = "Search"


def queries() -> list[str]:
    from search_api.index.evaluate import parse_queries

    return [q.query for f in QUERY_FILES for q in parse_queries(f)]


def time_queries(fn, qs: list[str], repeats: int = 1) -> dict[str, float]:
    for q in qs[:5]:
        fn(q)   # warm-up: caches, lazy imports, first-call allocations
    ms = []
    for _ in range(repeats):
        for q in qs:
            t = time.perf_counter()
            fn(q)
            ms.append(1000 * (time.perf_counter() - t))
    return percentiles(ms)


# -- corpus ------------------------------------------------------------------

def bench_corpus(args) -> str:
    from ingest.documents import ingest_documents
    from ingest.pipeline import load_corpus
    from search_api.index.builder import build_index
    from search_api.index.search import SearchIndex, load_embedder

    cache = Path(args.cache)
    emb = load_embedder(None, cache)          # converts the model once if needed (not timed)
    shutil.rmtree(cache / "embeddings", ignore_errors=True)   # every unit is embedded and timed
    records = ingest_documents(load_corpus(REPO / "corpus"))
    work = Path(args.work)
    stats = build_index(records, work / "index", cache, embedder=emb)
    embed_s = stats["seconds"] - stats["faiss_seconds"] - stats["bm25_seconds"]
    again = build_index(records, work / "index2", cache, embedder=emb)
    index = SearchIndex.open(work / "index", emb)
    qs = queries()

    def cold_vector(q):
        index._query_vectors.clear()   # the query is embedded on every call
        return index.search(q, k=10)
    hybrid = time_queries(cold_vector, qs, repeats=2)
    t = time.perf_counter()
    for q in qs:
        index._embed_query(q)          # now every query vector is cached in the index
    embed_ms = 1000 * (time.perf_counter() - t) / len(qs)
    cached_vec = time_queries(lambda q: index.search(q, k=10), qs, repeats=2)
    body = (
        f"### Shipped corpus\n\nCommand: `.venv/bin/python bench/search_bench.py corpus --cache {args.cache}`\n\n"
        f"Measured {machine()}. {stats['clauses']} units ({stats['clauses'] - stats['rows'] - stats['headings']} "
        f"clauses, {stats['rows']} table rows, {stats['headings']} headings), model {stats['model_id']}, "
        f"FAISS {stats['faiss_type']}.\n\n"
        "| measure | value |\n|---|---:|\n"
        f"| embedding throughput (fresh cache, {stats['embedded']} distinct texts) | {stats['embedded'] / embed_s:.1f} units/s |\n"
        f"| index build, total (embedding included) | {stats['seconds']:.1f} s |\n"
        f"| FAISS build / BM25 build | {stats['faiss_seconds']:.3f} s / {stats['bm25_seconds']:.2f} s |\n"
        f"| second build: newly embedded / reused, time | {again['embedded']} / {again['cached']}, {again['seconds']:.1f} s |\n"
        f"| query latency, hybrid, warm, query embedding included (p50/p95/p99, {2 * len(qs)} queries) | "
        f"{hybrid['p50']} / {hybrid['p95']} / {hybrid['p99']} ms |\n"
        f"| of which query embedding (mean) | {embed_ms:.1f} ms |\n"
        f"| query latency without embedding (p50/p95/p99) | {cached_vec['p50']} / {cached_vec['p95']} / {cached_vec['p99']} ms |\n"
        f"| peak RSS | {peak_rss_mb():.0f} MB |\n"
    )
    return body


# -- scale -------------------------------------------------------------------

def _scale_units_and_vectors(args):
    """Every unit of the scale corpus and its real embedding (from the cache; embeds what is missing)."""
    from ingest.pipeline import ingest_path
    from search_api.model.embcache import EmbeddingCache, embed_with_cache
    from search_api.index.builder import EMBED_BATCH, embedding_text
    from search_api.index.search import load_embedder
    from search_api.index.units import collect_units

    t = time.perf_counter()
    units = collect_units(list(ingest_path(Path(args.source))))
    ingest_s = time.perf_counter() - t
    emb = load_embedder(None, Path(args.cache))
    with EmbeddingCache(Path(args.cache)) as store:
        vectors, new, _ = embed_with_cache([embedding_text(u) for u in units], emb.model_id, emb.dim,
                                           lambda b: emb.embed_passages(b, batch_size=EMBED_BATCH), store)
    print(f"{len(units)} units ingested in {ingest_s:.0f} s; {new} embedded now, the rest from the cache", flush=True)
    return units, vectors, emb, ingest_s, new


def _query_vectors(emb) -> np.ndarray:
    return np.asarray(emb.embed_queries(queries()), dtype=np.float32)


def _probe(index, qvecs: np.ndarray, k: int = 10, **params) -> tuple[float, list[set]]:
    """Median single-query latency (ms) and the top-k sets, for one index configuration."""
    from search_api.index import dense

    for name, value in params.items():
        if name.startswith("hnsw."):
            setattr(index.hnsw, name[5:], value)
        else:   # nprobe: on the inverted file, inside the exact re-scoring stage
            setattr(dense.inverted_file(index), name, value)
    ms, found = [], []
    for v in qvecs:
        t = time.perf_counter()
        _, ids = index.search(v.reshape(1, -1), k)
        ms.append(1000 * (time.perf_counter() - t))
        found.append(set(ids[0].tolist()))
    return float(np.median(ms)), found


def _recall(exact: list[set], approx: list[set]) -> float:
    return float(np.mean([len(a & b) / len(a) for a, b in zip(exact, approx)]))


def bench_scale(args) -> str:
    """Full-size figures on real vectors: BM25 build, exact vs IVF (nprobe sweep), hybrid latency, memory."""
    import faiss

    from search_api.index import dense
    from search_api.index import fusion
    from search_api.index.bm25 import KeywordIndex

    units, vectors, emb, ingest_s, _ = _scale_units_and_vectors(args)
    n = len(units)
    chars = sum(len(u.text) for u in units)
    t = time.perf_counter()
    keyword = KeywordIndex.build([u.text for u in units])
    bm25_s = time.perf_counter() - t
    print(f"bm25 built in {bm25_s:.0f} s", flush=True)
    qs = queries()
    bm25_lat = time_queries(lambda q: fusion.top_positions(keyword.scores(q), 100), qs)
    qvecs = _query_vectors(emb)

    t = time.perf_counter()
    flat = dense.build_faiss(vectors, threshold=n + 1)
    flat_s = time.perf_counter() - t
    flat_ms, exact = _probe(flat, qvecs)
    t = time.perf_counter()
    ivf = dense.build_faiss(vectors, threshold=0)
    ivf_s = time.perf_counter() - t
    print(f"ivf ({dense.lists(ivf)} lists) built in {ivf_s:.0f} s", flush=True)
    sweep = []
    for nprobe in (8, 16, 32, 64, 128):
        ms, found = _probe(ivf, qvecs, nprobe=nprobe)
        sweep.append(f"| IVF{dense.lists(ivf)}, nprobe {nprobe}{' (default)' if nprobe == dense.IVF_NPROBE else ''} "
                     f"| {ms:.2f} | {_recall(exact, found):.3f} |")
    dense.inverted_file(ivf).nprobe = dense.IVF_NPROBE

    def hybrid(q):
        qv = emb.embed_queries([q])[0]
        s, p = dense.search(ivf, qv, 100)
        return fusion.fuse(keyword.scores(q), s, p, lambda pos: dense.vectors_at(ivf, pos) @ qv)
    hybrid_lat = time_queries(hybrid, qs)
    return (
        f"### Scale corpus\n\nCommand: `nohup .venv/bin/python bench/search_bench.py scale "
        f"--cache {args.cache} > bench/.work/scale.log 2>&1 &` (after `scale-embed` with the same cache)\n\n"
        f"Measured {machine()}. Source {Path(args.source).name}: {n} units, {chars / 1e6:.1f} M characters, "
        f"real embeddings for every unit ({emb.model_id}); queries: the {len(qs)} dev + own queries, "
        f"embedded as queries; faiss {faiss.__version__}.\n\n"
        "| measure | value |\n|---|---:|\n"
        f"| ingest (read, clean, segment) | {ingest_s:.0f} s |\n"
        f"| BM25 build (jieba + bm25s, all units) | {bm25_s:.0f} s |\n"
        f"| BM25 query latency, top-100 (p50/p95/p99) | {bm25_lat['p50']} / {bm25_lat['p95']} / {bm25_lat['p99']} ms |\n"
        f"| FAISS exact (IndexFlatIP) build / query p50, top-10 | {flat_s:.1f} s / {flat_ms:.1f} ms |\n"
        f"| FAISS IVF{dense.lists(ivf)} build (k-means training + add) | {ivf_s:.0f} s |\n"
        f"| hybrid query latency (IVF, nprobe {dense.IVF_NPROBE}), query embedding included (p50/p95/p99) | "
        f"{hybrid_lat['p50']} / {hybrid_lat['p95']} / {hybrid_lat['p99']} ms |\n"
        f"| peak RSS | {peak_rss_mb():.0f} MB |\n\n"
        "IVF recall@10 against exact search, same real query vectors:\n\n"
        "| index | query p50 (ms) | recall@10 |\n|---|---:|---:|\n"
        f"| exact | {flat_ms:.2f} | 1.000 |\n" + "\n".join(sweep) + "\n"
    )


def bench_scale_embed(args) -> str:
    """Embed every distinct unit text of the scale corpus into the cache (throughput, memory)."""
    from ingest.pipeline import ingest_path
    from search_api.model.embcache import EmbeddingCache, embed_with_cache
    from search_api.index.builder import EMBED_BATCH, embedding_text
    from search_api.index.search import load_embedder
    from search_api.index.units import collect_units

    source = Path(args.source)
    units = collect_units(list(ingest_path(source)))
    texts = [embedding_text(u) for u in units]
    distinct = len(set(texts))
    cache = Path(args.cache)
    emb = load_embedder(None, cache)
    started = [time.perf_counter()]

    def report(stage: str, done: int, total: int) -> None:
        if done % 10240 < 256 or done == total:
            rate = done / (time.perf_counter() - started[0])
            print(f"embedded {done}/{total} ({rate:.1f} units/s)", flush=True)

    with EmbeddingCache(cache) as store:
        t, cpu = time.perf_counter(), time.process_time()
        started[0] = t
        _vecs, new, reused = embed_with_cache(texts, emb.model_id, emb.dim,
                                              lambda b: emb.embed_passages(b, batch_size=EMBED_BATCH),
                                              store, progress=report)
        embed_s, cpu_s = time.perf_counter() - t, time.process_time() - cpu
    chars = sum(len(t) for t in set(texts))
    return (
        f"### Scale corpus: embedding\n\nCommand: `nohup .venv/bin/python bench/search_bench.py scale-embed "
        f"--cache {args.cache} > bench/.work/scale-embed.log 2>&1 &`\n\n"
        f"Measured {machine()}. Every unit of {source.name} ({len(units)} units, {distinct} distinct texts, "
        f"{chars / 1e6:.1f} M characters) embedded as passages by {emb.model_id} (sentence-transformers fp32, "
        f"batch {EMBED_BATCH}, texts in length order) into the embedding cache that `policykg build` reads.\n\n"
        "| measure | value |\n|---|---:|\n"
        f"| newly embedded / already cached | {new} / {reused} |\n"
        f"| wall time | {embed_s:.0f} s |\n"
        f"| throughput | {new / embed_s if new else float('nan'):.1f} units/s, "
        f"{chars / embed_s if new else float('nan'):.0f} chars/s |\n"
        f"| CPU time (all threads) | {cpu_s:.0f} s |\n"
        f"| cache size | {(cache / 'embeddings' / 'embeddings.sqlite').stat().st_size / 1e6:.0f} MB |\n"
        f"| peak RSS | {peak_rss_mb():.0f} MB |\n"
    )


# -- threshold ---------------------------------------------------------------

def bench_threshold(args) -> str:
    """Exact vs IVF vs HNSW on growing subsets of the real scale vectors: where IVF_THRESHOLD comes from."""
    import faiss

    from search_api.index import dense

    _units, vectors, emb, _, _ = _scale_units_and_vectors(args)
    qvecs = _query_vectors(emb)
    rng = np.random.default_rng(0)
    rows = ["| vectors | exact query p50 (ms) | IVF lists | IVF build (s) | IVF query p50 (ms) | IVF recall@10 "
            "| HNSW build (s) | HNSW query p50 (ms) | HNSW recall@10 |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    sizes = [int(x) for x in args.sizes.split(",")]
    for n in sizes:
        n = min(n, len(vectors))
        x = vectors[np.sort(rng.choice(len(vectors), n, replace=False))]
        flat = dense.build_faiss(x, threshold=n + 1)
        flat_ms, exact = _probe(flat, qvecs)
        t = time.perf_counter()
        ivf = dense.build_faiss(x, threshold=0)
        ivf_s = time.perf_counter() - t
        ivf_ms, ivf_found = _probe(ivf, qvecs)
        hnsw_cells = "— | — | —"
        if n <= args.hnsw_max:
            t = time.perf_counter()
            hnsw = faiss.IndexHNSWFlat(x.shape[1], 32, faiss.METRIC_INNER_PRODUCT)
            hnsw.hnsw.efConstruction = 80
            hnsw.add(x)
            hnsw_s = time.perf_counter() - t
            hnsw_ms, hnsw_found = _probe(hnsw, qvecs, **{"hnsw.efSearch": 128})
            hnsw_cells = f"{hnsw_s:.0f} | {hnsw_ms:.2f} | {_recall(exact, hnsw_found):.3f}"
        rows.append(f"| {n} | {flat_ms:.1f} | {dense.lists(ivf)} | {ivf_s:.1f} | {ivf_ms:.2f} | "
                    f"{_recall(exact, ivf_found):.3f} | {hnsw_cells} |")
        print(rows[-1], flush=True)
    return (
        f"### FAISS exact vs IVF vs HNSW (threshold)\n\nCommand: `.venv/bin/python bench/search_bench.py threshold "
        f"--sizes {args.sizes} --cache {args.cache}` (after `scale-embed`)\n\n"
        f"Measured {machine()}; random subsets of the real scale-corpus unit embeddings, the {len(qvecs)} dev + own "
        f"queries embedded as queries, top-10. IVF: IndexIVFPQFastScan (4-bit codes of residuals) re-scored exactly "
        f"(IndexRefineFlat, {dense.REFINE_FACTOR}× k), 2·sqrt(n) lists, nprobe {dense.IVF_NPROBE} "
        f"(search_api/index/dense.py); HNSW: M=32, efConstruction=80, efSearch=128 (not used by the product; built "
        f"up to {args.hnsw_max} vectors); faiss {faiss.__version__}.\n\n" + "\n".join(rows) + "\n"
    )


# -- quality -----------------------------------------------------------------

def bench_quality(args) -> str:
    """Recall/MRR of the three methods on both query sets, plus the fusion-weight sweep."""
    from search_api.datadir.generations import DataDir
    from search_api.index.evaluate import evaluate, parse_queries
    from search_api.index.search import open_index
    from search_api.settings import Settings

    dd = DataDir.of(Settings.from_env(data=args.data))
    index = open_index(dd.require_current(), dd.cache)
    rows = ["| query set | method | R@1 | R@5 | R@10 | MRR@10 |", "|---|---|---:|---:|---:|---:|"]
    sweep = ["| BM25 weight | set | R@1 | R@5 | R@10 | MRR@10 |", "|---:|---|---:|---:|---:|---:|"]
    for path in QUERY_FILES:
        qs = parse_queries(path)
        result = evaluate(index, qs)
        for method, m in result["methods"].items():
            rows.append(f"| {path.name} ({len(qs)}) | {method} | {m['R@1']:.3f} | {m['R@5']:.3f} | "
                        f"{m['R@10']:.3f} | {m['MRR@10']:.3f} |")
        for w in (0.2, 0.3, 0.4, 0.5):
            index.meta["bm25_weight"] = w
            m = evaluate(index, qs, methods=("hybrid",))["methods"]["hybrid"]
            sweep.append(f"| {w} | {path.name} | {m['R@1']:.3f} | {m['R@5']:.3f} | {m['R@10']:.3f} | {m['MRR@10']:.3f} |")
        index.meta.pop("bm25_weight")
    return (
        f"### Retrieval quality\n\nCommand: `.venv/bin/python bench/search_bench.py quality --data DIR` "
        "(DIR from `policykg build`; the same figures are asserted by tests/search_api/test_index_real.py). "
        f"{len(index)} indexed units; gold matched as in ../shared/eval/README.md.\n\n"
        + "\n".join(rows) + "\n\nFusion weight (min-max per query, BM25 weight w, dense 1-w); 0.3 is shipped:\n\n"
        + "\n".join(sweep) + "\n"
    )


# -- recording ---------------------------------------------------------------

def record(block: str, heading: str) -> None:
    """Put ``block`` (starting with ``### heading``) into "## Search", replacing an older one."""
    from results import RESULTS, replace_section

    text = RESULTS.read_text("utf-8") if RESULTS.exists() else ""
    m = re.search(rf"^## {SECTION}\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    current = m.group(1).strip() if m else ""
    blocks = [b for b in re.split(r"(?=^### )", current, flags=re.M) if b.strip()]
    blocks = [b for b in blocks if b.split("\n", 1)[0].strip() != f"### {heading}"] + [block]
    order = ["### Retrieval quality", "### Shipped corpus", "### Scale corpus: embedding", "### Scale corpus\n",
             "### FAISS exact"]
    blocks.sort(key=lambda b: next((i for i, o in enumerate(order) if b.startswith(o)), len(order)))
    preface = [b for b in blocks if not b.startswith("### ")]
    rest = [b for b in blocks if b.startswith("### ")]
    replace_section(SECTION, "\n\n".join(x.strip() for x in preface + rest))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=("corpus", "scale", "scale-embed", "threshold", "quality"))
    ap.add_argument("--data", help="quality: a built data directory")
    ap.add_argument("--cache", default="bench/.work/cache", help="model + embedding cache")
    ap.add_argument("--work", default="bench/.work/search", help="scratch directory for indexes")
    ap.add_argument("--source", default=str(SHARED / "scale" / "laws.jsonl.gz"))
    ap.add_argument("--sizes", default="25000,50000,100000,200000,400000")
    ap.add_argument("--hnsw-max", type=int, default=100000, help="threshold: largest size HNSW is built at")
    ap.add_argument("--no-write", action="store_true", help="print only; do not touch bench/RESULTS.md")
    args = ap.parse_args()
    Path(args.work).mkdir(parents=True, exist_ok=True)
    block = {"corpus": bench_corpus, "scale": bench_scale, "scale-embed": bench_scale_embed, "threshold": bench_threshold,
             "quality": bench_quality}[args.what](args)
    print(block)
    if not args.no_write:
        heading = {"corpus": "Shipped corpus", "scale": "Scale corpus", "scale-embed": "Scale corpus: embedding", "threshold": "FAISS exact",
                   "quality": "Retrieval quality"}[args.what]
        record(block, heading)


if __name__ == "__main__":
    main()
