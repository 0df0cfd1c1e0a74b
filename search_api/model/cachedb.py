"""The cache folder's SQLite key-value files (embeddings, search tokens): one way to key a text
and to open a file, so every cache behaves alike.

Appends are transactions (a crash loses at most the batch being written, never corrupts what
is there), lookups are by primary key, and the files survive data-directory generations.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

LOOKUP_CHUNK = 500   # keys per lookup query: stays well under SQLite's bound-parameter limit


def text_key(namespace: str, text: str) -> bytes:
    """sha256 of a text under a namespace (a model id, a tokenizer fingerprint)."""
    return hashlib.sha256(f"{namespace}\x00{text}".encode("utf-8")).digest()


def open_cache(cache_dir: Path, folder: str, file: str, table: str) -> sqlite3.Connection:
    """``cache_dir/folder/file``, created with ``table`` (a CREATE TABLE IF NOT EXISTS) if new."""
    path = Path(cache_dir) / folder
    path.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path / file, timeout=60)
    db.execute("PRAGMA journal_mode=WAL")   # readers (a server) and a writer (an ingest) at once
    db.execute(table)
    db.commit()
    return db
