"""`policykg …` with the bytes a cluster build moves counted at the driver (bench/cluster_bench.py).

    python bench/cluster_probe.py COUNTS.json build --corpus … --cluster ray://…

Runs the CLI unchanged in this process, with two wrappers around the seams a cluster build
uses: each per-document task stage (search_api.cluster.tasks.RayTasks.map) and each call to
the embedding actors (EmbedderPool.embed_passages). They measure, with Ray's own serializer,
the bytes of what goes out (the stage's function once, each item; each batch of texts) and
what comes back (each result; each batch of vectors), and the time the calls take. These are
the bytes that cross from the driver to the cluster and back (over the network when the
driver is not on a node), not Ray's internal copies between nodes. Measuring serializes each
object a second time; that time is counted too (``probe_seconds``) so it can be told apart.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from pathlib import Path

from ray import cloudpickle

from search_api.cluster.embedpool import EmbedderPool
from search_api.cluster.tasks import RayTasks

stages: list[dict] = []
embedding = {"calls": 0, "texts": 0, "bytes_out": 0, "bytes_back": 0, "call_seconds": 0.0, "actors": 0}
probe = {"seconds": 0.0}
_lock = threading.Lock()   # the index builder calls the actors from several threads


def _size(obj) -> int:
    started = time.perf_counter()
    size = len(cloudpickle.dumps(obj))
    with _lock:
        probe["seconds"] += time.perf_counter() - started
    return size


def _stage_name(fn) -> str:
    return getattr(fn, "__qualname__", type(fn).__name__)


def _counting_map(original):
    def map(self, fn, items):
        stage = {"stage": _stage_name(fn), "items": len(items), "function_bytes": _size(fn),
                 "bytes_out": sum(_size(item) for item in items), "bytes_back": 0}
        stages.append(stage)
        started = time.perf_counter()
        for result in original(self, fn, items):
            stage["bytes_back"] += _size(result)
            # set at each result: a caller that zips stops without exhausting the generator
            stage["seconds"] = round(time.perf_counter() - started, 3)
            yield result
    return map


def _counting_embed(original):
    def embed_passages(self, texts, batch_size=32, **kwargs):
        embedding["actors"] = self.parallel_calls()
        started = time.perf_counter()
        vectors = original(self, texts, batch_size, **kwargs)
        seconds = time.perf_counter() - started   # this actor's share: the call holds it
        out = _size(list(texts))
        with _lock:
            embedding.update(calls=embedding["calls"] + 1, texts=embedding["texts"] + len(texts),
                             bytes_out=embedding["bytes_out"] + out,
                             bytes_back=embedding["bytes_back"] + vectors.nbytes,
                             call_seconds=embedding["call_seconds"] + seconds)
        return vectors
    return embed_passages


def main() -> None:
    counts, cli = Path(sys.argv[1]), sys.argv[2:]
    RayTasks.map = _counting_map(RayTasks.map)
    EmbedderPool.embed_passages = _counting_embed(EmbedderPool.embed_passages)
    from search_api.cli import main as policykg

    sys.argv = ["policykg", *cli]
    try:
        policykg()
    finally:
        embedding["call_seconds"] = round(embedding["call_seconds"], 3)
        counts.write_text(json.dumps({"stages": stages, "embedding": embedding,
                                      "probe_seconds": round(probe["seconds"], 3)}, indent=1))


if __name__ == "__main__":
    main()
