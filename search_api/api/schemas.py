"""Typed response models of the HTTP API (they are also the OpenAPI schema at /docs)."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, Field


class Health(BaseModel):
    status: Literal["ok"] = "ok"
    generation: str
    built_at: Optional[str] = None
    documents: int
    clauses: int
    search: bool = Field(description="the search index and embedding model are loaded")
    graph: bool = Field(description="the graph store is open")


# -- search ------------------------------------------------------------------

class SearchHit(BaseModel):
    clause_id: str
    plan_id: str
    plan_title: str
    text: str
    score: float
    section_path: list[str] = []
    highlights: list[list[int]] = Field(default=[], description="[start, end) spans of query terms in text")


class SearchResponse(BaseModel):
    query: str
    results: list[SearchHit]


# -- clauses -----------------------------------------------------------------

class MentionOut(BaseModel):
    actor_id: str
    actor: str
    role: str
    surface: str


class IndicatorOut(BaseModel):
    id: str
    name: str
    comparator: str
    value: Optional[float] = None
    unit: Optional[str] = None
    attribute: Optional[str] = None
    table: Optional[str] = None
    text: Optional[str] = None
    deadline: Optional[str] = None
    baseline: Optional[str] = None
    clause_id: Optional[str] = None


class DeadlineOut(BaseModel):
    clause_id: str
    expression: str
    date: Optional[str] = None
    start: Optional[str] = None
    recurrence: Optional[str] = None


class TaskOut(BaseModel):
    id: str
    plan_id: str
    clause_ids: list[str]
    text: str
    verb: Optional[str] = None
    sectors: list[str] = []
    deadline: Optional[str] = None
    key_project: bool = False


class CitationOut(BaseModel):
    title: str
    surface: str
    target_doc: Optional[str] = None


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
    id: str
    title: str
    region: Optional[str] = None
    kind: str
    clauses: int
    indicators: int
    tasks: int


class OutlineNode(BaseModel):
    id: str
    kind: str
    number: Optional[str] = None
    heading: Optional[str] = None
    text: Optional[str] = None
    children: list["OutlineNode"] = []


class PlanDetail(BaseModel):
    id: str
    title: str
    kind: str
    region: Optional[str] = None
    level: Optional[str] = None
    issuer: Optional[str] = None
    period_start: Optional[int] = None
    period_end: Optional[int] = None
    vision_year: Optional[int] = None
    source_file: Optional[str] = None
    source_format: Optional[str] = None
    counts: PlanSummary
    outline: OutlineNode


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

class SectorRef(BaseModel):
    key: str
    label: str
    iri: str


class Evidence(BaseModel):
    clause_id: str
    document_id: str
    document_title: str
    text: str
    legal_basis: Optional[str] = Field(default=None, description="law title + article, e.g. 城镇燃气管理条例 第五条")


class AnswerItem(BaseModel):
    actor: str
    actor_id: str
    role: str
    source: Literal["plan", "law"]
    evidence: list[str] = Field(description="clause ids that state the assignment")
    documents: list[str]
    details: list[Evidence]


class AskResponse(BaseModel):
    question: str
    sectors: list[SectorRef]
    answer: list[AnswerItem]
    note: Optional[str] = Field(default=None, description="why the answer is empty or partial")
    results: list[SearchHit]


OutlineNode.model_rebuild()
