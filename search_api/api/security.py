"""The browser-facing defences of the HTTP app, each a small ASGI piece:

* ``HostCheck``: a request whose Host header names no allowed host (a DNS-rebinding page) is
  refused, 400; IPv6 literals (``[::1]:8000``) are read as addresses;
* ``SecurityHeaders``: nosniff, no framing, no referrer, and a Content-Security-Policy that
  allows only the page's own static files (no inline script; no inline style but the two fixed
  blocks of YASGUI's table, by hash; no other origin);
* ``ForeignOrigin``: a request a page of another (not allowed) origin makes is refused, 403;
* ``BodyTimeout``: a request body not fully received within a time limit ends with 408,
  instead of holding a connection and a worker open forever;
* ``public_message``: what an error may tell a client: one line, capped, without the
  server's filesystem paths.

CORS (an allow-list, empty by default) and the Host allow-list are configured in
``search_api.api.app`` from the Settings.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
from typing import Iterable, Optional

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from search_api.errors import UserError
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


# A Host header: a name or a bracketed IPv6 literal, then an optional port; nothing else (no
# userinfo, path or zone id), so what is compared is what the browser resolved.
_HOST = re.compile(r"(?:\[(?P<ipv6>[0-9A-Fa-f:.]+)\]|(?P<name>[A-Za-z0-9._-]+))(?::[0-9]{1,5})?")


def canonical_host(header: str) -> Optional[str]:
    """The host a Host header value names, comparable: a lower-case name, or an IP address in
    its standard text form (``[0:0::1]:80`` -> ``::1``); None for a malformed value."""
    match = _HOST.fullmatch(header)
    if match is None:
        return None
    literal = match["ipv6"] or match["name"]
    try:
        address = ipaddress.ip_address(literal)
    except ValueError:
        return None if match["ipv6"] else literal.lower()
    return str(address) if (address.version == 6) == bool(match["ipv6"]) else None   # [1.2.3.4] is malformed


def _allowed_name(entry: str) -> str:
    """An allow-list entry as ``canonical_host`` gives it; a bare IPv6 address (``::1``, as
    ``--host`` takes it) is accepted too."""
    try:
        return str(ipaddress.ip_address(entry.strip("[]")))
    except ValueError:
        pass
    name = canonical_host(entry)
    if name is None:
        raise UserError(f"not a host name or address: {entry!r} (--allowed-host / POLICYKG_ALLOWED_HOSTS)")
    return name


class HostCheck:
    """Answer only requests whose Host header names an allowed host, else 400: a page of a
    DNS-rebinding domain reaches the server under its own name. Not Starlette's
    TrustedHostMiddleware: until its fix for IPv6 (Starlette issue 3357, 2026) it cut the header
    at the first ':', so ``[::1]:8000`` never matched, and the Starlette versions our FastAPI
    range allows include those; here the header is read the same with any of them."""

    def __init__(self, app: ASGIApp, allowed_hosts: Iterable[str]):
        self.app = app
        self.allowed = {_allowed_name(h) for h in allowed_hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            header = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
            if canonical_host(header) not in self.allowed:
                from starlette.responses import PlainTextResponse
                await PlainTextResponse("Invalid host header", status_code=400)(scope, receive, send)
                return
        await self.app(scope, receive, send)


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
