"""Building the hybrid index: every clause, table row and heading of the records, embedded
(through the embedding cache, so only new text is embedded) and tokenised (through the token
cache), into one segment (FAISS, BM25 postings and the unit table), with index.json last.
The build orchestration (search_api.build) calls it; serving never imports it
(search_api.index.search opens what it wrote). Incremental changes add segments instead
(search_api.index.update).

Every file is written under a temporary name and renamed, and segments are new folders, so an
index directory that starts as hard links to the live generation's files never changes the
live generation.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Optional

import numpy as np

from ingest.progress import Progress, StageTimer, no_progress
from ingest.segmenter import userdict_fingerprint
from search_api.datadir.generations import write_json_atomic
from search_api.errors import UserError
from search_api.index import dense, fusion
from search_api.index.postings import Postings
from search_api.index.search import META_FILE, load_embedder
from search_api.index.segments import FORMAT, SegmentEntry, document_order_key, next_name
from search_api.index.tokencache import TokenCache, tokenize_with_cache
from search_api.index.units import Unit, collect_units, context_label, keyword_text
from search_api.index.unitstore import write_units
from search_api.model.embcache import EmbeddingCache, embed_with_cache

EMBED_BATCH = 64


def build_index(records, index_dir: Path, cache_dir: Path, model: Optional[str] = None,
                progress: Progress = no_progress, embedder=None, engine: Optional[str] = None) -> dict:
    """Build the index of every clause, table row and heading of ``records`` into ``index_dir``:
    one base segment.

    ``stats["clauses"]`` counts every indexed unit (rows and headings included).

    Embeddings come from the cache in ``cache_dir/embeddings`` where present; only
    new texts are embedded. ``embedder`` may be passed in (tests, benchmarks);
    otherwise ``model`` (None = the embedded default) is loaded, run by ``engine`` (None = the
    embedder setting); index.json records both.
    """
    timer = StageTimer()
    index_dir = Path(index_dir)
    if index_dir.exists():
        shutil.rmtree(index_dir)   # unlinks hard links only; the live generation keeps its files
    index_dir.mkdir(parents=True)
    # documents in index order (search_api.index.segments): ties rank alike in every build
    units = collect_units(sorted(records, key=lambda r: document_order_key(r.meta.id)))
    if not units:
        raise UserError("nothing to index: the documents have no clauses")
    check_unique_ids(u.id for u in units)
    embedder = embedder or load_embedder(model, cache_dir, engine=engine)
    piece = prepare_units(units, cache_dir, embedder, timer, progress)
    entry = SegmentEntry(next_name([]), len(units))
    with timer.stage("faiss"):
        faiss_type = write_segment(index_dir / entry.name, units, piece.vectors, piece.postings)
    stats = {
        "clauses": len(units),
        "rows": sum(1 for u in units if u.unit_kind == "row"),
        "headings": sum(1 for u in units if u.unit_kind == "heading"),
        "dim": int(embedder.dim),
        "model": model,
        "model_id": embedder.model_id,
        "embedder": getattr(embedder, "engine", "") or "fp32",
        "faiss_type": faiss_type,
        "embedded": piece.embedded,
        "cached": len(units) - piece.embedded,
        "tokenised": piece.tokenised,
        "bm25_weight": fusion.BM25_WEIGHT,
        "userdict": userdict_fingerprint(),
        **timer.rounded("_seconds"),
        "seconds": round(timer.elapsed(), 3),
    }
    write_meta(index_dir, stats, [entry])
    return stats


class Prepared:
    """The vectors and BM25 postings of a list of units."""

    def __init__(self, vectors: np.ndarray, postings: Postings, embedded: int, tokenised: int):
        self.vectors, self.postings, self.embedded, self.tokenised = vectors, postings, embedded, tokenised


def prepare_units(units: list[Unit], cache_dir: Path, embedder, timer: StageTimer,
                  progress: Progress = no_progress) -> Prepared:
    """Embed and tokenise ``units`` through the caches (only new text costs anything)."""
    with timer.stage("embed"):
        texts = [embedding_text(u) for u in units]
        with EmbeddingCache(cache_dir) as cache:
            vectors, embedded, _cached = embed_with_cache(
                texts, embedder.model_id, embedder.dim,
                lambda batch: embedder.embed_passages(batch, batch_size=EMBED_BATCH),
                cache, progress=progress, workers=_calls_at_once(embedder))
        progress("embed", len(texts), len(texts))
    with timer.stage("bm25"):
        with TokenCache(cache_dir) as cache:
            token_lists, tokenised = tokenize_with_cache([keyword_text(u) for u in units], cache, progress)
        postings = Postings.from_tokens(token_lists)
    return Prepared(vectors, postings, embedded, tokenised)


def _calls_at_once(embedder) -> int:
    """1 for a local build engine (its one call uses every core); a cluster's pool of embedding
    actors (search_api.cluster) takes one batch per actor at once."""
    calls = getattr(embedder, "parallel_calls", None)   # the model on demand and test doubles have none
    return calls() if calls else 1


def write_segment(folder: Path, units: list[Unit], vectors: np.ndarray, postings: Postings,
                  threshold: int = dense.IVF_THRESHOLD) -> str:
    """One segment folder (FAISS, postings, unit table); returns the FAISS type."""
    folder.mkdir(parents=True)
    faiss_index = dense.build_faiss(vectors, threshold)
    dense.save(faiss_index, folder)
    postings.save(folder)
    write_units(folder, units)
    return dense.index_type(faiss_index)


def write_meta(index_dir: Path, stats: dict, entries: list[SegmentEntry]) -> None:
    """index.json, last: it names the segments, so until it is renamed into place the index
    directory still describes what it held before."""
    write_json_atomic(index_dir / META_FILE, {**stats, "format": FORMAT,
                                              "segments": [e.to_dict() for e in entries]})


def check_unique_ids(ids) -> None:
    seen: set[str] = set()
    for uid in ids:
        if uid in seen:
            raise UserError(f"two search units share the id {uid!r}; document ids must be unique")
        seen.add(uid)


SHORT_CLAUSE = 40


def embedding_text(unit: Unit) -> str:
    """What the dense model reads for a unit (the model adds "passage: "): the clause itself;
    a short clause ("死亡或可能死亡30人以上。") or a table row after the heading it answers to
    ("5.1.1启动条件：…", "表7.4-1 规划除险加固病险水库分区统计表：…"), which says what it is about."""
    label = context_label(unit) if unit.unit_kind != "heading" else ""
    if label and (unit.unit_kind == "row" or len(unit.text) < SHORT_CLAUSE):
        return f"{label}：{unit.text}"
    return unit.text
