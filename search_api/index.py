"""Hybrid FAISS + BM25 clause index. (Being implemented by the search work.)

Contract used by search_api.pipeline:
    build_index(records, index_dir, cache_dir, model=None, progress=None) -> dict
"""

from __future__ import annotations


def build_index(records, index_dir, cache_dir, model=None, progress=None) -> dict:  # placeholder
    return {}
