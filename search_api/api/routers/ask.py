from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from starlette.concurrency import run_in_threadpool

from search_api.api.routers.deps import service
from search_api.limits import ASK_MAX_K, ASK_MAX_QUESTION_CHARS
from search_api.service.schema import AskResponse
from search_api.service.readmodel import Service

router = APIRouter(tags=["ask"])


@router.get("/ask", response_model=AskResponse,
            summary="Who is responsible for a sector: bodies from the plans, legal basis from the laws")
async def ask(q: str = Query(..., min_length=1, max_length=ASK_MAX_QUESTION_CHARS, description="e.g. 燃气安全归哪个部门管？"),
              k: int = Query(5, ge=0, le=ASK_MAX_K, description="search hits appended to the answer"),
              svc: Service = Depends(service)) -> dict:
    # async, the work on a worker thread: the answer is validated on the event loop, not in a
    # second trip to the thread pool (search_api.api.routers.search)
    return await run_in_threadpool(svc.ask, q, k=k)
