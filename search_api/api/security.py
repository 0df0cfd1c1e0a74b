"""The browser-facing defences of the HTTP app, each a small ASGI piece:

* ``SecurityHeaders``: nosniff, no framing, no referrer, and a Content-Security-Policy that
  allows only the page's own static files (no inline script; no inline style but the two fixed
  blocks of YASGUI's table, by hash; no other origin);
* ``ForeignOrigin``: a request a page of another (not allowed) origin makes is refused, 403;
* ``BodyTimeout``: a request body not fully received within a time limit ends with 408,
  instead of holding a connection and a worker open forever;
* ``public_message``: what an error may tell a client: one line, capped, without the
  server's filesystem paths.

CORS (an allow-list, empty by default) and the Host allow-list (Starlette's
TrustedHostMiddleware) are configured in ``search_api.api.app`` from the Settings.
"""

from __future__ import annotations

import asyncio
import re

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from search_api.limits import HTTP_ERROR_ECHO_CHARS

# The SPARQL console's result table (YASGUI's column resizer) adds two fixed <style> blocks (its grip
# rules, and the col-resize cursor while dragging): allowed by their hashes, so no other inline
# style is, and style-src needs no 'unsafe-inline'. A YASGUI version that changes them shows a CSP
# error in the browser test.
YASGUI_STYLE_HASHES = ("'sha256-zCK2EVMoPc04mRF/g5CotUvxbJPWS+8V0b+s9ptqQIk='",
                       "'sha256-c0O6TmFAkgpNbHxKAa1BrveWHHopjEtC47i0PzMudxg='")
PAGE_CSP = ("default-src 'self'; script-src 'self'; "
            f"style-src 'self' {' '.join(YASGUI_STYLE_HASHES)}; img-src 'self' data:; "
            "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            "frame-ancestors 'none'")
DOCS_CSP = "frame-ancestors 'none'"   # /docs and /redoc: FastAPI's Swagger/ReDoc pages use inline script
DOCS_PATHS = ("/docs", "/redoc")
COMMON_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
                  (b"referrer-policy", b"no-referrer")]


class SecurityHeaders:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = DOCS_CSP if scope["path"].startswith(DOCS_PATHS) else PAGE_CSP

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", []) if h[0].lower() != b"content-security-policy"]
                message["headers"] = headers + COMMON_HEADERS + [(b"content-security-policy", csp.encode())]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class ForeignOrigin:
    """Refuse (403) a request a browser sends on behalf of a page of another origin, unless that
    origin is allowed (the CORS allow-list): such a page could not read the answer anyway, and
    this way the server does not even run what it asks. Browsers send ``Origin`` with every
    cross-origin fetch and form POST; tools (curl, httpx) send none and are not affected."""

    def __init__(self, app: ASGIApp, allowed_origins: tuple[str, ...] = ()):
        self.app = app
        self.allowed = {o.rstrip("/").lower() for o in allowed_origins}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            headers = dict(scope.get("headers") or [])
            origin = headers.get(b"origin", b"").decode("latin-1").rstrip("/").lower()
            if origin and origin != "null" and origin not in self.allowed and not _same_origin(origin, headers):
                from starlette.responses import JSONResponse
                response = JSONResponse({"detail": "requests from pages of another origin are not accepted "
                                                   "(see the cors_origins setting)"}, status_code=403)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _same_origin(origin: str, headers: dict) -> bool:
    host = headers.get(b"host", b"").decode("latin-1").lower()
    return origin.split("://", 1)[-1] == host


class BodyTimeoutError(Exception):
    """The client did not send the whole request body in time."""


class BodyTimeout:
    """Each read of a request body must arrive within ``seconds``; then the app sees
    BodyTimeoutError (answered 408 by the app's error handlers)."""

    def __init__(self, app: ASGIApp, seconds: float):
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        body_done = False

        async def timed_receive() -> Message:
            nonlocal body_done
            if body_done:
                return await receive()   # after the body: waiting for a disconnect is not limited
            try:
                message = await asyncio.wait_for(receive(), self.seconds)
            except asyncio.TimeoutError:
                raise BodyTimeoutError(f"the request body was not received within {self.seconds:g} s") from None
            if message["type"] != "http.request" or not message.get("more_body", False):
                body_done = True
            return message

        await self.app(scope, timed_receive, send)


# An absolute path, not the path part of a URL or IRI (those follow "//host" or ":").
_PATH = re.compile(r"(?<![\w:/.])/(?:[^\s/'\"<>:]+/)+[^\s/'\"<>:,;)]*")


def public_message(message: str, limit: int = HTTP_ERROR_ECHO_CHARS) -> str:
    """One line, filesystem paths replaced, at most ``limit`` characters (plus a note)."""
    text = _PATH.sub("<server path>", " ".join(str(message).split()))
    if len(text) > limit:
        text = text[:limit] + f"… ({len(text) - limit} more characters not shown)"
    return text
