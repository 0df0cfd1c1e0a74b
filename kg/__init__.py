"""Records -> the knowledge graph: RDF per document (rdf, render), SHACL validation (validate), the
Oxigraph store and its build (build, store, worker, export, publish), a SPARQL server backend
(sparql_http, backend), the read-only guard (guard) and the query library (library, queries/).
It imports ingest's records and vocabulary, never search_api.
"""
