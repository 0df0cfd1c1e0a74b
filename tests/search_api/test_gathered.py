"""Indicators and led tasks gathered once across every document, as a scan of each request gave."""

from __future__ import annotations

import threading

from ingest.records import ActorMention, Facts, Indicator, Task
from search_api.service.gathered import Gathered


def _task(tid: str, *actors: tuple[str, str]) -> Task:
    return Task(id=tid, clause_ids=[tid], text=tid,
                actors=[ActorMention(actor_id=a, clause_id=tid, role=role, surface=a) for a, role in actors])


def _documents():
    a = Facts(indicators=[Indicator(id="a/ind_1", name="死亡人数", comparator="le", value=1.0)],
              tasks=[_task("a/t1", ("yjj", "lead"), ("yjj", "lead"), ("gaj", "cooperate")),
                     _task("a/t2", ("gaj", "lead"), ("yjj", "lead"))])
    b = Facts(indicators=[Indicator(id="b/ind_1", name="死亡人数", comparator="le", value=2.0),
                          Indicator(id="b/ind_2", name="覆盖率", comparator="ge", value=90.0)],
              tasks=[_task("b/t1", ("yjj", "mentioned")), _task("b/t2", ("yjj", "lead"))])
    return [("a", a), ("b", b)]


def _scan(documents, actor_id: str):
    """What actor_detail did on every request before the gathering."""
    return [(doc, task) for doc, facts in documents for task in facts.tasks
            if any(m.actor_id == actor_id and m.role == "lead" for m in task.actors)]


def test_gathered_equals_a_scan_in_document_order():
    documents = _documents()
    gathered = Gathered.of(iter(documents))
    assert gathered.indicators == [(doc, ind) for doc, facts in documents for ind in facts.indicators]
    for actor_id in ("yjj", "gaj", "nobody"):
        assert gathered.tasks_led.get(actor_id, []) == _scan(documents, actor_id)
    assert [t.id for _, t in gathered.tasks_led["yjj"]] == ["a/t1", "a/t2", "b/t2"]   # once per task


def test_service_gathers_once_whoever_asks_first():
    """The warm-up thread and a request may ask at once: one pass, both get its result."""
    from search_api.service.readmodel import Service

    passes = []

    class Fake:
        _gathered = None
        _gathering = threading.Lock()
        _gather = Service._gather

    def documents():
        passes.append(1)
        yield from _documents()

    fake = Fake()
    results = []
    threads = [threading.Thread(target=lambda: results.append(fake._gather(documents()))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(passes) == 1 and all(r is results[0] for r in results)
