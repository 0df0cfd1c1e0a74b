"""The index's unit table: position <-> clause id, text and filter fields.

SQLite rather than one big JSON file so that opening an index over the scale
corpus (hundreds of thousands of units) reads only the rows a query returns,
and filters are one indexed SQL query.
"""

from __future__ import annotations

import json
import os
import sqlite3
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

import numpy as np

from search_api.index.units import Unit

FILE = "units.sqlite"

_SCHEMA = """
CREATE TABLE units (
  pos INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, plan_id TEXT NOT NULL, plan_title TEXT,
  doc_kind TEXT, unit_kind TEXT, section_kind TEXT, text TEXT NOT NULL,
  section_path TEXT, sectors TEXT, has_deadline INTEGER NOT NULL);
CREATE TABLE unit_sectors (pos INTEGER NOT NULL, sector TEXT NOT NULL);
CREATE INDEX units_plan ON units(plan_id);
CREATE INDEX unit_sectors_sector ON unit_sectors(sector);
"""

_COLUMNS = "pos, id, plan_id, plan_title, doc_kind, unit_kind, section_kind, text, section_path, sectors, has_deadline"


def write_units(folder: Path, units: Iterable[Unit]) -> int:
    """Write the table to a temp file and rename it into place (never modify in place:
    an incremental build starts from hard links to the live generation's files)."""
    final = folder / FILE
    tmp = folder / f".{FILE}.tmp-{os.getpid()}"
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    n = 0
    try:
        db.executescript(_SCHEMA)
        rows, sector_rows = [], []
        for pos, u in enumerate(units):
            rows.append((pos, u.id, u.plan_id, u.plan_title, u.doc_kind, u.unit_kind, u.section_kind,
                         u.text, json.dumps(u.section_path, ensure_ascii=False),
                         json.dumps(u.sectors, ensure_ascii=False), int(u.has_deadline)))
            sector_rows.extend((pos, s) for s in u.sectors)
            n += 1
        db.executemany(f"INSERT INTO units ({_COLUMNS}) VALUES ({','.join('?' * 11)})", rows)
        db.executemany("INSERT INTO unit_sectors (pos, sector) VALUES (?, ?)", sector_rows)
        db.commit()
    finally:
        db.close()
    os.replace(tmp, final)
    return n


def _row_to_unit(row: tuple) -> Unit:
    (_pos, uid, plan_id, plan_title, doc_kind, unit_kind, section_kind, text,
     section_path, sectors, has_deadline) = row
    return Unit(id=uid, plan_id=plan_id, plan_title=plan_title, doc_kind=doc_kind, unit_kind=unit_kind,
                text=text, section_path=list(_string_list(section_path)), section_kind=section_kind,
                sectors=list(_string_list(sectors)), has_deadline=bool(has_deadline))


@lru_cache(maxsize=8192)
def _string_list(stored: Optional[str]) -> tuple[str, ...]:
    """A stored JSON list, decoded once: the units of a section share its path, and most
    sector lists are one of a few (a search reads ~140 units)."""
    return tuple(json.loads(stored or "[]"))


class UnitStore:
    def __init__(self, folder: Path):
        path = folder / FILE
        # Read-only: a search never writes to a generation.
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self.size = self._db.execute("SELECT COUNT(*) FROM units").fetchone()[0]
        # Then rows are read through a memory map, not a read() per page: a search's 40 hits sit
        # on 40 pages across the file (40 random units of the scale build: 1.8 ms -> 0.8 ms).
        # Set after the count, whose scan of every page would otherwise be mapped into the process.
        self._db.execute(f"PRAGMA mmap_size = {max(path.stat().st_size, 1 << 20)}")

    def close(self) -> None:
        self._db.close()

    def position(self, unit_id: str) -> Optional[int]:
        row = self._db.execute("SELECT pos FROM units WHERE id = ?", (unit_id,)).fetchone()
        return row[0] if row else None

    def positions(self, unit_ids: Iterable[str]) -> dict[str, int]:
        """Positions of the units that exist among ``unit_ids``."""
        found: dict[str, int] = {}
        ids = list(dict.fromkeys(unit_ids))
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(self._db.execute(f"SELECT id, pos FROM units WHERE id IN ({marks})", chunk))
        return found

    def units_at(self, positions: Iterable[int]) -> list[Unit]:
        positions = [int(p) for p in positions]
        by_pos: dict[int, Unit] = {}
        for start in range(0, len(positions), 500):   # under SQLite's bound-parameter limit
            chunk = positions[start:start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT {_COLUMNS} FROM units WHERE pos IN ({marks})", chunk)
            by_pos.update((row[0], _row_to_unit(row)) for row in rows)
        return [by_pos[p] for p in positions]

    def document_blocks(self) -> list[tuple[str, int, int]]:
        """(document id, first position, units) of each document; a document's units are
        written together, so they are consecutive."""
        return list(self._db.execute("SELECT plan_id, MIN(pos), COUNT(*) FROM units GROUP BY plan_id"))

    def all_units(self) -> Iterable[Unit]:
        """Every unit, in position order (compaction copies them into a new segment)."""
        for row in self._db.execute(f"SELECT {_COLUMNS} FROM units ORDER BY pos"):
            yield _row_to_unit(row)

    def texts(self) -> Iterable[str]:
        for (text,) in self._db.execute("SELECT text FROM units ORDER BY pos"):
            yield text

    def plan_ids(self) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT DISTINCT plan_id FROM units ORDER BY plan_id")]

    def sectors(self) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT DISTINCT sector FROM unit_sectors ORDER BY sector")]

    def allowed(self, plan: Optional[str] = None, kind: Optional[str] = None,
                sector: Optional[str] = None, section_kind: Optional[str] = None,
                has_deadline: Optional[bool] = None, exclude_plan: Optional[str] = None) -> Optional[np.ndarray]:
        """Positions that pass the filters, or None when no filter is set."""
        where, args = [], []
        for column, value in (("plan_id", plan), ("doc_kind", kind), ("section_kind", section_kind)):
            if value is not None:
                where.append(f"{column} = ?")
                args.append(value)
        if exclude_plan is not None:
            where.append("plan_id != ?")
            args.append(exclude_plan)
        if has_deadline is not None:
            where.append("has_deadline = ?")
            args.append(int(has_deadline))
        if sector is not None:
            where.append("pos IN (SELECT pos FROM unit_sectors WHERE sector = ?)")
            args.append(sector)
        if not where:
            return None
        rows = self._db.execute(f"SELECT pos FROM units WHERE {' AND '.join(where)} ORDER BY pos", args)
        return np.fromiter((r[0] for r in rows), dtype=np.int64)
