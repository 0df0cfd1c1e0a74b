"""What every embedding engine shares: prompts, batching in length order, unit vectors.

An engine subclasses ``TextEmbedder`` and implements ``_encode(texts, prompt, batch_size)``
returning one row per text; ``prompt`` is a prompt *name* ("passage", "query") or None.
"""

from __future__ import annotations

from typing import Callable, Optional, Sequence

import numpy as np

from ingest.progress import Progress, no_progress


def unit_rows(vecs: np.ndarray) -> np.ndarray:
    """Rows scaled to length 1 (idempotent for models that already normalise)."""
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    return vecs / np.maximum(norms, 1e-12)


class TextEmbedder:
    engine = ""          # "fp32" | "int8"
    model_id = ""        # the embedding-cache key: names the model *and* the engine
    dim = 0
    _passage_prompt: Optional[str] = None
    _query_prompt: Optional[str] = None

    def _encode(self, texts: Sequence[str], prompt: Optional[str], batch_size: int) -> np.ndarray:
        raise NotImplementedError

    def parallel_calls(self) -> int:
        """How many embedding calls may usefully run at once on separate threads: one per core
        when each call computes on a single thread (a serving engine), else one. Calls on
        separate threads do not wait on each other the way one call's threads do on a busy box."""
        return 1

    def embed_passages(self, texts: Sequence[str], batch_size: int = 32,
                       progress: Progress = no_progress) -> np.ndarray:
        """(n, dim) float32 unit vectors for documents, with the "passage: " prompt.

        Texts are embedded in length order (less padding per batch), in chunks so
        that `progress("embed", done, total)` can report; rows keep input order.
        """
        n = len(texts)
        out = np.zeros((n, self.dim), dtype=np.float32)
        order = sorted(range(n), key=lambda i: len(texts[i]))
        chunk = max(batch_size * 8, 1)
        for start in range(0, n, chunk):
            idx = order[start:start + chunk]
            out[idx] = self._encode([texts[i] for i in idx], self._passage_prompt, batch_size)
            progress("embed", min(start + chunk, n), n)
        return out

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """(n, dim) float32 unit vectors for search queries, with the "query: " prompt."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self._encode(texts, self._query_prompt, batch_size=32)

    def query_in_two_steps(self, query: str) -> Callable[[], np.ndarray]:
        """``embed_queries([query])[0]`` in two steps: this call does what needs the interpreter
        lock beforehand (an engine that can tokenises here), the function it returns runs the
        model. A search starts its keyword side on another thread in between, which would
        otherwise hold the lock whenever the tokeniser wanted it back."""
        return lambda: self.embed_queries([query])[0]
