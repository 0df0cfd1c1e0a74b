"""The real-world development set (tests/gold/realworld): documents the product was never
tuned on, read from ../shared as a user would ingest them, with their hand-written gold.

``documents()`` lists the entries of documents.toml; ``extracted(doc)`` ingests one with the
metadata a user would give (title, kind, region, level, issuer, period, date) and extracts
its facts, once per test process; ``gold(doc, kind)`` reads one of its gold files.
"""

from __future__ import annotations

import csv
import gzip
import json
import tempfile
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Optional

from ingest_helpers import REPO, SHARED

DEV = REPO / "tests" / "gold" / "realworld"
# Statutes with gold written blind, before any tuning: measured, never developed on.
BLIND = REPO / "tests" / "gold" / "blind"
SETS = {"realworld": DEV, "blind": BLIND}
COLUMNS = {
    "outline": ["doc", "level", "count"],
    "indicators": ["doc", "source", "name", "comparator", "value", "upper", "unit", "attribute", "clause"],
    "deadlines": ["doc", "clause", "expression", "date", "start", "recurrence"],
    "responsibilities": ["doc", "clause", "actor", "role", "surface"],
    "duties": ["doc", "clause", "actor", "role", "surface"],
}
_META_KEYS = ("title", "kind", "region", "level", "issuer")


def shared_available() -> bool:
    return (SHARED / "realworld").is_dir() and (SHARED / "scale").is_dir()


@lru_cache(maxsize=None)
def documents(gold_set: str = "realworld") -> tuple[dict, ...]:
    return tuple(tomllib.loads((SETS[gold_set] / "documents.toml").read_text("utf-8"))["document"])


def document(doc_id: str) -> dict:
    return next(d for gold_set in SETS for d in documents(gold_set) if d["id"] == doc_id)


def gold(doc_id: str, kind: str) -> Optional[list[dict[str, str]]]:
    """Rows of ``{doc}/{kind}.tsv`` (None when the document has no such file)."""
    path = next((folder / doc_id for folder in SETS.values() if (folder / doc_id).is_dir()), DEV / doc_id) / f"{kind}.tsv"
    if not path.exists():
        return None
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader)
    assert header == COLUMNS[kind], f"{path}: header {header}"
    return [dict(zip(header, [c.strip() for c in row])) for row in reader]


_SCRATCH = Path(tempfile.mkdtemp(prefix="policykg-realworld-"))


def source_file(doc: dict) -> Path:
    """The file a user would ingest: the markdown itself, or one entry of a JSON Lines
    collection written out as the statute markdown it holds."""
    source = doc["source"]
    if "#" not in source:
        return SHARED / source
    name, title = source.split("#", 1)
    opener = gzip.open if name.endswith(".gz") else open
    with opener(SHARED / name, "rt", encoding="utf-8") as fh:
        for line in fh:
            entry = json.loads(line)
            if entry["title"] == title:
                path = _SCRATCH / f"{doc['id']}.md"
                path.write_text(entry["content"], "utf-8")
                return path
    raise KeyError(f"{title!r} not in {name}")


def meta_for(doc: dict):
    from ingest.records import DocumentMeta

    fields = {k: doc[k] for k in _META_KEYS if k in doc}
    if "period" in doc:
        fields["period_start"], fields["period_end"] = doc["period"]
    meta = DocumentMeta(id=doc["id"], **fields)
    if "date" in doc and hasattr(meta, "date"):
        meta.date = doc["date"]
    return meta


@lru_cache(maxsize=None)
def ingested(doc_id: str):
    """The document's record (structure only)."""
    from ingest.pipeline import ingest_path

    doc = document(doc_id)
    [record] = ingest_path(source_file(doc), meta_for(doc))
    return record


@lru_cache(maxsize=None)
def extracted(doc_id: str):
    """The document's record with its facts."""
    from ingest.extract import extract_facts

    record = ingested(doc_id)
    record.facts = extract_facts(record)
    return record


# -- scoring a set of documents --------------------------------------------------------

def outline_report(docs) -> tuple[list[str], list[str]]:
    """(one line per document, ids whose outline counts differ from the gold)."""
    from ingest.outline import outline_counts

    lines, wrong = [], []
    for doc in docs:
        rows = gold(doc["id"], "outline") or []
        expected = {r["level"]: int(r["count"]) for r in rows if int(r["count"])}
        # ingest's own count: numbered units per nesting depth, attachments apart, and tables
        actual = {str(k): v for k, v in outline_counts(ingested(doc["id"]).root).items() if v}
        ok = expected == actual
        lines.append(f"{'ok ' if ok else 'BAD'} {doc['id']:<42} gold {expected}  got {actual}")
        if not ok:
            wrong.append(doc["id"])
    return lines, wrong


def score_kind(docs, kind: str):
    """Pooled score of one fact kind over the documents that have gold for it, and the
    printed report (per document, with a few misses and extras each)."""
    from gold_scoring import REALWORLD_SCORERS, UnitIndex, pooled

    scores, lines, lost = {}, [], []
    for doc in docs:
        rows = gold(doc["id"], kind)
        if rows is None:
            continue
        record = extracted(doc["id"])
        index = UnitIndex(record)
        lost += [f"{doc['id']}: {r['clause']}" for r in rows if not index.resolve(r["clause"])]
        score = REALWORLD_SCORERS[kind](record, rows)
        scores[doc["id"]] = score
        lines.append(score.line(doc["id"]))
        lines += [f"     missed: {m[:150]}" for m in score.misses[:4]]
        lines += [f"     extra:  {e[:150]}" for e in score.extras[:4]]
    total = pooled(scores.values())
    report = f"\n== {kind} ==\n" + "\n".join(lines) + "\n" + total.line(f"POOLED {kind}")
    if lost:
        report += f"\n{len(lost)} gold snippets match no clause of the tree, e.g. {lost[:5]}"
    return total, report
