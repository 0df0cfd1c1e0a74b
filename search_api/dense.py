"""Dense retrieval: a FAISS inner-product index over L2-normalised vectors.

Exact search (IndexFlatIP) up to ``HNSW_THRESHOLD`` vectors, HNSW above it.
Measured with ``bench/search_bench.py threshold`` (bench/RESULTS.md "## Search",
384-d clustered synthetic vectors, on this shared 2-core box): exact search is
recall 1.0 and its single-query cost grows linearly (p50 91 ms at 25k, 244 ms at
100k under a load average of ~10), while
HNSW answers in 1–2 ms at any size but costs minutes to build (165 s at 100k)
and loses recall (0.61 recall@10 at 100k on the synthetic data, efSearch 128;
not yet measured on real vectors at that size). Below 100k units — the shipped corpus is ~1k, the 159
reference laws ~25k — exactness and instant rebuilds win; the 400k-unit scale
corpus gets HNSW. In hybrid search the keyword candidates are re-scored exactly
from the stored vectors, which softens HNSW's recall loss.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import faiss
import numpy as np

HNSW_THRESHOLD = 100_000
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 128
INDEX_FILE = "dense.faiss"


def choose_type(n: int, threshold: int = HNSW_THRESHOLD) -> str:
    return "hnsw" if n > threshold else "flat"


def build_faiss(vectors: np.ndarray, threshold: int = HNSW_THRESHOLD) -> faiss.Index:
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    dim = vectors.shape[1]
    if choose_type(len(vectors), threshold) == "hnsw":
        index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        index.hnsw.efSearch = HNSW_EF_SEARCH
    else:
        index = faiss.IndexFlatIP(dim)
    index.add(vectors)
    return index


def index_type(index: faiss.Index) -> str:
    return "hnsw" if isinstance(index, faiss.IndexHNSW) else "flat"


def save(index: faiss.Index, folder: Path) -> None:
    faiss.write_index(index, str(folder / INDEX_FILE))


def load(folder: Path) -> faiss.Index:
    index = faiss.read_index(str(folder / INDEX_FILE))
    if isinstance(index, faiss.IndexHNSW):
        index.hnsw.efSearch = HNSW_EF_SEARCH
    return index


def search(index: faiss.Index, query: np.ndarray, k: int,
           allowed: Optional[np.ndarray] = None) -> tuple[np.ndarray, np.ndarray]:
    """Top-k (scores, positions) for one query vector, optionally among ``allowed`` positions."""
    query = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
    k = min(k, index.ntotal if allowed is None else len(allowed))
    if k <= 0:
        return np.empty(0, np.float32), np.empty(0, np.int64)
    params = None
    if allowed is not None:
        selector = faiss.IDSelectorBatch(np.ascontiguousarray(allowed, dtype=np.int64))
        if isinstance(index, faiss.IndexHNSW):
            # A selective filter starves the graph walk: widen it in proportion.
            ef = max(HNSW_EF_SEARCH, min(4096, k * index.ntotal // max(1, len(allowed))))
            params = faiss.SearchParametersHNSW(sel=selector, efSearch=ef)
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
