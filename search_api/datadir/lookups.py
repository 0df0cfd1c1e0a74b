"""A generation's lookup tables (``lookups.sqlite``): what the read-model looks up, written at build time.

The server answers from these rows instead of loading every record at start: each document's
metadata, facts and section senses, the units (clauses, table rows, headings) in document
order, the mentions, sectors and bodies indexed by clause and by body, and what pages read
across every document: the indicators, the tasks each body leads, and the clauses that give a
body a duty (the candidates of an owner question, with the bodies they name). A serving
process then reads only the rows a request needs, so its start-up and memory do not grow with
the corpus, and nothing has to be gathered from every document's facts after start-up.

Rows are read back in the order the records are read from disk (``records.iter_records``:
file-name order; each row keeps its document's file name as ``doc_key``), so every lookup
answers as tables built in memory from the records would. They are written from the stored
form of each record (the dict ``records.write_record`` wrote), so nothing is serialised
twice. Like every file of a generation the table is written under a temporary name and
renamed (an incremental build starts from hard links). A generation built before this file
existed has none, and one of an older format lacks rows this code reads: ``open_tables`` then
fills an in-memory database from the records (the old start-up cost, the same answers).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, Optional

from ingest.records import DocumentRecord
from search_api.datadir.generations import DataDirError
from search_api.datadir.records import iter_stored

FILE = "lookups.sqlite"
FORMAT = 2   # 2: section senses, indicators, tasks led and duty clauses
OLDER_FORMATS = (1,)

# units_of(record) -> the record's units as dicts (Unit.to_dict), in document order: the index
# package cuts units, and the data directory only stores what it is given.
UnitRows = Callable[[DocumentRecord], list[dict]]
# duty_rows(record, units) -> (clause id, its text or None, the body mentions as dicts) of each
# clause that gives a body a duty, in the order an owner question reads them (ingest.elided).
DutyRows = Callable[[DocumentRecord, list[dict]], list[tuple[str, Optional[str], list[dict]]]]

_SCHEMA = """
CREATE TABLE info (format INTEGER NOT NULL);
CREATE TABLE documents (doc_key TEXT PRIMARY KEY, id TEXT NOT NULL UNIQUE, meta TEXT NOT NULL,
                        facts TEXT NOT NULL, sections TEXT NOT NULL);
CREATE TABLE units (id TEXT PRIMARY KEY, doc TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL,
                    unit TEXT NOT NULL);
CREATE TABLE mentions (doc_key TEXT NOT NULL, seq INTEGER NOT NULL, clause_id TEXT NOT NULL,
                       actor_id TEXT NOT NULL, mention TEXT NOT NULL);
CREATE TABLE sectors (doc_key TEXT NOT NULL, seq INTEGER NOT NULL, clause_id TEXT NOT NULL,
                      sector TEXT NOT NULL, UNIQUE (clause_id, sector));
CREATE TABLE actors (doc_key TEXT NOT NULL, seq INTEGER NOT NULL, id TEXT NOT NULL, actor TEXT NOT NULL);
CREATE TABLE indicators (doc_key TEXT NOT NULL, seq INTEGER NOT NULL, indicator TEXT NOT NULL);
CREATE TABLE tasks_led (actor_id TEXT NOT NULL, doc_key TEXT NOT NULL, seq INTEGER NOT NULL, task TEXT NOT NULL);
CREATE TABLE duties (doc TEXT NOT NULL, seq INTEGER NOT NULL, clause_id TEXT NOT NULL, text TEXT,
                     mentions TEXT NOT NULL);
