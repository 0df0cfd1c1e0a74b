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
