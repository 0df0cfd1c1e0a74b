"""Copy the built graph to a SPARQL server, one named graph at a time (Graph Store Protocol).

Each document graph (and the ontology and shapes graphs) replaces the graph of
the same IRI on the server; graphs of ours that the build no longer has are
deleted, so after a publish the server holds exactly the build's graphs.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from ingest.progress import Progress, StageTimer, no_progress
from kg.export import open_read_only
from kg.sparql_http import SparqlHttpStore


def publish(target: Path, remote: SparqlHttpStore, progress: Progress = no_progress) -> dict:
    timer = StageTimer()
    store = open_read_only(target)
    local = sorted(g.value for g in store.named_graphs())
    stale = [g for g in remote.named_graphs() if g not in set(local)]
    for graph in stale:
        remote.delete_graph(graph)
    for i, graph in enumerate(local, start=1):
        data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))
        remote.put_graph(graph, data)
        progress("publish", i, len(local))
    return {"graphs": len(local), "deleted": len(stale), "triples": len(store),
            "seconds": round(timer.elapsed(), 3)}
