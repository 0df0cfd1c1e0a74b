"""Fixtures: a data directory with one generation built from hand-made records."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sample_records import REPO, make_generation, sample_records  # noqa: E402

from kg.build import build_graph  # noqa: E402
from search_api.datadir.generations import DataDir  # noqa: E402

@pytest.fixture(scope="session")
def sample_data(tmp_path_factory) -> DataDir:
    data = DataDir(tmp_path_factory.mktemp("kg-data"))
    make_generation(data, sample_records())
    return data


@pytest.fixture(scope="session")
def sample_store(sample_data):
    from kg.store import open_store
    store = open_store(sample_data.require_current())
    yield store
    store.close()


@pytest.fixture(scope="session")
def corpus_graph(tmp_path_factory):
    """The shipped corpus through the real ingest and extraction, built into a graph store
    (no search index: the graph tests don't need the embedding model). -> (stats, graph_dir)"""
    from ingest.documents import ingest_documents
    from ingest.pipeline import load_corpus

    records = ingest_documents(load_corpus(REPO / "corpus"))
    graph_dir = tmp_path_factory.mktemp("corpus") / "graph"
    stats = build_graph(records, graph_dir)
    print(f"\nshipped corpus graph: {stats}")
    return stats, graph_dir
