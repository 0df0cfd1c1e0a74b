"""The hybrid search index over clauses, table rows and headings: the units cut from records
(units, unitstore), search tokens (tokens), BM25 (bm25), FAISS (dense), score fusion (fusion),
highlighting, the search options (options), a hit and its JSON shape (hit), building (builder,
used by build/ only) and searching (search), and the retrieval evaluation (evaluate). Imports
model/, datadir/ and the foundation modules."""
