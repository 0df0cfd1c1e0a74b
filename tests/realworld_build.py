"""The nine real-world documents of ../shared/realworld ingested on top of a build (corpus +
reference laws), with the metadata of tests/gold/realworld/documents.toml, as a user would
give it to `policykg ingest` (title, kind, region, level, issuer, period, date).

Used by the owner-question and search evaluation (tests/search_api/test_ask_quality.py).
``python tests/realworld_build.py SRC DEST`` makes the same build by hand for iterating:
point $POLICYKG_ASK_DATA at DEST to reuse it.
"""

from __future__ import annotations

import shutil
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DOCUMENTS = REPO / "tests" / "gold" / "realworld" / "documents.toml"
_META_KEYS = ("title", "kind", "region", "level", "issuer", "date")


def realworld_entries() -> list[tuple[Path, object]]:
    """(file, DocumentMeta) of every documents.toml entry read from shared/realworld."""
    from ingest.records import DocumentMeta

    entries = []
    for doc in tomllib.loads(DOCUMENTS.read_text("utf-8"))["document"]:
        source = doc["source"]
        if not source.startswith("realworld/") or "#" in source:
            continue
        fields = {k: doc[k] for k in _META_KEYS if k in doc}
        if "period" in doc:
            fields["period_start"], fields["period_end"] = doc["period"]
        entries.append((SHARED / source, DocumentMeta(id=doc["id"], **fields)))
    return entries


def build_realworld(base: Path, dest: Path, cache: Path | None = None) -> Path:
    """Copy the build ``base`` to ``dest`` and ingest the real-world documents into the copy."""
    from search_api.build.pipeline import ingest_entries
    from search_api.datadir.generations import DataDir

    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(base, dest, symlinks=True, ignore=shutil.ignore_patterns(".lock", "tmp-*", "cache"))
    data = DataDir(dest, cache)
    ingest_entries(realworld_entries(), data)
    return dest


if __name__ == "__main__":
    import os

    cache = os.environ.get("POLICYKG_CACHE")
    print(build_realworld(Path(sys.argv[1]), Path(sys.argv[2]), Path(cache) if cache else None))
