from __future__ import annotations

from typing import Optional

from fastapi import APIRouter, Depends, Query

from search_api.service import views
from search_api.api.routers.deps import service
from search_api.api.schemas import ActorDetail, ActorSummary
from search_api.service.readmodel import Service

router = APIRouter(tags=["actors"])


@router.get("/actors", response_model=list[ActorSummary], summary="Responsible bodies, most mentioned first")
def actors(q: Optional[str] = Query(None, max_length=50, description="part of a name or alias"),
           limit: int = Query(200, ge=1, le=5000), svc: Service = Depends(service)) -> list[dict]:
    return views.actor_list(svc, q, limit)


@router.get("/actors/{actor_id:path}", response_model=ActorDetail,
            summary="A body: tasks it leads, clauses naming it, laws assigning it duties")
def actor(actor_id: str, svc: Service = Depends(service)) -> dict:
    return views.actor_detail(svc, actor_id)
