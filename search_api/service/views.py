"""Read models the API serves, assembled from the service's records and facts.

Each function takes the shared Service and returns plain dicts shaped like the
pydantic models in search_api.api.schemas (the routers only validate and send them).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import asdict
from typing import Optional

from ingest.records import DocumentRecord, Indicator, Task
from kg.names import normalize_indicator_name
from search_api.cli.commands.corpus import outline_dict
from search_api.service.readmodel import Service, doc_id_of

# -- clauses -------------------------------------------------------------------

def task_dict(task: Task, plan_id: str) -> dict:
    return {"id": task.id, "plan_id": plan_id, "clause_ids": task.clause_ids, "text": task.text,
            "verb": task.verb, "sectors": task.sectors, "deadline": task.deadline,
            "key_project": task.key_project}


def indicator_dict(ind: Indicator) -> dict:
    d = asdict(ind)
    d.pop("provenance", None)
    return d


def clause_detail(svc: Service, clause_id: str) -> dict:
    entry = svc.clause(clause_id)
    meta = svc.meta(entry.plan_id)
    facts = svc.facts[entry.plan_id]
    node = svc.node(entry.id)
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
            "sectors": sorted({s for i in ids for s in svc.sectors_by_clause.get(i, [])}),
            "mentions": [{"actor_id": m.actor_id, "actor": svc.actor_name(m.actor_id), "role": m.role,
                          "surface": m.surface} for i in ids for m in svc.mentions_by_clause.get(i, [])],
            "indicators": [indicator_dict(x) for x in facts.indicators if x.clause_id in ids],
            "deadlines": [{"clause_id": d.clause_id, "expression": d.expression, "date": d.date,
                           "start": d.start, "recurrence": d.recurrence}
                          for d in facts.deadlines if d.clause_id in ids],
            "tasks": [task_dict(t, entry.plan_id) for t in facts.tasks if ids & set(t.clause_ids)],
            "citations": [{"title": c.title, "surface": c.surface, "target_doc": c.target_doc}
                          for c in facts.citations if c.clause_id in ids],
        },
        "provenance": {
            "source_file": meta.source_file,
            "source_sha256": meta.source_sha256,
            "span": list(node.span) if node.span else None,
            "source_line": source_line(svc.record(entry.plan_id), node.span),
        },
    }


def source_line(record: DocumentRecord, span: Optional[tuple[int, int]]) -> Optional[int]:
    """Map a span in the cleaned text back to the 1-based source line (record.line_map)."""
    if not span or not record.line_map or not record.clean_text:
        return None
    cleaned_line = record.clean_text.count("\n", 0, span[0])
    return record.line_map[min(cleaned_line, len(record.line_map) - 1)]


# -- plans -----------------------------------------------------------------------

def plan_list(svc: Service, kind: Optional[str] = None) -> list[dict]:
    docs = sorted(svc.summaries.values(), key=lambda d: (d["kind"] != "plan", d["id"]))
    return [d for d in docs if kind is None or d["kind"] == kind]


def plan_detail(svc: Service, plan_id: str) -> dict:
    meta = svc.meta(plan_id)
    record = svc.record(plan_id)
    d = {k: v for k, v in asdict(meta).items() if k not in ("source_sha256", "encoding", "category")}
    d["counts"] = svc.summaries[plan_id]
    d["outline"] = outline_dict(record.root)
    return d


def plan_indicators(svc: Service, plan_id: str) -> list[dict]:
    svc.meta(plan_id)
    return [indicator_dict(i) for i in svc.facts[plan_id].indicators]


def compare_indicators(svc: Service, name: Optional[str] = None, min_plans: int = 2) -> list[dict]:
    """The same indicator across plans, matched by normalised name.

    With ``name`` only indicators whose normalised name contains it are returned
    (and a single plan is enough); otherwise only those found in ``min_plans`` plans.
    """
    groups: dict[str, list[tuple[str, Indicator]]] = defaultdict(list)
    for doc_id, facts in svc.facts.items():
        for ind in facts.indicators:
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
            "plans": [{"plan_id": doc, "plan_title": svc.title(doc), "region": svc.metas[doc].region,
                       "indicator": indicator_dict(ind)} for doc, ind in members],
        })
    return out


# -- actors ----------------------------------------------------------------------

def actor_summary(svc: Service, actor_id: str) -> dict:
    actor = svc.actor(actor_id)
    mentions = svc.mentions_by_actor.get(actor_id, [])
    return {"id": actor.id, "name": actor.name, "kind": actor.kind, "region": actor.region,
            "level": actor.level, "aliases": actor.aliases, "mentions": len(mentions),
            "documents": sorted({doc_id_of(m.clause_id) for m in mentions})}


def actor_list(svc: Service, q: Optional[str] = None, limit: int = 200) -> list[dict]:
    ids = [a for a, actor in svc.actors.items()
           if not q or q in actor.name or any(q in alias for alias in actor.aliases)]
    ids.sort(key=lambda a: -len(svc.mentions_by_actor.get(a, [])))
    return [actor_summary(svc, a) for a in ids[:limit]]


_ARTICLE = re.compile(r"^第[〇零一二三四五六七八九十百千\d]+条")


def law_article(svc: Service, clause_id: str) -> Optional[str]:
    """The article a law clause sits in ("第五条"), from its section path."""
    for step in reversed(svc.clause(clause_id).section_path):
        found = _ARTICLE.match(step)
        if found:
            return found.group(0)
    return None


def actor_detail(svc: Service, actor_id: str) -> dict:
    d = actor_summary(svc, actor_id)
    tasks, clauses, duties = [], [], []
    for doc_id, facts in svc.facts.items():
        for task in facts.tasks:
            if any(m.actor_id == actor_id and m.role == "lead" for m in task.actors):
                tasks.append(task_dict(task, doc_id))
    for m in svc.mentions_by_actor.get(actor_id, []):
        entry = svc.clauses.get(m.clause_id)
        if entry is None:
            continue
        meta = svc.metas[entry.plan_id]
        if meta.kind == "plan":
            clauses.append({"clause_id": m.clause_id, "plan_id": entry.plan_id, "role": m.role, "text": entry.text})
        elif m.role != "mentioned":
            duties.append({"law_id": entry.plan_id, "law_title": meta.title,
                           "article": law_article(svc, m.clause_id), "clause_id": m.clause_id,
                           "role": m.role, "text": entry.text})
    d.update(tasks_led=tasks, clauses=clauses, law_duties=duties)
    return d
