"""The provisions of a document that a draft can cover: its tasks, indicators and deadlines,
each with the text of the clause or table row that states it and the part it sits in."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ingest.records import Deadline, DocumentRecord, Indicator
from search_api.index.units import Unit, units_of

KINDS = ("task", "indicator", "deadline")


@dataclass
class Provision:
    id: str
    kind: str                      # task | indicator | deadline
    clause_id: str                 # the clause or table row that states it
    text: str
    part: str                      # the top-level part it belongs to ("三、主要任务")
    indicator: Optional[Indicator] = None
    deadline: Optional[Deadline] = None
    bodies: list[str] = field(default_factory=list)    # actor ids in charge (lead)
    sectors: list[str] = field(default_factory=list)


class UnitLookup:
    """The search unit (clause or table row) that holds any node of a document."""

    def __init__(self, units: list[Unit]):
        self.by_id = {u.id: u for u in units}

    def holding(self, node_id: Optional[str]) -> Optional[Unit]:
        key = node_id or ""
        while key:
            if key in self.by_id:
                return self.by_id[key]
            key = key.rpartition("/")[0]
        return None


def provisions_of(record: DocumentRecord, units: Optional[list[Unit]] = None) -> list[Provision]:
    """Tasks, indicators and deadlines of ``record`` in document order of their clauses."""
    units = units if units is not None else units_of(record)
    lookup = UnitLookup([u for u in units if u.unit_kind != "heading"])
    order = {u.id: i for i, u in enumerate(units)}
    leads: dict[str, list[str]] = {}
    for m in record.facts.mentions:
        if m.role == "lead":
            leads.setdefault(m.clause_id, []).append(m.actor_id)
    out: list[Provision] = []

    def add(pid: str, kind: str, node_id: Optional[str], **facts) -> None:
        unit = lookup.holding(node_id)
        if unit is None:
            return
        out.append(Provision(id=pid, kind=kind, clause_id=unit.id, text=unit.text,
                             part=unit.section_path[0] if unit.section_path else "",
                             bodies=sorted(set(leads.get(unit.id, []))), sectors=list(unit.sectors), **facts))

    for task in record.facts.tasks:
        add(task.id, "task", task.clause_ids[0] if task.clause_ids else None)
    for ind in record.facts.indicators:
        add(ind.id, "indicator", ind.clause_id, indicator=ind)
    for n, dl in enumerate(record.facts.deadlines):
        add(f"{dl.clause_id}/deadline_{n}", "deadline", dl.clause_id, deadline=dl)
    out.sort(key=lambda p: (order.get(p.clause_id, len(order)), KINDS.index(p.kind)))
    return out
