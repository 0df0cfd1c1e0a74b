"""The server's warm-up: it reads what /ask reads from every document between requests, and
says when it has finished."""

from __future__ import annotations

import threading


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


def test_warm_up_pauses_before_each_document_and_reads_every_documents_duty_clauses(built_corpus):
    from search_api.service.readmodel import Service
    from search_api.settings import Settings

    svc = Service(Settings.from_env(data=built_corpus), with_search=False, with_graph=False)
    try:
        pauses = []
        assert not svc.warmed and svc.health()["warm"] is False
        svc.warm(pause=lambda: pauses.append(1))
        documents = svc.document_ids()
        assert len(pauses) == len(documents) >= 2
        cached = svc.__dict__["_duty_cache"]
        assert list(cached) == documents and sum(map(len, cached.values())) > 100
        assert all(text for clauses in cached.values() for _, text in clauses)
        assert svc.warmed and svc.health()["warm"] is True
    finally:
        svc.close()
