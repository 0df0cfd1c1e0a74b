"""A search result: the Hit the index returns, and SearchHit, its one JSON shape.

``policykg search --json``, ``policykg similar --json``, ``policykg ask --json``, GET /search,
GET /clauses/{id}/similar and GET /ask all give hits as ``Hit.to_dict()``, validated by the
same model (it is the HTTP response model and the OpenAPI schema too).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, Field


@dataclass
class Hit:
    clause_id: str
    plan_id: str
    plan_title: str
    text: str
    score: float
    bm25: float
    dense: float
    section_path: list[str] = field(default_factory=list)
    highlights: list[list[int]] = field(default_factory=list)   # [start, end) in text
    kind: str = "clause"                                          # clause | row | heading
    section_kind: str = ""
    sectors: list[str] = field(default_factory=list)
    has_deadline: bool = False

    def to_dict(self) -> dict[str, Any]:
        return SearchHit(
            clause_id=self.clause_id, plan_id=self.plan_id, plan_title=self.plan_title, text=self.text,
            score=self.score, section_path=list(self.section_path),
            highlights=[list(span) for span in self.highlights], kind=self.kind,
            section_kind=self.section_kind, sectors=list(self.sectors), has_deadline=self.has_deadline,
            scores=Scores(hybrid=self.score, bm25=self.bm25, dense=self.dense),
        ).model_dump()


class Scores(BaseModel):
    hybrid: float = Field(description="the score the results are ranked by (the method's own for bm25 / dense)")
    bm25: float = Field(description="raw BM25 score")
    dense: float = Field(description="cosine similarity of the embeddings")


class SearchHit(BaseModel):
    clause_id: str
    plan_id: str
    plan_title: str
    text: str
    score: float
    section_path: list[str] = []
    highlights: list[list[int]] = Field(default=[], description="[start, end) spans of query terms in text")
    kind: str = Field(default="clause", description="clause | row (a table row) | heading")
    section_kind: str = Field(default="", description="the part of the document: " 
                              "preface | situation | goals | tasks | projects | safeguards | table | statute")
    sectors: list[str] = []
    has_deadline: bool = False
    scores: Scores


class SearchResponse(BaseModel):
    query: str
    results: list[SearchHit]