"""
# Indexes after the rows: one sort instead of a b-tree insert per row.
_INDEXES = """
CREATE INDEX IF NOT EXISTS units_doc ON units(doc, seq);
CREATE INDEX IF NOT EXISTS mentions_clause ON mentions(clause_id);
CREATE INDEX IF NOT EXISTS mentions_actor ON mentions(actor_id);
CREATE INDEX IF NOT EXISTS sectors_clause ON sectors(clause_id);
CREATE INDEX IF NOT EXISTS actors_id ON actors(id);
CREATE INDEX IF NOT EXISTS indicators_doc ON indicators(doc_key, seq);
CREATE INDEX IF NOT EXISTS tasks_led_actor ON tasks_led(actor_id);
CREATE INDEX IF NOT EXISTS duties_doc ON duties(doc, seq);
CREATE INDEX IF NOT EXISTS duties_clause ON duties(clause_id);
"""


def doc_key(doc_id: str) -> str:
    """A row's ``doc_key``: its document's record file name, which orders rows as records are read."""
    return f"{doc_id}.json"


def doc_of_key(key: str) -> str:
    """The document id of a row's ``doc_key``."""
    return key[:-len(".json")]


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class TableWriter:
    """Rows of one document at a time, in any order (``add``), then the indexes (``finish``)."""

    def __init__(self, db: sqlite3.Connection, unit_rows: UnitRows, duty_rows: DutyRows, empty: bool = True):
        """``empty``: a new database (else one holding the tables already, to be changed)."""
        self._db, self._unit_rows, self._duty_rows = db, unit_rows, duty_rows
        if empty:
            db.executescript(_SCHEMA)
            db.execute("INSERT INTO info (format) VALUES (?)", (FORMAT,))

    def drop(self, doc_ids: list[str]) -> None:
        """Remove every row of these documents (removed, or about to be added again)."""
        for doc in doc_ids:
            key = doc_key(doc)
            self._db.execute("DELETE FROM documents WHERE id = ?", (doc,))
            self._db.execute("DELETE FROM units WHERE doc = ?", (doc,))
            self._db.execute("DELETE FROM duties WHERE doc = ?", (doc,))
            for table in ("mentions", "sectors", "actors", "indicators", "tasks_led"):
                self._db.execute(f"DELETE FROM {table} WHERE doc_key = ?", (key,))

    def add(self, stored: dict, record: DocumentRecord) -> None:
        """``stored``: the record as written to disk (``record.to_dict()``)."""
        doc, facts = record.meta.id, stored.get("facts") or {}
        key = doc_key(doc)
        db = self._db
        db.execute("INSERT INTO documents (doc_key, id, meta, facts, sections) VALUES (?, ?, ?, ?, ?)",
                   (key, doc, _dumps(stored["meta"]), _dumps(facts), _dumps(facts.get("sections", []))))
        units = self._unit_rows(record)
        # a unit id seen again replaces the earlier one, as a dict keyed by id would
        db.executemany("INSERT OR REPLACE INTO units (id, doc, seq, kind, unit) VALUES (?, ?, ?, ?, ?)",
                       [(u["id"], doc, seq, u["unit_kind"], _dumps(u)) for seq, u in enumerate(units)])
        db.executemany("INSERT INTO mentions (doc_key, seq, clause_id, actor_id, mention) VALUES (?, ?, ?, ?, ?)",
                       [(key, seq, m["clause_id"], m["actor_id"], _dumps(m))
                        for seq, m in enumerate(facts.get("mentions", []))])
        # a clause's sector is listed once, where first tagged (a clause is in one document)
        db.executemany("INSERT OR IGNORE INTO sectors (doc_key, seq, clause_id, sector) VALUES (?, ?, ?, ?)",
                       [(key, seq, t["clause_id"], t["sector"]) for seq, t in enumerate(facts.get("sectors", []))])
        db.executemany("INSERT INTO actors (doc_key, seq, id, actor) VALUES (?, ?, ?, ?)",
                       [(key, seq, a["id"], _dumps(a)) for seq, a in enumerate(facts.get("actors", []))])
        db.executemany("INSERT INTO indicators (doc_key, seq, indicator) VALUES (?, ?, ?)",
                       [(key, seq, _dumps(i)) for seq, i in enumerate(facts.get("indicators", []))])
        # a task is listed once per body leading it, however often the body is named
        db.executemany("INSERT INTO tasks_led (actor_id, doc_key, seq, task) VALUES (?, ?, ?, ?)",
                       [(actor_id, key, seq, _dumps(t)) for seq, t in enumerate(facts.get("tasks", []))
                        for actor_id in dict.fromkeys(m["actor_id"] for m in t.get("actors", [])
                                                      if m.get("role") == "lead")])
        db.executemany("INSERT INTO duties (doc, seq, clause_id, text, mentions) VALUES (?, ?, ?, ?, ?)",
                       [(doc, seq, clause_id, text, _dumps(mentions))
                        for seq, (clause_id, text, mentions) in enumerate(self._duty_rows(record, units))])

    def finish(self) -> None:
        self._db.executescript(_INDEXES)
        self._db.commit()


