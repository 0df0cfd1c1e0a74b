"""The real-world development set (tests/gold/realworld): documents the product was never
tuned on, read from ../shared as a user would ingest them, with their hand-written gold.

``documents()`` lists the entries of documents.toml; ``extracted(doc)`` ingests one with the
metadata a user would give (title, kind, region, level, issuer, period, date) and extracts
its facts, once per test process; ``gold(doc, kind)`` reads one of its gold files.
"""

from __future__ import annotations

import csv
import gzip
import json
import tempfile
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Optional

from ingest_helpers import REPO, SHARED

DEV = REPO / "tests" / "gold" / "realworld"
COLUMNS = {
    "outline": ["doc", "level", "count"],
    "indicators": ["doc", "source", "name", "comparator", "value", "upper", "unit", "attribute", "clause"],
    "deadlines": ["doc", "clause", "expression", "date", "start", "recurrence"],
    "responsibilities": ["doc", "clause", "actor", "role", "surface"],
    "duties": ["doc", "clause", "actor", "role", "surface"],
}
_META_KEYS = ("title", "kind", "region", "level", "issuer")


def shared_available() -> bool:
    return (SHARED / "realworld").is_dir() and (SHARED / "scale").is_dir()


@lru_cache(maxsize=1)
def documents() -> tuple[dict, ...]:
    return tuple(tomllib.loads((DEV / "documents.toml").read_text("utf-8"))["document"])


def document(doc_id: str) -> dict:
    return next(d for d in documents() if d["id"] == doc_id)


def gold(doc_id: str, kind: str) -> Optional[list[dict[str, str]]]:
    """Rows of ``{doc}/{kind}.tsv`` (None when the document has no such file)."""
    path = DEV / doc_id / f"{kind}.tsv"
    if not path.exists():
        return None
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader)
    assert header == COLUMNS[kind], f"{path}: header {header}"
    return [dict(zip(header, [c.strip() for c in row])) for row in reader]


_SCRATCH = Path(tempfile.mkdtemp(prefix="policykg-realworld-"))


def source_file(doc: dict) -> Path:
    """The file a user would ingest: the markdown itself, or one entry of a JSON Lines
    collection written out as the statute markdown it holds."""
    source = doc["source"]
    if "#" not in source:
        return SHARED / source
    name, title = source.split("#", 1)
    with gzip.open(SHARED / name, "rt", encoding="utf-8") as fh:
        for line in fh:
            entry = json.loads(line)
            if entry["title"] == title:
                path = _SCRATCH / f"{doc['id']}.md"
                path.write_text(entry["content"], "utf-8")
                return path
    raise KeyError(f"{title!r} not in {name}")


def meta_for(doc: dict):
    from ingest.records import DocumentMeta

    fields = {k: doc[k] for k in _META_KEYS if k in doc}
    if "period" in doc:
        fields["period_start"], fields["period_end"] = doc["period"]
    meta = DocumentMeta(id=doc["id"], **fields)
    if "date" in doc and hasattr(meta, "date"):
        meta.date = doc["date"]
    return meta


@lru_cache(maxsize=None)
def ingested(doc_id: str):
    """The document's record (structure only)."""
    from ingest.pipeline import ingest_path

    doc = document(doc_id)
    [record] = ingest_path(source_file(doc), meta_for(doc))
    return record


@lru_cache(maxsize=None)
def extracted(doc_id: str):
    """The document's record with its facts."""
    from ingest.extract import extract_facts

    record = ingested(doc_id)
    record.facts = extract_facts(record)
    return record
