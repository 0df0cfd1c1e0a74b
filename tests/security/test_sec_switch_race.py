"""The generation switch under races: a reader pins what is live, cleanup never deletes what is
pinned.

The windows were: a reader that resolved ``current`` and then found that generation pruned by
two quick commits took it for "no build" (and a server failed to start or to switch); a reader
that pinned a generation superseded meanwhile served it as live.
"""

from __future__ import annotations

import json
import os
import random
import threading
import time

import pytest

from search_api.datadir import generations
from search_api.datadir.generations import KEEP_GENERATIONS, DataDir
from sectools import commit_generation

SWITCHES = 200


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
