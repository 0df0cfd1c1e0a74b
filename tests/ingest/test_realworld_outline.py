"""The real-world development set (tests/gold/realworld/documents.toml): every document is
ingested as a user would (with its metadata) and its numbered outline must equal the
hand-counted gold exactly; no clause keeps markup (HTML tags, LaTeX, TOC dot leaders)."""

from __future__ import annotations

import gzip
import json
import re
import tomllib
from pathlib import Path

import pytest
from ingest_helpers import REPO, SHARED

GOLD = REPO / "tests" / "gold" / "realworld"
DOCUMENTS = tomllib.loads((GOLD / "documents.toml").read_text("utf-8"))["document"]
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_LEADER = re.compile(r"(?:[.．·…]\s*){3,}|[.．…]{2,}\s*\d{1,3}\s*$")

pytestmark = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared (the real-world documents) is absent")


def _meta(doc: dict):
    from ingest.records import DocumentMeta

    period = doc.get("period") or [None, None]
    return DocumentMeta(id=doc["id"], title=doc["title"], kind=doc["kind"], region=doc.get("region"),
                        level=doc.get("level"), issuer=doc.get("issuer"),
                        period_start=period[0], period_end=period[1])


def _source(doc: dict, tmp: Path) -> Path:
    """The document's file: a realworld markdown file, or one entry of a JSON Lines collection
    (selected by its exact title) written out as the markdown it holds."""
    source = doc["source"]
    if "#" not in source:
        return SHARED / source
    collection, title = source.split("#", 1)
    with gzip.open(SHARED / collection, "rt", encoding="utf-8") as f:
        for line in f:
            entry = json.loads(line)
            if entry["title"] == title:
                path = tmp / f"{doc['id']}.md"
                path.write_text(entry["content"], encoding="utf-8")
                return path
    raise AssertionError(f"{title} not in {collection}")


def _gold_outline(doc_id: str) -> dict:
    path = GOLD / doc_id / "outline.tsv"
    if not path.exists():
        return {}
    rows = [line.split("\t") for line in path.read_text("utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    return {(int(level) if level.isdigit() else level): int(count) for _, level, count in rows[1:]}


@pytest.fixture(scope="module")
def realworld(tmp_path_factory):
    from ingest.pipeline import ingest_path

    tmp = tmp_path_factory.mktemp("realworld")
    out = {}
    for doc in DOCUMENTS:
        [record] = ingest_path(_source(doc, tmp), _meta(doc))
        out[doc["id"]] = record
    return out


def test_outline_counts_equal_the_gold(realworld):
    from ingest.outline import outline_counts

    lines, wrong = [], []
    for doc in DOCUMENTS:
        gold = _gold_outline(doc["id"])
        if not gold:
            lines.append(f"{doc['id']:42s} (no gold outline yet)")
            continue
        got = outline_counts(realworld[doc["id"]].root)
        keys = sorted(set(gold) | {k for k, v in got.items() if v}, key=str)
        cells = "  ".join(f"{k}: {gold.get(k, 0)}/{got.get(k, 0)}" for k in keys)
        same = all(gold.get(k, 0) == got.get(k, 0) for k in keys)
        lines.append(f"{doc['id']:42s} {'ok ' if same else 'BAD'}  {cells}")
        if not same:
            wrong.append(doc["id"])
    print("\nlevel: expected/actual\n" + "\n".join(lines))
    assert not wrong


def test_no_markup_reaches_clause_text(realworld):
    found = []
    for doc_id, record in realworld.items():
        for clause in record.clauses():
            text = clause.text or ""
            if _TAG.search(text) or "$" in text or "\\" in text or _LEADER.search(text):
                found.append(f"{doc_id}: {text[:80]}")
    print("\n".join(found))
    assert not found


def test_every_table_is_a_table_node(realworld):
    for doc_id, record in realworld.items():
        assert "<table" not in record.clean_text and "<td" not in record.clean_text, doc_id
