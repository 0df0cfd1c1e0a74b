"""What every graph-store backend offers (kg.store's embedded Oxigraph, kg.sparql_http's SPARQL
server), and the defaults they share. Both backends import this module; kg.store's ``open_store``
picks one of them, so neither backend imports the other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from kg.results import QueryResult

DEFAULT_TIMEOUT_S = 30.0
DEFAULT_MAX_ROWS = 10_000
DEFAULT_WORKER_MEMORY_MB = 2048   # address space per query worker of kg.store (kg.sandbox.limit_memory)


class GraphStore(Protocol):
    def query(self, sparql: str, timeout_s: float = DEFAULT_TIMEOUT_S,
              max_rows: int = DEFAULT_MAX_ROWS) -> QueryResult: ...

    def triple_count(self) -> int: ...

    def named_graphs(self) -> list[str]: ...

    def close(self) -> None: ...


# Only our graphs: a SPARQL server may hold system graphs of its own (Virtuoso does).
COUNT_QUERY = ("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
               "FILTER (STRSTARTS(STR(?g), \"https://w3id.org/policykg/\")) }")
GRAPHS_QUERY = ("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                "FILTER (STRSTARTS(STR(?g), \"https://w3id.org/policykg/\")) }")
