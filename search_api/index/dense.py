"""Dense retrieval: a FAISS inner-product index over L2-normalised vectors.

Exact search (IndexFlatIP) up to ``IVF_THRESHOLD`` vectors, an inverted file
(IndexIVFFlat, seeded k-means coarse quantiser, 2·sqrt(n) lists) above it.
Measured on the scale corpus with real embeddings (bench/RESULTS.md "## Search",
``bench/search_bench.py scale``; 403,661 units, 60 real queries, 2 cores): exact
search 64 ms per query; IVF1270 trains and fills in 15 s and answers in 0.7 ms
(nprobe 16, recall@10 0.73), 1.2 ms (32, 0.81), 5.1 ms (128, 0.92). Clause
embeddings of Chinese statutes crowd together, so recall needs many probes:
``IVF_NPROBE`` = 128 keeps recall@10 above 0.9 at a few ms, small next to the
query embedding's cost. Exact search is linear in n (64 ms at 404k, so about
16 ms at 100k), which is where the threshold sits. HNSW, measured earlier on
synthetic vectors, took minutes to build at 100k and lost recall as it grew.
In hybrid search the keyword candidates are re-scored exactly from the stored
vectors, which softens the approximation further.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Optional

import faiss
import numpy as np

IVF_THRESHOLD = 100_000
IVF_NPROBE = 128
IVF_MAX_LISTS = 4096
TRAIN_SEED = 1234          # k-means is seeded: rebuilding the same vectors gives the same index
INDEX_FILE = "dense.faiss"


def choose_type(n: int, threshold: int = IVF_THRESHOLD) -> str:
    return "ivf" if n > threshold else "flat"


def ivf_lists(n: int) -> int:
    """Coarse clusters for n vectors: ~2·sqrt(n), the usual balance of probe cost and list length."""
    return max(16, min(IVF_MAX_LISTS, int(2 * math.sqrt(n))))


def build_faiss(vectors: np.ndarray, threshold: int = IVF_THRESHOLD) -> faiss.Index:
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    dim = vectors.shape[1]
    if choose_type(len(vectors), threshold) == "ivf":
        nlist = ivf_lists(len(vectors))
        index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, nlist, faiss.METRIC_INNER_PRODUCT)
        index.cp.seed = TRAIN_SEED
        index.train(vectors)
        index.add(vectors)
        index.make_direct_map()   # vectors_at() reads stored vectors back by position
        index.nprobe = IVF_NPROBE
    else:
        index = faiss.IndexFlatIP(dim)
        index.add(vectors)
    return index


def index_type(index: faiss.Index) -> str:
    return "ivf" if isinstance(index, faiss.IndexIVF) else "flat"


def save(index: faiss.Index, folder: Path) -> None:
    faiss.write_index(index, str(folder / INDEX_FILE))


def load(folder: Path) -> faiss.Index:
    """The index memory-mapped, not read: a server's memory holds only the pages its queries
    touch, and opening costs no read of the vectors (the file is replaced by rename, never
    rewritten in place, so a mapping stays valid)."""
    index = faiss.read_index(str(folder / INDEX_FILE), faiss.IO_FLAG_MMAP_IFC)
    if isinstance(index, faiss.IndexIVF):   # read_index returns the concrete class (IndexIVFFlat)
        if index.direct_map.type == faiss.DirectMap.NoMap:
            index.make_direct_map()
        index.nprobe = IVF_NPROBE
    return index


def serve_single_queries() -> None:
    """One OpenMP thread per search, for a server: it searches one query per request, several
    requests at a time, and two threads on one query stall on OpenMP barriers whenever the
    cores are busy (measured on the 2-core box under load: 52 ms vs 9.5 ms for one exact
    search over 26 k vectors; the model's threads are set for the same reason:
    search_api.model.embedder.use_threads)."""
    faiss.omp_set_num_threads(1)


def search(index: faiss.Index, query: np.ndarray, k: int, allowed: Optional[np.ndarray] = None,
           excluded: Optional[np.ndarray] = None) -> tuple[np.ndarray, np.ndarray]:
    """Top-k (scores, positions) for one query vector, optionally among ``allowed`` positions,
    or else all but the ``excluded`` ones (the removed units of an index segment)."""
    query = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
    if allowed is None and excluded is not None and len(excluded) == 0:
        excluded = None
    if allowed is not None:
        k = min(k, len(allowed))
    else:
        k = min(k, index.ntotal - (0 if excluded is None else len(excluded)))
    if k <= 0:
        return np.empty(0, np.float32), np.empty(0, np.int64)
    params = None
    if allowed is None and excluded is not None:
        inner = faiss.IDSelectorBatch(np.ascontiguousarray(excluded, dtype=np.int64))
        selector = faiss.IDSelectorNot(inner)
        selector.inner = inner   # keep the wrapped selector alive as long as the outer one
        params = (faiss.SearchParametersIVF(sel=selector, nprobe=index.nprobe)
                  if isinstance(index, faiss.IndexIVF) else faiss.SearchParameters(sel=selector))
    elif allowed is not None:
        selector = faiss.IDSelectorBatch(np.ascontiguousarray(allowed, dtype=np.int64))
        if isinstance(index, faiss.IndexIVF):
            # A selective filter leaves the nearest lists nearly empty: probe more lists in
            # proportion (all of them, i.e. exact search over the allowed set, when it is small).
            nprobe = min(index.nlist, max(IVF_NPROBE, IVF_NPROBE * index.ntotal // max(1, len(allowed))))
            params = faiss.SearchParametersIVF(sel=selector, nprobe=nprobe)
        else:
            params = faiss.SearchParameters(sel=selector)
    scores, ids = index.search(query, k, params=params)
    keep = ids[0] >= 0
    return scores[0][keep], ids[0][keep]


def vectors_at(index: faiss.Index, positions: np.ndarray) -> np.ndarray:
    """The stored vectors of the given positions (to score BM25-only candidates exactly)."""
    positions = np.ascontiguousarray(positions, dtype=np.int64)
    if len(positions) == 0:
        return np.empty((0, index.d), np.float32)
    return index.reconstruct_batch(positions)
