"""Every limit the product enforces at its interfaces, in one place, with its reason.

A bad request is refused at the edge with a clear message (CLI: `policykg: error: …`,
exit 2; HTTP: 4xx) before any work is done. The graph store's own defaults (kg.backend:
30 s, 10 000 rows) and its guard's size limit (kg.guard, 100 000 characters) apply to
every caller of kg; the figures here are what the product's commands and endpoints use.
The two SPARQL figures of the HTTP endpoint are settings (search_api.settings); these are
their defaults.
"""

from __future__ import annotations

from ingest.limits import DEFAULT_MAX_INPUT_MB, DEFAULT_MAX_PARAGRAPHS
# kg.backend, not kg.store: the settings (and so the embedding engine) must not import the store
from kg.backend import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT_S, DEFAULT_WORKER_MEMORY_MB

# -- search (CLI `search` / `similar`, GET /search, the index itself) -------------------------
SEARCH_MAX_QUERY_CHARS = 500        # a question or a clause, not a document
SEARCH_MAX_K = 200                  # results the index returns at most (`policykg search -k`)
HTTP_SEARCH_MAX_K = 100             # results per HTTP request: one page for the web UI and API clients

# -- owner questions (`policykg ask`, GET /ask) --------------------------------------------------
ASK_MAX_QUESTION_CHARS = 200
ASK_MAX_K = 50                      # search hits appended to an answer

# -- coverage of a draft (`policykg coverage`, POST /coverage) -----------------------------------
COVERAGE_MAX_REFERENCES = 5         # each reference adds its provisions × the draft's clauses
COVERAGE_MAX_UPLOAD_BYTES = 20 * 1024 * 1024   # a draft file (.docx/.pdf with images is larger than its text)

# -- other HTTP parameters and requests -----------------------------------------------------------
HTTP_MAX_BODY_BYTES = 64 * 1024     # POST bodies (SPARQL queries); larger -> 413
HTTP_MAX_URL_BYTES = 16 * 1024      # GET query strings; larger -> 414
HEALTH_QUERY_TIMEOUT_S = 5.0        # /healthz asks the graph store a trivial query within this
GENERATION_CHECK_S = 1.0            # a server looks for a new live generation at most this often
GENERATION_RETRY_S = 30.0           # after a failed switch, it tries that generation again after this
HTTP_BODY_TIMEOUT_S = 10.0          # each part of a request body must arrive within this; else 408
ACTORS_DEFAULT_LIMIT = 200          # GET /actors
ACTORS_MAX_LIMIT = 5000
ACTOR_QUERY_MAX_CHARS = 50          # GET /actors?q=
INDICATOR_NAME_MAX_CHARS = 100      # GET /indicators/compare?name=

# -- SPARQL ---------------------------------------------------------------------------------------
SPARQL_HTTP_MAX_QUERY_CHARS = 20_000   # POST /sparql; larger -> 413
SPARQL_HTTP_TIMEOUT_S = 10.0           # default of the setting sparql_timeout_s ($POLICYKG_SPARQL_TIMEOUT)
SPARQL_HTTP_MAX_ROWS = 10_000          # default of the setting sparql_max_rows ($POLICYKG_SPARQL_MAX_ROWS)
SPARQL_CLI_TIMEOUT_S = DEFAULT_TIMEOUT_S   # `policykg sparql --timeout`: an analyst at a terminal waits longer
SPARQL_CLI_MAX_ROWS = DEFAULT_MAX_ROWS     # `policykg sparql --max-rows`
SPARQL_WORKER_MEMORY_MB = DEFAULT_WORKER_MEMORY_MB   # default of the setting sparql_memory_mb: address space
                                                     # per query worker (about 300 MB at rest)

# -- error bodies -----------------------------------------------------------------------------
HTTP_ERROR_ECHO_CHARS = 300            # an error message quotes at most this much of the input

# -- ingest ---------------------------------------------------------------------------------------
INGEST_MAX_INPUT_MB = DEFAULT_MAX_INPUT_MB   # default of the setting max_input_mb: one file to ingest
INGEST_MAX_PARAGRAPHS = DEFAULT_MAX_PARAGRAPHS   # default of the setting max_paragraphs: one document
