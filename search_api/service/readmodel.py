"""The one service object every HTTP request (and `policykg ask`) shares.

It resolves the live generation once, then keeps what requests need in memory:
a compact clause table (text, section path, document), the extracted facts
indexed by clause, actor and document, the graph store and the search index
with its embedding model. Whole structure trees are loaded on demand (outline
pages are rare), so start-up memory stays proportional to the clause text.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from ingest.records import Actor, ActorMention, DocumentMeta, DocumentRecord, Facts, Node
from search_api.datadir import records as stored
from search_api.datadir.manifest import document_summary, read_manifest
from search_api.datadir.generations import DataDir
from search_api.errors import UserError
from search_api.index.units import Unit, units_of


class NotFound(UserError):
    """An id that names nothing in the live build (HTTP 404)."""


class Unavailable(UserError):
    """A component of the build could not be opened (HTTP 503)."""


def doc_id_of(node_id: str) -> str:
    """Node ids start with their document id (ARCHITECTURE: `doc/chp_3/…/cl_3`)."""
    return node_id.split("/", 1)[0]


def _row_of_cell(node_id: str) -> str:
    """Indicators point at table cells; the index and the clause table hold the row."""
    head, _, last = node_id.rpartition("/")
    return head if last.startswith("cell_") else node_id


class Service:
    def __init__(self, data_dir: Optional[str | Path] = None, model: Optional[str] = None,
                 with_search: bool = True, with_graph: bool = True):
        self.data = DataDir(data_dir)
        self.gen = self.data.require_current()
        self.manifest: dict = read_manifest(self.gen)
        self.model = model
        self.metas: dict[str, DocumentMeta] = {}
        self.summaries: dict[str, dict] = {d["id"]: d for d in self.manifest.get("documents", [])}
        self.clauses: dict[str, Unit] = {}    # clauses and table rows, as the index holds them
        self.facts: dict[str, Facts] = {}
        self.actors: dict[str, Actor] = {}
        self.mentions_by_clause: dict[str, list[ActorMention]] = defaultdict(list)
        self.mentions_by_actor: dict[str, list[ActorMention]] = defaultdict(list)
        self.sectors_by_clause: dict[str, list[str]] = defaultdict(list)
        self._load_records()
        self.store = self._open_store() if with_graph else None
        self.index = self._open_index() if with_search else None
        self._record_cache = lru_cache(maxsize=8)(self._read_record)

    # -- loading ---------------------------------------------------------------
    def _load_records(self) -> None:
        for record in stored.iter_records(self.gen):
            doc = record.meta.id
            self.metas[doc] = record.meta
            self.facts[doc] = record.facts
            for unit in units_of(record):
                self.clauses[unit.id] = unit
            for actor in record.facts.actors:
                self.actors.setdefault(actor.id, actor)
            for m in record.facts.mentions:
                self.mentions_by_clause[m.clause_id].append(m)
                self.mentions_by_actor[m.actor_id].append(m)
            for tag in record.facts.sectors:
                if tag.sector not in self.sectors_by_clause[tag.clause_id]:
                    self.sectors_by_clause[tag.clause_id].append(tag.sector)
            if doc not in self.summaries:
                self.summaries[doc] = document_summary(record)

    def _open_store(self):
        graph_dir = self.gen / "graph"
        if not graph_dir.exists():
            return None
        from kg.store import open_store
        return open_store(graph_dir)

    def _open_index(self):
        index_dir = self.gen / "index"
        if not index_dir.exists():
            return None
        import torch

        from search_api.index.search import open_index
        index = open_index(self.gen, self.data.cache, model=self.model)
        # Requests embed one short query each, several at a time: one intra-op thread per
        # request. Two threads per query stall on OpenMP barriers whenever the cores are
        # busy (measured on the 2-core box under load: 1.2-2 s per query vs 0.12 s).
        torch.set_num_threads(1)
        return index

    def _read_record(self, doc_id: str) -> DocumentRecord:
        return stored.load_record(self.gen, doc_id)

    # -- lookups ---------------------------------------------------------------
    @property
    def generation(self) -> str:
        return self.gen.name

    def meta(self, doc_id: str) -> DocumentMeta:
        try:
            return self.metas[doc_id]
        except KeyError:
            raise NotFound(f"no such document: {doc_id}") from None

    def record(self, doc_id: str) -> DocumentRecord:
        self.meta(doc_id)
        return self._record_cache(doc_id)

    def clause(self, clause_id: str) -> Unit:
        unit = self.clauses.get(clause_id) or self.clauses.get(_row_of_cell(clause_id))
        if unit is None:
            raise NotFound(f"no such clause: {clause_id}")
        return unit

    def node(self, node_id: str) -> Node:
        """The structure node itself (with its span), from the document's record."""
        for node in self.record(doc_id_of(node_id)).nodes():
            if node.id == node_id:
                return node
        raise NotFound(f"no such node: {node_id}")

    def actor(self, actor_id: str) -> Actor:
        try:
            return self.actors[actor_id]
        except KeyError:
            raise NotFound(f"no such actor: {actor_id}") from None

    def actor_name(self, actor_id: str) -> str:
        actor = self.actors.get(actor_id)
        return actor.name if actor else actor_id

    def title(self, doc_id: str) -> str:
        meta = self.metas.get(doc_id)
        return meta.title if meta else doc_id

    def require_index(self):
        if self.index is None:
            raise Unavailable("the search index is not built in this data directory; run `policykg build`")
        return self.index

    def require_store(self):
        if self.store is None:
            raise Unavailable("the graph store is not built in this data directory; run `policykg build`")
        return self.store

    # -- search ----------------------------------------------------------------
    def search(self, query: str, k: int = 10, **filters: Any) -> list[dict]:
        """Hybrid search hits as plain dicts (clause_id, plan_id, plan_title, text, score, …)."""
        hits = self.require_index().search(query, k=k, **{f: v for f, v in filters.items() if v})
        return [self._hit_dict(h) for h in hits]

    def similar(self, clause_id: str, k: int = 10, other_plans: bool = True) -> list[dict]:
        unit = self.clause(clause_id)
        hits = self.require_index().similar(unit.id, k=k, other_plans=other_plans)
        return [self._hit_dict(h) for h in hits]

    @staticmethod
    def _hit_dict(hit: Any) -> dict:
        return {"clause_id": hit.clause_id, "plan_id": hit.plan_id, "plan_title": hit.plan_title,
                "text": hit.text, "score": hit.score, "section_path": list(hit.section_path),
                "highlights": [list(span) for span in hit.highlights]}
