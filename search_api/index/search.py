"""Hybrid FAISS + BM25 index over clauses and table rows: opening and searching it.

Built by search_api.index.builder::

    build_index(records, index_dir, cache_dir, model=None, progress=None) -> dict stats

Used by the CLI, the service and the evaluation harness::

    SearchIndex.open(index_dir, embedder)
    .search(query, k=10, plan=None, kind=None, sector=None, section_kind=None,
            has_deadline=None, method="hybrid") -> list[Hit]
    .similar(clause_id, k=10, other_plans=True) -> list[Hit]
    .clause(clause_id) -> dict

Files in ``index_dir``: index.json (model, sizes, weights, the segment list) and one folder
per segment, each with dense.faiss (vectors, position order), postings/ (term frequencies
for BM25) and units.sqlite (position -> clause id, text, filter fields); removed units are
listed in index.json (search_api.index.segments). A search merges the segments.
"""

from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Callable, Optional

import numpy as np

from search_api.errors import UserError
from search_api.index import fusion
from search_api.index.highlight import find_spans
from search_api.index.hit import Hit
from search_api.index.options import METHODS
from search_api.index.tokens import query_terms, tokenize
from search_api.index.segments import Segments, entries_of
from search_api.index.units import Unit
from search_api.limits import SEARCH_MAX_K, SEARCH_MAX_QUERY_CHARS

META_FILE = "index.json"


def load_embedder(model: Optional[str], cache_dir: Path, serving: bool = False, engine: Optional[str] = None):
    from search_api.model.embedder import Embedder   # heavy (torch or onnxruntime); only when a model is needed
    return Embedder.load(model, cache_dir, serving=serving, engine=engine)


def built_engine(meta: dict) -> str:
    """The engine an index was built with (indexes from before the int8 engine: fp32)."""
    return meta.get("embedder") or "fp32"


def recorded_engine(gen: Optional[Path]) -> Optional[str]:
    """The engine a generation's index was built with (None: no generation or no index yet)."""
    meta_path = Path(gen) / "index" / META_FILE if gen else None
    if meta_path is None or not meta_path.is_file():
        return None
    return built_engine(json.loads(meta_path.read_text("utf-8")))


# -- searching ---------------------------------------------------------------

