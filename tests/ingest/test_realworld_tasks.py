"""Tasks on the real-world development set: every plan (emergency plans included) states
commitments, and extraction must find them by their language, not by heading words; an
emergency plan's duty list makes its bodies the leads of their tasks."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from realworld import documents, extracted, shared_available  # noqa: E402

pytestmark = pytest.mark.skipif(not shared_available(), reason="../shared/realworld and ../shared/scale not present")

PLANS = [d["id"] for d in documents() if d.get("kind") == "plan"] if shared_available() else []


@pytest.mark.parametrize("doc_id", PLANS)
def test_every_plan_yields_tasks(doc_id):
    record = extracted(doc_id)
    tasks = record.facts.tasks
    led = [t for t in tasks if any(a.role == "lead" for a in t.actors)]
    print(f"\n{doc_id}: {len(tasks)} tasks, {len(led)} with a lead body, "
          f"{sum(t.kind == 'measure' for t in tasks)} measures")
    assert len(tasks) >= 20, f"{doc_id}: only {len(tasks)} tasks"
    assert led, f"{doc_id}: no task names a lead body"


def test_review_parts_commit_nobody():
    record = extracted("zhengzhou-rainstorm-reconstruction-plan")
    tasks = {t.clause_ids[0] for t in record.facts.tasks}
    assert tasks and not any("/preface" in c for c in tasks)


def test_emergency_plan_duty_entry_leads_its_later_clauses():
    """"省民政厅：负责…；负责…": the body before the colon leads every duty of its entry."""
    import re

    record = extracted("guangdong-disaster-relief-plan")
    tasks = {t.clause_ids[0]: t for t in record.facts.tasks}
    checked = 0
    for para in (n for n in record.nodes() if n.kind == "paragraph"):
        clauses = [c for c in para.children if c.kind == "clause"]
        head = re.match(r"^(省[^：:，。；]{1,12}厅)[：:]", clauses[0].text or "") if clauses else None
        if not head or len(clauses) < 2:
            continue
        body = "广东" + head.group(1)
        for clause in clauses[1:]:
            task = tasks.get(clause.id)
            assert task is not None, clause.text
            assert any(a.actor_id == body and a.role in ("lead", "cooperate") for a in task.actors), clause.text
            checked += 1
    assert checked >= 5
