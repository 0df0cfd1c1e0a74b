"""The FastAPI application: one shared Service, thin routers, the web UI at /."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from kg.errors import KGError, QueryError, QueryTimeout
from search_api.errors import UserError
from search_api.limits import COVERAGE_MAX_UPLOAD_BYTES, HTTP_MAX_BODY_BYTES, HTTP_MAX_URL_BYTES
from search_api.api.routers import actors, ask, coverage, health, plans, search, sparql
from search_api.service.errors import NotFound, Unavailable
from search_api.service.readmodel import Service
from search_api.settings import Settings

WEB_DIR = Path(__file__).resolve().parent / "web"


def create_app(settings: Optional[Settings] = None, service: Optional[Service] = None) -> FastAPI:
    """Build the app around one Service (loaded here, once, before the first request)."""
    settings = (settings or Settings.from_env()).apply()   # the vocabulary location, before anything reads it
    app = FastAPI(title="policykg", version="0.1.0",
                  description="Knowledge graph and semantic search over Chinese policy plans.")
    app.state.settings = settings
    app.state.service = service or Service(settings)
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST", "OPTIONS"],
                       allow_headers=["*"], max_age=600)
    app.middleware("http")(_limit_request_size)
    _add_error_handlers(app)
    for module in (health, search, plans, actors, ask, coverage, sparql):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(WEB_DIR / "index.html")

    return app


async def _limit_request_size(request: Request, call_next):
    """Refuse oversized input before any work is done (the body is not read)."""
    if len(request.url.query.encode()) > HTTP_MAX_URL_BYTES:
        return _error(414, f"query string longer than {HTTP_MAX_URL_BYTES} bytes")
    length = request.headers.get("content-length")
    limit = COVERAGE_MAX_UPLOAD_BYTES if request.url.path == "/coverage" else HTTP_MAX_BODY_BYTES  # a draft file
    if length is not None and (not length.isdigit() or int(length) > limit):
        return _error(413, f"request body larger than {limit} bytes")
    if length is None and request.headers.get("transfer-encoding", "").lower() == "chunked":
        return _error(411, "a Content-Length header is required")
    return await call_next(request)


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"detail": message}, status_code=status)


def _add_error_handlers(app: FastAPI) -> None:
    """User-facing errors become one-line JSON messages with the right status."""
    statuses: list[tuple[type[Exception], int]] = [
        (NotFound, 404), (Unavailable, 503), (QueryTimeout, 503), (QueryError, 400),
        (KGError, 503), (UserError, 400),   # other KGErrors: the store failed, not the query
    ]
    for exc_type, status in statuses:
        app.add_exception_handler(exc_type, _handler(status))


def _handler(status: int):
    async def handle(request: Request, exc: Exception) -> JSONResponse:
        return _error(status, str(exc))
    return handle
