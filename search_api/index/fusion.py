"""Score fusion of keyword and dense retrieval.

Both retrievers propose their top-N; every candidate is then scored by both
(exactly: BM25 scores cover all units, dense scores of keyword-only candidates
come from the stored vectors), each score is min-max normalised over the pool,
and the fused score is ``BM25_WEIGHT·bm25 + DENSE_WEIGHT·dense``. Min-max per
query makes the two scales comparable; it was measured better than plain RRF on
the seed plans (ARCHITECTURE.md "Search").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np

BM25_WEIGHT = 0.3
DENSE_WEIGHT = 0.7
POOL = 100


@dataclass
class Ranked:
    positions: np.ndarray   # unit positions, best first
    score: np.ndarray       # the score the ranking is by
    bm25: np.ndarray        # raw BM25 score of each
    dense: np.ndarray       # cosine similarity of each


def top_positions(scores: np.ndarray, n: int, allowed: Optional[np.ndarray] = None) -> np.ndarray:
    """Positions of the n highest positive scores (among ``allowed`` positions if given)."""
    if allowed is not None:
        cand = allowed[scores[allowed] > 0]
    else:
        cand = np.flatnonzero(scores > 0)
    if len(cand) > n:
        cand = cand[np.argpartition(-scores[cand], n - 1)[:n]]
    return cand[np.argsort(-scores[cand], kind="stable")]


def minmax(x: np.ndarray) -> np.ndarray:
    if len(x) == 0:
        return x
    lo, hi = float(x.min()), float(x.max())
    if hi - lo < 1e-12:
        return np.ones_like(x) if hi > 0 else np.zeros_like(x)
    return (x - lo) / (hi - lo)


def fuse(bm25_all: np.ndarray, dense_scores: np.ndarray, dense_positions: np.ndarray,
         dense_exact: Callable[[np.ndarray], np.ndarray], pool: int = POOL,
         allowed: Optional[np.ndarray] = None, bm25_weight: float = BM25_WEIGHT,
         keyword_top: Optional[np.ndarray] = None) -> Ranked:
    """Fused ranking of the union of the BM25 top-``pool`` and the dense candidates.
    ``keyword_top``: that BM25 top-``pool`` (``top_positions``) when the caller has chosen it
    already (a search chooses it while the query is being embedded)."""
    kw = top_positions(bm25_all, pool, allowed) if keyword_top is None else keyword_top
    # the pool: the dense candidates (distinct positions), then the keyword ones they lack,
    # which are scored exactly from their stored vectors
    dense_positions = np.asarray(dense_positions, dtype=np.int64)
    # a set, not np.isin: for two pools of ~100 positions it is ~5x faster (isin sorts both)
    found = set(dense_positions.tolist())
    missing = np.array([p for p in np.asarray(kw).tolist() if p not in found], dtype=np.int64)
    positions = np.concatenate([dense_positions, missing])
    de = np.asarray(dense_scores, dtype=np.float32)
    if len(missing):
        de = np.concatenate([de, np.asarray(dense_exact(missing), dtype=np.float32)])
    bm = bm25_all[positions].astype(np.float32) if len(positions) else np.empty(0, np.float32)
    fused = bm25_weight * minmax(bm) + (1.0 - bm25_weight) * minmax(de)
    order = np.argsort(-fused, kind="stable")
    return Ranked(positions[order], fused[order], bm[order], de[order])


def single(scores: np.ndarray, positions: np.ndarray, other: Callable[[np.ndarray], np.ndarray],
           bm25_is_primary: bool) -> Ranked:
    """A ranking by one method, with the other method's score attached for display."""
    other_scores = other(positions) if len(positions) else np.empty(0, np.float32)
    if bm25_is_primary:
        return Ranked(positions, scores, scores, other_scores)
    return Ranked(positions, scores, other_scores, scores)
