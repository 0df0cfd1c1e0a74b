"""An index as segments: a base segment from the last full build or compaction, delta segments
from incremental changes, and tombstones (the units of removed or replaced documents).

Layout of an index directory (format 2)::

    index.json          model, statistics and the segment list, written last
    seg-000001/         dense.faiss, postings/ (search_api.index.postings), units.sqlite
    seg-000002/         ...

``index.json`` names the segments in order with their unit counts and removed local
positions (the units of removed or replaced documents: never scored, filtered in or
returned). A segment's files are never changed once written: a change writes a new segment and a new index.json, so a
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
    def __init__(self, folder: Path, entry: SegmentEntry):
        self.folder = folder
        self.entry = entry
        self.units = UnitStore(folder)
        if self.units.size != entry.units:
            raise UserError(f"index segment {folder.name} holds {self.units.size} units, index.json says "
                            f"{entry.units}; run `policykg build`")
        self.removed = np.asarray(sorted(entry.removed), dtype=np.int64)
        self.live = np.ones(entry.units, dtype=bool)
        self.live[self.removed] = False
        self.position_of = np.full(entry.units, -1, dtype=np.int64)   # local -> index position (-1: removed)
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


def document_order_key(doc_id: str) -> str:
    """Where a document's units sit in the index: in the order a rebuild reads the stored records
    (file-name order of records/ID.json), so that units of equal score rank as in a rebuild."""
    return f"{doc_id}.json"


class Segments:
    """The unit table, dense search and BM25 of all segments.

    Positions are the index's own: the live units of every segment in one order, documents by
    ``document_order_key``, each document's units in their order. That is the order one
    segment rebuilt from the records would hold them in, so ties (equal scores, the cut of a
    candidate pool) fall the same way whatever order the documents came in.
    """

    def __init__(self, folder: Path, entries: list[SegmentEntry]):
        self.folder = folder
        self.segments = [Segment(folder / e.name, e) for e in entries]
        blocks = []   # (order key, segment, first local position, units) of each live document
        for i, s in enumerate(self.segments):
            for doc_id, first, count in s.units.document_blocks():
                if s.live[first]:    # a document's units are removed together
                    blocks.append((document_order_key(doc_id), i, first, count))
        blocks.sort()
        self.size = sum(b[3] for b in blocks)
        self._segment_of = np.empty(self.size, dtype=np.int32)
        self._local_of = np.empty(self.size, dtype=np.int64)
        at = 0
        for _key, i, first, count in blocks:
            self._segment_of[at:at + count] = i
            self._local_of[at:at + count] = np.arange(first, first + count)
            self.segments[i].position_of[first:first + count] = np.arange(at, at + count)
            at += count

    def close(self) -> None:
        for s in self.segments:
            s.units.close()

    def keyword_index(self) -> KeywordIndex:
        return KeywordIndex([(s.postings, s.position_of, s.live) for s in self.segments], self.size)

    def _by_segment(self, positions: np.ndarray):
        """(segment, mask of ``positions`` in it, their local positions) for each segment holding some."""
        positions = np.asarray(positions, dtype=np.int64)
        owner = self._segment_of[positions]
        for i, s in enumerate(self.segments):
            mask = owner == i
            if mask.any():
                yield s, mask, self._local_of[positions[mask]]

    # -- the unit table ------------------------------------------------------
    def position(self, unit_id: str) -> Optional[int]:
        return self.positions([unit_id]).get(unit_id)

    def positions(self, unit_ids: Iterable[str]) -> dict[str, int]:
        """Positions of the live units among ``unit_ids`` (a replaced document's old units
        share ids with its new ones: the live one is found)."""
        ids = list(dict.fromkeys(unit_ids))
        found: dict[str, int] = {}
        for s in reversed(self.segments):
            todo = [i for i in ids if i not in found]
            if not todo:
                break
            for uid, local in s.units.positions(todo).items():
                if s.live[local]:
                    found[uid] = int(s.position_of[local])
        return found

    def units_at(self, positions: Iterable[int]) -> list[Unit]:
        positions = np.fromiter((int(p) for p in positions), dtype=np.int64)
        out: list = [None] * len(positions)
        for s, mask, local in self._by_segment(positions):
            for slot, unit in zip(np.flatnonzero(mask), s.units.units_at(local.tolist())):
                out[slot] = unit
        return out

    def allowed(self, **filters) -> Optional[np.ndarray]:
        """Positions of the live units that pass the filters (UnitStore.allowed), ascending, or
        None when no filter is set."""
        parts = []
        for s in self.segments:
            local = s.units.allowed(**filters)
            if local is None:
                return None
            parts.append(s.position_of[local[s.live[local]]])
        if not parts:
            return np.empty(0, np.int64)
        # runs that are already ascending: the stable sort (timsort) merges them cheaply
        return np.sort(np.concatenate(parts), kind="stable")

    # -- dense ---------------------------------------------------------------
    def dense_search(self, qvec: np.ndarray, k: int, allowed: Optional[np.ndarray] = None
                     ) -> tuple[np.ndarray, np.ndarray]:
        """Top-k (scores, positions) over every segment, best first."""
        scores, positions = [], []
        if allowed is not None:
            searches = [(s, dict(allowed=np.sort(local))) for s, _mask, local in self._by_segment(allowed)]
        else:
            searches = [(s, dict(excluded=s.removed)) for s in self.segments]
        for s, where in searches:
            found_scores, found = dense.search(s.faiss, qvec, k, **where)
            scores.append(found_scores)
            positions.append(s.position_of[found])
        if not scores:
            return np.empty(0, np.float32), np.empty(0, np.int64)
        if len(scores) == 1:
            return scores[0], positions[0]
        scores_all, positions_all = np.concatenate(scores), np.concatenate(positions)
        # best first; equal scores as exact FAISS search returns them from one index (later position first)
        best = np.lexsort((-positions_all, -scores_all))[:k]
        return scores_all[best], positions_all[best]

    def vectors_at(self, positions: np.ndarray) -> np.ndarray:
        positions = np.asarray(positions, dtype=np.int64)
        out = np.empty((len(positions), self.segments[0].faiss.d), np.float32)
        for s, mask, local in self._by_segment(positions):
            out[mask] = dense.vectors_at(s.faiss, local)
        return out
