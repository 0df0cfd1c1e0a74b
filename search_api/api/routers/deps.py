"""Request-scoped access to the one Service and the Settings the app was made with."""

from __future__ import annotations

from typing import Iterator

from fastapi import Request

from search_api.service.readmodel import Service
from search_api.settings import Settings


def service(request: Request) -> Iterator[Service]:
    """The Service of the live generation (search_api.api.live), leased until the response is
    sent: a switch meanwhile closes it only after this request."""
    with request.app.state.live.lease() as svc:
        yield svc


def settings(request: Request) -> Settings:
    return request.app.state.settings
