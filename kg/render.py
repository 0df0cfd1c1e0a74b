"""Records -> validated N-Quads of their named graphs, in worker processes when there are many.

Turning a record into triples (rdflib) and validating them (SHACL as SPARQL, kg.validate) is pure
CPU work on one document at a time, so a large build spreads it over a process
pool; the store is written by the parent only. Results come back in input
order, so a build gives the same store whichever way it ran.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator, Optional

from ingest.parallel import ordered_map
from ingest.progress import StageTimer
from ingest.records import DocumentRecord
from kg import iris
from kg.ontology import SectorIndex, vocabulary_graph
from kg.rdf import record_graph
from kg.validate import raise_if_invalid, validate_ntriples


@dataclass
class Rendered:
    doc_id: str
    nquads: bytes
    triples: int
    seconds: dict[str, float] = field(default_factory=dict)   # rdf / shacl / serialize


@lru_cache(maxsize=1)
def _sectors() -> SectorIndex:
    return SectorIndex(vocabulary_graph())


def render(record: DocumentRecord) -> Rendered:
    """The document's graph as N-Quads in its named graph; raises ValidationError if it breaks a shape."""
    timer = StageTimer()
    g = record_graph(record, _sectors())
    timer.lap("rdf")
    ntriples = g.serialize(format="nt", encoding="utf-8")
    timer.lap("serialize")
    raise_if_invalid(record.meta.id, validate_ntriples(ntriples))
    timer.lap("shacl")
    graph = f"<{iris.doc_iri(record.meta.id)}> .".encode("utf-8")
    # Every N-Triples line ends in " ."; naming the graph before the dot makes it N-Quads.
    nquads = b"".join(line[:-1] + graph + b"\n" for line in ntriples.splitlines() if line.strip())
    timer.lap("serialize")
    return Rendered(record.meta.id, nquads, len(g), timer.seconds)


def render_all(records: list[DocumentRecord], workers: Optional[int] = None) -> Iterator[Rendered]:
    """``render`` of each record, in order; a pool of ``workers`` processes for large inputs."""
    return ordered_map(render, records, workers)
