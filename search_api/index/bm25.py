"""Keyword retrieval: BM25 over jieba search-mode tokens (see search_api.index.tokens), scored
at query time from the term-frequency postings of every segment (search_api.index.postings).

N, the document frequencies and the average length are taken over all segments minus the
removed units, so an index of a base segment, deltas and tombstones scores exactly as one
rebuilt from scratch. The formula and its float arithmetic are those of bm25s's default
(method "lucene", k1 1.5, b 0.75), which built this index before segments came: scores
stay the same to the bit (tests/regression), including its float32 sum over query tokens.
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np

from search_api.index.postings import Postings
from search_api.index.tokens import tokenize

K1 = 1.5
B = 0.75


def lucene_idf(df: int, n: int) -> float:
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


class KeywordIndex:
    """BM25 over segments: each gives its postings, the index position of each of its units
    and which of them are live; units not live (removed or replaced) are neither counted nor
    scored."""

    def __init__(self, segments: Sequence[tuple[Postings, np.ndarray, np.ndarray]], size: int):
        self.size = size
        self._segments = list(segments)
        df: dict[str, int] = {}
        total_len = 0
        n = 0
        for postings, _position_of, live in self._segments:
            live_df = postings.live_df(live)
            for term, count in zip(postings.terms, live_df.tolist()):
                if count:
                    df[term] = df.get(term, 0) + count
            total_len += int(np.asarray(postings.unit_len, np.int64)[live].sum())
            n += int(live.sum())
        self._df = df
        self._n = n
        avgdl = total_len / n if n else 1.0
        # the length part of BM25's denominator, per unit, as bm25s computes it (float64)
        self._norm = [K1 * ((1 - B) + B * np.asarray(p.unit_len, np.float64) / avgdl)
                      for p, _o, _l in self._segments]
        self._columns = [{t: i for i, t in enumerate(p.terms)} for p, _o, _l in self._segments]
        # _scored_postings by term (a dict item is set atomically: no lock for threads)
        self._kept: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    @classmethod
    def build(cls, texts: list[str]) -> "KeywordIndex":
        """One in-memory segment of ``texts`` (benchmarks)."""
        postings = Postings.from_tokens(tokenize(t) for t in texts)
        return cls([(postings, np.arange(postings.size), np.ones(postings.size, bool))], postings.size)

    def idf(self, token: str) -> float:
        """How much a token tells: its inverse document frequency (a token no unit holds: the most)."""
        return lucene_idf(self._df.get(token, 0), self._n)

    def share(self, token: str) -> float:
        """The share of the units that hold a token."""
        return self._df.get(token, 0) / max(1, self._n)

    def known_tokens(self, tokens: list[str]) -> list[str]:
        return [t for t in tokens if t in self._df]

    def scores_for_tokens(self, tokens: list[str]) -> np.ndarray:
        """BM25 score of every unit (index position order); zeros when
        no token is known. A token given twice counts twice (as bm25s did)."""
        scores = np.zeros(self.size, dtype=np.float32)
        for token in self.known_tokens(tokens):
            positions, contribution = self._scored_postings(token)
            scores[positions] += contribution   # a unit appears once per term: no np.add.at needed
        return scores

    def _scored_postings(self, token: str) -> tuple[np.ndarray, np.ndarray]:
        """(index positions, float32 BM25 contribution) of the live units holding ``token``,
        over every segment (a position belongs to one segment only), computed once per term:
        the common words of queries (安全, 管理, 部门 …) are few but hold most of the postings a
        query reads (at the scale build ~90 % of them are in the 305 terms with ≥ 5,000
        postings), and a rare term still costs a dozen array operations. At most 8 bytes a
        posting are kept (75 MB for the 9.4 M postings of the scale build)."""
        kept = self._kept.get(token)
        if kept is not None:
            return kept
        idf = np.float32(lucene_idf(self._df[token], self._n))
        parts = []
        for (postings, position_of, live), columns, norm in zip(self._segments, self._columns, self._norm):
            col = columns.get(token)
            if col is None:
                continue
            start, end = int(postings.term_ptr[col]), int(postings.term_ptr[col + 1])
            units = np.asarray(postings.term_units[start:end])
            keep = live[units]
            units = units[keep]
            tf = np.asarray(postings.term_tf[start:end], np.float64)[keep]
            parts.append((position_of[units], (idf * (tf / (norm[units] + tf))).astype(np.float32)))
        scored = parts[0] if len(parts) == 1 else (np.concatenate([p for p, _c in parts]),
                                                   np.concatenate([c for _p, c in parts]))
        scored = (scored[0].astype(np.int32 if self.size < 2**31 else np.int64), scored[1])
        self._kept[token] = scored
        return scored

    def scores(self, query: str) -> np.ndarray:
        return self.scores_for_tokens(tokenize(query))
