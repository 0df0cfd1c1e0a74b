"""SIGKILL at random points of build and ingest never leaves a broken data directory."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

from clitools import REPO, check_consistent, live_generation, manifest, run_cli

SEED = int(os.environ.get("POLICYKG_KILL_SEED", "20211"))


def _start(*args: str, data) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "search_api.cli", *args, "--data", str(data)],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def _kill_after(proc: subprocess.Popen, delay: float) -> str:
    time.sleep(delay)
    if proc.poll() is not None:
        return "finished before the kill"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    return "killed"


def test_build_and_ingest_killed_at_random_points(data_copy):
    rng = random.Random(SEED)
    delays = sorted(round(rng.uniform(0.3, 25.0), 1) for _ in range(5))
    print(f"\nkill seed {SEED}, delays {delays}")
    docs_before = {d["id"] for d in manifest(data_copy)["documents"]}
    for delay in delays:
        command = rng.choice([("build", "--corpus", "corpus"),
                              ("ingest", str(REPO / "corpus" / "kunshan-14fyp-safety-development.txt"))])
        what = _kill_after(_start(*command, data=data_copy), delay)
        print(f"  {command[0]:<6} at {delay:>5}s: {what}")
        check_consistent(data_copy)
        assert {d["id"] for d in manifest(data_copy)["documents"]} == docs_before
    # The next build recovers without manual clean-up.
    proc = run_cli("build", "--corpus", "corpus", data=data_copy)
    assert proc.returncode == 0, proc.stderr
    assert not list(data_copy.glob("tmp-*"))
    check_consistent(data_copy)


def test_concurrent_writers_are_serialised(data_copy):
    first = _start("build", "--corpus", "corpus", data=data_copy)
    try:
        time.sleep(1.0)
        second = run_cli("ingest", str(REPO / "corpus" / "kunshan-14fyp-safety-development.txt"),
                         data=data_copy)
        assert second.returncode == 2
        assert "another policykg build/ingest is writing" in second.stderr
    finally:
        out, err = first.communicate(timeout=900)
    assert first.returncode == 0, err
    check_consistent(data_copy)
