"""Request-scoped access to the one Service and the Settings the app was made with."""

from __future__ import annotations

from fastapi import Request

from search_api.service.readmodel import Service
from search_api.settings import Settings


def service(request: Request) -> Service:
    """The Service of the live generation (search_api.api.live); a request keeps the one it got."""
    return request.app.state.live.get()


def settings(request: Request) -> Settings:
    return request.app.state.settings
