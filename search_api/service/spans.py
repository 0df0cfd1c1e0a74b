"""Finding known words in a question: longest first, never overlapping (山东省 before 山东,
燃气管道 before 燃气)."""

from __future__ import annotations

from typing import Iterable


def longest_matches(text: str, words: Iterable[str]) -> list[tuple[int, str]]:
    """(position, word) of every occurrence of ``words`` in ``text``, the longest word taking a
    stretch of text first, in text order."""
    taken = [False] * len(text)
    found: list[tuple[int, str]] = []
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        start = text.find(word) if word else -1
        while start >= 0:
            span = range(start, start + len(word))
            if not any(taken[p] for p in span):
                for p in span:
                    taken[p] = True
                found.append((start, word))
            start = text.find(word, start + 1)
    return sorted(found)
