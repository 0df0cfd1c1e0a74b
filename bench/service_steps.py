"""The service's start-up step by step (wall time, growth of resident memory), in this process.

Wraps whichever loading steps the Service of the checkout being measured has (every record
read at start before the lookup tables; the lookup tables after), so one file measures both:

    PYTHONPATH=CHECKOUT POLICYKG_CACHE=CACHE python bench/service_steps.py DATA_DIR LABEL
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import rss_mb  # noqa: E402

STEPS: dict[str, tuple[float, float]] = {}   # step -> (seconds, MB of resident memory added)


def timed(name: str, fn):
    def run(*args, **kwargs):
        started, before = time.perf_counter(), rss_mb()
        out = fn(*args, **kwargs)
        STEPS[name] = (time.perf_counter() - started, rss_mb() - before)
        return out
    return run


def main() -> None:
    data, label = Path(sys.argv[1]), sys.argv[2]

    def load():
        from search_api.service import readmodel
        return readmodel
    readmodel = timed("imports", load)()
    from search_api.settings import Settings

    service = readmodel.Service
    for step in ("_load_records", "_open_store", "_open_index"):
        if hasattr(service, step):
            setattr(service, step, timed(step, getattr(service, step)))
    if hasattr(readmodel, "LookupTables"):
        readmodel.LookupTables = timed("lookup tables", readmodel.LookupTables)
    svc = timed("Service() in all", service)(Settings.from_env(data=data))
    timed("first health check (starts a store worker)", svc.health)()
    print(label, json.dumps({k: [round(s, 2), round(mb)] for k, (s, mb) in STEPS.items()}, ensure_ascii=False),
          f"resident {rss_mb():.0f} MB", flush=True)
    svc.close()


if __name__ == "__main__":
    main()
