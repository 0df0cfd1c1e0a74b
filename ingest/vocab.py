"""The vocabulary files in ontology/, read in one place for ingest, kg and search.

One setting says where they are: the ontology folder (``ontology/`` next to the packages,
or the ``ontology`` setting, $POLICYKG_ONTOLOGY), and within it, unless set on its own
($POLICYKG_USERDICT), the user dictionary. The application's settings object
(search_api.settings) calls ``configure`` once at start, before anything is read;
libraries and tests that do not get the default.

What is read here, each file once per process:
- ``sector_labels()``: the SKOS labels of sectors.ttl (extraction tags clauses with them,
  /ask recognises sectors in questions with them);
- ``actors_table()``: the actor gazetteer, actors.toml (ingest.extract.gazetteer);
- ``matters_table()``: the matters owner questions are about, with their statutory terms and
  colloquial names, matters.tsv (search_api.service.matters);
- ``matter_lookalikes()``: everyday words that hold a matter's word but are not about it
  (计算机病毒 holds 病毒), matter_lookalikes.tsv (search_api.service.matters);
- ``query_words()``: everyday query words and the document words for them, query_words.tsv
  (search_api.service.focus);
- ``userdict_path()``: the domain dictionary for word segmentation (ingest.segmenter);
- ``turtle(path)``: any Turtle file, parsed (again only when it changes on disk);
  kg.ontology unites policy.ttl and sectors.ttl into the ontology graph from these
  same parses.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Optional

DEFAULT_ONTOLOGY_DIR = Path(__file__).resolve().parents[1] / "ontology"
SECTORS_FILE = "sectors.ttl"
ACTORS_FILE = "actors.toml"
USERDICT_FILE = "userdict.txt"
MATTERS_FILE = "matters.tsv"
MATTER_LOOKALIKES_FILE = "matter_lookalikes.tsv"
QUERY_WORDS_FILE = "query_words.tsv"

_location: dict[str, Optional[Path]] = {"ontology": None, "userdict": None}


class VocabularyError(ValueError):
    """A vocabulary file that cannot be read (broken Turtle, missing file)."""


def configure(ontology: Optional[Path] = None, userdict: Optional[Path] = None) -> None:
    """Where the vocabulary is (None: the default). Call once at start, before any use."""
    _location["ontology"] = Path(ontology) if ontology else None
    _location["userdict"] = Path(userdict) if userdict else None
    _files.clear()


def ontology_dir() -> Path:
    return _location["ontology"] or DEFAULT_ONTOLOGY_DIR


# name -> path in the configured folder: the same Path object each time, since extraction asks
# for the gazetteer's file per word (a fresh Path to build and hash cost 5 % of its time)
_files: dict[str, Path] = {}


def ontology_file(name: str) -> Path:
    path = _files.get(name)
    if path is None:
        path = _files[name] = ontology_dir() / name
    return path


def userdict_path() -> Optional[Path]:
    """The user dictionary for jieba, or None when there is none."""
    path = _location["userdict"] or ontology_file(USERDICT_FILE)
    return path if path.is_file() else None


def _stamp(path: Path) -> tuple[str, float]:
    return str(path), path.stat().st_mtime


def turtle(path: Path):
    """The rdflib Graph of a Turtle file, parsed once until the file changes (don't mutate it)."""
    path = Path(path)
    if not path.exists():
        raise VocabularyError(f"{path} is missing")
    return _parse_turtle(*_stamp(path))


@lru_cache(maxsize=16)
def _parse_turtle(path: str, _mtime: float):
    import rdflib   # only where a vocabulary graph is needed

    g = rdflib.Graph()
    try:
        g.parse(path, format="turtle")
    except Exception as exc:  # a broken vocabulary file is the user's (or a contributor's) problem
        raise VocabularyError(f"{path}: not valid Turtle: {exc}") from None
    return g


def sector_labels() -> dict[str, tuple[str, ...]]:
    """Chinese label (pref or alt) of each sector concept -> the prefLabels of the concepts it names."""
    return _sector_labels(ontology_file(SECTORS_FILE))


@lru_cache(maxsize=4)
def _sector_labels(path: Path) -> dict[str, tuple[str, ...]]:
    from rdflib.namespace import SKOS

    graph = turtle(path)
    labels: dict[str, list[str]] = {}
    for concept, pref in graph.subject_objects(SKOS.prefLabel):
        if getattr(pref, "language", None) != "zh":
            continue
        for label in [pref, *graph.objects(concept, SKOS.altLabel)]:
            if getattr(label, "language", None) == "zh":
                labels.setdefault(str(label), []).append(str(pref))
    return {label: tuple(sorted(set(prefs))) for label, prefs in labels.items()}


def actors_table() -> dict:
    """actors.toml as a table: [[actor]] entries, places, [generic]."""
    return _actors_table(ontology_file(ACTORS_FILE))


@lru_cache(maxsize=4)
def _actors_table(path: Path) -> dict:
    return tomllib.loads(path.read_text("utf-8"))


def matters_table() -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    """(matter, statutory terms, colloquial names) of matters.tsv, in file order."""
    path = ontology_file(MATTERS_FILE)
    return _matters_table(*_stamp(path))


def _tsv_rows(path: str, columns: int) -> list[list[str]]:
    """The rows of a vocabulary TSV: `#` comments and the header line skipped, cells stripped."""
    rows = []
    for n, line in enumerate(Path(path).read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) != columns:
            raise VocabularyError(f"{path}:{n}: expected {columns} tab-separated columns, found {len(cells)}")
        rows.append(cells)
    return rows[1:]     # the header


def _alternatives(cell: str) -> tuple[str, ...]:
    return tuple(w.strip() for w in cell.split("|") if w.strip())


@lru_cache(maxsize=2)
def _matters_table(path: str, _mtime: float):
    return tuple((name, _alternatives(terms), _alternatives(aliases))
                 for name, terms, aliases in _tsv_rows(path, 3))


def matter_lookalikes() -> tuple[str, ...]:
    """Words that hold a matter's word but name no matter (matter_lookalikes.tsv; none when an
    ontology folder of an earlier release lacks the file: it only refines matters.tsv)."""
    path = ontology_file(MATTER_LOOKALIKES_FILE)
    return _matter_lookalikes(*_stamp(path)) if path.is_file() else ()


@lru_cache(maxsize=2)
def _matter_lookalikes(path: str, _mtime: float) -> tuple[str, ...]:
    rows = _tsv_rows(path, 2)
    for word, holds in rows:
        if holds not in word:
            raise VocabularyError(f"{path}: {word!r} does not hold {holds!r}")
    return tuple(word for word, _holds in rows)


def query_words() -> dict[str, tuple[str, ...]]:
    """Everyday word of a query -> the words documents use for it (query_words.tsv)."""
    return dict(_query_words(*_stamp(ontology_file(QUERY_WORDS_FILE))))


@lru_cache(maxsize=2)
def _query_words(path: str, _mtime: float):
    return tuple((word, _alternatives(words)) for word, words in _tsv_rows(path, 2))