class SearchIndex:
    def __init__(self, folder: Path, meta: dict, segments: Segments, embedder):
        self.folder = folder
        self.meta = meta
        self.units = segments            # the unit table across segments (positions are global)
        self.keyword = segments.keyword_index()
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
                "is loaded; rebuild with `policykg build --model … --embedder …` or choose the same model")
        return cls(folder, meta, Segments(folder, entries_of(meta)), embedder)

    def __len__(self) -> int:
        return self.units.size

    # -- public API --
    def search(self, query: str, k: int = 10, plan: Optional[str] = None, kind: Optional[str] = None,
               sector: Optional[str] = None, section_kind: Optional[str] = None,
               has_deadline: Optional[bool] = None, method: str = "hybrid",
               keywords: Optional[str] = None, highlight: bool = True,
               beside: Optional[Callable[[], None]] = None) -> list[Hit]:
        """``keywords``: what BM25 reads instead of the query (the query with the document words
        for its everyday ones); the embedding and the highlights read the query.
        ``highlight=False``: hits without highlights (a caller that re-ranks a deeper pool
        highlights only the hits it keeps, with ``highlight``). ``beside``: the caller's own
        work on the query, run while the query is embedded (or at once when it need not be)."""
        query = _check_query(query)
        k = _check_k(k)
        if method not in METHODS:
            raise UserError(f"unknown search method {method!r}; choose one of {', '.join(METHODS)}")
        allowed = self.units.allowed(plan=plan, kind=kind, sector=sector,
                                     section_kind=section_kind, has_deadline=has_deadline)
        if allowed is not None and len(allowed) == 0:
            return []
        if method == "bm25":
            if beside is not None:
                beside()
            bm25_all, qvec = self.keyword.scores_for_tokens(tokenize(keywords or query)), None
            ranked = self._rank(bm25_all, qvec, k, allowed, method)
        else:
            pool = max(k, fusion.POOL)
            (bm25_all, keyword_top, read), qvec = self._keyword_beside_embedding(
                keywords or query, query, pool, allowed, read_units=method == "hybrid", beside=beside)
            ranked = self._rank(bm25_all, qvec, k, allowed, method, keyword_top=keyword_top)
            return self._hits(ranked, k, query if highlight else None, read=read)
        return self._hits(ranked, k, query if highlight else None)

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
        qvec = self.units.vectors_at(np.array([pos]))[0]
        ranked = self._rank(self.keyword.scores_for_tokens(tokenize(source.text)), qvec, k + 1, allowed, "hybrid")
        keep = ranked.positions != pos
        ranked = fusion.Ranked(*(a[keep] for a in (ranked.positions, ranked.score, ranked.bm25, ranked.dense)))
        return self._hits(ranked, k, source.text)

    def term_weights(self, terms: list[str]) -> list[float]:
        """How much each term tells over the indexed units (its BM25 IDF)."""
        return [self.keyword.idf(t.lower()) for t in terms]

    def term_shares(self, terms: list[str]) -> list[float]:
        """The share of the indexed units that hold each term (0: none does)."""
        return [self.keyword.share(t.lower()) for t in terms]

    def score_units(self, query: str, unit_ids: list[str], keywords: Optional[str] = None
                    ) -> dict[str, tuple[float, float]]:
        """(BM25, dense similarity) of ``query`` for each of the given units: a hybrid search
        restricted to a candidate set (owner questions score duty-assigning clauses only).
        ``keywords``: the text BM25 scores instead of the query (a question with its statutory terms)."""
        query = _check_query(query)
        where = self.units.positions(unit_ids)
        if not where:
            return {}
        ids = list(where)
        positions = np.array([where[i] for i in ids], dtype=np.int64)
        bm25 = self.keyword.scores_for_tokens(tokenize(keywords or query))[positions]
        if self.embedder is not None:
            cosine = self._dense_exact(self._embed_query(query))(positions)
        else:
            cosine = np.zeros(len(positions), dtype=np.float32)
        return {i: (float(b), float(d)) for i, b, d in zip(ids, bm25, cosine)}

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
            vec = self._remember(query, self.embedder.embed_queries([query])[0])
        return vec

    def _remember(self, query: str, vector: np.ndarray) -> np.ndarray:
        vector = np.asarray(vector, dtype=np.float32)
        if len(self._query_vectors) >= 256:
            self._query_vectors.clear()
        self._query_vectors[query] = vector
        return vector

    def _keyword_beside_embedding(self, keywords: str, query: str, pool: int,
                                  allowed: Optional[np.ndarray], read_units: bool = False,
                                  beside: Optional[Callable[[], None]] = None
                                  ) -> tuple[tuple[np.ndarray, np.ndarray, dict[int, Unit]], np.ndarray]:
        """((BM25 scores of every unit for the tokens of ``keywords``, the BM25 top-``pool``
        among ``allowed``, those units by position when ``read_units``), the query's vector):
        the keyword side, then ``beside``, run on another thread while the query is embedded
        (the model runs outside the interpreter lock), so they cost no wall time when a core is
        free, and most of the hits are read before the embedding is back (the fused pool
        shares most of its units with the BM25 top)."""
        def keyword() -> tuple[np.ndarray, np.ndarray, dict[int, Unit]]:
            scores = self.keyword.scores_for_tokens(tokenize(keywords))
            top = fusion.top_positions(scores, pool, allowed)
            read = dict(zip(top.tolist(), self.units.units_at(top))) if read_units else {}
            if beside is not None:
                beside()
            return scores, top, read
        if self.embedder is None or query in self._query_vectors:
            return keyword(), self._embed_query(query)
        # The model runs on this thread, the keyword side on the other: this thread needs the
        # interpreter lock only before and after the model, the other takes it meanwhile and is
        # done before the model is (the other way round the model's thread waited for the lock
        # at each step while the keyword side held it: ~2 ms a query in the server).
        embed = self.embedder.query_in_two_steps(query)   # tokenised before the other thread starts
        pending = _keyword_threads().submit(keyword)
        vector = self._remember(query, embed())
        return pending.result(), vector

    def _dense_exact(self, qvec: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
        return lambda positions: self.units.vectors_at(positions) @ qvec

    def _rank(self, bm25_all: np.ndarray, qvec: Optional[np.ndarray], k: int,
              allowed: Optional[np.ndarray], method: str, keyword_top: Optional[np.ndarray] = None
              ) -> fusion.Ranked:
        if method == "bm25":
            positions = fusion.top_positions(bm25_all, k, allowed)
            other = self._dense_exact(qvec) if qvec is not None else (lambda p: np.zeros(len(p), np.float32))
            return fusion.single(bm25_all[positions], positions, other, bm25_is_primary=True)
        pool = max(k, fusion.POOL)
        d_scores, d_pos = self.units.dense_search(qvec, pool, allowed)
        if method == "dense":
            return fusion.single(d_scores[:k], d_pos[:k], lambda p: bm25_all[p], bm25_is_primary=False)
        return fusion.fuse(bm25_all, d_scores, d_pos, self._dense_exact(qvec), pool=pool, allowed=allowed,
                           bm25_weight=self.meta.get("bm25_weight", fusion.BM25_WEIGHT), keyword_top=keyword_top)

    def _hits(self, ranked: fusion.Ranked, k: int, highlight_query: Optional[str],
              read: Optional[dict[int, Unit]] = None) -> list[Hit]:
        """The top ``k`` as hits, highlighted for ``highlight_query`` unless it is None;
        ``read``: units already read, by position."""
        n = min(k, len(ranked.positions))
        positions = ranked.positions[:n].tolist()
        read = dict(read or {})
        missing = [p for p in positions if p not in read]
        if missing:
            read.update(zip(missing, self.units.units_at(missing)))
        units = [read[p] for p in positions]
        hits = [
            Hit(clause_id=u.id, plan_id=u.plan_id, plan_title=u.plan_title, text=u.text,
                score=round(float(ranked.score[i]), 6), bm25=round(float(ranked.bm25[i]), 6),
                dense=round(float(ranked.dense[i]), 6), section_path=u.section_path,
                kind=u.unit_kind, section_kind=u.section_kind, sectors=u.sectors, has_deadline=u.has_deadline)
            for i, u in enumerate(units)
        ]
        return hits if highlight_query is None else highlight(hits, highlight_query)


def highlight(hits: list[Hit], query: str, terms: Optional[list[str]] = None) -> list[Hit]:
    """The hits with the spans of the query's terms in their texts (set in place); ``terms``:
    ``query_terms(query)`` when the caller has them already."""
    if terms is None:
        terms = query_terms(query)   # segmented once per query, not once per hit
    for hit in hits:
        hit.highlights = find_spans(hit.text, terms)
    return hits


@lru_cache(maxsize=1)
def _keyword_threads() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=os.cpu_count() or 2, thread_name_prefix="keyword-side")


