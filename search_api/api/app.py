"""The FastAPI application: one shared Service, thin routers, the web UI at /."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Optional

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from kg.errors import KGError, QueryError, QueryTimeout
from search_api.errors import UserError
from search_api.api.live import LiveService
from search_api.api.security import (BodyTimeout, BodyTimeoutError, ForeignOrigin, HostCheck, SecurityHeaders,
                                      public_message)
from search_api.limits import COVERAGE_MAX_UPLOAD_BYTES, HTTP_BODY_TIMEOUT_S, HTTP_MAX_BODY_BYTES, HTTP_MAX_URL_BYTES
from search_api.api.routers import actors, ask, coverage, health, plans, search, sparql
from search_api.service.errors import NotFound, Unavailable
from search_api.service.readmodel import Service
from search_api.settings import LOOPBACK_NAMES, Settings

WEB_DIR = Path(__file__).resolve().parent / "web"


def _warmed(service: Service, pause: Callable[[], None]) -> Service:
    try:
        service.warm(pause)
    except BaseException:   # a generation whose tables cannot be read is not switched to
        service.close()
        raise
    return service


def create_app(settings: Optional[Settings] = None, service: Optional[Service] = None) -> FastAPI:
    """Build the app around one Service (loaded here, once, before the first request)."""
    settings = (settings or Settings.from_env()).apply()   # the vocabulary location, before anything reads it
    app = FastAPI(title="policykg", version="0.1.0",
                  description="Knowledge graph and semantic search over Chinese policy plans.")
    app.state.settings = settings
    # a given Service is served as it is; the app's own follows the live generation (api.live)
    live = app.state.live = LiveService(
        service or Service(settings),
        load=lambda previous: _warmed(Service(settings, embedder=previous.embedder), live.wait_for_no_requests),
        watch=service is None)
    if service is None:
        # what /ask reads from every document (the duty clauses) is read now, between the first
        # requests; a new generation is read before the server switches to it
        live.get().warm_in_background(live.wait_for_no_requests)
    # middlewares are plain ASGI (no BaseHTTPMiddleware: it wraps errors raised while the body
    # is read in exception groups); the last added is the outermost
    app.add_middleware(BodyTimeout, seconds=HTTP_BODY_TIMEOUT_S)
    app.add_middleware(RequestSizeLimits)
    app.add_middleware(ForeignOrigin, allowed_origins=settings.cors_origins)
    if settings.cors_origins:   # none by default: no page of another origin reads any answer
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins),
                           allow_methods=["GET", "POST", "OPTIONS"], allow_headers=["content-type", "accept"],
                           max_age=600)
    app.add_middleware(SecurityHeaders)
    # outermost: a request naming another host (a DNS-rebinding page) is refused before anything runs
    app.add_middleware(HostCheck, allowed_hosts=settings.allowed_hosts or LOOPBACK_NAMES)
    _add_error_handlers(app)
    for module in (health, search, plans, actors, ask, coverage, sparql):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(WEB_DIR / "index.html")

    return app


class RequestSizeLimits:
    """Refuse oversized input before any work is done (the body is not read)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http":
            refusal = self._refusal(Request(scope))
            if refusal is not None:
                await refusal(scope, receive, send)
                return
        await self.app(scope, receive, send)

    @staticmethod
    def _refusal(request: Request) -> Optional[JSONResponse]:
        if len(request.url.query.encode()) > HTTP_MAX_URL_BYTES:
            return _error(414, f"query string longer than {HTTP_MAX_URL_BYTES} bytes")
        length = request.headers.get("content-length")
        limit = COVERAGE_MAX_UPLOAD_BYTES if request.url.path == "/coverage" else HTTP_MAX_BODY_BYTES  # a draft file
        if length is not None and (not length.isdigit() or int(length) > limit):
            return _error(413, f"request body larger than {limit} bytes")
        if length is None and request.headers.get("transfer-encoding", "").lower() == "chunked":
            return _error(411, "a Content-Length header is required")
        return None


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"detail": public_message(message)}, status_code=status)


def _add_error_handlers(app: FastAPI) -> None:
    """User-facing errors become one-line JSON messages with the right status."""
    statuses: list[tuple[type[Exception], int]] = [
        (NotFound, 404), (Unavailable, 503), (QueryTimeout, 503), (QueryError, 400),
        (KGError, 503), (UserError, 400),   # other KGErrors: the store failed, not the query
    ]
    for exc_type, status in statuses:
        app.add_exception_handler(exc_type, _handler(status))
    app.add_exception_handler(BodyTimeoutError, _handler(408))
    app.add_exception_handler(ClientDisconnect, _client_gone)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)


async def _client_gone(request: Request, exc: Exception) -> Response:
    """The client went away mid-request: nobody reads an answer, and it is not a server fault."""
    return Response(status_code=499)


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    response = _error(exc.status_code, str(exc.detail))
    for name, value in (exc.headers or {}).items():
        response.headers[name] = value
    return response


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    """422 with each problem named, echoing at most a few hundred characters of the input."""
    problems = []
    for err in exc.errors()[:5]:
        where = ".".join(str(part) for part in err.get("loc", ()))
        problems.append({"loc": where, "msg": public_message(err.get("msg", ""))})
    return JSONResponse({"detail": problems}, status_code=422)


def _handler(status: int):
    async def handle(request: Request, exc: Exception) -> JSONResponse:
        return _error(status, str(exc))
    return handle
