"""Where the query's terms (search_api.index.tokens.query_terms) occur in a result's text, as
[start, end) spans."""

from __future__ import annotations


def merge_spans(spans: list[tuple[int, int]]) -> list[list[int]]:
    """Sort and merge overlapping or touching spans."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def find_spans(text: str, terms: list[str]) -> list[list[int]]:
    """Every occurrence of every term in ``text`` (case-insensitive), merged."""
    haystack = text.lower()
    if len(haystack) != len(text):   # a rare case-fold that changes length: match as written
        haystack = text
    spans: list[tuple[int, int]] = []
    for term in terms:
        start = haystack.find(term)
        while start != -1:
            spans.append((start, start + len(term)))
            start = haystack.find(term, start + 1)
    return merge_spans(spans)
