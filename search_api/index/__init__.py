"""The hybrid search index over clauses, table rows and headings: the units cut from records
(units, unitstore), search tokens (tokens, tokencache), BM25 from term-frequency postings
(bm25, postings), FAISS (dense), the segments an index is kept in and their merge (segments),
score fusion (fusion), highlighting, the search options (options), a hit and its JSON shape
(hit), building (builder) and changing it incrementally (update), both used by build/ only,
searching (search), and the retrieval evaluation (evaluate). Imports model/, datadir/ and the
foundation modules."""
