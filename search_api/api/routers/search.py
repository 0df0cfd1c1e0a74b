from __future__ import annotations

from typing import Optional

from fastapi import APIRouter, Depends, Query
from starlette.concurrency import run_in_threadpool

from search_api.api.routers.deps import service
from search_api.limits import HTTP_SEARCH_MAX_K, SEARCH_MAX_QUERY_CHARS
from search_api.index.hit import SearchResponse
from search_api.service.schema import ClauseDetail
from search_api.service.readmodel import Service

router = APIRouter(tags=["search"])

# The query endpoints are async and run the search on a worker thread themselves: FastAPI then
# validates and serialises the answer on the event loop, where for a plain (sync) endpoint it
# takes a second trip to the thread pool for that — two thread hand-overs a request, not one.


@router.get("/search", response_model=SearchResponse, summary="Hybrid (BM25 + embedding) clause search")
async def search(
    q: str = Query(..., min_length=1, max_length=SEARCH_MAX_QUERY_CHARS, description="question or keywords"),
    k: int = Query(10, ge=1, le=HTTP_SEARCH_MAX_K),
    plan: Optional[str] = Query(None, description="only this document id"),
    kind: Optional[str] = Query(None, description="document kind: plan | law | regulation | report"),
    sector: Optional[str] = Query(None, description="sector concept key, e.g. 城镇燃气"),
    svc: Service = Depends(service),
) -> dict:
    return await run_in_threadpool(_search, svc, q, k, plan, kind, sector)


def _search(svc: Service, q: str, k: int, plan: Optional[str], kind: Optional[str], sector: Optional[str]) -> dict:
    if plan:
        svc.meta(plan)   # unknown plan -> 404 rather than silently no results
    return {"query": q, "results": svc.search(q, k=k, plan=plan, kind=kind, sector=sector)}


@router.get("/clauses/{clause_id:path}/similar", response_model=SearchResponse,
            summary="Precedent clauses: the closest clauses, by default from other documents")
async def similar(clause_id: str, k: int = Query(10, ge=1, le=HTTP_SEARCH_MAX_K), other_plans: bool = True,
                  svc: Service = Depends(service)) -> dict:
    hits = await run_in_threadpool(svc.similar, clause_id, k=k, other_plans=other_plans)
    return {"query": clause_id, "results": hits}


@router.get("/clauses/{clause_id:path}", response_model=ClauseDetail,
            summary="A clause with its section path, extracted facts and provenance")
def clause(clause_id: str, svc: Service = Depends(service)) -> dict:
    return svc.clause_detail(clause_id)
