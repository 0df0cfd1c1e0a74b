"""Records -> RDF -> Oxigraph store. (Being implemented by the knowledge-graph work.)

Contract used by search_api.pipeline:
    build_graph(records, graph_dir, progress=None) -> dict   # full build + SHACL validation
    update_graph(prev_graph_dir, graph_dir, changed, removed_ids, all_records, progress=None) -> dict
"""

from __future__ import annotations


def build_graph(records, graph_dir, progress=None) -> dict:  # placeholder until the KG stage lands
    return {}


def update_graph(prev_graph_dir, graph_dir, changed, removed_ids, all_records, progress=None) -> dict:
    return {}
