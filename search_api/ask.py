"""Owner questions: "燃气安全归哪个部门管？", "危险化学品谁负责监管", "森林防火由谁牵头".

1. Recognise the sector(s) the question is about from the SKOS labels of
   ontology/sectors.ttl (longest label wins, so 城镇燃气 beats 燃气).
2. Collect the responsibility facts extracted from the documents: for every clause
   tagged with the sector (or naming it) that states it, the bodies with their role
   (lead / cooperate / subject). Plans give the bodies with evidence from each plan;
   laws give the body with the article as legal basis (城镇燃气管理条例 第五条).
   Evidence is only a clause whose own text names the sector, so every answer can
   be checked by reading it; a body no document names is never produced.
3. Append the top search hits for the question.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from search_api.service import Service, Unavailable
from search_api.views import law_article

SECTORS_TTL = Path(__file__).resolve().parent.parent / "ontology" / "sectors.ttl"
ROLE_ORDER = {"lead": 0, "cooperate": 1, "subject": 2}
MAX_LAWS = 5            # laws cited per answer: the most specific first
MAX_EVIDENCE = 6        # evidence clauses shown per body and source


@dataclass(frozen=True)
class Sector:
    key: str
    label: str
    iri: str
    labels: tuple[str, ...]     # prefLabel + altLabels, longest first


@lru_cache(maxsize=4)
def load_sectors(path: Path = SECTORS_TTL) -> tuple[Sector, ...]:
    """The SKOS concepts of the sector scheme with their Chinese labels."""
    from rdflib import Graph
    from rdflib.namespace import SKOS

    if not path.exists():
        raise Unavailable(f"sector scheme not found: {path}")
    g = Graph().parse(path)
    sectors = []
    for concept in set(g.subjects(SKOS.prefLabel, None)):
        pref = [str(l) for l in g.objects(concept, SKOS.prefLabel) if getattr(l, "language", None) in (None, "zh")]
        if not pref:
            continue
        alts = [str(l) for l in g.objects(concept, SKOS.altLabel) if getattr(l, "language", None) in (None, "zh")]
        notation = g.value(concept, SKOS.notation)
        labels = tuple(sorted({pref[0], *alts}, key=len, reverse=True))
        sectors.append(Sector(key=str(notation) if notation else pref[0], label=pref[0],
                              iri=str(concept), labels=labels))
    return tuple(sorted(sectors, key=lambda s: s.key))


def recognise_sectors(question: str, sectors: tuple[Sector, ...]) -> list[Sector]:
    """Sectors whose labels occur in the question; overlapping matches go to the longest label."""
    matches = []   # (start, end, sector)
    for sector in sectors:
        for label in sector.labels:
            for m in re.finditer(re.escape(label), question):
                matches.append((m.start(), m.end(), sector))
    matches.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
    taken: list[tuple[int, int]] = []
    found: list[Sector] = []
    for start, end, sector in matches:
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        if sector not in found:
            found.append(sector)
    return found


def names_sector(text: str, sector: Sector) -> bool:
    return any(label in text for label in sector.labels)


def _law_rank(svc: Service, doc_id: str, sector: Sector) -> tuple:
    """Laws about the sector first, then national ones, then the rest by title."""
    meta = svc.metas[doc_id]
    national = meta.level == "national" or bool(meta.category and not meta.category.startswith("DLC/"))
    return (not names_sector(meta.title, sector), not national, meta.title)


def responsible_bodies(svc: Service, sector: Sector) -> list[dict]:
    """Answer items for one sector: plan bodies, then law bodies with legal basis."""
    # (source, actor_id, role) -> clause ids
    grouped: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for clause_id, mentions in svc.mentions_by_clause.items():
        entry = svc.clauses.get(clause_id)
        if entry is None or not names_sector(entry.text, sector):
            continue
        kind = svc.metas[entry.doc_id].kind
        source = "plan" if kind == "plan" else "law" if kind in ("law", "regulation") else None
        if source is None:
            continue
        for m in mentions:
            if m.role in ROLE_ORDER and clause_id not in grouped[(source, m.actor_id, m.role)]:
                grouped[(source, m.actor_id, m.role)].append(clause_id)

    law_docs = sorted({svc.clauses[c].doc_id for (src, _, _), ids in grouped.items() if src == "law" for c in ids},
                      key=lambda d: _law_rank(svc, d, sector))[:MAX_LAWS]
    law_order = {d: i for i, d in enumerate(law_docs)}

    items = []
    for (source, actor_id, role), clause_ids in grouped.items():
        if source == "law":
            clause_ids = [c for c in clause_ids if svc.clauses[c].doc_id in law_order]
            clause_ids.sort(key=lambda c: law_order[svc.clauses[c].doc_id])
            if not clause_ids:
                continue
        clause_ids = clause_ids[:MAX_EVIDENCE]
        details = [_evidence(svc, c, source) for c in clause_ids]
        items.append({
            "actor": svc.actor_name(actor_id), "actor_id": actor_id, "role": role, "source": source,
            "evidence": clause_ids,
            "documents": list(dict.fromkeys(d["document_id"] for d in details)),
            "details": details,
        })

    def rank(item: dict) -> tuple:
        first_doc = law_order.get(item["details"][0]["document_id"], 0) if item["source"] == "law" else 0
        return (item["source"] != "plan", ROLE_ORDER[item["role"]], first_doc,
                -len(item["documents"]), -len(item["evidence"]), item["actor"])

    return sorted(items, key=rank)


def _evidence(svc: Service, clause_id: str, source: str) -> dict:
    entry = svc.clauses[clause_id]
    title = svc.title(entry.doc_id)
    basis = None
    if source == "law":
        article = law_article(svc, clause_id)
        basis = f"{title} {article}" if article else title
    return {"clause_id": clause_id, "document_id": entry.doc_id, "document_title": title,
            "text": entry.text, "legal_basis": basis}


def ask(svc: Service, question: str, k: int = 5, sectors_ttl: Optional[Path] = None) -> dict:
    question = question.strip()
    sectors = recognise_sectors(question, load_sectors(sectors_ttl or SECTORS_TTL))
    answer: list[dict] = []
    for sector in sectors:
        answer.extend(item for item in responsible_bodies(svc, sector)
                      if (item["source"], item["actor_id"], item["role"]) not in
                      {(a["source"], a["actor_id"], a["role"]) for a in answer})
    if not sectors:
        note = "问题中没有识别出行业领域（如 城镇燃气、危险化学品、森林防火），以下为检索结果"
    elif not answer:
        note = f"文件中没有写明负责{'、'.join(s.label for s in sectors)}的部门，以下为相关条款"
    else:
        note = None
    return {
        "question": question,
        "sectors": [{"key": s.key, "label": s.label, "iri": s.iri} for s in sectors],
        "answer": answer,
        "note": note,
        "results": svc.search(question, k=k) if svc.index is not None else [],
    }
