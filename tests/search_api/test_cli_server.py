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
    announced = [json.loads(p.read_text("utf-8")) for p in (built_data / running_server.FOLDER).glob("*.json")]
    assert {"url": live_server.url, "pid": live_server.proc.pid, "data": str(built_data.resolve())} in announced
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


def test_a_server_of_another_build_a_copy_or_a_dead_process_is_not_asked(tmp_path):
    folder = tmp_path / running_server.FOLDER
    folder.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    cases = {
        "dead.json": {"url": "http://127.0.0.1:9", "pid": int(dead.stdout), "data": str(tmp_path.resolve())},
        "copied.json": {"url": "http://127.0.0.1:9", "pid": os.getpid(), "data": "/elsewhere/data"},
        "remote.json": {"url": "http://192.0.2.1:8000", "pid": os.getpid(), "data": str(tmp_path.resolve())},
        "group.json": {"url": "http://127.0.0.1:9", "pid": 0, "data": str(tmp_path.resolve())},
        "garbage.json": "not json",
        "closed.json": {"url": "http://127.0.0.1:9", "pid": os.getpid(), "data": str(tmp_path.resolve())},
    }
    for name, content in cases.items():
        (folder / name).write_text(content if isinstance(content, str) else json.dumps(content), "utf-8")
    assert running_server.find(tmp_path, "gen-000001", "2026-01-01T00:00:00Z") is None


def test_a_server_is_asked_only_for_the_live_build(live_server, built_data):
    from clitools import manifest

    live = os.readlink(built_data / "current")
    built_at = manifest(built_data)["built_at"]
    assert running_server.find(built_data, os.path.basename(live), built_at) == live_server.url
    assert running_server.find(built_data, os.path.basename(live), "1999-01-01T00:00:00Z") is None
    assert running_server.find(built_data, "gen-999999", built_at) is None


def test_the_announcement_goes_with_the_server(tmp_path):
    with running_server.announced(tmp_path, "http://127.0.0.1:8000"):
        [path] = (tmp_path / running_server.FOLDER).glob("*.json")
        assert json.loads(path.read_text("utf-8"))["pid"] == os.getpid()
    assert not list((tmp_path / running_server.FOLDER).glob("*"))
    readonly = tmp_path / "readonly"
    readonly.mkdir(mode=0o555)
    if os.access(readonly, os.W_OK):   # root writes anywhere: nothing to check
        return
    with running_server.announced(readonly, "http://127.0.0.1:8000"):   # a read-only replica: not announced
        assert not (readonly / running_server.FOLDER).exists()


@pytest.mark.parametrize("host, url", [("127.0.0.1", "http://127.0.0.1:8000"), ("0.0.0.0", "http://127.0.0.1:8000"),
                                       ("::", "http://[::1]:8000"), ("::1", "http://[::1]:8000")])
def test_the_url_of_a_bind_address(host, url):
    assert running_server.loopback_url(host, 8000) == url
