"""Incremental index changes: documents added, replaced or removed without touching the others.

The units of removed and replaced documents become tombstones in index.json; the units of
new documents go into a new delta segment (embedded and tokenised through the caches). When
deltas and tombstones grow past a fraction of the index, or there are too many segments, the
index is compacted: the live units of every segment, their stored vectors and term postings,
become one new base segment (nothing is read from records, embedded or tokenised again; an
IVF base is retrained then, as a full build would).

On a flat (exact) index, scores and rankings equal those of a full rebuild: BM25 statistics
are global over segments (search_api.index.bm25), dense scores are exact per segment. On an
IVF base the delta's vectors are searched exactly beside it, so the approximation is the
base's own (bench/RESULTS.md "Search").

``index_dir`` starts as hard links of the live generation's index: segments are new folders
and index.json is replaced by rename, so the live generation never changes.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Optional

import numpy as np

from ingest.progress import Progress, StageTimer, no_progress
from search_api.index.builder import check_unique_ids, prepare_units, write_meta, write_segment
from search_api.index.postings import merge
from search_api.index.search import META_FILE, load_embedder
from search_api.index.segments import FORMAT, SegmentEntry, Segments, document_order_key, next_name
from search_api.index.units import collect_units

# Compact when the units in deltas plus the removed ones exceed this share of the live units
# (a delta is searched exactly and tombstones cost filter work on every query), or when there
# are more segments than MAX_SEGMENTS.
COMPACT_FRACTION = 0.25
MAX_SEGMENTS = 8
COPY_CHUNK = 20_000


class NeedsRebuild(Exception):
    """The index cannot be changed incrementally (none yet, an older format, another model)."""


def update_index(index_dir: Path, new_records: list, removed_ids: list[str], cache_dir: Path,
                 model: Optional[str] = None, embedder=None, progress: Progress = no_progress,
                 engine: Optional[str] = None, compact_fraction: float = COMPACT_FRACTION) -> dict:
    """Tombstone the units of ``removed_ids`` (removed and replaced documents), add the units of
    ``new_records`` as a delta segment, compact if due; returns the index statistics."""
    index_dir = Path(index_dir)
    meta = _meta_or_rebuild(index_dir, model)
    timer = StageTimer()
    entries = [SegmentEntry.from_dict(d) for d in meta["segments"]]
    stats = {k: v for k, v in meta.items() if k not in ("format", "segments") and not k.endswith("_seconds")}

    with timer.stage("tombstones"):
        segments = Segments(index_dir, entries)
        try:
            gone = _tombstone(segments, set(removed_ids))
        finally:
            segments.close()
    for kind, n in _kind_counts(gone).items():
        stats[kind] -= n

    units = collect_units(sorted(new_records, key=lambda r: document_order_key(r.meta.id)))
    stats.update(embedded=0, cached=0, tokenised=0)
    if units:
        check_unique_ids(u.id for u in units)
        if embedder is None:
            embedder = ModelOnDemand(meta, lambda: load_embedder(meta.get("model"), cache_dir,
                                                                 engine=engine or meta.get("embedder")))
        piece = prepare_units(units, cache_dir, embedder, timer, progress)
        entry = SegmentEntry(next_name(entries), len(units))
        with timer.stage("delta"):
            write_segment(index_dir / entry.name, units, piece.vectors, piece.postings)
        entries.append(entry)
        for kind, n in _kind_counts(units).items():
            stats[kind] += n
        stats.update(embedded=piece.embedded, cached=len(units) - piece.embedded, tokenised=piece.tokenised)

    if _due_for_compaction(entries, compact_fraction):
        with timer.stage("compact"):
            entries, stats["faiss_type"] = compact(index_dir, entries)
    stats.update(**timer.rounded("_seconds"), seconds=round(timer.elapsed(), 3))
    write_meta(index_dir, stats, entries)
    _remove_unlisted(index_dir, entries)
    return stats


class ModelOnDemand:
    """The index's model, loaded only if a text is missing from the embedding cache (a plan
    re-ingested or sharing its wording with others costs no model start-up). Its id and
    dimension, the cache's keys, are those index.json records."""

    def __init__(self, meta: dict, load):
        self.model_id, self.dim, self.engine = meta["model_id"], int(meta["dim"]), meta.get("embedder")
        self._load = load
        self._model = None

    def embed_passages(self, texts, batch_size: int = 32):
        if self._model is None:
            self._model = self._load()
            if self._model.model_id != self.model_id:
                raise NeedsRebuild(f"the model is now {self._model.model_id!r}, the index has {self.model_id!r}")
        return self._model.embed_passages(texts, batch_size=batch_size)


def _meta_or_rebuild(index_dir: Path, model: Optional[str]) -> dict:
    meta_path = index_dir / META_FILE
    if not meta_path.is_file():
        raise NeedsRebuild("no index yet")
    meta = json.loads(meta_path.read_text("utf-8"))
    if meta.get("format") != FORMAT or "segments" not in meta:
        raise NeedsRebuild(f"index format {meta.get('format')!r}")
    if model is not None and model != meta.get("model"):
        raise NeedsRebuild("another model")   # every unit must be embedded again
    return meta


def _tombstone(segments: Segments, doc_ids: set[str]) -> list:
    """Mark every live unit of ``doc_ids`` removed (in the segments' entries); returns them."""
    gone = []
    for s in segments.segments:
        for doc_id in sorted(doc_ids):
            local = s.units.allowed(plan=doc_id)
            local = local[s.live[local]]
            if len(local):
                s.entry.removed.extend(int(p) for p in local)
                s.live[local] = False
                gone.extend(s.units.units_at(local))
    return gone


def _kind_counts(units) -> dict[str, int]:
    return {"clauses": len(units), "rows": sum(1 for u in units if u.unit_kind == "row"),
            "headings": sum(1 for u in units if u.unit_kind == "heading")}


def _due_for_compaction(entries: list[SegmentEntry], fraction: float) -> bool:
    live = sum(e.units - len(e.removed) for e in entries)
    stale = sum(len(e.removed) for e in entries) + sum(e.units for e in entries[1:])
    return len(entries) > MAX_SEGMENTS or stale > fraction * max(live, 1)


def compact(index_dir: Path, entries: list[SegmentEntry]) -> tuple[list[SegmentEntry], str]:
    """One new segment of the live units of ``entries``, in index order; returns it and its
    FAISS type."""
    segments = Segments(index_dir, entries)
    try:
        everything = np.arange(segments.size)
        units = [u for start in range(0, segments.size, COPY_CHUNK)
                 for u in segments.units_at(everything[start:start + COPY_CHUNK])]
        vectors = segments.vectors_at(everything)
        postings = merge([(s.postings, s.position_of) for s in segments.segments], segments.size)
        entry = SegmentEntry(next_name(entries), len(units))
        faiss_type = write_segment(index_dir / entry.name, units, vectors, postings)
    finally:
        segments.close()
    return [entry], faiss_type


def _remove_unlisted(index_dir: Path, entries: list[SegmentEntry]) -> None:
    """Segments index.json no longer names (compacted away): unlinks this generation's links only."""
    listed = {e.name for e in entries}
    for path in index_dir.iterdir():
        if path.is_dir() and path.name not in listed:
            shutil.rmtree(path)
