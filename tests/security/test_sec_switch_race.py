"""The generation switch under races: a reader pins what is live, cleanup never deletes what is
pinned, and a server's request keeps a whole, open Service while the server switches.

The windows were: a reader that resolved ``current`` and then found that generation pruned by
two quick commits took it for "no build" (and a server failed to start or to switch); a reader
that pinned a generation superseded meanwhile served it as live; a replaced Service was closed
on a timer, under a request still running on it (then its generation could be deleted too).
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import threading
import time

import pytest
from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient

from search_api.api import live as live_module
from search_api.api.live import LiveService
from search_api.api.routers.deps import service
from search_api.datadir import generations
from search_api.datadir.generations import KEEP_GENERATIONS, DataDir
from sectools import commit_generation

SWITCHES = 200
REQUESTERS = 4


@pytest.fixture
def data(tmp_path) -> DataDir:
    data = DataDir(tmp_path / "data")
    commit_generation(data, 0)
    return data


def test_a_commit_while_pinning_pins_the_new_generation(data, monkeypatch, outcomes):
    """Pin, then verify: a writer commits between the reader's reading ``current`` and its pin."""
    take = generations.Pin.take
    racing = iter([True])

    def take_after_a_commit(gen):
        if next(racing, False):
            commit_generation(data, 1)
        return take(gen)

    monkeypatch.setattr(generations.Pin, "take", staticmethod(take_after_a_commit))
    gen, pin = data.pin_current()
    try:
        outcomes.add("generations/race", "a commit between reading current and pinning", f"pinned {gen.name}")
        assert gen == data.current() and json.loads((gen / "manifest.json").read_text())["n"] == 1
        assert generations.is_pinned(gen)
    finally:
        pin.release()


def test_two_commits_while_resolving_current_are_not_no_build(data, monkeypatch, outcomes):
    """The generation ``current`` named is pruned before the reader looks into it."""
    readlink = os.readlink
    racing = iter([True])

    def readlink_then_two_commits(path, *args, **kwargs):
        target = readlink(path, *args, **kwargs)
        if str(path).endswith("current") and next(racing, False):
            commit_generation(data, 1)
            commit_generation(data, 2)   # prunes the generation just read
        return target

    monkeypatch.setattr(generations.os, "readlink", readlink_then_two_commits)
    gen, pin = data.pin_current()
    pin.release()
    outcomes.add("generations/race", "two commits between reading current and looking in", f"pinned {gen.name}")
    assert json.loads((gen / "manifest.json").read_text())["n"] == 2


def test_readers_pin_while_writers_commit_and_prune(data, outcomes):
    """Many commit/prune cycles against readers that pin, read and hold generations."""
    errors: list[str] = []
    pinned = []
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            try:
                gen, pin = data.pin_current()
            except Exception as exc:   # noqa: BLE001  (any failure is the finding)
                errors.append(f"pin_current: {exc!r}")
                continue
            try:
                for _ in range(2):   # what was pinned stays whole while pinned
                    json.loads((gen / "manifest.json").read_text())
                    time.sleep(random.random() / 1000)
                pinned.append(gen.name)
            except OSError as exc:
                errors.append(f"{gen.name} while pinned: {exc!r}")
            finally:
                pin.release()

    readers = [threading.Thread(target=read) for _ in range(3)]
    for t in readers:
        t.start()
    try:
        for n in range(1, SWITCHES + 1):
            commit_generation(data, n)
    finally:
        done.set()
        for t in readers:
            t.join(timeout=60)
    commit_generation(data, SWITCHES + 1)   # nothing pinned now: cleanup leaves the newest only
    outcomes.add("generations/race", f"{SWITCHES} commits, 3 readers pinning",
                 f"{len(pinned)} pins, {len(set(pinned))} generations, {len(errors)} errors")
    assert not errors, errors[:5]
    assert len(set(pinned)) > 1 and len(data._generations()) == KEEP_GENERATIONS


class _FakeService:
    """What LiveService needs of a Service, recording whether it was closed."""

    def __init__(self, board: dict, number: int):
        self.board = board
        self.generation = f"gen-{number:06d}"
        self.closed = False
        board["made"].append(self)

    def live_generation(self) -> str:
        return f"gen-{self.board['live']:06d}"

    def close(self) -> None:
        self.closed = True
        try:   # closing waits for query workers: never on the server's event loop
            asyncio.get_running_loop()
            self.board["closed_on_loop"] += 1
        except RuntimeError:
            pass


def test_a_request_keeps_an_open_service_across_switches(monkeypatch, outcomes):
    """Requests through the routers' dependency, slower than the switches: none may find its
    Service closed, and each replaced Service is closed once its last request ends."""
    monkeypatch.setattr(live_module, "GENERATION_CHECK_S", 0.0)
    board = {"live": 0, "made": [], "closed_on_loop": 0}
    app = FastAPI()
    app.state.live = LiveService(_FakeService(board, 0),
                                 load=lambda previous: _FakeService(board, board["live"]))

    @app.get("/use")
    def use(svc=Depends(service)) -> dict:
        closed = []
        for _ in range(3):
            closed.append(svc.closed)
            time.sleep(random.random() / 200)
        return {"closed": any(closed), "generation": svc.generation}

    answers: list[dict] = []
    done = threading.Event()

    def request() -> None:
        with TestClient(app) as client:
            while not done.is_set():
                answers.append(client.get("/use").json())

    requesters = [threading.Thread(target=request) for _ in range(REQUESTERS)]
    for t in requesters:
        t.start()
    try:
        for n in range(1, SWITCHES // 4 + 1):
            board["live"] = n
            time.sleep(0.01)
    finally:
        done.set()
        for t in requesters:
            t.join(timeout=60)
    switching = app.state.live._loading   # the last switch may still be under way
    if switching is not None:
        switching.join(timeout=60)
    served = {a["generation"] for a in answers}
    replaced = [s for s in board["made"] if s is not app.state.live.get()]
    outcomes.add("generations/race", f"{len(answers)} requests across {SWITCHES // 4} switches",
                 f"{len(served)} generations served, {sum(a['closed'] for a in answers)} saw a closed Service")
    assert answers and not any(a["closed"] for a in answers)
    assert len(served) > 2 and all(s.closed for s in replaced)
    assert board["closed_on_loop"] == 0
