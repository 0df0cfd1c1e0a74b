"""Hybrid FAISS + BM25 index over clauses and table rows.

Contract used by search_api.build.pipeline::

    build_index(records, index_dir, cache_dir, model=None, progress=None) -> dict stats

and by the CLI, the API and the evaluation harness::

    SearchIndex.open(index_dir, embedder)
    .search(query, k=10, plan=None, kind=None, sector=None, section_kind=None,
            has_deadline=None, method="hybrid") -> list[Hit]
    .similar(clause_id, k=10, other_plans=True) -> list[Hit]
    .clause(clause_id) -> dict

Files in ``index_dir``: dense.faiss (vectors, position order), bm25/ (bm25s),
units.sqlite (position -> clause id, text, filter fields), index.json (model,
sizes, weights). Every file is written under a temporary name and renamed, so an
index directory that starts as hard links to the live generation's files
(incremental ingest) never changes the live generation.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

import numpy as np

from ingest.progress import Progress, StageTimer, no_progress
from ingest.segmenter import userdict_fingerprint

from search_api.index import dense
from search_api.index import fusion
from search_api.index.bm25 import KeywordIndex
from search_api.datadir.generations import write_json_atomic
from search_api.model.embcache import EmbeddingCache, embed_with_cache
from search_api.errors import UserError
from search_api.index.highlight import highlight_spans
from search_api.index.tokens import tokenize
from search_api.index.units import Unit, collect_units
from search_api.index.unitstore import UnitStore, write_units

META_FILE = "index.json"
FORMAT = 1
MAX_QUERY_CHARS = 500
MAX_K = 200
METHODS = ("hybrid", "bm25", "dense")
EMBED_BATCH = 64



@dataclass
class Hit:
    clause_id: str
    plan_id: str
    plan_title: str
    text: str
    score: float
    bm25: float
    dense: float
    section_path: list[str] = field(default_factory=list)
    highlights: list[list[int]] = field(default_factory=list)   # [start, end) in text
    kind: str = "clause"                                          # clause | row
    section_kind: str = ""
    sectors: list[str] = field(default_factory=list)
    has_deadline: bool = False

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["scores"] = {"hybrid": self.score, "bm25": d.pop("bm25"), "dense": d.pop("dense")}
        return d


# -- building ----------------------------------------------------------------

def load_embedder(model: Optional[str], cache_dir: Path):
    from search_api.model.embedder import Embedder   # heavy (torch); only when a model is needed
    return Embedder.load(model, cache_dir)


def build_index(records, index_dir: Path, cache_dir: Path, model: Optional[str] = None,
                progress: Progress = no_progress, embedder=None) -> dict:
    """Build the index of every clause, table row and heading of ``records`` into ``index_dir``.

    ``stats["clauses"]`` counts every indexed unit (rows and headings included).

    Embeddings come from the cache in ``cache_dir/embeddings`` where present; only
    new texts are embedded. ``embedder`` may be passed in (tests, benchmarks);
    otherwise ``model`` (None = the embedded default) is loaded.
    """
    timer = StageTimer()
    index_dir = Path(index_dir)
    if index_dir.exists():
        shutil.rmtree(index_dir)   # unlinks hard links only; the live generation keeps its files
    index_dir.mkdir(parents=True)
    units = collect_units(list(records))
    if not units:
        raise UserError("nothing to index: the documents have no clauses")
    ids = [u.id for u in units]
    if len(set(ids)) != len(ids):
        dup = next(i for i in ids if ids.count(i) > 1)
        raise UserError(f"two search units share the id {dup!r}; document ids must be unique")

    embedder = embedder or load_embedder(model, cache_dir)
    texts = [embedding_text(u) for u in units]
    with EmbeddingCache(cache_dir) as cache:
        vectors, embedded, cached = embed_with_cache(
            texts, embedder.model_id, embedder.dim,
            lambda batch: embedder.embed_passages(batch, batch_size=EMBED_BATCH),
            cache, progress=progress)
    progress("embed", len(texts), len(texts))

    with timer.stage("faiss"):
        faiss_index = dense.build_faiss(vectors)
        dense.save(faiss_index, index_dir)

    with timer.stage("bm25"):
        keyword = KeywordIndex.build([u.text for u in units], progress=progress)
        keyword.save(index_dir)

    write_units(index_dir, units)
    stats = {
        "format": FORMAT,
        "clauses": len(units),
        "rows": sum(1 for u in units if u.unit_kind == "row"),
        "headings": sum(1 for u in units if u.unit_kind == "heading"),
        "dim": int(embedder.dim),
        "model": model,
        "model_id": embedder.model_id,
        "faiss_type": dense.index_type(faiss_index),
        "embedded": embedded,
        "cached": cached,
        "bm25_weight": fusion.BM25_WEIGHT,
        "userdict": userdict_fingerprint(),
        **timer.rounded("_seconds"),
        "seconds": round(timer.elapsed(), 3),
    }
    write_json_atomic(index_dir / META_FILE, stats)
    return stats


def embedding_text(unit: Unit) -> str:
    """What the dense model reads for a unit: the clause itself (the model adds "passage: ")."""
    return unit.text


# -- searching ---------------------------------------------------------------

class SearchIndex:
    def __init__(self, folder: Path, meta: dict, units: UnitStore, faiss_index, keyword: KeywordIndex,
                 embedder):
        self.folder = folder
        self.meta = meta
        self.units = units
        self.faiss = faiss_index
        self.keyword = keyword
        self.embedder = embedder
        self._query_vectors: dict[str, np.ndarray] = {}

    @classmethod
    def open(cls, index_dir: Path, embedder) -> "SearchIndex":
        folder = Path(index_dir)
        meta_path = folder / META_FILE
        if not meta_path.exists():
            raise UserError(f"no search index in {folder}; run `policykg build`")
        meta = json.loads(meta_path.read_text("utf-8"))
        if embedder is not None and embedder.model_id != meta.get("model_id"):
            raise UserError(
                f"the index was built with model {meta.get('model_id')!r} but {embedder.model_id!r} "
                "is loaded; rebuild with `policykg build --model …` or choose the same model")
        units = UnitStore(folder)
        return cls(folder, meta, units, dense.load(folder),
                   KeywordIndex.load(folder, units.size), embedder)

    def __len__(self) -> int:
        return self.units.size

    # -- public API --
    def search(self, query: str, k: int = 10, plan: Optional[str] = None, kind: Optional[str] = None,
               sector: Optional[str] = None, section_kind: Optional[str] = None,
               has_deadline: Optional[bool] = None, method: str = "hybrid") -> list[Hit]:
        query = _check_query(query)
        k = _check_k(k)
        if method not in METHODS:
            raise UserError(f"unknown search method {method!r}; choose one of {', '.join(METHODS)}")
        allowed = self.units.allowed(plan=plan, kind=kind, sector=sector,
                                     section_kind=section_kind, has_deadline=has_deadline)
        if allowed is not None and len(allowed) == 0:
            return []
        tokens = tokenize(query)
        qvec = None if method == "bm25" else self._embed_query(query)
        ranked = self._rank(tokens, qvec, k, allowed, method)
        return self._hits(ranked, k, query)

    def similar(self, clause_id: str, k: int = 10, other_plans: bool = True) -> list[Hit]:
        """Precedents: the units closest to a clause, from other documents when ``other_plans``."""
        k = _check_k(k)
        pos = self.units.position(clause_id)
        if pos is None:
            raise UserError(f"no such clause in the search index: {clause_id}")
        source = self.units.units_at([pos])[0]
        allowed = self.units.allowed(exclude_plan=source.plan_id) if other_plans else None
        if allowed is not None and len(allowed) == 0:
            return []
        qvec = dense.vectors_at(self.faiss, np.array([pos]))[0]
        ranked = self._rank(tokenize(source.text), qvec, k + 1, allowed, "hybrid")
        keep = ranked.positions != pos
        ranked = fusion.Ranked(*(a[keep] for a in (ranked.positions, ranked.score, ranked.bm25, ranked.dense)))
        return self._hits(ranked, k, source.text)

    def clause(self, clause_id: str) -> dict:
        pos = self.units.position(clause_id)
        if pos is None:
            raise UserError(f"no such clause in the search index: {clause_id}")
        return self.units.units_at([pos])[0].to_dict()

    # -- internals --
    def _embed_query(self, query: str) -> np.ndarray:
        if self.embedder is None:
            raise UserError("dense search needs the embedding model, but none was loaded")
        # The evaluation runs each query through three methods: embed it once.
        vec = self._query_vectors.get(query)
        if vec is None:
            vec = np.asarray(self.embedder.embed_queries([query]), dtype=np.float32)[0]
            if len(self._query_vectors) >= 256:
                self._query_vectors.clear()
            self._query_vectors[query] = vec
        return vec

    def _dense_exact(self, qvec: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
        return lambda positions: dense.vectors_at(self.faiss, positions) @ qvec

    def _rank(self, tokens: list[str], qvec: Optional[np.ndarray], k: int,
              allowed: Optional[np.ndarray], method: str) -> fusion.Ranked:
        bm25_all = self.keyword.scores_for_tokens(tokens)
        if method == "bm25":
            positions = fusion.top_positions(bm25_all, k, allowed)
            other = self._dense_exact(qvec) if qvec is not None else (lambda p: np.zeros(len(p), np.float32))
            return fusion.single(bm25_all[positions], positions, other, bm25_is_primary=True)
        pool = max(k, fusion.POOL)
        d_scores, d_pos = dense.search(self.faiss, qvec, pool, allowed)
        if method == "dense":
            return fusion.single(d_scores[:k], d_pos[:k], lambda p: bm25_all[p], bm25_is_primary=False)
        return fusion.fuse(bm25_all, d_scores, d_pos, self._dense_exact(qvec), pool=pool, allowed=allowed,
                           bm25_weight=self.meta.get("bm25_weight", fusion.BM25_WEIGHT))

    def _hits(self, ranked: fusion.Ranked, k: int, query: str) -> list[Hit]:
        n = min(k, len(ranked.positions))
        units = self.units.units_at(ranked.positions[:n])
        return [
            Hit(clause_id=u.id, plan_id=u.plan_id, plan_title=u.plan_title, text=u.text,
                score=round(float(ranked.score[i]), 6), bm25=round(float(ranked.bm25[i]), 6),
                dense=round(float(ranked.dense[i]), 6), section_path=u.section_path,
                highlights=highlight_spans(query, u.text), kind=u.unit_kind,
                section_kind=u.section_kind, sectors=u.sectors, has_deadline=u.has_deadline)
            for i, u in enumerate(units)
        ]


def _check_query(query: str) -> str:
    query = (query or "").strip()
    if not query:
        raise UserError("the query is empty")
    if len(query) > MAX_QUERY_CHARS:
        raise UserError(f"the query is {len(query)} characters long; the limit is {MAX_QUERY_CHARS}")
    return query


def _check_k(k: int) -> int:
    if not 1 <= int(k) <= MAX_K:
        raise UserError(f"-k must be between 1 and {MAX_K}, not {k}")
    return int(k)


def open_index(gen: Path, cache_dir: Path, model: Optional[str] = None, embedder=None) -> SearchIndex:
    """Open a generation's index with the model it was built with (or ``model``)."""
    index_dir = Path(gen) / "index"
    meta_path = index_dir / META_FILE
    if not meta_path.exists():
        raise UserError(f"this build has no search index ({index_dir}); run `policykg build`")
    if embedder is None:
        built_with = json.loads(meta_path.read_text("utf-8")).get("model")
        embedder = load_embedder(model or built_with, cache_dir)
    return SearchIndex.open(index_dir, embedder)