def _check_query(query: str) -> str:
    query = (query or "").strip()
    if not query:
        raise UserError("the query is empty")
    if len(query) > SEARCH_MAX_QUERY_CHARS:
        raise UserError(f"the query is {len(query)} characters long; the limit is {SEARCH_MAX_QUERY_CHARS}")
    return query


def _check_k(k: int) -> int:
    if not 1 <= int(k) <= SEARCH_MAX_K:
        raise UserError(f"-k must be between 1 and {SEARCH_MAX_K}, not {k}")
    return int(k)


def open_index(gen: Path, cache_dir: Path, model: Optional[str] = None, embedder=None,
               serving: bool = False, expect_engine: Optional[str] = None, with_model: bool = True) -> SearchIndex:
    """Open a generation's index with the model it was built with (or ``model``), run by the
    engine it was built with (always: query vectors must come from the engine that made the
    passage vectors, whatever the embedder setting says); ``serving``: for concurrent requests
    (see search_api.model.embedder.use_threads). ``expect_engine`` (the embedder setting):
    a build made with another engine is still opened with its own, with a note on stderr.
    ``with_model=False``: no model at all (precedents and BM25 read only stored vectors and
    tokens: seconds saved)."""
    index_dir = Path(gen) / "index"
    meta_path = index_dir / META_FILE
    if not meta_path.exists():
        raise UserError(f"this build has no search index ({index_dir}); run `policykg build`")
    if embedder is None and with_model:
        meta = json.loads(meta_path.read_text("utf-8"))
        engine = built_engine(meta)
        if expect_engine and expect_engine != engine:
            import logging

            logging.getLogger("policykg").warning(
                "policykg: this build was embedded by the %s engine, so it is searched with %s, not %s "
                "(query and clause vectors must come from the same engine; rebuild with --embedder %s "
                "to change it)", engine, engine, expect_engine, expect_engine)
        embedder = load_embedder(model or meta.get("model"), cache_dir, serving=serving, engine=engine)
    return SearchIndex.open(index_dir, embedder)
