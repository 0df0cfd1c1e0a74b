"""Request-scoped access to the one Service and the Settings the app was made with."""

from __future__ import annotations

from typing import AsyncIterator

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from search_api.service.readmodel import Service
from search_api.settings import Settings


async def service(request: Request) -> AsyncIterator[Service]:
    """The Service of the live generation (search_api.api.live), leased until the response is
    sent: a switch meanwhile closes it only after this request. Taken and given back on the
    event loop (a few dict operations under a lock; a plain generator would cost two hops to a
    worker thread per request); closing a replaced Service waits for its workers, so that runs
    on a worker thread."""
    live = request.app.state.live
    svc = live.acquire()
    try:
        yield svc
    finally:
        retired = live.release(svc)
        if retired is not None:
            await run_in_threadpool(retired.close)


def settings(request: Request) -> Settings:
    return request.app.state.settings
