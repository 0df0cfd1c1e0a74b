"""Searches beside a busy Python thread, at several interpreter switch intervals.

A server's warm-up parses every document's facts on a background thread for minutes after
start-up at scale; it holds the interpreter lock whenever it runs, and a search thread that
returns from the model, FAISS or SQLite waits up to the switch interval to get it back. This
times the read-model's /search path in this process (the query embedded each time), with
no other thread, then with a thread parsing JSON in a loop, at 5 ms (Python's default),
1 ms and 0.5 ms (search_api.api.live.SWITCH_INTERVAL_S), alternating blocks:

    POLICYKG_CACHE=CACHE .venv/bin/python bench/gil_share.py DATA_DIR [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
from measure import machine, percentiles  # noqa: E402
from search_bench import queries  # noqa: E402

SETTINGS = (("no other thread, 5 ms", 0.005, False), ("busy thread, 5 ms", 0.005, True),
            ("busy thread, 1 ms", 0.001, True), ("busy thread, 0.5 ms", 0.0005, True))


def _busy(stop: threading.Event) -> None:
    """A warm-up's kind of work: pure-Python parsing, holding the interpreter lock."""
    blob = json.dumps([{"a": i, "b": [str(j) for j in range(20)]} for i in range(2000)])
    while not stop.is_set():
        json.loads(blob)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    from search_api.service.readmodel import Service
    from search_api.settings import Settings

    svc = Service(Settings.from_env(data=args.data), with_graph=False)
    index = svc.require_index()
    qs = queries()
    for q in qs[:10]:
        svc.search(q, k=10)
    medians: dict[str, list[float]] = {label: [] for label, _, _ in SETTINGS}
    default = sys.getswitchinterval()
    try:
        for _ in range(args.rounds):
            for label, interval, busy in SETTINGS:
                sys.setswitchinterval(interval)
                stop = threading.Event()
                worker = threading.Thread(target=_busy, args=(stop,), daemon=True)
                if busy:
                    worker.start()
                ms = []
                for q in qs:
                    index._query_vectors.clear()   # embed every time, as a new query would be
                    started = time.perf_counter()
                    svc.search(q, k=10)
                    ms.append((time.perf_counter() - started) * 1000)
                stop.set()
                if busy:
                    worker.join()
                medians[label].append(percentiles(ms)["p50"])
    finally:
        sys.setswitchinterval(default)
        svc.close()
    print(f"measured {machine()}; {len(qs)} queries per block; /search p50 (ms) per round:")
    for label, values in medians.items():
        print(f"  {label}: {values}")


if __name__ == "__main__":
    main()
