"""Request-scoped access to the one Service the app loaded at start-up."""

from __future__ import annotations

from fastapi import Request

from search_api.service.readmodel import Service


def service(request: Request) -> Service:
    return request.app.state.service
