"""Build orchestration: corpus -> records -> graph -> search index, atomically.

Each stage lives in its own package (ingest, kg, search_api.index.search); this module
only sequences them inside a new data-directory generation so that a failed or
interrupted run leaves the previous build live.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional

from ingest.extract import extract_facts
from ingest.pipeline import ingest_path, load_corpus
from ingest.records import DocumentMeta, DocumentRecord
from kg.build import build_graph, update_graph
from search_api.datadir.generations import DataDir, DataDirError, now_iso, write_json_atomic
from search_api.model.embedder import ensure_model
from search_api.index.search import build_index

Progress = Callable[[str, int, int], None]   # (stage, done, total)


def _noop(stage: str, done: int, total: int) -> None:
    pass


@dataclass
class BuildSummary:
    generation: str
    documents: list[dict] = field(default_factory=list)
    graph: dict = field(default_factory=dict)
    index: dict = field(default_factory=dict)


# -- records on disk ---------------------------------------------------------

def records_dir(gen: Path) -> Path:
    return gen / "records"


def record_path(gen: Path, doc_id: str) -> Path:
    # ids are ASCII slugs for plans; laws get ids made safe for file names by ingest
    return records_dir(gen) / f"{doc_id}.json"


def write_record(gen: Path, record: DocumentRecord) -> None:
    write_json_atomic(record_path(gen, record.meta.id), record.to_dict())


def load_record(gen: Path, doc_id: str) -> DocumentRecord:
    path = record_path(gen, doc_id)
    return DocumentRecord.from_dict(json.loads(path.read_text("utf-8")))


def iter_records(gen: Path) -> Iterable[DocumentRecord]:
    for path in sorted(records_dir(gen).glob("*.json")):
        yield DocumentRecord.from_dict(json.loads(path.read_text("utf-8")))


def document_summary(record: DocumentRecord) -> dict:
    facts = record.facts
    return {
        "id": record.meta.id,
        "title": record.meta.title,
        "region": record.meta.region,
        "kind": record.meta.kind,
        "clauses": sum(1 for _ in record.clauses()),
        "indicators": len(facts.indicators),
        "tasks": len(facts.tasks),
    }


# -- stages ------------------------------------------------------------------

def _ingest_all(items: list[tuple[Path, Optional[DocumentMeta]]], progress: Progress) -> list[DocumentRecord]:
    records: list[DocumentRecord] = []
    seen: dict[str, str] = {}
    for i, (path, meta) in enumerate(items):
        for record in ingest_path(path, meta):
            if record.meta.id in seen:
                from ingest.errors import IngestError
                raise IngestError(path, f"document id {record.meta.id!r} is already used by {seen[record.meta.id]}")
            seen[record.meta.id] = str(path)
            records.append(record)
        progress("ingest", i + 1, len(items))
    return records


def _extract_all(records: list[DocumentRecord], titles: dict[str, str], progress: Progress) -> None:
    for i, record in enumerate(records):
        record.facts = extract_facts(record, titles)
        progress("extract", i + 1, len(records))


def corpus_titles(records: Iterable[DocumentRecord]) -> dict[str, str]:
    return {r.meta.title: r.meta.id for r in records}


class _StageClock(dict):
    """Wall-clock seconds per build stage, kept in the manifest (where did a long build go?)."""

    def __init__(self) -> None:
        super().__init__()
        self._last = time.monotonic()

    def lap(self, stage: str) -> None:
        now = time.monotonic()
        self[f"{stage}_seconds"] = round(now - self._last, 3)
        self._last = now


def _write_manifest(gen: Path, summaries: list[dict], graph: dict, index: dict,
                    stages: Optional[dict] = None) -> None:
    manifest = {
        "built_at": now_iso(),
        "documents": sorted(summaries, key=lambda d: d["id"]),
        "graph": graph,
        "index": index,
    }
    if stages:
        manifest["stages"] = stages
    write_json_atomic(gen / "manifest.json", manifest)


def build(corpus: Path, data: DataDir, model: Optional[str] = None,
          progress: Progress = _noop) -> BuildSummary:
    """Full build of every document listed in corpus/plans.toml."""
    items = load_corpus(corpus)
    ensure_model(model, data.cache)  # a bad --model fails before minutes of ingest
    stages = _StageClock()
    with data.lock():
        records = _ingest_all([(p, m) for p, m in items], progress)
        stages.lap("ingest")
        _extract_all(records, corpus_titles(records), progress)
        stages.lap("extract")
        with data.new_generation() as gen:
            for i, record in enumerate(records):
                write_record(gen, record)
                progress("records", i + 1, len(records))
            stages.lap("records")
            graph_stats = build_graph(records, gen / "graph", progress=progress)
            stages.lap("graph")
            index_stats = build_index(records, gen / "index", data.cache, model=model, progress=progress)
            stages.lap("index")
            summaries = [document_summary(r) for r in records]
            _write_manifest(gen, summaries, graph_stats, index_stats, stages={
                **stages, "characters": sum(len(r.clean_text) for r in records)})
        return BuildSummary(generation=str(data.current().name), documents=summaries,
                            graph=graph_stats, index=index_stats)


def ingest_files(paths: list[Path], data: DataDir, meta: Optional[DocumentMeta] = None,
                 model: Optional[str] = None, replace: bool = False,
                 progress: Progress = _noop) -> BuildSummary:
    """Add or replace documents in the live build without rebuilding the others.

    Re-ingesting the same source file replaces its document; a *different* file
    claiming an existing id is refused unless ``replace`` — a typo in ``--id``
    must not silently overwrite someone's plan.
    """
    ensure_model(model, data.cache)
    with data.lock():
        new = _ingest_all([(p, meta or corpus_entry(p)) for p in paths], progress)
        current = data.current()
        if current is not None and not replace:
            for record in new:
                _refuse_collision(current, record)
        return _apply_change(data, new, removed=[], model=model, progress=progress)


def corpus_entry(path: Path) -> Optional[DocumentMeta]:
    """The plans.toml entry describing ``path`` when the file sits in a corpus folder."""
    if not (path.parent / "plans.toml").exists():
        return None
    for listed, meta in load_corpus(path.parent):
        if listed.resolve() == path.resolve():
            return meta
    return None


def _refuse_collision(gen: Path, record: DocumentRecord) -> None:
    path = record_path(gen, record.meta.id)
    if not path.exists():
        return
    existing = json.loads(path.read_text("utf-8"))["meta"]
    if Path(existing.get("source_file") or "").name == Path(record.meta.source_file or "").name:
        return
    raise DataDirError(
        f"document id {record.meta.id!r} already exists (from {existing.get('source_file')}); "
        "use --replace to replace it or --id to choose another id")


def remove_documents(doc_ids: list[str], data: DataDir, model: Optional[str] = None,
                     progress: Progress = _noop) -> BuildSummary:
    with data.lock():
        cur = data.require_current()
        missing = [d for d in doc_ids if not record_path(cur, d).exists()]
        if missing:
            raise DataDirError(f"no such document: {', '.join(missing)}")
        return _apply_change(data, [], removed=doc_ids, model=model, progress=progress)


def _apply_change(data: DataDir, new: list[DocumentRecord], removed: list[str],
                  model: Optional[str], progress: Progress) -> BuildSummary:
    previous = data.current()
    with data.new_generation(copy_current=True) as gen:
        records_dir(gen).mkdir(parents=True, exist_ok=True)
        for doc_id in removed:
            record_path(gen, doc_id).unlink()
        existing = list(iter_records(gen))
        titles = corpus_titles(existing + new)
        _extract_all(new, titles, progress)
        for record in new:
            write_record(gen, record)
        records = list(iter_records(gen))
        replaced = [r.meta.id for r in new] + removed
        graph_stats = update_graph(previous / "graph" if previous else None, gen / "graph",
                                   changed=new, removed_ids=replaced, all_records=records,
                                   progress=progress)
        index_stats = build_index(records, gen / "index", data.cache, model=model, progress=progress)
        summaries = [document_summary(r) for r in records]
        _write_manifest(gen, summaries, graph_stats, index_stats)
    return BuildSummary(generation=str(data.current().name), documents=summaries,
                        graph=graph_stats, index=index_stats)


def default_corpus() -> Path:
    return Path(os.environ.get("POLICYKG_CORPUS", "corpus"))
