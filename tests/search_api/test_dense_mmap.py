"""dense.load memory-maps the saved index: searches, filtered searches and stored vectors are
those of the index as built, for both kinds (exact and inverted file)."""

from __future__ import annotations

import numpy as np
import pytest

from search_api.index import dense


@pytest.mark.parametrize("threshold", [10_000, 500])   # 2,000 vectors: flat, then IVF
def test_loaded_index_answers_as_built(tmp_path, threshold):
    rng = np.random.default_rng(7)
    vectors = rng.standard_normal((2_000, 32)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    built = dense.build_faiss(vectors, threshold=threshold)
    dense.save(built, tmp_path)
    loaded = dense.load(tmp_path)
    assert dense.index_type(loaded) == dense.index_type(built) == dense.choose_type(len(vectors), threshold)
    positions = np.array([0, 17, 1_999, 640])
    assert np.array_equal(dense.vectors_at(loaded, positions), vectors[positions])
    allowed = np.arange(0, 2_000, 7)
    for query in vectors[:5]:
        for subset in (None, allowed):
            got, want = dense.search(loaded, query, 10, subset), dense.search(built, query, 10, subset)
            assert np.array_equal(got[1], want[1]) and np.allclose(got[0], want[0])


def test_ivfflat_index_of_an_earlier_build_still_searches(tmp_path):
    """Builds made before the 4-bit codes hold an IndexIVFFlat: loaded, it searches, filters,
    skips removed units and gives stored vectors back as it did."""
    import faiss

    rng = np.random.default_rng(3)
    vectors = rng.standard_normal((2_000, 32)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    earlier = faiss.IndexIVFFlat(faiss.IndexFlatIP(32), 32, 16, faiss.METRIC_INNER_PRODUCT)
    earlier.train(vectors)
    earlier.add(vectors)
    faiss.write_index(earlier, str(tmp_path / dense.INDEX_FILE))
    loaded = dense.load(tmp_path)
    assert dense.index_type(loaded) == "ivf" and dense.lists(loaded) == 16
    assert np.array_equal(dense.vectors_at(loaded, np.array([5, 1_500])), vectors[[5, 1_500]])
    removed = np.arange(0, 2_000, 2)
    _, kept = dense.search(loaded, vectors[4], 10, excluded=removed)
    assert len(kept) == 10 and all(p % 2 == 1 for p in kept)
    _, only = dense.search(loaded, vectors[4], 5, allowed=np.array([4, 9, 11]))
    assert list(only)[0] == 4 and set(only) == {4, 9, 11}


def test_approximate_index_skips_removed_units_and_keeps_recall(tmp_path):
    """The 4-bit inverted file re-scored exactly: removed units never come back, and the
    top 10 matches exact search on clustered vectors."""
    rng = np.random.default_rng(5)
    centres = rng.standard_normal((40, 48)).astype(np.float32)
    vectors = centres[rng.integers(0, 40, 6_000)] + 0.3 * rng.standard_normal((6_000, 48)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    index = dense.build_faiss(vectors, threshold=1_000)
    dense.save(index, tmp_path)
    loaded = dense.load(tmp_path)
    removed = np.arange(0, 6_000, 3)
    hits = []
    for query in vectors[1:200:7]:
        _, kept = dense.search(loaded, query, 10, excluded=removed)
        assert len(kept) == 10 and not set(kept) & set(removed)
        live = np.setdiff1d(np.arange(6_000), removed)
        exact = live[np.argsort(-(vectors[live] @ query))[:10]]
        hits.append(len(set(kept) & set(exact)) / 10)
    print(f"recall@10 of the approximate index against exact search: {np.mean(hits):.3f}")
    assert np.mean(hits) >= 0.9
