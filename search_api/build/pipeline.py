"""Build orchestration: corpus -> records -> graph -> search index, atomically.

Each stage lives in its own package: ingest (complete records, ingest.documents),
kg (graph), search_api.index.search (search index); records are stored by
search_api.datadir.records. This module only sequences the stages inside a new
data-directory generation so that a failed or interrupted run leaves the previous
build live.

``cluster`` (search_api.cluster.session.Cluster, or None for this machine) only changes where
the work runs: its executor takes the per-document stages (ingest.parallel.running_on) and its
embedder pool the embedding; every stage and the assembly of the generation stay as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ingest.documents import ingest_documents
from ingest.parallel import running_on
from ingest.pipeline import load_corpus
from ingest.progress import Progress, StageTimer, no_progress
from ingest.records import DocumentMeta, DocumentRecord
from kg.build import build_graph, update_graph
from search_api.datadir import records as stored
from search_api.datadir.generations import DataDir, DataDirError
from search_api.datadir.lookups import writing_tables
from search_api.datadir.manifest import document_summary, summaries_of, titles_of_summaries, write_manifest
from search_api.index.builder import build_index
from search_api.index.search import recorded_engine
from search_api.index.units import unit_dicts
from ingest.elided import duty_rows
from search_api.index.update import NeedsRebuild, update_index
from search_api.model.embedder import ensure_engine, ensure_model


@dataclass
class BuildSummary:
    generation: str
    documents: list[dict] = field(default_factory=list)
    graph: dict = field(default_factory=dict)
    index: dict = field(default_factory=dict)
    changed: list[str] = field(default_factory=list)   # ids of the documents this run added or replaced


def build(corpus: Path, data: DataDir, model: Optional[str] = None,
          progress: Progress = no_progress, workers: Optional[int] = None,
          engine: Optional[str] = None, cluster=None) -> BuildSummary:
    """Full build of every document listed in corpus/plans.toml (``workers``: extraction and graph processes),
    embedded by ``engine`` (None: the embedder setting), which the build records."""
    items = load_corpus(corpus)
    ensure_engine(model, data.cache, engine)  # a bad --model fails before minutes of ingest
    timer = StageTimer()
    with data.lock(), running_on(cluster.executor if cluster else None):
        records = ingest_documents(items, progress=progress, timer=timer, workers=workers)
        with data.new_generation() as gen:
            with writing_tables(gen, unit_dicts, duty_rows) as tables:
                for i, record in enumerate(records):
                    tables.add(stored.write_record(gen, record), record)
                    progress("records", i + 1, len(records))
            timer.lap("records")
            graph_stats = build_graph(records, gen / "graph", progress=progress, workers=workers)
            timer.lap("graph")
            index_stats = build_index(records, gen / "index", data.cache, model=model, progress=progress,
                                      engine=engine, embedder=_cluster_embedder(cluster, model, data, engine))
            timer.lap("index")
            summaries = [document_summary(r) for r in records]
            write_manifest(gen, summaries, graph_stats, index_stats, stages={
                **timer.rounded("_seconds"), "characters": sum(len(r.clean_text) for r in records)})
        return BuildSummary(generation=str(data.current().name), documents=summaries,
                            graph=graph_stats, index=index_stats, changed=[r.meta.id for r in records])


def ingest_files(paths: list[Path], data: DataDir, meta: Optional[DocumentMeta] = None,
                 model: Optional[str] = None, replace: bool = False,
                 progress: Progress = no_progress, workers: Optional[int] = None, cluster=None) -> BuildSummary:
    """Add or replace documents in the live build without rebuilding the others.

    A document whose id already exists is refused unless ``replace``, whatever its file
    (the same name from another folder, or a typo in ``--id``, must not silently overwrite
    someone's plan).
    """
    return ingest_entries([(p, meta or corpus_entry(p)) for p in paths], data, model=model, replace=replace,
                          progress=progress, workers=workers, cluster=cluster)


def ingest_entries(entries: list[tuple[Path, Optional[DocumentMeta]]], data: DataDir,
                   model: Optional[str] = None, replace: bool = False,
                   progress: Progress = no_progress, workers: Optional[int] = None, cluster=None) -> BuildSummary:
    """``ingest_files`` with each file's own metadata (several documents, one new generation)."""
    ensure_model(model, data.cache)
    with data.lock(), running_on(cluster.executor if cluster else None):
        current = data.current()
        # citations link to documents already built as well as to the new ones (their titles
        # come from the manifest: no stored record is read)
        known = (lambda: titles_of_summaries(summaries_of(current))) if current is not None else None
        refuse = (lambda record: _refuse_collision(current, record)) if current is not None and not replace else None
        timer = StageTimer()
        new = ingest_documents(entries, known_titles=known,
                               progress=progress, check=refuse, timer=timer)
        return _apply_change(data, new, removed=[], model=model, progress=progress, workers=workers, timer=timer,
                             cluster=cluster)


def corpus_entry(path: Path) -> Optional[DocumentMeta]:
    """The plans.toml entry describing ``path`` when the file sits in a corpus folder."""
    if not (path.parent / "plans.toml").exists():
        return None
    for listed, meta in load_corpus(path.parent):
        if listed.resolve() == path.resolve():
            return meta
    return None


def _refuse_collision(gen: Path, record: DocumentRecord) -> None:
    if not stored.has_record(gen, record.meta.id):
        return
    existing = stored.stored_source_file(gen, record.meta.id)
    raise DataDirError(
        f"document id {record.meta.id!r} already exists (from {existing}); "
        "use --replace to replace it or --id to choose another id")


def remove_documents(doc_ids: list[str], data: DataDir, model: Optional[str] = None,
                     progress: Progress = no_progress, workers: Optional[int] = None) -> BuildSummary:
    with data.lock():
        cur = data.require_current()
        missing = [d for d in doc_ids if not stored.has_record(cur, d)]
        if missing:
            raise DataDirError(f"no such document: {', '.join(missing)}")
        return _apply_change(data, [], removed=doc_ids, model=model, progress=progress, workers=workers)


def _apply_change(data: DataDir, new: list[DocumentRecord], removed: list[str],
                  model: Optional[str], progress: Progress, workers: Optional[int],
                  timer: Optional[StageTimer] = None, cluster=None) -> BuildSummary:
    """A new generation with ``new`` added and ``removed`` gone, embedded by the engine the
    live build was made with (the build records it; a change must not mix engines).

    Only the changed documents are read and processed: the graph drops and adds their named
    graphs, the index tombstones their old units and adds a delta segment
    (search_api.index.update), the manifest's summaries of the others are carried over. All
    records are read only when there is no graph or no segmented index to change."""
    previous = data.current()
    timer = timer or StageTimer()
    timer.lap("other")
    with data.new_generation(copy_current=True) as gen:
        timer.lap("copy")   # the hard-linked copy of the live generation
        stored.records_dir(gen).mkdir(parents=True, exist_ok=True)
        replaced = {r.meta.id for r in new} | set(removed)
        with writing_tables(gen, unit_dicts, duty_rows, start_from_current=True) as tables:
            tables.drop(sorted(replaced))
            for doc_id in removed:
                stored.remove_record(gen, doc_id)
            for record in new:
                tables.add(stored.write_record(gen, record), record)
        timer.lap("records")
        summaries = [d for d in summaries_of(previous) if d["id"] not in replaced]
        summaries += [document_summary(r) for r in new]
        all_records = lambda: list(stored.iter_records(gen))   # noqa: E731 — only for a first build
        graph_stats = update_graph(previous / "graph" if previous else None, gen / "graph",
                                   changed=new, removed_ids=sorted(replaced), all_records=all_records,
                                   progress=progress, workers=workers, documents=len(summaries))
        timer.lap("graph")
        engine = recorded_engine(previous)
        embedder = _cluster_embedder(cluster, model, data, engine) if new else None
        try:
            index_stats = update_index(gen / "index", new, sorted(replaced), data.cache, model=model,
                                       progress=progress, engine=engine, embedder=embedder)
        except NeedsRebuild:
            index_stats = build_index(all_records(), gen / "index", data.cache, model=model, progress=progress,
                                      engine=engine, embedder=embedder)
        timer.lap("index")
        write_manifest(gen, summaries, graph_stats, index_stats, stages=timer.rounded("_seconds"))
    return BuildSummary(generation=str(data.current().name), documents=summaries,
                        graph=graph_stats, index=index_stats, changed=[r.meta.id for r in new])



def _cluster_embedder(cluster, model: Optional[str], data: DataDir, engine: Optional[str]):
    """The cluster's pool of embedding actors, or None: the builder loads the model here."""
    return cluster.embedder(model, data.cache, engine) if cluster else None
