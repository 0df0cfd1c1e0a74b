"""Keyword retrieval: bm25s over jieba search-mode tokens (see search_api.index.tokens)."""

from __future__ import annotations

import logging
from pathlib import Path

import bm25s
import numpy as np

from ingest.progress import Progress, no_progress

from search_api.index.tokens import tokenize

SUBDIR = "bm25"

logging.getLogger("bm25s").setLevel(logging.WARNING)


class KeywordIndex:
    def __init__(self, retriever: bm25s.BM25, size: int):
        self.retriever = retriever
        self.size = size

    @classmethod
    def build(cls, texts: list[str], progress: Progress = no_progress) -> "KeywordIndex":
        corpus_tokens = []
        for i, text in enumerate(texts):
            # An empty token list would be a document nobody can find; keep a placeholder
            # token so positions stay aligned with the unit table.
            corpus_tokens.append(tokenize(text) or ["\x00"])
            if (i + 1) % 2000 == 0:
                progress("bm25", i + 1, len(texts))
        progress("bm25", len(texts), len(texts))
        retriever = bm25s.BM25()
        retriever.index(corpus_tokens, show_progress=False)
        return cls(retriever, len(texts))

    def save(self, folder: Path) -> None:
        self.retriever.save(str(folder / SUBDIR), show_progress=False)

    @classmethod
    def load(cls, folder: Path, size: int) -> "KeywordIndex":
        retriever = bm25s.BM25.load(str(folder / SUBDIR), mmap=True, show_progress=False)
        return cls(retriever, size)

    def known_tokens(self, tokens: list[str]) -> list[str]:
        vocab = self.retriever.vocab_dict
        return [t for t in tokens if t in vocab]

    def scores_for_tokens(self, tokens: list[str]) -> np.ndarray:
        """BM25 score of every unit (position order); zeros when no token is known."""
        known = self.known_tokens(tokens)
        if not known:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self.retriever.get_scores(known), dtype=np.float32)

    def scores(self, query: str) -> np.ndarray:
        return self.scores_for_tokens(tokenize(query))
