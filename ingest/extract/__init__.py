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


def preload() -> None:
    """Load now what extraction otherwise loads on its first document: its modules, the
    segmenter's dictionaries, the gazetteer, the sector and actor vocabularies, the numeral
    reader. Seconds per process: called before a build forks its extraction workers, they
    inherit it (shared pages, left out of their garbage collections) instead of each loading
    its own."""
    from ingest.extract import walk  # noqa: F401  (every rule module, their patterns compiled)
    from ingest.extract.gazetteer import load_gazetteer
    from ingest.extract.nlp import get_nlp
    from ingest.extract.sectors import sector_set
    from ingest.numerals import cn_to_number
    from ingest.segmenter import plain_words, word_tags
    from ingest.vocab import actors_table, sector_labels

    get_nlp(), word_tags(), plain_words("预热"), sector_labels(), actors_table()
    load_gazetteer().place_pattern, sector_set("预热")      # the places' and the sector labels' patterns
    cn_to_number("十")


__all__ = ["extract_facts", "preload"]
