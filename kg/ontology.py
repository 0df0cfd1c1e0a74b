"""The vocabulary as RDF: the ontology and shapes graphs, and resolving sector keys.

The files are found and parsed by ingest.vocab (one location setting, one parse per file).

policy.ttl, sectors.ttl and any other vocabulary go into the fixed ontology
named graph; shapes.ttl into its own graph (it drives validation, it is not data).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from ingest import vocab
from kg.errors import KGError
from kg.iris import sector_iri

SHAPES_FILE = "shapes.ttl"


def ontology_dir() -> Path:
    """The ontology folder the vocabulary loader (ingest.vocab) is set to, checked."""
    path = vocab.ontology_dir()
    if not (path / "policy.ttl").exists():
        raise KGError(f"ontology files not found in {path} (set POLICYKG_ONTOLOGY)")
    return path


def vocabulary_files(directory: Path | None = None) -> list[Path]:
    directory = directory or ontology_dir()
    return sorted(p for p in directory.glob("*.ttl") if p.name != SHAPES_FILE)


@lru_cache(maxsize=4)
def _union(paths: tuple[tuple[str, float], ...]) -> Graph:
    g = Graph()
    for path, _mtime in paths:
        try:
            g += vocab.turtle(Path(path))   # the same parse extraction reads sector labels from
        except vocab.VocabularyError as exc:
            raise KGError(str(exc)) from None
    return g


def _key(files: list[Path]) -> tuple[tuple[str, float], ...]:
    return tuple((str(p), p.stat().st_mtime) for p in files)


def vocabulary_graph() -> Graph:
    """policy.ttl + sectors.ttl + other vocabularies (cached until a file changes; don't mutate)."""
    return _union(_key(vocabulary_files()))


def shapes_graph() -> Graph:
    path = ontology_dir() / SHAPES_FILE
    if not path.exists():
        raise KGError(f"{path} is missing")
    return _union(_key([path]))


class SectorIndex:
    """Maps a sector key as extraction writes it (notation, prefLabel or altLabel) to its concept IRI."""

    def __init__(self, vocab: Graph):
        self._by_key: dict[str, URIRef] = {}
        # prefLabels and notations win over altLabels when keys collide.
        for prop in (SKOS.altLabel, SKOS.prefLabel, SKOS.notation):
            for concept, label in vocab.subject_objects(prop):
                if (concept, RDF.type, SKOS.Concept) in vocab and isinstance(label, Literal):
                    self._by_key[str(label)] = concept
        for concept in vocab.subjects(RDF.type, SKOS.Concept):
            self._by_key.setdefault(str(concept).rsplit("/", 1)[-1], concept)

    def concept(self, key: str) -> URIRef:
        """The concept for ``key``; an unknown key gets a minted IRI that validation then reports."""
        return self._by_key.get(key) or sector_iri(key)

    def __len__(self) -> int:
        return len(set(self._by_key.values()))
