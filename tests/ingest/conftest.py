"""Fixtures for ingest tests: the two shipped seed plans, ingested once per session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))   # ingest_helpers.py

from ingest_helpers import CORPUS  # noqa: E402


@pytest.fixture(scope="session")
def corpus_items():
    from ingest.pipeline import load_corpus

    return {meta.id: (path, meta) for path, meta in load_corpus(CORPUS)}


@pytest.fixture(scope="session")
def seeds(corpus_items):
    """{plan id: DocumentRecord} for both seed plans, read from corpus/ with their plans.toml metadata."""
    from ingest.pipeline import ingest_path

    out = {}
    for doc_id, (path, meta) in corpus_items.items():
        [record] = ingest_path(path, meta)
        out[doc_id] = record
    return out
