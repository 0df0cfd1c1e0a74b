"""The entry point of ingest: files -> complete DocumentRecords (structure and facts).

Reading, cleaning and segmenting a file (ingest.pipeline) gives a record its structure
tree; fact extraction (ingest.extract) gives it its facts. Everything that stores, renders
or indexes records takes them from here, complete; a record from ingest.pipeline alone is
an intermediate step (the structure tests and benchmarks use it as such).

Citations are linked to documents by title, so extraction needs the titles of the whole
corpus: those of the files read here, plus ``known_titles()`` (title -> document id) of
the documents already built when only some files are added (asked for once the files
have been read, so that a bad file is reported before anything else is loaded).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Optional

from ingest.errors import IngestError
from ingest.extract import extract_facts, preload
from ingest.parallel import forks_here, ordered_map
from ingest.pipeline import ingest_path
from ingest.progress import Progress, StageTimer, no_progress
from ingest.records import DocumentMeta, DocumentRecord


def ingest_documents(items: list[tuple[Path, Optional[DocumentMeta]]],
                     known_titles: Optional[Callable[[], dict[str, str]]] = None,
                     progress: Progress = no_progress,
                     timer: Optional[StageTimer] = None,
                     check: Optional[Callable[[DocumentRecord], None]] = None,
                     workers: Optional[int] = None) -> list[DocumentRecord]:
    """Complete records of every file in ``items`` (path, metadata or None), in order.

    Raises IngestError for a bad file or a document id used twice. ``check`` sees each
    record once it is read, before any extraction, and may refuse it by raising. ``timer``
    is charged the stages "ingest" (structure) and "extract" (facts), the latter spread over
    ``workers`` processes (None: one per core) when there are many documents.
    """
    timer = timer or StageTimer()
    records = read_structure(items, progress)
    for record in records if check else ():
        check(record)
    timer.lap("ingest")
    titles = {**(known_titles() if known_titles else {}), **titles_of(records)}
    if records and forks_here():
        preload()   # once here rather than once per forked worker
    facts = ordered_map(lambda record: extract_facts(record, titles), records, workers)
    for i, (record, record_facts) in enumerate(zip(records, facts)):
        record.facts = record_facts
        progress("extract", i + 1, len(records))
    timer.lap("extract")
    return records


def read_structure(items: list[tuple[Path, Optional[DocumentMeta]]],
                   progress: Progress = no_progress) -> list[DocumentRecord]:
    """Every file read and segmented (no facts yet); document ids must be unique."""
    records: list[DocumentRecord] = []
    seen: dict[str, str] = {}
    # One file after another here (workers=1: reading is light next to extraction, a fork pool
    # would cost more than it saves); a cluster executor (ingest.parallel.running_on) reads
    # each file as a task of its own.
    read = ordered_map(lambda item: ingest_path(*item), items, workers=1)
    for i, ((path, _meta), file_records) in enumerate(zip(items, read)):
        for record in file_records:
            if record.meta.id in seen:
                raise IngestError(path, f"document id {record.meta.id!r} is already used by {seen[record.meta.id]}")
            seen[record.meta.id] = str(path)
            records.append(record)
        progress("ingest", i + 1, len(items))
    return records


def titles_of(records: Iterable[DocumentRecord]) -> dict[str, str]:
    """Title -> document id, as citation linking reads them (a later document wins a shared title)."""
    return {r.meta.title: r.meta.id for r in records}
