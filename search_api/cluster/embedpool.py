"""Embedding on a Ray cluster: a pool of actors that each load the model once, from the cache
folder as a local build does (nothing is downloaded), and embed the batches they are given.

``EmbedderPool`` stands where a local build's embedder stands (search_api.index.builder): it
has the same model id and dimension, and ``embed_passages`` of a batch runs the actor's own
embedder on exactly that batch, so the vectors (and the embedding cache, which the driver
alone writes) are those of a local build. ``parallel_calls`` is the number of actors, so the
builder keeps every actor busy with one batch each.
"""

from __future__ import annotations

import queue
from pathlib import Path
from typing import Optional, Sequence

import numpy as np

from ingest.progress import Progress, no_progress
from search_api.model.base import TextEmbedder

# An actor whose process dies is started again (loading the model anew) and its call retried.
RESTARTS = 3


class EmbedActor:
    """The body of one actor (made a Ray actor class by ``EmbedderPool.start``)."""

    def __init__(self, model: Optional[str], cache_dir: str, engine: Optional[str]):
        from search_api.model.embedder import Embedder

        # One thread, no spinning (the serving set-up): the actor holds one CPU, and a node runs
        # one actor per CPU. A build engine would start a thread per core of the node in every
        # actor; on the 2-core box the two actors' four spinning threads embedded the scale
        # corpus at a quarter of the local rate.
        self._embedder = Embedder.load(model, Path(cache_dir), serving=True, engine=engine)

    def describe(self) -> tuple[str, int, str]:
        e = self._embedder
        return e.model_id, int(e.dim), getattr(e, "engine", "") or "fp32"

    def embed(self, texts: list[str], batch_size: int) -> np.ndarray:
        return self._embedder.embed_passages(texts, batch_size=batch_size)


class EmbedderPool(TextEmbedder):
    def __init__(self, ray, actors: list):
        self._ray = ray
        self._actors = actors
        self._idle: queue.Queue = queue.Queue()
        for actor in actors:
            self._idle.put(actor)
        self.model_id, self.dim, self.engine = ray.get(actors[0].describe.remote())

    @classmethod
    def start(cls, ray, size: int, model: Optional[str], cache_dir: Path, engine: Optional[str]) -> "EmbedderPool":
        actor_class = ray.remote(EmbedActor).options(num_cpus=1, max_restarts=RESTARTS, max_task_retries=RESTARTS)
        return cls(ray, [actor_class.remote(model, str(cache_dir), engine) for _ in range(max(1, size))])

    def parallel_calls(self) -> int:
        return len(self._actors)

    def embed_passages(self, texts: Sequence[str], batch_size: int = 32,
                       progress: Progress = no_progress) -> np.ndarray:
        """One batch on the next idle actor (safe to call from several threads at once)."""
        actor = self._idle.get()
        try:
            return self._ray.get(actor.embed.remote(list(texts), batch_size))
        finally:
            self._idle.put(actor)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        raise NotImplementedError("the cluster pool embeds passages for a build; queries are embedded locally")

    def close(self) -> None:
        """Free the actors' CPUs and memory."""
        for actor in self._actors:
            self._ray.kill(actor)
        self._actors = []
