"""Streaming export of the graph store: Turtle, N-Quads or JSON-LD.

pyoxigraph serialises straight from the store to the output as it reads, so an
export never holds the whole graph in memory (it works for the scale corpus).
Turtle has no named graphs: it is the concatenation of each graph's Turtle
(repeating @prefix lines is legal), i.e. the union of all graphs.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO, Optional

import pyoxigraph as ox

from kg import iris
from kg.errors import KGError
from kg.store import graph_dir_of

FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nq": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD}


def open_read_only(target: Path) -> ox.Store:
    path = graph_dir_of(Path(target))
    if not (path / "CURRENT").exists():
        raise KGError(f"no graph store in {path}; run `policykg build` first")
    try:
        return ox.Store.read_only(str(path))
    except OSError as exc:
        raise KGError(f"cannot open the graph store at {path}: {exc}") from None


def export(target: Path, fmt: str, out: BinaryIO, doc_ids: Optional[list[str]] = None) -> None:
    """Write the store at ``target`` (generation or graph dir) to ``out`` in ``fmt``.

    ``doc_ids`` limits the export to those documents' named graphs.
    """
    if fmt not in FORMATS:
        raise KGError(f"unknown export format {fmt!r} (use one of: {', '.join(FORMATS)})")
    store = open_read_only(target)
    graphs = None
    if doc_ids:
        graphs = [ox.NamedNode(str(iris.doc_iri(d))) for d in doc_ids]
        missing = [d for d, g in zip(doc_ids, graphs) if not store.contains_named_graph(g)]
        if missing:
            raise KGError(f"no such document in the graph: {', '.join(missing)}")
    if fmt == "ttl":
        for graph in graphs or sorted(store.named_graphs(), key=lambda g: g.value):
            store.dump(out, FORMATS[fmt], from_graph=graph, prefixes=iris.PREFIXES)
    elif graphs is None:
        store.dump(out, FORMATS[fmt], prefixes=iris.PREFIXES) if fmt == "jsonld" else store.dump(out, FORMATS[fmt])
    else:
        # N-Quads/JSON-LD of selected graphs: stream each graph's quads through a serializer.
        quads = (q for g in graphs for q in store.quads_for_pattern(None, None, None, g))
        ox.serialize(quads, out, FORMATS[fmt])
    out.flush()
