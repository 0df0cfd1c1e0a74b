from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from search_api.api.routers.deps import service
from search_api.api.security import public_message
from search_api.service.schema import Health
from search_api.service.readmodel import Service

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health, summary="Liveness and what the live build holds")
def healthz(request: Request, svc: Service = Depends(service)) -> Health:
    """status "degraded", with the problems, when the graph store does not answer or the server
    could not switch to the live generation."""
    report = svc.health()
    report["problems"] = [public_message(p) for p in report["problems"] + request.app.state.live.problems()]
    report["status"] = "degraded" if report["problems"] else "ok"
    return Health(**report)
