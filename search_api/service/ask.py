"""Owner questions: "燃气安全归哪个部门管？", "危险化学品谁负责监管", "森林防火由谁牵头".

1. Recognise the sector(s) the question is about from the SKOS labels of
   ontology/sectors.ttl, with the same matcher that tags clauses (longest label wins).
2. Ask the graph, with the query library's who_is_responsible (kg/queries), for the
   responsibilities recorded on clauses tagged with the sector's concept: the bodies
   with their role (lead / cooperate / subject; mentioned too, see below). Plans
   give the bodies with evidence from each plan; laws give the body with the article
   as legal basis (城镇燃气管理条例 第五条). Where a source assigns the sector to no
   body, the bodies its clauses merely mention are shown as such, and the note says so.
   Evidence is only a clause whose own text names the sector, so every answer can
   be checked by reading it; a body no document names is never produced.
3. Append the top search hits for the question.

``OwnerQuestions.ask`` is a part of search_api.service.readmodel.Service; it reads the
build through the Service's lookups, graph query and search only.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from kg.iris import actor_id_of, node_id_of
from kg.library import get_query, literal
from search_api.limits import ASK_QUERY_MAX_ROWS, ASK_QUERY_TIMEOUT_S

ROLE_ORDER = {"lead": 0, "cooperate": 1, "subject": 2, "mentioned": 3}
STRONG_ROLES = ("lead", "cooperate", "subject")
MAX_LAWS = 5            # laws cited per answer: the most specific first
MAX_EVIDENCE = 6        # evidence clauses shown per body and source


@dataclass(frozen=True)
class Sector:
    key: str                    # the concept's prefLabel, as SectorTag.sector stores it
    iri: str
    labels: tuple[str, ...]     # prefLabel + altLabels

    @property
    def label(self) -> str:
        return self.key


def recognise_sectors(question: str) -> list[Sector]:
    """Sectors named in the question, in order; the extractor's matcher (longest label wins)."""
    from ingest.extract.sectors import sectors_in
    from ingest.vocab import sector_labels
    from kg.ontology import SectorIndex, vocabulary_graph

    keys = list(dict.fromkeys(key for key, _span in sectors_in(question)))
    if not keys:
        return []
    concepts = SectorIndex(vocabulary_graph())
    labels = sector_labels()    # label -> prefLabels of the concepts it names
    return [Sector(key=key, iri=str(concepts.concept(key)),
                   labels=tuple(label for label, prefs in labels.items() if key in prefs))
            for key in keys]


def names_sector(text: str, sector: Sector) -> bool:
    return any(label in text for label in sector.labels)


def _law_rank(svc, doc_id: str, sector: Sector) -> tuple:
    """Laws about the sector first, then national ones, then the rest by title (then by id:
    two versions of a statute share a title)."""
    meta = svc.meta(doc_id)
    national = meta.level == "national" or bool(meta.category and not meta.category.startswith("DLC/"))
    return (not names_sector(meta.title, sector), not national, meta.title)


SOURCE_OF_KIND = {"plan": "plan", "law": "law", "regulation": "law"}


def responsibility_query(sector: Sector) -> str:
    """The library's who_is_responsible for the sector, with every role (mentioned too)."""
    return (get_query("who_is_responsible").bind("sectorLabel", literal(sector.key, "zh"))
            .bind("role", *(literal(role) for role in ROLE_ORDER)).text)


def responsibilities(svc, sector: Sector) -> Iterable[tuple[str, str, str, str, str]]:
    """(source, actor_id, actor name, role, clause_id) from the graph, for clauses naming the sector."""
    result = svc.sparql(responsibility_query(sector), timeout_s=ASK_QUERY_TIMEOUT_S, max_rows=ASK_QUERY_MAX_ROWS)
    for row in result.rows:
        source = SOURCE_OF_KIND.get(row["kind"]["value"])
        clause_id = node_id_of(row["clause"]["value"])
        entry = svc.find_clause(clause_id) or svc.clause(clause_id)
        if source is None or not names_sector(entry.text, sector):
            continue
        yield source, actor_id_of(row["body"]["value"]), row["actor"]["value"], row["role"]["value"], clause_id


