"""Fixtures for ingest tests: the two shipped seed plans, ingested once per session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
CORPUS = REPO / "corpus"
WUJIANG = "wujiang-14fyp-emergency"
KUNSHAN = "kunshan-14fyp-safety"

sys.path.insert(0, str(Path(__file__).parent))   # helpers.py


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
