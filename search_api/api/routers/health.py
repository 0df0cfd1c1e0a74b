from __future__ import annotations

from fastapi import APIRouter, Depends

from search_api.api.routers.deps import service
from search_api.api.schemas import Health
from search_api.service.readmodel import Service

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health, summary="Liveness and what the live build holds")
def healthz(svc: Service = Depends(service)) -> Health:
    return Health(generation=svc.generation, built_at=svc.manifest.get("built_at"),
                  documents=len(svc.metas), clauses=len(svc.clauses),
                  search=svc.index is not None, graph=svc.store is not None)
