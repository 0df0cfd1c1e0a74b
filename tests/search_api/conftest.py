"""A real `policykg serve` on a free loopback port, shared by the API and browser tests."""

from __future__ import annotations

import httpx
import pytest

from liveserver import LiveServer


@pytest.fixture(scope="session")
def live_server(built_data, tmp_path_factory):
    server = LiveServer(built_data, tmp_path_factory.mktemp("server") / "serve.log")
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def api(live_server):
    with httpx.Client(base_url=live_server.url, timeout=60) as client:
        yield client
