"""DocumentMeta through the Python API: years given as strings are read, wrong ones refused up front."""
import pytest

from ingest.extract import extract_facts
from ingest.records import DocumentMeta, DocumentRecord, Node


def test_years_given_as_digit_strings_are_read_as_years():
    meta = DocumentMeta(id="p", title="某规划", period_start="2021", period_end=" 2025 ", vision_year="2035")
    assert (meta.period_start, meta.period_end, meta.vision_year) == (2021, 2025, 2035)


def test_a_string_period_reaches_extraction_as_years():
    # "十四五期间" is dated by the period: given as strings it used to fail deep in extraction.
    clause = Node("p/chp_1/para_1/cl_1", "clause", text="十四五期间，完成全部隐患点搬迁避让。")
    root = Node("p", "document", children=[
        Node("p/chp_1", "part", number="一", heading="主要任务", children=[
            Node("p/chp_1/para_1", "paragraph", text=clause.text, children=[clause])])])
    meta = DocumentMeta(id="p", title="某规划", period_start="2021", period_end="2025")
    facts = extract_facts(DocumentRecord(meta, root))
    assert [(d.start, d.date) for d in facts.deadlines if d.clause_id == clause.id] == [("2021-01-01", "2025-12-31")]


@pytest.mark.parametrize("fields, message", [
    ({"period_start": "二〇二一", "period_end": 2025}, "period_start must be a year"),
    ({"period_start": 2021.5, "period_end": 2025}, "period_start must be a year"),
    ({"period_start": True, "period_end": 2025}, "period_start must be a year"),
    ({"period_start": 2025, "period_end": 2021}, "ends before it starts"),
])
def test_wrong_years_are_refused_with_a_clear_error(fields, message):
    with pytest.raises(ValueError, match=message):
        DocumentMeta(id="p", title="某规划", **fields)
