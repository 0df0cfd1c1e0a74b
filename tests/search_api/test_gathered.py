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
        _gather_awaited = threading.Event()
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


class _Quiet:
    """What LiveService needs of a Service to hand out leases."""
    generation = "gen-000001"

    def live_generation(self) -> str:
        return self.generation

    def close(self) -> None:
        pass


def test_background_work_waits_for_a_gap_in_the_requests():
    """The warm-up's pause returns at once with no request running, waits while one runs and
    for a short gap after it (the interpreter lock made searches 5-15× slower beside the
    warm-up), and gives up after its limit."""
    import time

    from search_api.api.live import LiveService

    live = LiveService(_Quiet(), load=lambda previous: previous, watch=False)
    started = time.monotonic()
    live.wait_for_no_requests(at_most_s=5)
    assert time.monotonic() - started < 1

    leased, release = threading.Event(), threading.Event()

    def request() -> None:
        svc = live.acquire()
        leased.set()
        release.wait(10)
        live.release(svc)

    thread = threading.Thread(target=request)
    thread.start()
    leased.wait(5)
    started = time.monotonic()
    live.wait_for_no_requests(at_most_s=0.3)           # a request that does not end: the limit
    assert 0.25 <= time.monotonic() - started < 3
    threading.Timer(0.2, release.set).start()
    started = time.monotonic()
    live.wait_for_no_requests(at_most_s=10)            # it ends: the pause ends with it
    assert 0.1 <= time.monotonic() - started < 5
    thread.join(5)

    live.release(live.acquire())   # a request just ended: the pause lasts until none has run for the gap
    started = time.monotonic()
    live.wait_for_no_requests(at_most_s=10, gap_s=0.3)
    assert 0.25 <= time.monotonic() - started < 5


def test_warm_up_pauses_before_each_document_unless_a_request_awaits_it(built_corpus):
    from search_api.service.readmodel import Service
    from search_api.settings import Settings

    svc = Service(Settings.from_env(data=built_corpus), with_search=False, with_graph=False)
    try:
        pauses = []
        assert not svc.warmed and svc.health()["warm"] is False
        svc.warm(pause=lambda: pauses.append(1))
        documents = svc.document_ids()
        assert len(pauses) == len(documents) >= 2
        assert svc.gathered() is svc._gathered
        assert svc.warmed and svc.health()["warm"] is True
    finally:
        svc.close()

    # a request asking for the gathering while the warm-up holds it: the warm-up stops pausing
    svc = Service(Settings.from_env(data=built_corpus), with_search=False, with_graph=False)
    try:
        asked, pauses = [], []

        def pause() -> None:
            pauses.append(1)
            if len(pauses) == 1:
                waiter = threading.Thread(target=lambda: asked.append(svc.gathered()))
                waiter.start()
                while not svc._gather_awaited.is_set():
                    threading.Event().wait(0.01)
                asked.append(waiter)

        svc.warm(pause=pause)
        asked[0].join(10)
        assert len(pauses) == 1 and asked[1] is svc._gathered
    finally:
        svc.close()
