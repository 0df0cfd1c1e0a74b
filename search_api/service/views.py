"""The views the read-model returns, written against the Service's lookups only.

``DocumentViews`` (documents, outlines, clauses with their facts and provenance,
indicators across plans) and ``ActorViews`` (responsible bodies, the tasks they lead,
the laws that give them duties) are parts of search_api.service.readmodel.Service;
each view returns plain dicts shaped like the models in search_api.service.schema
(the routers only validate and send them, the CLI prints the same dicts). The
listings of one record's facts serve `policykg indicators / deadlines / tasks / actors`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict
from typing import Iterable, Optional

from ingest.records import DocumentRecord, Indicator
from kg.names import normalize_indicator_name
from ingest.elided import ARTICLE_NUMBER
from search_api.service.schema import (INDICATOR_LISTING, citation_out, deadline_out, indicator_out, mention_out,
                                       task_out)


def doc_id_of(node_id: str) -> str:
    """Node ids start with their document id (ARCHITECTURE: `doc/chp_3/…/cl_3`)."""
    return node_id.split("/", 1)[0]


# -- structure -----------------------------------------------------------------

def outline_dict(node) -> dict:
    """A structure tree as `policykg outline --json` and GET /plans/{id} give it."""
    # every node has the same keys; text only where it is not repeated by children
    d = {"id": node.id, "kind": node.kind, "number": node.number, "heading": node.heading,
         "text": node.text if node.kind in ("clause", "cell") or not node.children else None}
    d["children"] = [outline_dict(c) for c in node.children]
    return d


# -- the facts of one record (`policykg indicators / deadlines / tasks / actors`) -----------

def indicator_listing(record: DocumentRecord) -> list[dict]:
    return [{k: v for k, v in indicator_out(i).items() if k in INDICATOR_LISTING} for i in record.facts.indicators]


def deadline_listing(record: DocumentRecord) -> list[dict]:
    # start / recurrence extend the documented shape: intervals ("十四五期间") and "每年"
    return [deadline_out(d) for d in record.facts.deadlines]


def task_listing(record: DocumentRecord, sector: Optional[str] = None) -> list[dict]:
    return [task_out(t, record.meta.id) for t in record.facts.tasks if sector is None or sector in t.sectors]


def actor_listing(records: Iterable[DocumentRecord]) -> list[dict]:
    """Actors merged across documents by canonical name, each with its mentions."""
    merged: dict[str, dict] = {}
    for record in records:
        for actor in record.facts.actors:
            row = merged.setdefault(actor.id, {"id": actor.id, "name": actor.name, "kind": actor.kind,
                                               "region": actor.region, "level": actor.level,
                                               "aliases": [], "documents": [], "mentions": []})
            row["aliases"] += [a for a in actor.aliases if a not in row["aliases"]]
            row["documents"].append(record.meta.id)
        for m in record.facts.mentions:
            merged[m.actor_id]["mentions"].append({"document": record.meta.id, "clause_id": m.clause_id,
                                                   "role": m.role, "surface": m.surface})
    return sorted(merged.values(), key=lambda r: (-len(r["mentions"]), r["id"]))


class DocumentViews:
    """Documents, clauses and indicators (a part of Service)."""

    def document_list(self, kind: Optional[str] = None) -> list[dict]:
        docs = sorted(self.summaries(), key=lambda d: (d["kind"] != "plan", d["id"]))
        return [d for d in docs if kind is None or d["kind"] == kind]

    def document_detail(self, doc_id: str) -> dict:
        meta = self.meta(doc_id)
        record = self.record(doc_id)
        d = {k: v for k, v in asdict(meta).items() if k not in ("source_sha256", "encoding", "category")}
        d["counts"] = self.summary(doc_id)
        d["outline"] = outline_dict(record.root)
        return d

    def document_indicators(self, doc_id: str) -> list[dict]:
        return [indicator_out(i) for i in self.facts(doc_id).indicators]

    def indicator_comparison(self, name: Optional[str] = None, min_plans: int = 2) -> list[dict]:
        """The same indicator across plans, matched by normalised name.

        With ``name`` only indicators whose normalised name contains it are returned
        (and a single plan is enough); otherwise only those found in ``min_plans`` plans.
        """
        groups: dict[str, list[tuple[str, Indicator]]] = defaultdict(list)
        for doc_id, ind in self.all_indicators():
            groups[normalize_indicator_name(ind.name)].append((doc_id, ind))
        wanted = normalize_indicator_name(name) if name else None
        out = []
        for key, members in sorted(groups.items()):
            plans = {doc for doc, _ in members}
            if wanted is not None and wanted not in key:
                continue
            if wanted is None and len(plans) < min_plans:
                continue
            out.append({
                "key": key,
                "name": members[0][1].name,
                "plans": [{"plan_id": doc, "plan_title": self.title(doc), "region": self.meta(doc).region,
                           "indicator": indicator_out(ind)} for doc, ind in members],
            })
        return out

    def clause_detail(self, clause_id: str) -> dict:
        entry = self.clause(clause_id)
        meta = self.meta(entry.plan_id)
        facts = self.facts(entry.plan_id)
        node = self.node(entry.id)
        # a table row's facts are recorded on its cells
        ids = {n.id for n in node.walk()}
        return {
            "id": entry.id,
            "kind": entry.unit_kind,
            "plan_id": entry.plan_id,
            "plan_title": meta.title,
            "plan_kind": meta.kind,
            "text": entry.text,
            "section_path": list(entry.section_path),
            "facts": {
                "sectors": sorted({s for i in ids for s in self.sectors_of(i)}),
                "mentions": [mention_out(m, self.actor_name(m.actor_id)) for i in ids for m in self.mentions_in(i)],
                "indicators": [indicator_out(x) for x in facts.indicators if x.clause_id in ids],
                "deadlines": [deadline_out(d) for d in facts.deadlines if d.clause_id in ids],
                "tasks": [task_out(t, entry.plan_id) for t in facts.tasks if ids & set(t.clause_ids)],
                "citations": [citation_out(c) for c in facts.citations if c.clause_id in ids],
            },
            "provenance": {
                "source_file": meta.source_file,
                "source_sha256": meta.source_sha256,
                "span": list(node.span) if node.span else None,
                "source_line": source_line(self.record(entry.plan_id), node.span),
            },
        }

    def law_article(self, clause_id: str) -> Optional[str]:
        """The article a law clause sits in ("第五条"), from its section path."""
        for step in reversed(self.clause(clause_id).section_path):
            found = ARTICLE_NUMBER.match(step)
            if found:
                return found.group(0)
        return None


def source_line(record: DocumentRecord, span: Optional[tuple[int, int]]) -> Optional[int]:
    """Map a span in the cleaned text back to the 1-based source line (record.line_map)."""
    if not span or not record.line_map or not record.clean_text:
        return None
    cleaned_line = record.clean_text.count("\n", 0, span[0])
    return record.line_map[min(cleaned_line, len(record.line_map) - 1)]


class ActorViews:
    """Responsible bodies (a part of Service)."""

    def actor_summary(self, actor_id: str) -> dict:
        actor = self.actor(actor_id)
        mentions = self.mentions_of(actor_id)
        return {"id": actor.id, "name": actor.name, "kind": actor.kind, "region": actor.region,
                "level": actor.level, "aliases": actor.aliases, "mentions": len(mentions),
                "documents": sorted({doc_id_of(m.clause_id) for m in mentions})}

    def actor_list(self, q: Optional[str] = None, limit: int = 200) -> list[dict]:
        ids = [actor.id for actor in self.all_actors()
               if not q or q in actor.name or any(q in alias for alias in actor.aliases)]
        counts = self.mention_counts()
        ids.sort(key=lambda a: -counts.get(a, 0))
        return [self.actor_summary(a) for a in ids[:limit]]

    def actor_detail(self, actor_id: str) -> dict:
        d = self.actor_summary(actor_id)
        tasks, clauses, duties = [], [], []
        for doc_id, task in self.tasks_led(actor_id):
            tasks.append(task_out(task, doc_id))
        for m in self.mentions_of(actor_id):
            entry = self.find_clause(m.clause_id)
            if entry is None:
                continue
            meta = self.meta(entry.plan_id)
            if meta.kind == "plan":
                clauses.append({"clause_id": m.clause_id, "plan_id": entry.plan_id, "role": m.role,
                                "text": entry.text})
            elif m.role != "mentioned":
                duties.append({"law_id": entry.plan_id, "law_title": meta.title,
                               "article": self.law_article(m.clause_id), "clause_id": m.clause_id,
                               "role": m.role, "text": entry.text})
        d.update(tasks_led=tasks, clauses=clauses, law_duties=duties)
        return d
