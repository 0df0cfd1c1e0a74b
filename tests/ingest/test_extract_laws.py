"""Extraction over the 159 reference laws: no errors, duty assignments found, fast enough."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest

from ingest.extract import extract_facts
from ingest.pipeline import ingest_path

LAWS = Path(__file__).resolve().parents[2].parent / "shared" / "reference" / "emergency_laws.jsonl"


@pytest.fixture(scope="module")
def laws():
    from ingest.extract.nlp import get_nlp

    get_nlp()                                  # load once, outside the timing below
    records = ingest_path(LAWS)
    titles = {r.meta.title: r.meta.id for r in records}
    started = time.perf_counter()
    for record in records:
        record.facts = extract_facts(record, titles)
    seconds = time.perf_counter() - started
    chars = sum(len(c.text or "") for r in records for c in r.clauses())
    print(f"\nextracted {len(records)} laws, {chars} clause characters in {seconds:.1f} s "
          f"({chars / seconds:,.0f} chars/s)")
    return records, seconds, chars


@pytest.mark.slow   # ~30 s: every reference law through every extractor
def test_all_laws_extract_without_error(laws):
    records, seconds, chars = laws
    assert len(records) == 159
    roles = Counter(m.role for r in records for m in r.facts.mentions)
    print("mention roles:", dict(roles), "tasks:", sum(len(r.facts.tasks) for r in records),
          "citations:", sum(len(r.facts.citations) for r in records))
    assert roles["lead"] > 1000 and roles["subject"] > 500
    assert sum(1 for r in records if r.facts.tasks) > 140      # nearly every statute assigns duties
    assert chars / seconds > 5_000     # the 18 M-character scale corpus within the hour, on a shared 2-core box


@pytest.mark.slow
def test_gas_regulation_article_5_assigns_gas_management(laws):
    records, _, _ = laws
    [gas] = [r for r in records if r.meta.title == "城镇燃气管理条例"]
    clauses = {n.id: n.text for n in gas.clauses() if "/art_5/" in n.id}
    mentions = [m for m in gas.facts.mentions if m.clause_id in clauses]
    leads = {m.actor_id: m for m in mentions if m.role == "lead"}
    assert "燃气管理部门" in leads and "国务院建设主管部门" in leads
    local = leads["燃气管理部门"]
    assert clauses[local.clause_id] == "县级以上地方人民政府燃气管理部门负责本行政区域内的燃气管理工作。"
    assert local.surface == "县级以上地方人民政府燃气管理部门"
    national = next(a for a in gas.facts.actors if a.id == "国务院建设主管部门")
    assert national.level == "national"
    # what they are responsible for: the duty clause is a task about city gas
    task = next(t for t in gas.facts.tasks if t.clause_ids == [local.clause_id])
    assert task.verb == "负责" and "城镇燃气" in task.sectors and "燃气管理" in task.text
    assert any(a.actor_id == "燃气管理部门" and a.role == "lead" for a in task.actors)


@pytest.mark.slow
def test_law_citations_link_inside_the_corpus(laws):
    records, _, _ = laws
    linked = [c for r in records for c in r.facts.citations if c.target_doc]
    by_id = {r.meta.id: r.meta.title for r in records}
    print("linked citations:", len(linked))
    assert len(linked) > 20
    assert all(by_id[c.target_doc] == c.title for c in linked)


@pytest.mark.parametrize("written,body", [
    ("(一)安全生产监督管理部门", "安全生产监督管理部门"),
    ("（二）公安机关", "公安机关"),
    ("3.县级以上地方人民政府燃气管理部门", "燃气管理部门"),
    ("国务院建设主管部门", "国务院建设主管部门"),
])
def test_law_body_drops_the_item_number_of_an_enumerated_duty(written, body):
    from ingest.extract.actors import law_body

    assert law_body(written).name == body
