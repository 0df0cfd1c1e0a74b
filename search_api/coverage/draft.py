"""A draft file read and extracted as `policykg ingest` would, in memory: linked to nothing,
stored nowhere. Only coverage reads files at request time; serving otherwise never imports
ingest's readers, so the import stays inside the function."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from ingest.records import DocumentMeta, DocumentRecord
from search_api.errors import UserError


def read_draft(path: Path, meta: Optional[DocumentMeta] = None) -> DocumentRecord:
    from ingest.documents import ingest_documents

    records = ingest_documents([(Path(path), meta)])
    if not records:
        raise UserError(f"{Path(path).name}: no document found")
    return records[0]
