"""The labelled coverage pairs (tests/gold/coverage/pairs.tsv) and the documents they name,
read as a user's files are (the corpus plans with their plans.toml metadata, the real-world
documents with theirs), each labelled provision scored by the coverage matcher."""

from __future__ import annotations

import csv
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

REPO = Path(__file__).resolve().parents[2]
PAIRS = REPO / "tests" / "gold" / "coverage" / "pairs.tsv"
sys.path.insert(0, str(REPO / "tests" / "ingest"))

_WS = re.compile(r"\s+")


def squash(text: str) -> str:
    return _WS.sub("", text or "")


def labelled() -> list[dict]:
    with open(PAIRS, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


@lru_cache(maxsize=None)
def document(doc_id: str):
    """A complete record of a corpus plan or a real-world document."""
    from ingest.documents import ingest_documents
    from ingest.pipeline import load_corpus

    for path, meta in load_corpus(REPO / "corpus"):
        if meta.id == doc_id:
            return ingest_documents([(path, meta)])[0]
    from realworld import extracted
    return extracted(doc_id)


@dataclass
class Scored:
    row: dict
    score: float
    best_text: str          # the draft's best clause
    right_clause: bool      # the best clause is the one the label names (covered / partly)
    predicted: Optional[str] = None


def score_labels(embed) -> list[Scored]:
    """Every labelled provision matched against its draft (rows whose reference snippet
    finds no clause are skipped and reported by the test)."""
    from search_api.coverage.matching import Side, place_words
    from search_api.index.units import units_of

    sides: dict[str, Side] = {}
    out = []
    for row in labelled():
        ref_units = [u for u in units_of(document(row["reference"])) if u.unit_kind != "heading"]
        unit = next((u for u in ref_units if squash(row["reference_clause"]) in squash(u.text)), None)
        if unit is None:
            out.append(Scored(row, float("nan"), "", False))
            continue
        if row["draft"] not in sides:
            docs = [document(row["draft"]), document(row["reference"])]
            places = place_words([n for d in docs for n in (d.meta.region or "", d.meta.title)])
            sides[row["draft"]] = Side.of(units_of(docs[0]), embed, frozenset(places))
        [vector] = embed([unit.text])
        matches = sides[row["draft"]].best(unit.text, vector)
        best = matches[0] if matches else None
        want = squash(row["draft_clause"])
        out.append(Scored(row, best.score if best else 0.0, best.unit.text if best else "",
                          bool(best and want != "-" and want in squash(best.unit.text))))
    return out