def responsible_bodies(svc, sector: Sector) -> list[dict]:
    """Answer items for one sector: plan bodies, then law bodies with legal basis."""
    grouped: dict[tuple[str, str, str], list[str]] = defaultdict(list)   # (source, actor, role) -> clauses
    names: dict[str, str] = {}
    for source, actor_id, name, role, clause_id in responsibilities(svc, sector):
        names[actor_id] = name
        if clause_id not in grouped[(source, actor_id, role)]:
            grouped[(source, actor_id, role)].append(clause_id)
    for clause_ids in grouped.values():
        clause_ids.sort(key=_natural_key)

    law_docs = sorted({svc.clause(c).plan_id for (src, _, _), ids in grouped.items() if src == "law" for c in ids},
                      key=lambda d: (*_law_rank(svc, d, sector), d))[:MAX_LAWS]
    law_order = {d: i for i, d in enumerate(law_docs)}

    items = []
    for (source, actor_id, role), clause_ids in grouped.items():
        if source == "law":
            clause_ids = [c for c in clause_ids if svc.clause(c).plan_id in law_order]
            clause_ids.sort(key=lambda c: law_order[svc.clause(c).plan_id])
            if not clause_ids:
                continue
        clause_ids = clause_ids[:MAX_EVIDENCE]
        details = [_evidence(svc, c, source) for c in clause_ids]
        items.append({
            "actor": names[actor_id], "actor_id": actor_id, "role": role, "source": source,
            "evidence": clause_ids,
            "documents": list(dict.fromkeys(d["document_id"] for d in details)),
            "details": details,
        })

    # A body merely named in a clause about the sector is shown only where a source
    # (the plans, or the laws) assigns the sector to nobody explicitly.
    assigned = {i["source"] for i in items if i["role"] in STRONG_ROLES}
    items = [i for i in items if i["role"] in STRONG_ROLES or i["source"] not in assigned]

    def rank(item: dict) -> tuple:
        if item["source"] == "plan":   # bodies both plans name first, then the most cited
            return (0, ROLE_ORDER[item["role"]], -len(item["documents"]), -len(item["evidence"]), item["actor"])
        # laws: the most specific law first, then in article order (general duties come early)
        first = item["evidence"][0]
        return (1, ROLE_ORDER[item["role"]], law_order[svc.clause(first).plan_id], _natural_key(first))

    return sorted(items, key=rank)


def _natural_key(node_id: str) -> list:
    """Document order: cl_10 after cl_9."""
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", node_id)]


def _evidence(svc, clause_id: str, source: str) -> dict:
    entry = svc.clause(clause_id)
    title = svc.title(entry.plan_id)
    basis = None
    if source == "law":
        article = svc.law_article(clause_id)
        basis = f"{title} {article}" if article else title
    return {"clause_id": clause_id, "document_id": entry.plan_id, "document_title": title,
            "text": entry.text, "legal_basis": basis}


def _note(sectors: list[Sector], answer: list[dict]) -> str | None:
    """Say plainly what the documents do not state (an answer is never padded with guesses)."""
    if not sectors:
        return "问题中没有识别出行业领域（如 城镇燃气、危险化学品、森林防火），以下为检索结果"
    names = "、".join(s.label for s in sectors)
    assigned = {item["source"] for item in answer if item["role"] in STRONG_ROLES}
    notes = []
    if "plan" not in assigned:
        notes.append(f"规划中没有明确写明负责{names}的部门")
    if "law" not in assigned:
        notes.append(f"已收录的法律法规中没有明确写明负责{names}的部门")
    if not notes:
        return None
    return "；".join(notes) + "，以下列出相关条款及其中提及的主体"


class OwnerQuestions:
    """Owner questions (a part of Service)."""

    def ask(self, question: str, k: int = 5) -> dict:
        question = question.strip()
        sectors = recognise_sectors(question)
        answer: list[dict] = []
        seen: set[tuple[str, str, str]] = set()
        for sector in sectors:
            for item in responsible_bodies(self, sector):
                key = (item["source"], item["actor_id"], item["role"])
                if key not in seen:
                    seen.add(key)
                    answer.append(item)
        note = _note(sectors, answer)
        return {
            "question": question,
            "sectors": [{"key": s.key, "label": s.label, "iri": s.iri} for s in sectors],
            "answer": answer,
            "note": note,
            "results": self.search(question, k=k) if self.has_index and k > 0 else [],
        }
