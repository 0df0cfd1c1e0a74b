"""Fact extraction over the structure tree.

Contract:
    extract_facts(record: DocumentRecord, corpus_titles: dict[str, str] | None = None) -> Facts
        corpus_titles maps document titles to document ids so citations can be linked
        to documents in the corpus.

Each fact type has its own module (indicator_tables / indicator_text, deadlines, actors
+ org_phrases + roles, tasks, sectors, citations); walk.py takes each clause once through
them, each clause segmented once by the shared pipeline's segmenter (nlp.py: jieba keeping
gazetteer names whole; those names are its actor entities).
"""

from __future__ import annotations


def extract_facts(record, corpus_titles=None):
    """Facts of one DocumentRecord (see ingest.extract.walk.extract_facts)."""
    # imported on first use: spaCy and jieba cost seconds that commands which never
    # extract (policykg --help, search, serve) should not pay
    from ingest.extract.walk import extract_facts as run

    return run(record, corpus_titles)


__all__ = ["extract_facts"]
