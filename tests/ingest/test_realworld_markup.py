"""The real-world development set read as text: no clause keeps markup — HTML tags, LaTeX,
TOC dot leaders — and every HTML table became a table node. (The outline counts against the
gold are checked in test_realworld_gold.py.)"""

from __future__ import annotations

import re

import pytest
from realworld import documents, ingested, shared_available

pytestmark = pytest.mark.skipif(not shared_available(), reason="../shared/realworld and ../shared/scale not present")

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_LEADER = re.compile(r"(?:[.．·…]\s*){3,}|[.．…]{2,}\s*\d{1,3}\s*$")


def test_no_markup_reaches_clause_text():
    found = []
    for doc in documents():
        for clause in ingested(doc["id"]).clauses():
            text = clause.text or ""
            if _TAG.search(text) or "$" in text or "\\" in text or _LEADER.search(text):
                found.append(f"{doc['id']}: {text[:80]}")
    print("\n".join(found))
    assert not found


def test_every_html_table_is_a_table_node():
    for doc in documents():
        record = ingested(doc["id"])
        assert "<table" not in record.clean_text and "<td" not in record.clean_text, doc["id"]
