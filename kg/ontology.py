"""The vocabulary files in ontology/: loading them and resolving sector keys.

policy.ttl, sectors.ttl and any other vocabulary go into the fixed ontology
named graph; shapes.ttl into its own graph (it drives validation, it is not data).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from kg.errors import KGError
from kg.iris import sector_iri

SHAPES_FILE = "shapes.ttl"


def ontology_dir() -> Path:
    """ontology/ next to the packages (editable install / source tree), or $POLICYKG_ONTOLOGY."""
    env = os.environ.get("POLICYKG_ONTOLOGY")
    path = Path(env) if env else Path(__file__).resolve().parent.parent / "ontology"
    if not (path / "policy.ttl").exists():
        raise KGError(f"ontology files not found in {path} (set POLICYKG_ONTOLOGY)")
    return path


def vocabulary_files(directory: Path | None = None) -> list[Path]:
    directory = directory or ontology_dir()
    return sorted(p for p in directory.glob("*.ttl") if p.name != SHAPES_FILE)


def _parse(path: Path) -> Graph:
    g = Graph()
    try:
        g.parse(path, format="turtle")
    except Exception as exc:  # a broken vocabulary file is the user's (or a contributor's) problem
        raise KGError(f"{path}: not valid Turtle: {exc}") from None
    return g


@lru_cache(maxsize=4)
def _cached(paths: tuple[tuple[str, float], ...]) -> Graph:
    g = Graph()
    for path, _mtime in paths:
        g += _parse(Path(path))
    return g


def _key(files: list[Path]) -> tuple[tuple[str, float], ...]:
    return tuple((str(p), p.stat().st_mtime) for p in files)


def vocabulary_graph() -> Graph:
    """policy.ttl + sectors.ttl + other vocabularies (cached until a file changes; don't mutate)."""
    return _cached(_key(vocabulary_files()))


def shapes_graph() -> Graph:
    path = ontology_dir() / SHAPES_FILE
    if not path.exists():
        raise KGError(f"{path} is missing")
    return _cached(_key([path]))


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
