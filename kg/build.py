"""Records -> RDF -> Oxigraph store on disk, validated with SHACL.

Contract used by search_api.build.pipeline:
    build_graph(records, graph_dir, progress=None, workers=None) -> dict   # full build + SHACL validation
    update_graph(prev_graph_dir, graph_dir, changed, removed_ids, all_records, progress=None, workers=None,
                 documents=None) -> dict   # all_records may be a function: read only without a previous store

``workers`` is the number of processes that render and validate documents (None: one per core).

Both write a store in a directory of a generation that is not live yet; any
exception (including kg.errors.ValidationError) propagates so the pipeline
discards that generation and the previous one stays live.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

import pyoxigraph as ox

from ingest.progress import Progress, StageTimer, no_progress
from ingest.records import DocumentRecord
from kg import iris
from kg.errors import KGError
from kg.ontology import ontology_dir, vocabulary_files
from kg.render import Rendered, render_all
from kg.validate import checks as validation_checks

STAGE = "graph"


def _canonical_quads(paths: Iterable[Path], graph: ox.NamedNode) -> ox.Dataset:
    """Parse Turtle files into one graph with canonical blank-node labels, so rebuilds give equal quads."""
    dataset = ox.Dataset()
    for path in paths:
        try:
            for triple in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
                dataset.add(ox.Quad(triple.subject, triple.predicate, triple.object, graph))
        except SyntaxError as exc:
            raise KGError(f"{path}: not valid Turtle: {exc}") from None
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return dataset


def load_vocabularies(store: ox.Store) -> None:
    """(Re)load ontology/*.ttl into the fixed ontology graph and shapes.ttl into the shapes graph."""
    onto = ox.NamedNode(str(iris.ONTOLOGY_GRAPH))
    shapes = ox.NamedNode(str(iris.SHAPES_GRAPH))
    for graph, files in ((onto, vocabulary_files()), (shapes, [ontology_dir() / "shapes.ttl"])):
        store.remove_graph(graph) if store.contains_named_graph(graph) else None
        store.extend(_canonical_quads(files, graph))


def _stats(store: ox.Store, timer: StageTimer, documents: int) -> dict:
    """Build statistics. Phases (where does build time go?): rdf / shacl / serialize are summed
    over documents, so with several worker processes they add up to more than the wall-clock
    time of the build."""
    graphs = list(store.named_graphs())
    return {
        "phase_seconds": timer.rounded(),
        "triples": len(store),
        "graphs": len(graphs),
        "documents": documents,
        "seconds": round(timer.elapsed(), 3),
        "conforms": True,
        "store": "oxigraph",
    }


def _fresh_dir(graph_dir: Path) -> Path:
    graph_dir = Path(graph_dir)
    if graph_dir.exists():
        shutil.rmtree(graph_dir)   # a leftover from an interrupted run inside a non-live generation
    graph_dir.parent.mkdir(parents=True, exist_ok=True)
    return graph_dir


# A fresh store is filled with the bulk loader in batches of about this many bytes of N-Quads:
# per-document transactions cost ~10x more at scale, and nobody reads a store that is not live yet.
BULK_BATCH_BYTES = 64 * 1024 * 1024


def build_graph(records: list[DocumentRecord], graph_dir: Path, progress: Optional[Progress] = None,
                workers: Optional[int] = None) -> dict:
    progress = progress or no_progress
    timer = StageTimer()
    graph_dir = _fresh_dir(graph_dir)
    validation_checks()   # fail early, before any work, if shapes.ttl is missing, broken or untranslatable
    store = ox.Store(str(graph_dir))
    try:
        load_vocabularies(store)
        _bulk_fill(store, records, progress, timer, workers)
        with timer.stage("optimize"):
            store.flush()
            store.optimize()
        return _stats(store, timer, len(records))
    finally:
        del store   # releases the RocksDB lock before the generation is renamed


def _rendered(records: list[DocumentRecord], progress: Progress, timer: StageTimer,
              workers: Optional[int] = None) -> Iterator[Rendered]:
    """Each record rendered (in worker processes when many), timed; progress once it is written."""
    progress(STAGE, 0, len(records))
    for i, rendered in enumerate(render_all(records, workers), start=1):
        timer.merge(rendered.seconds)
        yield rendered
        progress(STAGE, i, len(records))


def _bulk_fill(store: ox.Store, records: list[DocumentRecord], progress: Progress, timer: StageTimer,
               workers: Optional[int] = None) -> None:
    """Fill a fresh store with every record's named graph, in bulk-loader batches."""
    batch: list[bytes] = []
    size = 0
    for rendered in _rendered(records, progress, timer, workers):
        batch.append(rendered.nquads)
        size += len(rendered.nquads)
        if size >= BULK_BATCH_BYTES:
            _bulk_load(store, batch, timer)
            batch, size = [], 0
    _bulk_load(store, batch, timer)


def _bulk_load(store: ox.Store, batch: list[bytes], timer: StageTimer) -> None:
    if batch:
        with timer.stage("load"):
            store.bulk_load(b"".join(batch), format=ox.RdfFormat.N_QUADS)


def _add_documents(store: ox.Store, records: list[DocumentRecord], progress: Progress, timer: StageTimer,
                   workers: Optional[int] = None) -> None:
    """Add each record's named graph in its own transaction (a store that is already populated)."""
    for rendered in _rendered(records, progress, timer, workers):
        with timer.stage("load"):
            store.load(rendered.nquads, format=ox.RdfFormat.N_QUADS)


def update_graph(prev_graph_dir: Optional[Path], graph_dir: Path, changed: list[DocumentRecord],
                 removed_ids: list[str], all_records: "list[DocumentRecord] | Callable[[], list[DocumentRecord]]",
                 progress: Optional[Progress] = None, workers: Optional[int] = None,
                 documents: Optional[int] = None) -> dict:
    """Copy the previous store (its own backup: never plain hard links, RocksDB appends in
    place), drop the graphs of ``removed_ids`` (which include replaced ids), add ``changed``.

    ``all_records`` (or a function returning them, so that an incremental change reads no
    other record) is only needed when there is no previous store; ``documents`` is their
    number for the statistics (default: len(all_records))."""
    progress = progress or no_progress
    if prev_graph_dir is None or not (Path(prev_graph_dir) / "CURRENT").exists():
        return build_graph(all_records() if callable(all_records) else all_records, graph_dir, progress, workers)
    if documents is None:
        documents = len(all_records() if callable(all_records) else all_records)
    validation_checks()
    timer = StageTimer()
    graph_dir = _fresh_dir(graph_dir)
    previous = ox.Store.read_only(str(prev_graph_dir))
    try:
        previous.backup(str(graph_dir))
    finally:
        del previous
    store = ox.Store(str(graph_dir))
    try:
        load_vocabularies(store)   # the ontology may have changed since: keep equal to a full rebuild
        for doc_id in removed_ids:
            graph = ox.NamedNode(str(iris.doc_iri(doc_id)))
            if store.contains_named_graph(graph):
                store.remove_graph(graph)
        _add_documents(store, changed, progress, timer, workers)
        store.flush()
        return _stats(store, timer, documents)
    finally:
        del store
