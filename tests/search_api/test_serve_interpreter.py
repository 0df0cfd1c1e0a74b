"""`policykg serve` sets the interpreter's switch interval before the warm-up thread starts, so
that requests take the interpreter lock back from it quickly (search_api.api.live)."""

from __future__ import annotations

import sys
from types import SimpleNamespace

from typer.testing import CliRunner


def test_serve_shortens_the_switch_interval_before_the_warm_up_starts(monkeypatch, tmp_path):
    import uvicorn

    import search_api.api.app as app_module
    from search_api.api.live import SWITCH_INTERVAL_S
    from search_api.cli import app

    seen: dict[str, float] = {}

    def create_app(config):   # where the real one loads the build and starts the warm-up
        seen["at create_app"] = sys.getswitchinterval()
        return SimpleNamespace(state=SimpleNamespace(live=SimpleNamespace(get=lambda: SimpleNamespace(location="x"))))

    monkeypatch.setattr(app_module, "create_app", create_app)
    monkeypatch.setattr(uvicorn, "run", lambda *a, **kw: seen.setdefault("served", 1))
    before = sys.getswitchinterval()
    try:
        result = CliRunner().invoke(app, ["serve", "--data", str(tmp_path / "data")])
        assert result.exit_code == 0, result.output
        assert seen["served"] == 1
        assert seen["at create_app"] == SWITCH_INTERVAL_S < before
    finally:
        sys.setswitchinterval(before)