@contextmanager
def writing_tables(gen: Path, unit_rows: UnitRows, duty_rows: DutyRows,
                   start_from_current: bool = False) -> Iterator[TableWriter]:
    """A writer of ``gen/lookups.sqlite``, put in place when the block ends without an error.
    ``start_from_current``: begin with the rows of the file ``gen`` holds already (an
    incremental build: a hard link to the live generation's, copied, never written through);
    the caller drops the documents that change. Without such a file, or with one of an older
    format, every record of ``gen`` is added first (a generation from before these tables)."""
    final = Path(gen) / FILE
    tmp = Path(gen) / f".{FILE}.tmp-{os.getpid()}"
    tmp.unlink(missing_ok=True)
    copied = start_from_current and _format(final) == FORMAT
    if copied:
        shutil.copyfile(final, tmp)
    db = sqlite3.connect(tmp)
    db.execute("PRAGMA journal_mode = OFF")   # a temporary file: a failed run is thrown away
    try:
        writer = TableWriter(db, unit_rows, duty_rows, empty=not copied)
        if start_from_current and not copied:
            for stored, record in iter_stored(gen):
                writer.add(stored, record)
        yield writer
        writer.finish()
    except BaseException:
        db.close()
        tmp.unlink(missing_ok=True)
        raise
    db.close()
    os.replace(tmp, final)


def _format(path: Path) -> Optional[int]:
    """The format of the tables at ``path`` (None: no file, or not one of these tables)."""
    if not path.exists():
        return None
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            found = db.execute("SELECT format FROM info").fetchone()
        finally:
            db.close()
    except sqlite3.DatabaseError:
        return None
    return found[0] if found else None


def open_tables(gen: Path, unit_rows: UnitRows, duty_rows: DutyRows) -> sqlite3.Connection:
    """The generation's tables, read-only; filled in memory from its records when it has none,
    or has them in an older format (a build of earlier code: the same answers, a slower start)."""
    path = Path(gen) / FILE
    found_format = _format(path)
    older = found_format in OLDER_FORMATS
    if older:
        import logging

        logging.getLogger("policykg").warning(
            "policykg: %s was written by an earlier version (format %s); every record is read into memory "
            "instead, which is slow for a large build. `policykg build`, or any `policykg ingest` or "
            "`remove`, writes the current format.", path, found_format)
    if not path.exists() or older:
        db = sqlite3.connect(":memory:", check_same_thread=False)
        writer = TableWriter(db, unit_rows, duty_rows)
        for stored, record in iter_stored(gen):
            writer.add(stored, record)
        writer.finish()
        return db
    try:
        # Read-only: serving never writes to a generation.
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        found = db.execute("SELECT format FROM info").fetchone()
    except sqlite3.DatabaseError as exc:
        raise DataDirError(f"{path} is not a readable lookup table ({exc}); rebuild with `policykg build`") from None
    if not found or found[0] != FORMAT:
        db.close()
        raise DataDirError(f"{path} has format {found and found[0]}, not {FORMAT}; rebuild with `policykg build`")
    return db
