"""The one Service every HTTP request (and `policykg ask`) shares: the application's read-model.

It resolves the live generation once, then answers from the generation's lookup tables
(search_api.datadir.lookups, read through search_api.service.tables): every document's
metadata in memory, its facts, clauses, mentions and sectors read when a request asks for
them; the graph store and the search index (vectors memory-mapped) with its embedding model.
Whole records (structure trees) are read on demand too. Start-up and memory therefore stay
nearly flat as the corpus grows.

Callers use its methods only: the lookups below (``meta``, ``clause``, ``actor``,
``mentions_in`` …), search and graph queries, and the views the API and the CLI
return (documents, clauses and indicators: search_api.service.views; actors:
idem; owner questions: search_api.service.ask), which are written against those
lookups alone.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Optional

from ingest.extract.sections import SenseIndex
from ingest.records import Actor, ActorMention, DocumentMeta, DocumentRecord, Facts, Indicator, Node, Task
from ingest.script import simplified_query
from search_api.datadir import records as stored
from search_api.datadir.generations import DataDir
from search_api.datadir.manifest import document_summary, read_manifest
from search_api.errors import UserError
from search_api.limits import HEALTH_QUERY_TIMEOUT_S
from search_api.service.ask import OwnerQuestions
from search_api.service.coverage import CoverageViews
from search_api.service.errors import NotFound, Unavailable
from search_api.service.focus import SearchFocus
from search_api.limits import SEARCH_MAX_K
from search_api.service.views import ActorViews, DocumentViews, doc_id_of
from search_api.index.units import Unit
from search_api.service.tables import LookupTables
from search_api.settings import Settings


def _row_of_cell(node_id: str) -> str:
    """Indicators point at table cells; the index and the clause table hold the row."""
    head, _, last = node_id.rpartition("/")
    return head if last.startswith("cell_") else node_id


def _lookup(table: dict, key: str, what: str):
    try:
        return table[key]
    except KeyError:
        raise NotFound(f"no such {what}: {key}") from None


class Service(DocumentViews, ActorViews, OwnerQuestions, SearchFocus, CoverageViews):
    def __init__(self, settings: Settings, with_search: bool = True, with_graph: bool = True,
                 embedder=None):
        """Load the live generation, pinned for as long as this Service is open (``close``);
        ``embedder``: a loaded model to reuse (a server switching generations)."""
        self._settings = settings
        self._data = DataDir.of(settings)
        self._gen, self._pin = self._data.pin_current()
        try:
            self._load(with_search, with_graph, embedder)
        except BaseException:
            if getattr(self, "_tables", None) is not None:
                self._tables.close()
            self._pin.release()
            raise

    def _load(self, with_search: bool, with_graph: bool, embedder) -> None:
        self._manifest: dict = read_manifest(self._gen)
        self._tables = LookupTables(self._gen)
        self._metas: dict[str, DocumentMeta] = self._tables.metas
        self._summaries: dict[str, dict] = {d["id"]: d for d in self._manifest.get("documents", [])}
        self._senses: dict[str, SenseIndex] = {}
        self._record_cache = lru_cache(maxsize=8)(self._read_record)
        self._warmed = threading.Event()   # set when ``warm`` has read every document
        for doc in self._metas:
            if doc not in self._summaries:   # a manifest without the line (not written by a build)
                self._summaries[doc] = document_summary(self._record_cache(doc))
        self._store = self._open_store() if with_graph else None
        self._index = self._open_index(embedder) if with_search else None
        self._void = None   # dataset_description(), made on first use

    def close(self) -> None:
        """Stop the query workers and unpin the generation (a writer may then delete it)."""
        if self._store is not None:
            self._store.close()
        self._tables.close()
        self._pin.release()

    @property
    def embedder(self):
        """The loaded embedding model (None without a search index)."""
        return self._index.embedder if self._index is not None else None

    # -- loading ---------------------------------------------------------------
    def _open_store(self):
        from kg.store import open_store
        if self._settings.store:   # the graph as `policykg publish` put it on a SPARQL server
            return open_store(self._settings.store)
        graph_dir = self._gen / "graph"
        if not graph_dir.exists():
            return None
        return open_store(graph_dir, memory_mb=self._settings.sparql_memory_mb)

    def _open_index(self, embedder=None):
        index_dir = self._gen / "index"
        if not index_dir.exists():
            return None
        from search_api.index import dense
        from search_api.index.search import open_index
        dense.serve_single_queries()
        if embedder is not None:
            try:
                return open_index(self._gen, self._data.cache, embedder=embedder, serving=True)
            except UserError:   # built with another model: load that one
                pass
        return open_index(self._gen, self._data.cache, model=self._settings.model, serving=True,
                          expect_engine=self._settings.embedder)

    def _read_record(self, doc_id: str) -> DocumentRecord:
        return stored.load_record(self._gen, doc_id)

    # -- the build -------------------------------------------------------------
    @property
    def generation(self) -> str:
        return self._gen.name

    def live_generation(self) -> Optional[str]:
        """The name of the data directory's live generation now (it may be newer than this one)."""
        live = self._data.current()
        return live.name if live is not None else None

    @property
    def location(self) -> Path:
        """The generation directory being served."""
        return self._gen

    def health(self) -> dict:
        """What the build holds, and ``status`` "degraded" with the ``problems`` of a part that
        does not answer (the graph store is asked a trivial query)."""
        from kg.errors import KGError

        problems = []
        if self._store is not None:
            try:
                self._store.query("ASK {}", timeout_s=HEALTH_QUERY_TIMEOUT_S, max_rows=1)
            except KGError as exc:
                problems.append(f"graph store: {exc}")
        return {"status": "degraded" if problems else "ok", "problems": problems,
                "generation": self.generation, "built_at": self._manifest.get("built_at"),
                "documents": len(self._metas), "clauses": self._tables.unit_count,
                "search": self._index is not None, "graph": self._store is not None, "warm": self.warmed}

    # -- documents -------------------------------------------------------------
    def meta(self, doc_id: str) -> DocumentMeta:
        return _lookup(self._metas, doc_id, "document")

    def title(self, doc_id: str) -> str:
        meta = self._metas.get(doc_id)
        return meta.title if meta else doc_id

    def summaries(self) -> list[dict]:
        """The manifest's line for each document (id, title, region, kind and counts)."""
        return list(self._summaries.values())

    def summary(self, doc_id: str) -> dict:
        self.meta(doc_id)
        return self._summaries[doc_id]

    def facts(self, doc_id: str) -> Facts:
        self.meta(doc_id)
        return self._tables.facts(doc_id)

    def document_ids(self) -> list[str]:
        """Every document's id, in the order the records are stored (file names)."""
        return list(self._metas)

    def all_indicators(self) -> list[tuple[str, Indicator]]:
        """(document id, indicator) across every document, in document order."""
        return self._tables.indicators

    def tasks_led(self, actor_id: str) -> list[tuple[str, Task]]:
        """(document id, task) of each task the body leads, in document order."""
        return self._tables.tasks_led(actor_id)

    def warm(self, pause: Callable[[], None] = lambda: None) -> None:
        """Read what /ask reads from every document (its duty clauses) and what a search reads
        from the documents it finds (their section senses), once: a server calls it in the
        background right after start-up, and before it switches generations. ``pause`` is
        called before each document (a server's waits for a gap in the requests). The rows were
        written at build time, so this is a read, not a pass over every document's facts."""
        for doc_id in self._metas:
            pause()
            self._duty_clauses(doc_id)
            self.senses(doc_id)
        self._warmed.set()

    @property
    def warmed(self) -> bool:
        """Whether ``warm`` has finished: every document's duty clauses and senses read once."""
        return self._warmed.is_set()

    def warm_in_background(self, pause: Callable[[], None] = lambda: None) -> threading.Thread:
        def run() -> None:
            try:
                self.warm(pause)
            except Exception:   # closed while warming (a switch, shutdown): requests gather on need
                pass
        thread = threading.Thread(target=run, name="warm-up", daemon=True)
        thread.start()
        return thread

    def senses(self, doc_id: str) -> SenseIndex:
        """What each part of the document is about (review, goals, tasks, penalties …)."""
        found = self._senses.get(doc_id)
        if found is None:
            self.meta(doc_id)
            found = self._senses[doc_id] = SenseIndex(self._tables.sections(doc_id))
        return found

    def record(self, doc_id: str) -> DocumentRecord:
        self.meta(doc_id)
        return self._record_cache(doc_id)

    # -- clauses ---------------------------------------------------------------
    def clause(self, clause_id: str) -> Unit:
        """A clause or table row (a cell's id finds its row)."""
        unit = self._tables.unit(clause_id) or self._tables.unit(_row_of_cell(clause_id))
        if unit is None:
            raise NotFound(f"no such clause: {clause_id}")
        return unit

    def find_clause(self, clause_id: str) -> Optional[Unit]:
        """The clause or table row with exactly this id, or None."""
        return self._tables.unit(clause_id)

    def node(self, node_id: str) -> Node:
        """The structure node itself (with its span), from the document's record."""
        for node in self.record(doc_id_of(node_id)).nodes():
            if node.id == node_id:
                return node
        raise NotFound(f"no such node: {node_id}")

    def mentions_in(self, clause_id: str) -> list[ActorMention]:
        return self._tables.mentions_in(clause_id)

    def duty_texts(self, doc_id: str) -> list[tuple[str, Optional[str]]]:
        """(clause id, text or None) of each clause of the document that gives a body a duty."""
        return self._tables.duty_texts(doc_id)

    def duty_mentions(self, clause_ids: list[str]) -> dict[str, list[ActorMention]]:
        """Clause id -> the bodies it gives a duty to (ingest.elided.duty_clauses)."""
        return self._tables.duty_mentions(clause_ids)

    def sectors_of(self, clause_id: str) -> list[str]:
        return self._tables.sectors_of(clause_id)

    # -- actors ----------------------------------------------------------------
    def actor(self, actor_id: str) -> Actor:
        actor = self._tables.actor(actor_id)
        if actor is None:
            raise NotFound(f"no such actor: {actor_id}")
        return actor

    def find_actor(self, actor_id: str) -> Optional[Actor]:
        return self._tables.actor(actor_id)

    def actor_name(self, actor_id: str) -> str:
        actor = self._tables.actor(actor_id)
        return actor.name if actor else actor_id

    def all_actors(self) -> list[Actor]:
        return self._tables.actors()

    def mentions_of(self, actor_id: str) -> list[ActorMention]:
        return self._tables.mentions_of(actor_id)

    def mention_counts(self) -> dict[str, int]:
        """Body id -> how many mentions name it (bodies never mentioned are absent)."""
        return self._tables.mention_counts()

    # -- search and graph --------------------------------------------------------
    def require_index(self):
        if self._index is None:
            raise Unavailable("the search index is not built in this data directory; run `policykg build`")
        return self._index

    def require_store(self):
        if self._store is None:
            raise Unavailable("the graph store is not built in this data directory; run `policykg build`")
        return self._store

    @property
    def has_index(self) -> bool:
        return self._index is not None

    def search(self, query: str, k: int = 10, **filters: Any) -> list[dict]:
        """Hybrid search hits as dicts (search_api.index.hit.SearchHit), re-ranked by the places,
        documents and section sense the query asks for (search_api.service.focus)."""
        filters = {f: v for f, v in filters.items() if v is not None and v != ""}
        query = simplified_query(query)     # a query in traditional characters searches simplified texts
        if filters.get("method", "hybrid") != "hybrid":
            return [h.to_dict() for h in self.require_index().search(query, k=k, **filters)]
        from search_api.index.search import highlight
        from search_api.index.tokens import query_terms
        pool = self.pool_size(k, SEARCH_MAX_K)
        prepared: dict = {}

        def prepare() -> None:   # what depends on the query alone, while the query is embedded
            prepared.update(boost=self.focus_boost(query), terms=query_terms(query))
        hits = self.require_index().search(query, k=pool, keywords=self.keyword_query(query),
                                           highlight=False, beside=prepare, **filters)
        if not prepared:   # no search ran (a filter no unit passes)
            prepare()
        # only the hits kept are highlighted and turned into their JSON shape
        kept = self.boosted(prepared["boost"], hits, k)
        return [h.to_dict() for h in highlight(kept, query, prepared["terms"])]

    def score_clauses(self, query: str, clause_ids: list[str], keywords: Optional[str] = None
                      ) -> dict[str, tuple[float, float]]:
        """(BM25, dense) scores of the query for the given clauses only (search_api.index.search)."""
        return self.require_index().score_units(query, clause_ids, keywords=keywords)

    def similar(self, clause_id: str, k: int = 10, other_plans: bool = True) -> list[dict]:
        unit = self.clause(clause_id)
        hits = self.require_index().similar(unit.id, k=k, other_plans=other_plans)
        return [h.to_dict() for h in hits]

    def sparql(self, query: str, timeout_s: float, max_rows: int):
        """A read-only SPARQL query over the graph (kg.results.QueryResult)."""
        return self.require_store().query(query, timeout_s=timeout_s, max_rows=max_rows)

    def dataset_description(self):
        """The VoID description of this generation's graph (an rdflib Graph), read from the store
        once: a generation never changes, and the counts take a few queries over every triple."""
        if self._void is None:
            from kg.void import describe
            self._void = describe(self.require_store())
        return self._void
