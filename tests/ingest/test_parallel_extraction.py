"""A large build extracts facts in worker processes; the records must not depend on it."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from ingest_helpers import SHARED  # noqa: E402

from ingest import parallel  # noqa: E402


def _square_or_fail(n: int) -> int:
    if n == 13:
        raise ValueError("thirteen")
    return n * n


def test_ordered_map_keeps_order_and_runs_closures_in_workers():
    offset = 1000   # a closure: nothing of the function is pickled, the workers inherit it
    items = list(range(parallel.PARALLEL_MIN_ITEMS * 3))
    assert list(parallel.ordered_map(lambda n: n + offset, items, workers=2)) == [n + offset for n in items]


def test_ordered_map_reports_a_worker_error_and_can_run_again():
    items = list(range(parallel.PARALLEL_MIN_ITEMS * 2))
    with pytest.raises(ValueError, match="thirteen"):
        list(parallel.ordered_map(_square_or_fail, items, workers=2))
    assert list(parallel.ordered_map(abs, items, workers=2)) == items   # the failed job left nothing behind


def test_ordered_map_runs_few_items_in_process():
    import os

    pids = set(parallel.ordered_map(lambda _: os.getpid(), [1, 2, 3], workers=2))
    assert pids == {os.getpid()}


@pytest.mark.skipif(not (SHARED / "reference").is_dir(), reason="needs ../shared")
def test_pooled_extraction_equals_one_process(tmp_path):
    from ingest.documents import ingest_documents

    lines = (SHARED / "reference" / "emergency_laws.jsonl").read_text("utf-8").splitlines()
    collection = tmp_path / "statutes.jsonl"
    collection.write_text("\n".join(lines[:parallel.PARALLEL_MIN_ITEMS + 4]) + "\n", "utf-8")
    serial = ingest_documents([(collection, None)], workers=1)
    pooled = ingest_documents([(collection, None)], workers=2)
    assert len(pooled) == len(serial) > parallel.PARALLEL_MIN_ITEMS
    assert [dataclasses.asdict(r.facts) for r in pooled] == [dataclasses.asdict(r.facts) for r in serial]
    assert sum(len(r.facts.actors) for r in serial) > 0   # the comparison is not of empty facts


class _RecordingExecutor(parallel.Executor):
    """Runs in this process, noting how many items each map handed it (a cluster's stand-in)."""

    def __init__(self):
        self.maps: list[int] = []

    def map(self, fn, items):
        self.maps.append(len(items))
        return (fn(item) for item in items)


def test_running_on_hands_every_ordered_map_to_the_executor_and_then_gives_the_pool_back():
    executor = _RecordingExecutor()
    with parallel.running_on(executor):
        assert list(parallel.ordered_map(abs, [-1, -2], workers=2)) == [1, 2]
    assert executor.maps == [2]
    assert list(parallel.ordered_map(abs, [-3], workers=2)) == [3] and executor.maps == [2]


@pytest.mark.skipif(not (SHARED / "reference").is_dir(), reason="needs ../shared")
def test_reading_and_extraction_go_through_the_executor_with_the_same_records(tmp_path):
    from ingest.documents import ingest_documents

    lines = (SHARED / "reference" / "emergency_laws.jsonl").read_text("utf-8").splitlines()
    collection = tmp_path / "statutes.jsonl"
    collection.write_text("\n".join(lines[:3]) + "\n", "utf-8")
    executor = _RecordingExecutor()
    with parallel.running_on(executor):
        elsewhere = ingest_documents([(collection, None)])
    assert executor.maps == [1, 3]   # the file read as one task, then each document's extraction
    here = ingest_documents([(collection, None)])
    assert [dataclasses.asdict(r) for r in elsewhere] == [dataclasses.asdict(r) for r in here]


_AFTER_PRELOAD = r"""
import sys
from pathlib import Path
from ingest.pipeline import ingest_path
records = [r for path in sys.argv[1:] for r in ingest_path(Path(path))]
from ingest.extract import extract_facts, preload
preload()
before = set(sys.modules)
facts = [extract_facts(r) for r in records]
assert sum(len(f.actors) for f in facts) and sum(len(f.deadlines) + len(f.indicators) for f in facts)
print(" ".join(sorted(set(sys.modules) - before)))
"""


@pytest.mark.skipif(not (SHARED / "reference").is_dir(), reason="needs ../shared")
def test_preload_leaves_extraction_nothing_to_load(tmp_path):
    """What a build loads before forking its workers is all extraction needs: extracting a law
    and a plan afterwards imports no module (the dictionaries and vocabularies are read by the
    modules' loaders, which preload calls), so no worker loads its own copy."""
    import subprocess

    from ingest_helpers import CORPUS, REPO

    law = tmp_path / "law.jsonl"
    law.write_text((SHARED / "reference" / "emergency_laws.jsonl").read_text("utf-8").splitlines()[0] + "\n", "utf-8")
    plan = next(CORPUS.glob("*.txt"))
    proc = subprocess.run([sys.executable, "-c", _AFTER_PRELOAD, str(law), str(plan)], cwd=REPO,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.split() == [], f"loaded on the first extraction after preload: {proc.stdout}"
