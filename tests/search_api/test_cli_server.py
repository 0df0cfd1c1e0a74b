"""`policykg search` and `policykg ask` ask a running `policykg serve` of the same data
directory's live build, and answer exactly as they do alone (search_api.cli.running_server)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from clitools import run_cli
from search_api.cli import running_server

NOTE = "answered by the server at"


def same(a, b) -> bool:
    """Equal, floats to 1e-4: the server runs the model on one thread, a command alone on
    all cores, and the sums of the embedding differ in their last bits (fused scores by ~1e-6)."""
    if isinstance(a, float) or isinstance(b, float):
        return isinstance(a, (int, float)) and isinstance(b, (int, float)) and abs(a - b) <= 1e-4
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


@pytest.mark.slow
def test_search_and_ask_are_answered_by_the_running_server_as_they_are_alone(built_data, live_server):
    announced = [json.loads(p.read_text("utf-8")) for p in running_server.folder().glob("*.json")]
    assert {"url": live_server.url, "pid": live_server.proc.pid, "data": str(built_data.resolve())} in announced
    assert not (built_data / "serving").exists()   # the data directory is only read
    for command in (("search", "燃气管道老化更新改造", "-k", "5"), ("ask", "燃气安全归哪个部门管？")):
        served = run_cli(*command, "--json", data=built_data)
        assert served.returncode == 0, served.stderr[-2000:]
        assert f"{NOTE} {live_server.url}" in served.stderr
        alone = run_cli(*command, "--json", "--local", data=built_data)
        assert alone.returncode == 0, alone.stderr[-2000:]
        assert NOTE not in alone.stderr
        assert same(json.loads(served.stdout), json.loads(alone.stdout))
        print(f"\n{command[0]}: the same answer from the server and alone")
    # what /search does not take is answered alone
    proc = run_cli("search", "燃气", "--method", "bm25", "-k", "3", "--json", data=built_data)
    assert proc.returncode == 0 and NOTE not in proc.stderr


def test_same_compares_floats_loosely_and_the_rest_exactly():
    assert same({"a": [1.0, {"b": "x"}]}, {"a": [1.00001, {"b": "x"}]})
    assert not same({"a": [1.0]}, {"a": [1.01]}) and not same({"a": "x"}, {"a": "y"})
    assert not same([1.0], [1.0, 2.0]) and not same({"a": 1}, {"b": 1})


@pytest.fixture
def runtime(tmp_path, monkeypatch):
    """A private runtime folder of this test's own."""
    run = tmp_path / "run"
    run.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(run))
    return run


def test_a_server_of_another_build_a_copy_or_a_dead_process_is_not_asked(tmp_path, runtime):
    data = tmp_path / "data"
    data.mkdir()
    base = running_server.folder()
    base.mkdir(mode=0o700)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    prefix = running_server._prefix(data)
    cases = {
        "dead": {"url": "http://127.0.0.1:9", "pid": int(dead.stdout), "data": str(data.resolve())},
        "copied": {"url": "http://127.0.0.1:9", "pid": os.getpid(), "data": "/elsewhere/data"},
        "remote": {"url": "http://192.0.2.1:8000", "pid": os.getpid(), "data": str(data.resolve())},
        "group": {"url": "http://127.0.0.1:9", "pid": 0, "data": str(data.resolve())},
        "garbage": "not json",
        "closed": {"url": "http://127.0.0.1:9", "pid": os.getpid(), "data": str(data.resolve())},
    }
    for name, content in cases.items():
        (base / f"{prefix}-{name}.json").write_text(content if isinstance(content, str) else json.dumps(content), "utf-8")
    assert running_server.find(data, "gen-000001", "2026-01-01T00:00:00Z") is None
    assert not (base / f"{prefix}-dead.json").exists()   # a dead server's file is cleared away


def test_a_server_is_asked_only_for_the_live_build(live_server, built_data):
    from clitools import manifest

    live = os.readlink(built_data / "current")
    built_at = manifest(built_data)["built_at"]
    assert running_server.find(built_data, os.path.basename(live), built_at) == live_server.url
    assert running_server.find(built_data, os.path.basename(live), "1999-01-01T00:00:00Z") is None
    assert running_server.find(built_data, "gen-999999", built_at) is None


def test_the_announcement_goes_with_the_server(tmp_path, runtime):
    with running_server.announced(tmp_path, "http://127.0.0.1:8000"):
        [path] = running_server.folder().glob("*.json")
        assert json.loads(path.read_text("utf-8"))["pid"] == os.getpid()
        assert path.name.startswith(running_server._prefix(tmp_path))
    assert not list(running_server.folder().glob("*"))
    assert not list(tmp_path.glob("serving*"))


def test_a_folder_others_can_write_to_is_neither_used_nor_trusted(tmp_path, runtime):
    base = running_server.folder()
    base.mkdir(mode=0o700)
    base.chmod(0o777)
    with running_server.announced(tmp_path, "http://127.0.0.1:8000"):
        assert not list(base.glob("*.json"))
    (base / f"{running_server._prefix(tmp_path)}-1.json").write_text(
        json.dumps({"url": "http://127.0.0.1:9", "pid": os.getpid(), "data": str(tmp_path.resolve())}), "utf-8")
    assert running_server.find(tmp_path, "gen-000001", None) is None


@pytest.mark.parametrize("host, url", [("127.0.0.1", "http://127.0.0.1:8000"), ("0.0.0.0", "http://127.0.0.1:8000"),
                                       ("::", "http://[::1]:8000"), ("::1", "http://[::1]:8000")])
def test_the_url_of_a_bind_address(host, url):
    assert running_server.loopback_url(host, 8000) == url
