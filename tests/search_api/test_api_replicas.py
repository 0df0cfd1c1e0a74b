"""Replicated serving: two `policykg serve` processes on one data directory, behind a round-robin
client, give the same answers, never write into the generation they serve, and both move to the
generation an ingest makes.

One replica may not write at all: run as root, the data directory is handed to another user and
that replica runs without the capabilities that let root write other users' files, so it reads
through the "other" permission bits only, as a host mounting the directory read-only would.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from clitools import live_generation, run_cli
from liveserver import LiveServer
from realworld_build import realworld_entries

pytestmark = pytest.mark.slow   # builds the corpus, starts two servers, ingests a plan

NEW_PLAN = "suzhou-disaster-relief-plan"   # a real emergency plan, not in the shipped corpus
NOBODY = 65534
SWITCH_TIMEOUT_S = 180


class RoundRobin:
    """The tiniest load balancer: each request goes to the next replica in turn."""

    def __init__(self, urls: list[str]):
        self.clients = [httpx.Client(base_url=url, timeout=120) for url in urls]
        self._turn = itertools.cycle(self.clients)

    def get(self, path: str, **kw) -> httpx.Response:
        return next(self._turn).get(path, **kw)

    def close(self) -> None:
        for client in self.clients:
            client.close()


def _snapshot(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Mode, size and modification time of every file and directory below ``folder`` (a directory's
    time changes when anything is created or deleted in it: a journal, a lock file)."""
    out = {}
    for path in [folder, *folder.rglob("*")]:
        st = path.lstat()
        out[str(path.relative_to(folder))] = (st.st_mode, st.st_size, st.st_mtime_ns)
    return out


def _exit_status(argv: list[str]) -> int:
    return subprocess.run(argv, capture_output=True).returncode


def _read_only_runner(data: Path) -> tuple[str, ...]:
    """A wrapper under which a server cannot write into ``data``, or () where this needs rights
    the test does not have (then the snapshots alone show that nothing is written)."""
    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0 or setpriv is None:
        return ()
    runner = (setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner", "--")
    if _exit_status([*runner, "true"]) != 0:   # a container that may not drop capabilities
        return ()
    for path in [data, *data.rglob("*")]:
        os.lchown(path, NOBODY, NOBODY)
    return runner


@pytest.fixture(scope="module")
def replicas(built_corpus, tmp_path_factory):
    data = tmp_path_factory.mktemp("replicas") / "data"
    shutil.copytree(built_corpus, data, symlinks=True)
    read_only = _read_only_runner(data)
    if read_only:   # the wrapper really denies writes here
        assert _exit_status([*read_only, "touch", str(data / "probe")]) != 0
        assert not (data / "probe").exists()
    before = _snapshot(data)   # before any server starts: start-up must write nothing either
    logs = tmp_path_factory.mktemp("replica-logs")
    servers = [LiveServer(data, logs / "a.log"), LiveServer(data, logs / "b.log", wrapper=read_only)]
    try:
        for server in servers:
            server.wait_ready()
        yield data, before, servers, bool(read_only)
    finally:
        for server in servers:
            server.stop()


def _same_from_each(rr: RoundRobin, path: str, **kw) -> httpx.Response:
    """Send the request once to every replica (round robin) and require one answer."""
    answers = [rr.get(path, **kw) for _ in rr.clients]
    for answer in answers:
        assert answer.status_code == 200, f"{path}: {answer.status_code} {answer.text[:300]}"
    assert len({a.content for a in answers}) == 1, f"{path}: the replicas answer differently"
    return answers[0]


def test_replicas_answer_alike_write_nothing_and_follow_an_ingest(replicas):
    data, before, servers, read_only = replicas
    old_gen = live_generation(data)
    old_before = _snapshot(old_gen)
    rr = RoundRobin([s.url for s in servers])
    try:
        from kg.library import list_queries
        library = {q.name: q.text for q in list_queries()}
        hits = _same_from_each(rr, "/search", params={"q": "燃气管道老化更新改造", "k": 10}).json()["results"]
        assert hits
        answer = _same_from_each(rr, "/ask", params={"q": "燃气安全归哪个部门管？"}).json()
        assert answer["matters"]
        rows = _same_from_each(rr, "/sparql", params={"query": library["compare_indicator"]},
                               headers={"Accept": "application/sparql-results+json"}).json()
        assert rows["results"]["bindings"]
        page = _same_from_each(rr, "/plans/wujiang-14fyp-emergency").json()
        assert page["id"] == "wujiang-14fyp-emergency"
        _same_from_each(rr, f"/clauses/{hits[0]['clause_id']}")
        assert _snapshot(data) == before, "a replica wrote into the data directory it serves"

        path, meta = next((p, m) for p, m in realworld_entries() if m.id == NEW_PLAN)
        proc = run_cli("ingest", str(path), "--id", meta.id, "--title", meta.title, "--region", meta.region,
                       "--kind", meta.kind, "--json", data=data, timeout=900)
        assert proc.returncode == 0, proc.stderr[-3000:]
        new_gen = live_generation(data).name
        assert new_gen != old_gen.name

        deadline = time.monotonic() + SWITCH_TIMEOUT_S
        seen: list[dict] = []
        while time.monotonic() < deadline:
            seen = [c.get("/healthz").json() for c in rr.clients]
            if all(h["generation"] == new_gen and h["status"] == "ok" for h in seen):
                break
            time.sleep(1)
        assert [h["generation"] for h in seen] == [new_gen] * len(servers), \
            f"replicas did not switch to {new_gen} (read-only replica: {read_only}): {seen}"
        plans = _same_from_each(rr, "/plans").json()
        assert NEW_PLAN in {p["id"] for p in plans}
        found = _same_from_each(rr, "/search", params={"q": "自然灾害救助应急响应", "plan": NEW_PLAN, "k": 5})
        assert found.json()["results"]
    finally:
        rr.close()
    # the old generation (the two newest are kept) was not touched by the ingest either
    assert _snapshot(old_gen) == old_before
