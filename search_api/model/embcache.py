"""Embeddings cached by sha256(model id + text), so rebuilds re-embed nothing.

One SQLite file in ``cache_dir/embeddings``: appends are transactions (a crash
loses at most the batch being written, never corrupts what is there), lookups
are by primary key, and it survives data-directory generations.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from ingest.progress import Progress, no_progress
from search_api.model.cachedb import LOOKUP_CHUNK, open_cache, text_key


class EmbeddingCache:
    def __init__(self, cache_dir: Path):
        self.path = Path(cache_dir) / "embeddings" / "embeddings.sqlite"
        self._db = open_cache(cache_dir, "embeddings", "embeddings.sqlite",
                              "CREATE TABLE IF NOT EXISTS emb (key BLOB PRIMARY KEY, dim INTEGER, vec BLOB)")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "EmbeddingCache":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def get_many(self, keys: Sequence[bytes], dim: int) -> dict[bytes, np.ndarray]:
        found: dict[bytes, np.ndarray] = {}
        for i in range(0, len(keys), LOOKUP_CHUNK):
            chunk = list(keys[i:i + LOOKUP_CHUNK])
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT key, vec FROM emb WHERE dim = ? AND key IN ({marks})", [dim, *chunk])
            for key, blob in rows:
                found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put_many(self, keys: Sequence[bytes], vectors: np.ndarray) -> None:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        with self._db:   # one transaction
            self._db.executemany(
                "INSERT OR REPLACE INTO emb (key, dim, vec) VALUES (?, ?, ?)",
                [(k, vectors.shape[1], v.tobytes()) for k, v in zip(keys, vectors)])

    def count(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM emb").fetchone()[0]


EmbedFn = Callable[[list[str]], np.ndarray]


def embed_with_cache(texts: list[str], model_id: str, dim: int, embed: EmbedFn,
                     cache: EmbeddingCache, batch: int = 256,
                     progress: Progress = no_progress, workers: int = 1) -> tuple[np.ndarray, int, int]:
    """Vectors for ``texts`` in order; only texts missing from the cache are embedded.

    Returns (vectors, newly_embedded, reused). New vectors are stored batch by
    batch, so an interrupted build keeps what it already paid for.

    ``workers`` > 1 runs that many ``embed`` calls at once, one batch each, for an engine
    that computes on one thread per call (a serving engine: see TextEmbedder.parallel_calls).
    The batches are the same as with one worker, so are the vectors, bit for bit; only the
    cache writes stay on the calling thread.
    """
    keys = [text_key(model_id, t) for t in texts]
    have = cache.get_many(keys, dim)
    todo: dict[bytes, str] = {}
    for key, text in zip(keys, texts):
        if key not in have and key not in todo:
            todo[key] = text
    # Length order: batches of similar length waste less padding in the model.
    todo_keys = sorted(todo, key=lambda k: len(todo[k]))
    chunks = [todo_keys[i:i + batch] for i in range(0, len(todo_keys), batch)]
    done = 0

    def store(chunk: list[bytes], vecs) -> None:
        nonlocal done
        vecs = np.asarray(vecs, dtype=np.float32)
        if vecs.shape != (len(chunk), dim):
            raise ValueError(f"embedder returned shape {vecs.shape}, expected ({len(chunk)}, {dim})")
        cache.put_many(chunk, vecs)
        have.update(zip(chunk, vecs))
        done += len(chunk)
        progress("embed", done, len(todo_keys))

    if workers > 1 and len(chunks) > 1:
        with ThreadPoolExecutor(min(workers, len(chunks))) as pool:
            # longest batches first, so that the threads finish at about the same time
            running = {pool.submit(embed, [todo[k] for k in chunk]): chunk for chunk in reversed(chunks)}
            for future in as_completed(running):
                store(running[future], future.result())
    else:
        for chunk in chunks:
            store(chunk, embed([todo[k] for k in chunk]))
    out = np.empty((len(texts), dim), dtype=np.float32)
    for row, key in enumerate(keys):
        out[row] = have[key]
    reused = len(texts) - len(todo_keys)
    return out, len(todo_keys), reused
