"""The shapes the read-model returns: one definition per concept for `policykg … --json` and the
HTTP API alike (the models are also the API's response models and the OpenAPI schema at /docs).

A fact's fields are defined once, by its record in ingest.records: the models of facts (and of
a document's metadata) are made from those dataclasses, and records are turned into these
shapes only here (``indicator_out``, ``deadline_out``, ``task_out`` …), so the CLI's listings and
the API's pages give the same keys. One listing keeps a
narrower contract: `policykg indicators --json` prints the columns ARCHITECTURE fixes
(``INDICATOR_LISTING``), a projection of the same model. A search hit's shape is
search_api.index.hit.SearchHit.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Literal, Optional, get_type_hints

from pydantic import BaseModel, Field, create_model

from ingest.records import ActorMention, Citation, Deadline, DocumentMeta, Indicator, Task
from search_api.index.hit import SearchHit


class Health(BaseModel):
    status: Literal["ok", "degraded"] = "ok"
    problems: list[str] = Field(default_factory=list, description="what does not work, when degraded")
    generation: str
    built_at: Optional[str] = None
    documents: int
    clauses: int
    search: bool = Field(description="the search index and embedding model are loaded")
    graph: bool = Field(description="the graph store is open")
    warm: bool = Field(default=False, description=(
        "the warm-up after start-up has read every document's duty clauses and section senses: "
        "/ask answers at full speed, and searches no longer share the interpreter with it"))


# -- facts: the records' own fields -------------------------------------------

def record_model(name: str, record: type, drop: tuple[str, ...] = ("provenance",),
                 retype: Optional[dict[str, Any]] = None, add: Optional[dict[str, tuple[str, Any]]] = None,
                 doc: Optional[str] = None) -> type[BaseModel]:
    """A response model with the fields of an ingest record (ingest.records), in their order.

    The record's dataclass is the one definition of a fact's fields; ``drop`` leaves fields
    out, ``retype`` changes a field's type, ``add`` puts a required field after another:
    ``{"plan_id": ("id", str)}``.
    """
    hints = get_type_hints(record)
    fields: dict[str, Any] = {}
    for f in dataclasses.fields(record):
        if f.name not in drop:
            typ = (retype or {}).get(f.name, hints[f.name])
            if f.default is not dataclasses.MISSING:
                fields[f.name] = (typ, f.default)
            elif f.default_factory is not dataclasses.MISSING:
                fields[f.name] = (typ, Field(default_factory=f.default_factory))
            else:
                fields[f.name] = (typ, ...)
        for new, (after, typ) in (add or {}).items():
            if after == f.name:
                fields[new] = (typ, ...)
    return create_model(name, __doc__=doc or f"{record.__name__} of ingest.records", **fields)


def shaped(model: type[BaseModel], record, **values: Any) -> dict:
    """``record`` as ``model`` gives it: its fields, with ``values`` for those it has not."""
    return model(**{name: values[name] if name in values else getattr(record, name)
                    for name in model.model_fields}).model_dump()


MentionOut = record_model("MentionOut", ActorMention, drop=("clause_id", "provenance"),
                          add={"actor": ("actor_id", str)}, doc="A body named in a clause, with its role there.")
TaskActor = record_model("TaskActor", ActorMention, drop=("clause_id", "provenance"))
IndicatorOut = record_model("IndicatorOut", Indicator)
DeadlineOut = record_model("DeadlineOut", Deadline)
TaskOut = record_model("TaskOut", Task, retype={"actors": list[TaskActor]}, add={"plan_id": ("id", str)})
CitationOut = record_model("CitationOut", Citation, drop=("clause_id", "provenance"))

# `policykg indicators --json`: the columns ARCHITECTURE.md fixes for the listing
INDICATOR_LISTING = ("id", "name", "comparator", "value", "unit", "attribute", "table", "clause_id")


def indicator_out(ind: Indicator) -> dict:
    return shaped(IndicatorOut, ind)


def deadline_out(d: Deadline) -> dict:
    return shaped(DeadlineOut, d)


def task_out(task: Task, plan_id: str) -> dict:
    return shaped(TaskOut, task, plan_id=plan_id, actors=[shaped(TaskActor, m) for m in task.actors])


def mention_out(m: ActorMention, actor_name: str) -> dict:
    return shaped(MentionOut, m, actor=actor_name)


def citation_out(c: Citation) -> dict:
    return shaped(CitationOut, c)


class ClauseFacts(BaseModel):
    sectors: list[str] = []
    mentions: list[MentionOut] = []
    indicators: list[IndicatorOut] = []
    deadlines: list[DeadlineOut] = []
    tasks: list[TaskOut] = []
    citations: list[CitationOut] = []


class ClauseProvenance(BaseModel):
    source_file: Optional[str] = None
    source_sha256: Optional[str] = None
    span: Optional[list[int]] = Field(default=None, description="[start, end) in the cleaned document text")
    source_line: Optional[int] = Field(default=None, description="1-based line of the source file where the clause starts")


class ClauseDetail(BaseModel):
    id: str
    kind: str = Field(description="clause | row (a table row)")
    plan_id: str
    plan_title: str
    plan_kind: str
    text: str
    section_path: list[str]
    facts: ClauseFacts
    provenance: ClauseProvenance


# -- plans -------------------------------------------------------------------

class PlanSummary(BaseModel):
    """What ingest found in a document (ingest.report), with its warnings."""
    id: str
    title: str
    region: Optional[str] = None
    kind: str
    clauses: int
    indicators: int
    tasks: int
    # absent from manifests written before these were reported
    format: Optional[str] = None
    parts: Optional[int] = None
    tables: Optional[int] = None
    deadlines: Optional[int] = None
    bodies: Optional[int] = None
    period: Optional[str] = None     # "2021-2025", given or read from the title; "" when none
    date: Optional[str] = None       # the document's own date, given or read from its date line
    warnings: list[str] = []


class OutlineNode(BaseModel):
    id: str
    kind: str
    number: Optional[str] = None
    heading: Optional[str] = None
    text: Optional[str] = None
    children: list["OutlineNode"] = []


OutlineNode.model_rebuild()


PlanDetail = record_model("PlanDetail", DocumentMeta, drop=("source_sha256", "encoding", "category"),
                          add={"counts": ("source_format", PlanSummary), "outline": ("source_format", OutlineNode)},
                          doc="A document's metadata, its counts and its outline.")


class ComparedValue(BaseModel):
    plan_id: str
    plan_title: str
    region: Optional[str] = None
    indicator: IndicatorOut


class IndicatorComparison(BaseModel):
    key: str = Field(description="normalised indicator name the plans are matched on")
    name: str
    plans: list[ComparedValue]


# -- actors ------------------------------------------------------------------

class ActorSummary(BaseModel):
    id: str
    name: str
    kind: str
    region: Optional[str] = None
    level: Optional[str] = None
    aliases: list[str] = []
    mentions: int
    documents: list[str]


class ActorClause(BaseModel):
    clause_id: str
    plan_id: str
    role: str
    text: str


class LawDuty(BaseModel):
    law_id: str
    law_title: str
    article: Optional[str] = Field(default=None, description="e.g. 第五条")
    clause_id: str
    role: str
    text: str


class ActorDetail(ActorSummary):
    tasks_led: list[TaskOut]
    clauses: list[ActorClause]
    law_duties: list[LawDuty]


# -- ask ---------------------------------------------------------------------

class MatterRef(BaseModel):
    name: str = Field(description="the matter, as ontology/matters.tsv names it (城镇燃气, 特种设备 …)")
    words: list[str] = Field(description="the words of the question that named it (电梯, 塔吊 …)")


ASSIGNMENTS = Literal["assigns", "duty", "general", "mentioned"]


class Evidence(BaseModel):
    clause_id: str
    document_id: str
    document_title: str
    text: str
    article: Optional[str] = Field(default=None, description="the statute's article, e.g. 第五条")
    legal_basis: Optional[str] = Field(default=None, description="title + article, e.g. 城镇燃气管理条例 第五条")
    assignment: ASSIGNMENTS = Field(description="how directly the clause assigns the body: assigns (主管/负责/"
                                                "统一领导/牵头…), duty, general (加强领导, 纳入规划), mentioned")
    jurisdiction: str = Field(description="全国, or the province / city the document governs")


class AnswerItem(BaseModel):
    actor: str
    actor_id: str
    role: str = Field(description="lead (assigned the matter), cooperate (a general duty) or mentioned")
    assignment: ASSIGNMENTS
    source: Literal["plan", "law"]
    jurisdiction: str
    generic: bool = Field(description="a body that names no one in particular (有关部门, 主管部门)")
    matters: list[str]
    evidence: list[str] = Field(description="clause ids that state the assignment, the most direct first")
    documents: list[str]
    details: list[Evidence]


class AskResponse(BaseModel):
    question: str
    matters: list[MatterRef]
    places: list[str] = Field(description="places the question names (青岛, 重庆 …)")
    summary: list[str] = Field(description="the answer first: one line per matter with body, provision and "
                                           "jurisdiction")
    answer: list[AnswerItem]
    abstained: bool = Field(description="true when no loaded document assigns the matter")
    note: Optional[str] = Field(default=None, description="why the answer is empty or partial")
    results: list[SearchHit]

