"""POST /coverage (a draft file uploaded, or an ingested id) and GET /coverage (ids only):
a draft checked against reference documents, as JSON, CSV or Markdown."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Optional

from fastapi import APIRouter, Depends, File, Form, Query, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import PlainTextResponse

from search_api.api.routers.deps import service
from search_api.coverage.draft import read_draft
from search_api.errors import UserError
from search_api.service.readmodel import Service

router = APIRouter(tags=["coverage"])

FORMATS = ("json", "csv", "md")
# the readers' suffixes; anything else is read as text by content
_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf")
_MEDIA = {"csv": "text/csv; charset=utf-8", "md": "text/markdown; charset=utf-8"}


def _render(report: dict, fmt: str):
    from search_api.coverage.report import to_csv, to_markdown

    if fmt not in FORMATS:
        raise UserError(f"format must be one of {', '.join(FORMATS)}")
    if fmt == "json":
        return report
    body = to_csv(report) if fmt == "csv" else to_markdown(report)
    return PlainTextResponse(body, media_type=_MEDIA[fmt])


@router.get("/coverage", summary="Coverage of an ingested draft against reference documents")
def coverage_of_ids(draft: str = Query(..., max_length=200, description="id of the draft document"),
                    against: list[str] = Query(..., description="ids of the reference documents"),
                    format: str = Query("json", description="json | csv | md"),
                    svc: Service = Depends(service)):
    return _render(svc.coverage(draft, against), format)


@router.post("/coverage", summary="Coverage of a draft (file upload or id) against reference documents")
async def coverage_of_upload(against: list[str] = Form(..., description="ids of the reference documents"),
                             file: Optional[UploadFile] = File(None, description="the draft (.txt .md .docx .pdf .html)"),
                             draft: Optional[str] = Form(None, max_length=200, description="or: id of an ingested draft"),
                             format: str = Query("json", description="json | csv | md"),
                             svc: Service = Depends(service)):
    if (file is None) == (draft is None):
        raise UserError("give either a draft file or the id of an ingested draft")
    if draft is not None:
        return _render(await run_in_threadpool(svc.coverage, draft, against), format)
    suffix = Path(file.filename or "").suffix.lower()
    with tempfile.TemporaryDirectory(prefix="policykg-draft-") as tmp:
        # the user's file name is never used as a path: only a known suffix is kept
        path = Path(tmp) / ("draft" + (suffix if suffix in _SUFFIXES else ".txt"))
        path.write_bytes(await file.read())
        record = await run_in_threadpool(read_draft, path)
    record.meta.title = record.meta.title if record.meta.title not in ("", "draft") else (file.filename or "draft")
    return _render(await run_in_threadpool(svc.coverage, record, against), format)
