"""Matching a provision to the clauses of another document.

The similarity is the one search uses, adapted to clause-to-clause comparison: the cosine of
the two clauses' passage embeddings (dense) and the share of the provision's content words,
weighted by how rare they are in the other document, that the clause also uses (lexical,
on the same jieba tokens as BM25). BM25's own scores are not comparable across queries, and a
verdict needs a score with one scale for every provision.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Optional, Sequence

import numpy as np

from search_api.index.tokens import tokenize
from search_api.index.units import Unit

DENSE_WEIGHT = 0.7
LEXICAL_WEIGHT = 0.3
TOP = 3            # matches kept per provision

EmbedFn = Callable[[list[str]], np.ndarray]

# A draft at another level or place says 市 where the reference says 省, 苏州 for 吉林: words
# of level and place say nothing about whether the same thing is committed to.
_LEVEL_WORD = re.compile(r"^(?:全|本|各)?[国省市州县区乡镇村][级委]?(?:政府|人民政府)?$")
_PLACE = re.compile(r"^(.{2,6}?)(?:省|市|自治区|自治州|州|县|区)")


def place_words(names: Sequence[str]) -> set[str]:
    """Tokens of the places named by documents' regions and titles ("吉林省…" -> 吉林, 吉林省)."""
    words: set[str] = set()
    for name in names:
        m = _PLACE.match(name or "")
        if m:
            words |= set(tokenize(m.group(0))) | {m.group(1)}
    return words


def neutral(tokens: Sequence[str], places: set[str]) -> set[str]:
    return {t for t in tokens if t not in places and not _LEVEL_WORD.match(t)}


@dataclass
class Match:
    unit: Unit
    score: float
    dense: float
    lexical: float


class Side:
    """One document's clauses and table rows, embedded and tokenised once."""

    def __init__(self, units: list[Unit], vectors: np.ndarray, places: frozenset[str] = frozenset()):
        self.units = units
        self.vectors = vectors
        self.position = {u.id: i for i, u in enumerate(units)}
        self.places = set(places)
        self.tokens = [neutral(tokenize(u.text), self.places) for u in units]
        df = Counter(t for toks in self.tokens for t in toks)
        n = len(units)
        self._idf = {t: math.log((n + 1) / (c + 1)) + 1.0 for t, c in df.items()}
        self._unseen_idf = math.log(n + 1) + 1.0

    @classmethod
    def of(cls, units: Sequence[Unit], embed: EmbedFn, places: frozenset[str] = frozenset()) -> "Side":
        kept = [u for u in units if u.unit_kind != "heading"]
        vectors = embed([u.text for u in kept]) if kept else np.zeros((0, 1), dtype=np.float32)
        return cls(kept, np.asarray(vectors, dtype=np.float32), places)

    def __len__(self) -> int:
        return len(self.units)

    def vector_of(self, unit_id: str) -> np.ndarray:
        """The embedding of one of this side's own units (provisions are units: no second pass)."""
        return self.vectors[self.position[unit_id]]

    def tokens_of(self, unit_id: str) -> set[str]:
        """The content words of one of this side's own units, as ``best`` would read its text
        (the same when both sides know the same places): no second segmentation."""
        return self.tokens[self.position[unit_id]]

    def lexical(self, tokens: set[str], position: int) -> float:
        if not tokens:
            return 0.0
        weights = {t: self._idf.get(t, self._unseen_idf) for t in tokens}
        shared = sum(w for t, w in weights.items() if t in self.tokens[position])
        return shared / sum(weights.values())

    def best(self, text: str, vector: np.ndarray, top: int = TOP,
             tokens: Optional[set[str]] = None) -> list[Match]:
        """The ``top`` units most like ``text`` (its embedding ``vector``; ``tokens``, its content
        words when known), best first."""
        if not self.units:
            return []
        dense = self.vectors @ vector
        if tokens is None:
            tokens = neutral(tokenize(text), self.places)
        # the lexical share only re-ranks the dense pool: cheap, and a pure keyword hit with no
        # likeness in meaning is not coverage
        pool = np.argsort(-dense)[: max(top * 10, 30)]
        # as self.lexical(tokens, pos) for each pos of the pool, the weights summed once
        weights = {t: self._idf.get(t, self._unseen_idf) for t in tokens}
        total = sum(weights.values())
        scored = []
        for pos in pool.tolist():
            own = self.tokens[pos]
            lex = sum(w for t, w in weights.items() if t in own) / total if weights else 0.0
            d = float(dense[pos])
            scored.append(Match(self.units[pos], DENSE_WEIGHT * d + LEXICAL_WEIGHT * lex, d, lex))
        scored.sort(key=lambda m: -m.score)
        return scored[:top]
