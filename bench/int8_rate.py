"""The int8 engine's passage-embedding rate on a large build's own clauses, for projecting a cold
build: every 100th row of a generation's unit table, shuffled with a fixed seed, the first N
embedded in one call, as a build loads the engine.

    bench/int8_rate.py --data DATA --cache CACHE [--texts 3000] [--threads]

``--threads`` adds, in the same run, the same texts embedded as the index builder embeds them
(``embed_with_cache`` on an empty temporary cache, batches of the builder's size) in two ways:
the build engine (one call at a time, its threads on every core) and one single-threaded engine
call per core on as many threads; the vectors of both are compared.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def sample_texts(data: Path, n: int) -> list[str]:
    tables = (data / "current").resolve() / "lookups.sqlite"
    db = sqlite3.connect(f"file:{tables}?mode=ro", uri=True)
    try:
        texts = [r[0] for r in db.execute("SELECT json_extract(unit, '$.text') FROM units WHERE rowid % 100 = 7")]
    finally:
        db.close()
    random.Random(0).shuffle(texts)
    return texts[:n]


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="a built data directory")
    ap.add_argument("--cache", type=Path, required=True, help="its model cache (the int8 model built)")
    ap.add_argument("--texts", type=int, default=3000)
    ap.add_argument("--threads", action="store_true",
                    help="also the builder's way, one multi-threaded call vs one single-threaded call per core")
    args = ap.parse_args(argv)
    from search_api.index.search import load_embedder

    texts = sample_texts(args.data, args.texts)
    embedder = load_embedder(None, args.cache, engine="int8")
    cpu, wall = time.process_time(), time.perf_counter()
    embedder.embed_passages(texts)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"{len(texts)} texts, {sum(map(len, texts))} chars: {len(texts) / wall:.0f} texts/s wall, "
          f"{len(texts) / cpu:.0f} per CPU-second; load average {os.getloadavg()[0]:.2f}")
    if args.threads:
        one_call = as_the_builder(texts, embedder, "one call, every core")
        per_core = as_the_builder(texts, load_embedder(None, args.cache, serving=True, engine="int8"),
                                  "one single-threaded call per core")
        import numpy as np
        print(f"largest difference between the two ways' vectors: {float(np.abs(one_call - per_core).max()):.2e}")


def as_the_builder(texts: list[str], embedder, label: str):
    """``texts`` through the embedding cache (empty, temporary) as search_api.index.builder embeds."""
    import tempfile

    from search_api.index.builder import EMBED_BATCH
    from search_api.model.embcache import EmbeddingCache, embed_with_cache

    calls = embedder.parallel_calls()
    with tempfile.TemporaryDirectory() as tmp, EmbeddingCache(Path(tmp)) as cache:
        cpu, wall = time.process_time(), time.perf_counter()
        vectors, _, _ = embed_with_cache(texts, embedder.model_id, embedder.dim,
                                         lambda batch: embedder.embed_passages(batch, batch_size=EMBED_BATCH),
                                         cache, workers=calls)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"{label} ({calls} at once): {len(texts) / wall:.0f} texts/s wall, {len(texts) / cpu:.0f} per "
          f"CPU-second; load average {os.getloadavg()[0]:.2f}", flush=True)
    return vectors


if __name__ == "__main__":
    main()
