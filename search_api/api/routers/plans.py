from __future__ import annotations

from typing import Optional

from fastapi import APIRouter, Depends, Query

from search_api.api.routers.deps import service
from search_api.limits import INDICATOR_NAME_MAX_CHARS
from search_api.service.schema import IndicatorComparison, IndicatorOut, PlanDetail, PlanSummary
from search_api.service.readmodel import Service

router = APIRouter(tags=["plans"])


@router.get("/plans", response_model=list[PlanSummary], summary="Documents in the live build")
def plans(kind: Optional[str] = Query(None, description="plan | law | regulation | report"),
          svc: Service = Depends(service)) -> list[dict]:
    return svc.document_list(kind)


@router.get("/plans/{plan_id}", response_model=PlanDetail, summary="Document metadata and outline")
def plan(plan_id: str, svc: Service = Depends(service)) -> dict:
    return svc.document_detail(plan_id)


@router.get("/plans/{plan_id}/indicators", response_model=list[IndicatorOut],
            summary="Indicator targets of one plan")
def plan_indicators(plan_id: str, svc: Service = Depends(service)) -> list[dict]:
    return svc.document_indicators(plan_id)


@router.get("/indicators/compare", response_model=list[IndicatorComparison],
            summary="The same indicator across plans, matched by normalised name")
def compare(name: Optional[str] = Query(None, max_length=INDICATOR_NAME_MAX_CHARS, description="part of an indicator name"),
            svc: Service = Depends(service)) -> list[dict]:
    return svc.indicator_comparison(name)
