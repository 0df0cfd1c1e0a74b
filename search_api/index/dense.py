"""Dense retrieval: a FAISS inner-product index over L2-normalised vectors.

Exact search (IndexFlatIP) up to ``IVF_THRESHOLD`` vectors; above it an inverted file whose
lists hold 4-bit product-quantised codes scanned with SIMD (IndexIVFPQFastScan, residuals
encoded, seeded k-means coarse quantiser, 2·sqrt(n) lists), its candidates re-scored exactly
from the stored vectors (IndexRefineFlat, ``REFINE_FACTOR`` × k of them).

Why this shape (bench/RESULTS.md "## Search" and "Lean service at the scale build"): clause
embeddings of Chinese statutes crowd together, so recall needs many probes (``IVF_NPROBE``
128 of 1,272 lists at 404 k units), and an IVF of float vectors then reads ~60 MB per query
(3.3–5 ms on one core, more than half the query embedding). The 4-bit codes read 1/16 of
that; re-scoring 10 × k candidates exactly gives back nearly all the recall (real scale
vectors, 120 queries, recall@40 against exact search: IVFFlat 0.939 in 4.6 ms; this 0.932 in
0.9 ms, or 0.938 in 1.2 ms re-scoring 20 × k). The hybrid top 10 of the 60 real queries is
as close to that of exact dense search with either (identical for 56 of them with both;
mean overlap 0.990 here, 0.992 with IVFFlat).
The stored float vectors (the refine stage's flat index) also answer ``vectors_at`` and
are memory-mapped like the rest. Exact search is linear in n (64 ms at 404k, so about
16 ms at 100k), which is where the threshold sits. HNSW, measured earlier on synthetic
vectors, took minutes to build at 100k and lost recall as it grew.
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
TRAIN_PER_LIST = 100       # training vectors per list: k-means and the codebooks learn no better from more
REFINE_FACTOR = 10         # approximate candidates re-scored exactly, per result asked for
TRAIN_SEED = 1234          # k-means is seeded: rebuilding the same vectors gives the same index
INDEX_FILE = "dense.faiss"


def choose_type(n: int, threshold: int = IVF_THRESHOLD) -> str:
    return "ivf" if n > threshold else "flat"


def ivf_lists(n: int) -> int:
    """Coarse clusters for n vectors: ~2·sqrt(n), the usual balance of probe cost and list length."""
    return max(16, min(IVF_MAX_LISTS, int(2 * math.sqrt(n))))


def _pq_subquantizers(dim: int) -> int:
    """Two dimensions per 4-bit code (96 bytes per 384-d vector), one when ``dim`` is odd."""
    return dim // 2 if dim % 2 == 0 else dim


def build_faiss(vectors: np.ndarray, threshold: int = IVF_THRESHOLD) -> faiss.Index:
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    dim = vectors.shape[1]
    if choose_type(len(vectors), threshold) == "ivf":
        nlist = ivf_lists(len(vectors))
        coarse = faiss.IndexIVFPQFastScan(faiss.IndexFlatIP(dim), dim, nlist, _pq_subquantizers(dim), 4,
                                          faiss.METRIC_INNER_PRODUCT)
        coarse.by_residual = True   # codes of the offset from the list centroid: far finer than raw vectors
        coarse.cp.seed = TRAIN_SEED
        coarse.pq.cp.seed = TRAIN_SEED
        coarse.train(_training_sample(vectors, nlist))
        index = faiss.IndexRefineFlat(coarse)   # adds each vector to both: codes and exact copy
        index.add(vectors)
        _set_search_defaults(index)
    else:
        index = faiss.IndexFlatIP(dim)
        index.add(vectors)
    return index


def _training_sample(vectors: np.ndarray, nlist: int) -> np.ndarray:
    """``TRAIN_PER_LIST`` vectors per list, drawn with a fixed seed (all of them when fewer).
    Measured on the real scale vectors (404 k, 1,272 lists): trained on 127 k, recall@100
    against exact search 0.925 vs 0.926 trained on all, in about half the training time."""
    wanted = TRAIN_PER_LIST * nlist
    if len(vectors) <= wanted:
        return vectors
    chosen = np.random.default_rng(TRAIN_SEED).choice(len(vectors), wanted, replace=False)
    return vectors[np.sort(chosen)]


def inverted_file(index: faiss.Index) -> Optional[faiss.IndexIVF]:
    """The inverted file of an approximate index (this one's, or an IVFFlat's of older builds)."""
    if isinstance(index, faiss.IndexRefine):
        index = faiss.downcast_index(index.base_index)
    return index if isinstance(index, faiss.IndexIVF) else None


def _set_search_defaults(index: faiss.Index) -> None:
    ivf = inverted_file(index)
    if ivf is not None:
        ivf.nprobe = IVF_NPROBE
    if isinstance(index, faiss.IndexRefine):
        index.k_factor = REFINE_FACTOR


def index_type(index: faiss.Index) -> str:
    return "ivf" if inverted_file(index) is not None else "flat"


def lists(index: faiss.Index) -> int:
    """The inverted lists of an approximate index (0 for exact search)."""
    ivf = inverted_file(index)
    return ivf.nlist if ivf is not None else 0


def save(index: faiss.Index, folder: Path) -> None:
    faiss.write_index(index, str(folder / INDEX_FILE))


def load(folder: Path) -> faiss.Index:
    """The index memory-mapped, not read: a server's memory holds only the pages its queries
    touch, and opening costs no read of the vectors (the file is replaced by rename, never
    rewritten in place, so a mapping stays valid). Indexes of earlier builds (IVFFlat) load too."""
    index = faiss.read_index(str(folder / INDEX_FILE), faiss.IO_FLAG_MMAP_IFC)
    if isinstance(index, faiss.IndexIVF) and index.direct_map.type == faiss.DirectMap.NoMap:
        index.make_direct_map()   # an IVFFlat reads stored vectors back by position through it
    _set_search_defaults(index)
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
    ivf = inverted_file(index)
    selector = None
    if allowed is None and excluded is not None:
        inner = faiss.IDSelectorBatch(np.ascontiguousarray(excluded, dtype=np.int64))
        selector = faiss.IDSelectorNot(inner)
        selector.inner = inner   # keep the wrapped selector alive as long as the outer one
        nprobe = ivf.nprobe if ivf is not None else 0
    elif allowed is not None:
        selector = faiss.IDSelectorBatch(np.ascontiguousarray(allowed, dtype=np.int64))
        # A selective filter leaves the nearest lists nearly empty: probe more lists in
        # proportion (all of them, i.e. exact search over the allowed set, when it is small).
        nprobe = (min(ivf.nlist, max(IVF_NPROBE, IVF_NPROBE * index.ntotal // max(1, len(allowed))))
                  if ivf is not None else 0)
    params = _search_params(index, selector, nprobe) if selector is not None else None
    scores, ids = index.search(query, k, params=params)
    keep = ids[0] >= 0
    return scores[0][keep], ids[0][keep]


def _search_params(index: faiss.Index, selector, nprobe: int):
    """Search parameters carrying a selector down to the index that applies it."""
    if isinstance(index, faiss.IndexRefine):
        base = faiss.SearchParametersIVF(sel=selector, nprobe=nprobe)
        params = faiss.IndexRefineSearchParameters(k_factor=index.k_factor, base_index_params=base)
        params.base = base   # keep the inner parameters (and their selector) alive with the outer
        return params
    if isinstance(index, faiss.IndexIVF):
        return faiss.SearchParametersIVF(sel=selector, nprobe=nprobe)
    return faiss.SearchParameters(sel=selector)


def vectors_at(index: faiss.Index, positions: np.ndarray) -> np.ndarray:
    """The stored vectors of the given positions (to score BM25-only candidates exactly)."""
    positions = np.ascontiguousarray(positions, dtype=np.int64)
    if len(positions) == 0:
        return np.empty((0, index.d), np.float32)
    return index.reconstruct_batch(positions)
