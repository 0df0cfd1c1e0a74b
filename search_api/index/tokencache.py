"""Search tokens cached by sha256(tokenizer fingerprint + text), so rebuilds and compaction
re-tokenise nothing (jieba over the scale corpus takes about a minute).

One SQLite file in ``cache_dir/tokens``, like the embedding cache (search_api.model.embcache):
appends are transactions, lookups by primary key, and it survives data-directory generations.
The fingerprint covers the user dictionary and the code that segments and filters, so a
change to either is a new key rather than a stale token list.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from ingest import segmenter
from ingest.progress import Progress, no_progress
from search_api.index import tokens as tokens_module
from search_api.model.cachedb import LOOKUP_CHUNK, open_cache, text_key
from search_api.index.tokens import tokenize

_SEP = "\x1f"       # never inside a token: tokens are jieba segments of printable text


@lru_cache(maxsize=1)
def tokenizer_fingerprint() -> str:
    digest = hashlib.sha256(segmenter.userdict_fingerprint().encode())
    for module in (tokens_module, segmenter):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:16]


class TokenCache:
    def __init__(self, cache_dir: Path):
        self._db = open_cache(cache_dir, "tokens", "tokens.sqlite",
                              "CREATE TABLE IF NOT EXISTS tok (key BLOB PRIMARY KEY, tokens TEXT)")

    def __enter__(self) -> "TokenCache":
        return self

    def __exit__(self, *exc) -> None:
        self._db.close()

    def get_many(self, keys: Sequence[bytes]) -> dict[bytes, list[str]]:
        found: dict[bytes, list[str]] = {}
        for i in range(0, len(keys), LOOKUP_CHUNK):
            chunk = list(keys[i:i + LOOKUP_CHUNK])
            rows = self._db.execute(f"SELECT key, tokens FROM tok WHERE key IN ({','.join('?' * len(chunk))})",
                                    chunk)
            found.update((key, value.split(_SEP) if value else []) for key, value in rows)
        return found

    def put_many(self, items: Sequence[tuple[bytes, list[str]]]) -> None:
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO tok (key, tokens) VALUES (?, ?)",
                                 [(k, _SEP.join(v)) for k, v in items])


def tokenize_with_cache(texts: list[str], cache: TokenCache,
                        progress: Progress = no_progress) -> tuple[list[list[str]], int]:
    """Search tokens of every text, in order; returns (token lists, newly tokenised)."""
    fingerprint = tokenizer_fingerprint()
    keys = [text_key(fingerprint, t) for t in texts]
    have = cache.get_many(keys)
    todo = {k: t for k, t in zip(keys, texts) if k not in have}
    new: list[tuple[bytes, list[str]]] = []
    for i, (key, text) in enumerate(todo.items()):
        new.append((key, tokenize(text)))
        if (i + 1) % 2000 == 0:
            progress("bm25", i + 1, len(todo))
    cache.put_many(new)
    have.update(new)
    progress("bm25", len(todo), len(todo))
    return [have[k] for k in keys], len(todo)
