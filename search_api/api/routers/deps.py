"""Request-scoped access to the one Service and the Settings the app was made with."""

from __future__ import annotations

from fastapi import Request

from search_api.service.readmodel import Service
from search_api.settings import Settings


def service(request: Request) -> Service:
    return request.app.state.service


def settings(request: Request) -> Settings:
    return request.app.state.settings
