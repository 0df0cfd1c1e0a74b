"""An index as segments: a base segment from the last full build or compaction, delta segments
from incremental changes, and tombstones (the units of removed or replaced documents).

Layout of an index directory (format 2)::

    index.json          model, statistics and the segment list, written last
    seg-000001/         dense.faiss, postings/ (search_api.index.postings), units.sqlite
    seg-000002/         ...

``index.json`` names the segments in order with their unit counts and removed local
positions. Segments are laid end to end: segment i's unit j is global position offset_i + j,
removed units included (they are never scored, filtered in or returned). A segment's files
are never changed once written: a change writes a new segment and a new index.json, so a
new generation that starts as hard links of the live one never alters it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

import numpy as np

from search_api.errors import UserError
from search_api.index import dense
from search_api.index.bm25 import KeywordIndex
from search_api.index.postings import Postings
from search_api.index.units import Unit
from search_api.index.unitstore import UnitStore

FORMAT = 2
PREFIX = "seg-"


@dataclass
class SegmentEntry:
    """A segment as index.json lists it."""
    name: str
    units: int
    removed: list[int] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"name": self.name, "units": self.units, "removed": sorted(self.removed)}

    @classmethod
    def from_dict(cls, d: dict) -> "SegmentEntry":
        return cls(d["name"], int(d["units"]), [int(p) for p in d.get("removed", [])])


def entries_of(meta: dict) -> list[SegmentEntry]:
    """The segments an index.json lists; an index from before segments is refused clearly."""
    if meta.get("format") != FORMAT or "segments" not in meta:
        raise UserError(
            f"this search index has format {meta.get('format')!r}, written by an older policykg; "
            "run `policykg build` to rebuild it (incremental ingest/remove rebuild it too)")
    return [SegmentEntry.from_dict(d) for d in meta["segments"]]


def next_name(entries: list[SegmentEntry]) -> str:
    last = max((int(e.name[len(PREFIX):]) for e in entries), default=0)
    return f"{PREFIX}{last + 1:06d}"


class Segment:
    def __init__(self, folder: Path, entry: SegmentEntry, offset: int):
        self.folder = folder
        self.entry = entry
        self.offset = offset
        self.units = UnitStore(folder)
        if self.units.size != entry.units:
            raise UserError(f"index segment {folder.name} holds {self.units.size} units, index.json says "
                            f"{entry.units}; run `policykg build`")
        self.removed = np.asarray(sorted(entry.removed), dtype=np.int64)
        self.live = np.ones(entry.units, dtype=bool)
        self.live[self.removed] = False
        self._faiss = None
        self._postings = None

    @property
    def faiss(self):
        if self._faiss is None:
            self._faiss = dense.load(self.folder)
        return self._faiss

    @property
    def postings(self) -> Postings:
        if self._postings is None:
            self._postings = Postings.load(self.folder)
        return self._postings

    def local(self, positions: np.ndarray) -> np.ndarray:
        """Which of the global ``positions`` (sorted) fall in this segment, as local positions."""
        lo, hi = np.searchsorted(positions, [self.offset, self.offset + self.entry.units])
        return positions[lo:hi] - self.offset


class Segments:
    """The unit table, dense search and BM25 of all segments, in global positions."""

    def __init__(self, folder: Path, entries: list[SegmentEntry]):
        self.folder = folder
        self.segments: list[Segment] = []
        offset = 0
        for entry in entries:
            self.segments.append(Segment(folder / entry.name, entry, offset))
            offset += entry.units
        self.span = offset                                    # global positions, removed included
        self.size = sum(int(s.live.sum()) for s in self.segments)   # live units

    def close(self) -> None:
        for s in self.segments:
            s.units.close()

    def keyword_index(self) -> KeywordIndex:
        return KeywordIndex([(s.postings, s.offset, s.live) for s in self.segments], self.span)

    # -- the unit table ------------------------------------------------------
    def position(self, unit_id: str) -> Optional[int]:
        found = self.positions([unit_id])
        return found.get(unit_id)

    def positions(self, unit_ids: Iterable[str]) -> dict[str, int]:
        """Global positions of the live units among ``unit_ids`` (a replaced document's old
        units share ids with its new ones: the live one is found)."""
        ids = list(dict.fromkeys(unit_ids))
        found: dict[str, int] = {}
        for s in reversed(self.segments):
            todo = [i for i in ids if i not in found]
            if not todo:
                break
            for uid, local in s.units.positions(todo).items():
                if s.live[local]:
                    found[uid] = s.offset + local
        return found

    def units_at(self, positions: Iterable[int]) -> list[Unit]:
        positions = [int(p) for p in positions]
        by_pos: dict[int, Unit] = {}
        for s in self.segments:
            mine = [p for p in positions if s.offset <= p < s.offset + s.entry.units]
            by_pos.update(zip(mine, s.units.units_at([p - s.offset for p in mine])))
        return [by_pos[p] for p in positions]

    def allowed(self, **filters) -> Optional[np.ndarray]:
        """Live global positions that pass the filters (UnitStore.allowed), or None when no
        filter is set."""
        parts = []
        for s in self.segments:
            local = s.units.allowed(**filters)
            if local is None:
                return None
            parts.append(local[s.live[local]] + s.offset)
        return np.concatenate(parts) if parts else np.empty(0, np.int64)

    # -- dense ---------------------------------------------------------------
    def dense_search(self, qvec: np.ndarray, k: int, allowed: Optional[np.ndarray] = None
                     ) -> tuple[np.ndarray, np.ndarray]:
        """Top-k (scores, global positions) over every segment, best first."""
        scores, positions = [], []
        for s in self.segments:
            if allowed is not None:
                local = s.local(allowed)
                if len(local) == 0:
                    continue
                found_scores, found = dense.search(s.faiss, qvec, k, allowed=local)
            else:
                found_scores, found = dense.search(s.faiss, qvec, k, excluded=s.removed)
            scores.append(found_scores)
            positions.append(found + s.offset)
        if not scores:
            return np.empty(0, np.float32), np.empty(0, np.int64)
        scores_all, positions_all = np.concatenate(scores), np.concatenate(positions)
        best = np.argsort(-scores_all, kind="stable")[:k]
        return scores_all[best], positions_all[best]

    def vectors_at(self, positions: np.ndarray) -> np.ndarray:
        positions = np.asarray(positions, dtype=np.int64)
        dim = self.segments[0].faiss.d
        out = np.empty((len(positions), dim), np.float32)
        for s in self.segments:
            mask = (positions >= s.offset) & (positions < s.offset + s.entry.units)
            if mask.any():
                out[mask] = dense.vectors_at(s.faiss, positions[mask] - s.offset)
        return out
