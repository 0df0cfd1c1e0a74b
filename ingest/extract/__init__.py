"""Fact extraction over the structure tree.

Contract:
    extract_facts(record: DocumentRecord, corpus_titles: dict[str, str] | None = None) -> Facts
        corpus_titles maps document titles to document ids so citations can be linked
        to documents in the corpus.

Each fact type has its own module (indicators, deadlines, actors, tasks, sectors,
citations); this module walks the tree once, runs the shared spaCy pipeline over all
clauses in one batch, and hands each clause with its context to them.
"""

from __future__ import annotations

from ingest.extract.walk import extract_facts

__all__ = ["extract_facts"]
