"""The evaluation harness on its own: query-file parsing, gold matching, metrics.

The harness run with the real model and index is in test_index_real.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from search_api.errors import UserError
from search_api.index.evaluate import (EvalQuery, evaluate, first_gold_rank, format_table, is_gold, metrics,
                                 parse_queries)

REPO = Path(__file__).resolve().parents[2]
DEV = REPO.parent / "shared" / "eval" / "dev_queries.tsv"
OWN = REPO / "tests" / "search_api" / "queries_own.tsv"


@dataclass
class FakeHit:
    plan_id: str
    text: str


def test_parses_the_shared_dev_set_and_our_own():
    dev = parse_queries(DEV)
    assert len(dev) == 20 and dev[0].id == "d01"
    assert dev[0].gold[0] == ("wujiang-14fyp-emergency", "推进危险化学品企业安全风险分级管控和隐患排查治理体系建设")
    own = parse_queries(OWN)
    assert len(own) >= 30 and len({q.id for q in own}) == len(own)
    assert not {q.query for q in own} & {q.query for q in dev}


def test_own_queries_do_not_copy_their_gold():
    """Colloquial phrasing: no query contains any 6-character run of its gold clauses."""
    for q in parse_queries(OWN):
        for _plan, sub in q.gold:
            runs = {sub[i:i + 6] for i in range(max(1, len(sub) - 5))}
            assert not any(r in q.query for r in runs), (q.id, q.query, sub)


def test_gold_match_ignores_whitespace_and_needs_the_plan():
    gold = [("kunshan-14fyp-safety", "管线入廊率达到100%")]
    assert is_gold("kunshan-14fyp-safety", "综合管廊 管线入廊率\n达到 100%。", gold)
    assert not is_gold("wujiang-14fyp-emergency", "管线入廊率达到100%", gold)
    hits = [FakeHit("kunshan-14fyp-safety", "别的"), FakeHit("kunshan-14fyp-safety", "入廊率达到100%…管线入廊率达到100%")]
    assert first_gold_rank(hits, gold) == 2 and first_gold_rank(hits[:1], gold) is None


def test_metrics():
    m = metrics([1, 3, None, 7])
    assert m == {"R@1": 0.25, "R@5": 0.5, "R@10": 0.75, "MRR@10": round((1 + 1 / 3 + 1 / 7) / 4, 4)}
    assert metrics([11])["MRR@10"] == 0.0


def test_evaluate_runs_every_method():
    class Index:
        def search(self, query, k, method):
            text = {"bm25": "无关", "dense": "答案在此", "hybrid": "答案在此"}[method]
            return [FakeHit("p", "无关"), FakeHit("p", text)]

    result = evaluate(Index(), [EvalQuery("q1", "问", [("p", "答案")])])
    assert result["methods"]["bm25"]["R@10"] == 0 and result["methods"]["dense"]["MRR@10"] == 0.5
    assert result["per_query"] == [{"id": "q1", "query": "问", "hybrid": 2, "bm25": None, "dense": 2}]
    assert "hybrid" in format_table(result)


@pytest.mark.parametrize("content, message", [
    ("q1\tonly two columns\n", "three tab-separated"),
    ("q1\t问\tnoplan\n", "PLAN:substring"),
    ("# just a comment\n", "no queries"),
])
def test_bad_query_files_are_user_errors(tmp_path, content, message):
    path = tmp_path / "q.tsv"
    path.write_text(content, "utf-8")
    with pytest.raises(UserError, match=message):
        parse_queries(path)


def test_missing_query_file(tmp_path):
    with pytest.raises(UserError, match="no such query file"):
        parse_queries(tmp_path / "nope.tsv")
