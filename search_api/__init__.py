"""Search and serving over the built corpus: the top layer of policykg (above kg and ingest).

Its parts, lowest first (ARCHITECTURE.md gives each one's import rule; tests/test_layers.py
checks them): the foundation modules settings (the one settings object), limits and errors;
datadir/ (generations, records and manifest on disk); model/ (the embedding model); index/
(the hybrid search index); service/ (the read-model that answers requests) beside build/ (the
build orchestration), which never import each other; api/ (HTTP) over service/; cli/ (the
`policykg` command) over everything.
"""
