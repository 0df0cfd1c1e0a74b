"""The dense index of a large build two ways, on its own stored vectors: the inverted file of
float vectors earlier builds made (IndexIVFFlat) against this checkout's ``dense.build_faiss``
(4-bit fast-scan codes re-scored exactly), with the same lists and probes.

    .venv/bin/python bench/dense_compare.py DATA_DIR [--cache DIR]

DATA_DIR is a built data directory whose index has one segment above the IVF threshold (the
scale build: bench/scale_e2e.py). For each index: build time (training, adding), single-query
search time on one thread (k = 100, what a hybrid search asks for), recall@100 against exact
search, over 120 queries (the 60 dev and own queries embedded as queries, and 60 stored clause
vectors); then the hybrid top 10 of the 60 real queries through the read-model with each index,
compared with the hybrid top 10 when the dense side is exact search. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
from measure import machine, percentiles  # noqa: E402
from search_bench import queries  # noqa: E402

K = 100


def _ivfflat(vectors: np.ndarray, nlist: int):
    """The inverted file earlier builds made: k-means on every vector, float vectors in the lists."""
    import faiss

    from search_api.index import dense

    index = faiss.IndexIVFFlat(faiss.IndexFlatIP(vectors.shape[1]), vectors.shape[1], nlist,
                               faiss.METRIC_INNER_PRODUCT)
    index.cp.seed = dense.TRAIN_SEED
    index.train(vectors)
    index.add(vectors)
    index.make_direct_map()
    index.nprobe = dense.IVF_NPROBE
    return index


def _timed_build(make) -> tuple[object, float]:
    started = time.perf_counter()
    index = make()
    return index, round(time.perf_counter() - started, 1)


def _probe(index, query_vectors: np.ndarray, exact: list[set]) -> dict:
    import faiss

    faiss.omp_set_num_threads(1)   # as a server searches (dense.serve_single_queries)
    try:
        for q in query_vectors[:5]:
            index.search(q[None], K)
        ms, recall = [], []
        for q, truth in zip(query_vectors, exact):
            started = time.perf_counter()
            _, ids = index.search(q[None], K)
            ms.append((time.perf_counter() - started) * 1000)
            recall.append(len(set(ids[0].tolist()) & truth) / K)
    finally:
        faiss.omp_set_num_threads(os.cpu_count() or 1)
    return {"search_ms": percentiles(ms), f"recall@{K}": round(float(np.mean(recall)), 3),
            f"recall@{K}_real_queries": round(float(np.mean(recall[:len(recall) // 2])), 3)}


def _hybrid_top10(svc, segment, index, qs: list[str]) -> list[list[str]]:
    segment._faiss = index
    return [[h["clause_id"] for h in svc.search(q, k=10)] for q in qs]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path)
    ap.add_argument("--cache", type=Path, default=REPO / "bench" / ".work" / "scale-cache")
    args = ap.parse_args()
    os.environ["POLICYKG_CACHE"] = str(args.cache.resolve())
    import faiss

    from search_api.index import dense
    from search_api.service.readmodel import Service
    from search_api.settings import Settings

    svc = Service(Settings.from_env(data=args.data), with_graph=False)
    segments = svc.require_index().units.segments
    if len(segments) != 1 or dense.index_type(segments[0].faiss) != "ivf":
        raise SystemExit("the build's index must be one segment with an inverted file (the scale build)")
    segment = segments[0]
    vectors = dense.vectors_at(segment.faiss, np.arange(segment.faiss.ntotal))
    qs = queries()
    embedder = svc.require_index().embedder
    sample = np.random.default_rng(0).choice(len(vectors), len(qs), replace=False)
    query_vectors = np.vstack([np.asarray(embedder.embed_queries(qs), dtype=np.float32), vectors[sample]])
    exact_index = faiss.IndexFlatIP(vectors.shape[1])
    exact_index.add(vectors)
    exact = [set(ids.tolist()) for ids in exact_index.search(query_vectors, K)[1]]

    result: dict = {"measured": machine(), "vectors": len(vectors), "lists": dense.ivf_lists(len(vectors)),
                    "nprobe": dense.IVF_NPROBE, "refine_factor": dense.REFINE_FACTOR, "queries": len(query_vectors)}
    built = {}
    for name, make in (("ivfflat", lambda: _ivfflat(vectors, dense.ivf_lists(len(vectors)))),
                       ("fast-scan + refine", lambda: dense.build_faiss(vectors, threshold=0))):
        index, seconds = _timed_build(make)
        built[name] = index
        result[name] = {"build_s": seconds, **_probe(index, query_vectors, exact)}
        print(name, json.dumps(result[name]), flush=True)

    reference = _hybrid_top10(svc, segment, exact_index, qs)
    for name, index in built.items():
        tops = _hybrid_top10(svc, segment, index, qs)
        result[name]["hybrid_top10_identical_to_exact"] = sum(a == b for a, b in zip(tops, reference))
        result[name]["hybrid_overlap@10_with_exact"] = round(
            float(np.mean([len(set(a) & set(b)) / 10 for a, b in zip(tops, reference)])), 3)
    svc.close()
    print(json.dumps(result, ensure_ascii=False, indent=1), flush=True)


if __name__ == "__main__":
    main()
