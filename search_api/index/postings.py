"""Term-frequency postings of one index segment: for each term, the units that hold it and how
often, plus every unit's length in tokens. BM25 (search_api.index.bm25) scores from these at
query time, so that N, document frequencies and the average length can be taken over all
segments minus the removed units, and a segment never has to be rewritten when another
document comes or goes.

Stored as plain arrays (term-major, like a CSC matrix) that open memory-mapped::

    terms.json   the segment's vocabulary, column order
    term_ptr.npy where each term's postings start (len = terms + 1)
    term_units.npy / term_tf.npy   the postings: unit (local position) and term frequency
    unit_len.npy tokens per unit
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

SUBDIR = "postings"
# An empty token list would be a unit nobody can find but that still counts in N and the
# average length (as bm25s counted it): it keeps one placeholder token.
PLACEHOLDER = "\x00"


@dataclass
class Postings:
    terms: list[str]
    term_ptr: np.ndarray     # int64, len(terms) + 1
    term_units: np.ndarray   # int32, local unit positions, ascending within a term
    term_tf: np.ndarray      # float32 term frequencies
    unit_len: np.ndarray     # int32 tokens per unit

    @property
    def size(self) -> int:
        return len(self.unit_len)

    @classmethod
    def from_tokens(cls, token_lists: Iterable[Sequence[str]]) -> "Postings":
        vocab: dict[str, int] = {}
        term_ids: list[int] = []
        unit_of: list[int] = []
        tfs: list[int] = []
        lengths: list[int] = []
        for unit, tokens in enumerate(token_lists):
            tokens = list(tokens) or [PLACEHOLDER]
            lengths.append(len(tokens))
            counts: dict[int, int] = {}
            for token in tokens:
                tid = vocab.setdefault(token, len(vocab))
                counts[tid] = counts.get(tid, 0) + 1
            term_ids.extend(counts)
            tfs.extend(counts.values())
            unit_of.extend([unit] * len(counts))
        return cls._assemble(list(vocab), np.asarray(term_ids, np.int64), np.asarray(unit_of, np.int32),
                             np.asarray(tfs, np.float32), np.asarray(lengths, np.int32))

    @classmethod
    def _assemble(cls, terms: list[str], term_ids: np.ndarray, units: np.ndarray, tf: np.ndarray,
                  lengths: np.ndarray) -> "Postings":
        """Term-major postings from (term, unit, tf) triples listed in unit order."""
        order = np.argsort(term_ids, kind="stable")   # stable: units stay ascending within a term
        counts = np.bincount(term_ids, minlength=len(terms))
        ptr = np.zeros(len(terms) + 1, np.int64)
        np.cumsum(counts, out=ptr[1:])
        return cls(terms, ptr, units[order].astype(np.int32), tf[order].astype(np.float32),
                   lengths.astype(np.int32))

    def term_of_entry(self) -> np.ndarray:
        """The term id of every posting (the inverse of term_ptr)."""
        return np.repeat(np.arange(len(self.terms), dtype=np.int64), np.diff(self.term_ptr))

    def live_df(self, live: np.ndarray) -> np.ndarray:
        """Document frequency of each term among the units ``live`` (a bool mask) keeps."""
        if live.all():
            return np.diff(self.term_ptr)
        keep = live[self.term_units]
        return np.bincount(self.term_of_entry()[keep], minlength=len(self.terms))

    def save(self, folder: Path) -> None:
        """Write under temporary names and rename (a segment folder is new, but stay safe)."""
        out = Path(folder) / SUBDIR
        out.mkdir(parents=True, exist_ok=True)
        _write_atomic(out / "terms.json", json.dumps(self.terms, ensure_ascii=False).encode("utf-8"))
        for name, array in (("term_ptr", self.term_ptr), ("term_units", self.term_units),
                            ("term_tf", self.term_tf), ("unit_len", self.unit_len)):
            tmp = out / f".{name}.tmp-{os.getpid()}.npy"
            np.save(tmp, array)
            os.replace(tmp, out / f"{name}.npy")

    @classmethod
    def load(cls, folder: Path) -> "Postings":
        src = Path(folder) / SUBDIR
        terms = json.loads((src / "terms.json").read_text("utf-8"))
        arrays = {name: np.load(src / f"{name}.npy", mmap_mode="r")
                  for name in ("term_ptr", "term_units", "term_tf", "unit_len")}
        return cls(terms, **arrays)


def merge(parts: list[tuple[Postings, np.ndarray]], size: int) -> Postings:
    """One segment's postings of ``size`` units from several: each part gives the new position
    of each of its units (-1: left out). What compaction writes, tokenising nothing again."""
    vocab: dict[str, int] = {}
    term_ids, units, tfs = [], [], []
    lengths = np.zeros(size, np.int32)
    for postings, new_pos in parts:
        new_pos = np.asarray(new_pos, np.int64)
        remap = np.array([vocab.setdefault(t, len(vocab)) for t in postings.terms], np.int64)
        entry_pos = new_pos[np.asarray(postings.term_units)]
        keep = entry_pos >= 0
        term_ids.append(remap[postings.term_of_entry()[keep]])
        units.append(entry_pos[keep])
        tfs.append(np.asarray(postings.term_tf)[keep])
        live = new_pos >= 0
        lengths[new_pos[live]] = np.asarray(postings.unit_len)[live]
    term_ids_all, units_all = np.concatenate(term_ids), np.concatenate(units)
    # triples in unit order, so that the stable sort by term keeps units ascending per term
    by_unit = np.argsort(units_all, kind="stable")
    return Postings._assemble(list(vocab), term_ids_all[by_unit], units_all[by_unit].astype(np.int32),
                              np.concatenate(tfs)[by_unit], lengths)


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)
