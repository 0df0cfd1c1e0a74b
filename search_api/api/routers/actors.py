from __future__ import annotations

from typing import Optional

from fastapi import APIRouter, Depends, Query

from search_api.api.routers.deps import service
from search_api.limits import ACTOR_QUERY_MAX_CHARS, ACTORS_DEFAULT_LIMIT, ACTORS_MAX_LIMIT
from search_api.service.schema import ActorDetail, ActorSummary
from search_api.service.readmodel import Service

router = APIRouter(tags=["actors"])


@router.get("/actors", response_model=list[ActorSummary], summary="Responsible bodies, most mentioned first")
def actors(q: Optional[str] = Query(None, max_length=ACTOR_QUERY_MAX_CHARS, description="part of a name or alias"),
           limit: int = Query(ACTORS_DEFAULT_LIMIT, ge=1, le=ACTORS_MAX_LIMIT), svc: Service = Depends(service)) -> list[dict]:
    return svc.actor_list(q, limit)


@router.get("/actors/{actor_id:path}", response_model=ActorDetail,
            summary="A body: tasks it leads, clauses naming it, laws assigning it duties")
def actor(actor_id: str, svc: Service = Depends(service)) -> dict:
    return svc.actor_detail(actor_id)
