from __future__ import annotations

from fastapi import APIRouter, Depends

from search_api.api.routers.deps import service
from search_api.service.schema import Health
from search_api.service.readmodel import Service

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health, summary="Liveness and what the live build holds")
def healthz(svc: Service = Depends(service)) -> Health:
    return Health(**svc.health())
