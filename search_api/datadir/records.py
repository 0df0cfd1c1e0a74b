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

from ingest.ids import is_safe_doc_id
from ingest.records import DocumentRecord
from search_api.datadir.generations import DataDirError, write_json_atomic

FOLDER = "records"


def records_dir(gen: Path) -> Path:
    return Path(gen) / FOLDER


def checked_id(doc_id: str) -> str:
    """The one check of a document id given by a user (CLI argument, URL) or stored: letters
    and digits (any script), '.', '_', '-', starting with a letter or digit (ingest.ids). Every
    path to a record is made from a checked id, so no id can name a file outside the
    generation's records folder."""
    if not isinstance(doc_id, str) or not is_safe_doc_id(doc_id):
        shown = repr(doc_id) if len(str(doc_id)) <= 80 else repr(str(doc_id)[:80]) + "…"
        raise DataDirError(f"not a document id: {shown} (ids are letters, digits, '.', '_' and '-', "
                           "starting with a letter or digit, at most 128 characters)")
    return doc_id


def record_path(gen: Path, doc_id: str) -> Path:
    return records_dir(gen) / f"{checked_id(doc_id)}.json"


def has_record(gen: Path, doc_id: str) -> bool:
    return record_path(gen, doc_id).exists()


def write_record(gen: Path, record: DocumentRecord) -> dict:
    """Store the record; returns the dict written (what the lookup tables are made from)."""
    stored = record.to_dict()
    write_json_atomic(record_path(gen, record.meta.id), stored)
    return stored


def remove_record(gen: Path, doc_id: str) -> None:
    record_path(gen, doc_id).unlink()


def load_record(gen: Path, doc_id: str) -> DocumentRecord:
    path = record_path(gen, doc_id)
    try:
        return DocumentRecord.from_dict(json.loads(path.read_text("utf-8")))
    except FileNotFoundError:
        raise DataDirError(f"the record of {doc_id} is missing ({path}); rebuild with `policykg build`") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise DataDirError(f"the record of {doc_id} is not readable ({path}: {exc}); "
                           "rebuild with `policykg build`") from None


def iter_records(gen: Path) -> Iterable[DocumentRecord]:
    """Every stored record, in file-name order."""
    return (record for _stored, record in iter_stored(gen))


def iter_stored(gen: Path) -> Iterable[tuple[dict, DocumentRecord]]:
    """Every stored record as read from its file (a dict) and as a record, in file-name order."""
    for path in sorted(records_dir(gen).glob("*.json")):
        stored = json.loads(path.read_text("utf-8"))
        yield stored, DocumentRecord.from_dict(stored)


def stored_source_file(gen: Path, doc_id: str) -> Optional[str]:
    """The source file a stored record was ingested from (without parsing the whole record)."""
    return json.loads(record_path(gen, doc_id).read_text("utf-8"))["meta"].get("source_file")
