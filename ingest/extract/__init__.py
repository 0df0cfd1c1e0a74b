"""Fact extraction over the structure tree. (Implemented by the extraction work.)

Contract:
    extract_facts(record: DocumentRecord, corpus_titles: dict[str, str] | None = None) -> Facts
        corpus_titles maps normalised document titles to document ids so citations
        can be linked to documents in the corpus.
"""

from ingest.records import Facts


def extract_facts(record, corpus_titles=None) -> Facts:  # placeholder until extraction lands
    return Facts()
