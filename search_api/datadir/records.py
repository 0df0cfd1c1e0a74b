"""Records on disk: the one module that reads and writes a generation's ``records/ID.json``.

A stored record is complete, as ingest produces it (structure and facts; see
``ingest.documents``), serialised by ``DocumentRecord.to_dict``. Files are replaced
atomically, never modified in place: an incremental build starts from hard links to
the live generation's files.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Optional

from ingest.records import DocumentRecord
from search_api.datadir.generations import write_json_atomic

FOLDER = "records"


def records_dir(gen: Path) -> Path:
    return Path(gen) / FOLDER


def record_path(gen: Path, doc_id: str) -> Path:
    # ids are ASCII slugs for plans; laws get ids made safe for file names by ingest
    return records_dir(gen) / f"{doc_id}.json"


def has_record(gen: Path, doc_id: str) -> bool:
    return record_path(gen, doc_id).exists()


def write_record(gen: Path, record: DocumentRecord) -> None:
    write_json_atomic(record_path(gen, record.meta.id), record.to_dict())


def remove_record(gen: Path, doc_id: str) -> None:
    record_path(gen, doc_id).unlink()


def load_record(gen: Path, doc_id: str) -> DocumentRecord:
    return DocumentRecord.from_dict(json.loads(record_path(gen, doc_id).read_text("utf-8")))


def iter_records(gen: Path) -> Iterable[DocumentRecord]:
    """Every stored record, in file-name order."""
    for path in sorted(records_dir(gen).glob("*.json")):
        yield DocumentRecord.from_dict(json.loads(path.read_text("utf-8")))


def stored_source_file(gen: Path, doc_id: str) -> Optional[str]:
    """The source file a stored record was ingested from (without parsing the whole record)."""
    return json.loads(record_path(gen, doc_id).read_text("utf-8"))["meta"].get("source_file")
