"""`policykg … --json` and the HTTP API give one shape per concept: a search hit and each kind of
fact have the same keys (and values) whichever interface returns them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from liveserver import REPO

pytestmark = pytest.mark.slow

PLAN = "kunshan-14fyp-safety"
QUERY = "燃气管道老化怎么整治"


def cli_json(data, *args: str):
    proc = subprocess.run([sys.executable, "-m", "search_api.cli", *args, "--json", "--data", str(data)],
                          cwd=REPO, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_a_search_hit_has_one_shape(built_data, api):
    cli = cli_json(built_data, "search", QUERY, "-k", "5")
    http = api.get("/search", params={"q": QUERY, "k": 5}).json()
    assert list(cli) == list(http) == ["query", "results"]
    assert [list(h) for h in cli["results"]] == [list(h) for h in http["results"]]

    source = http["results"][0]["clause_id"]
    similar_cli = cli_json(built_data, "similar", source, "--other-plans", "-k", "3")["results"]
    similar_http = api.get(f"/clauses/{source}/similar", params={"k": 3}).json()["results"]
    assert [list(h) for h in similar_cli] == [list(h) for h in similar_http] == [list(cli["results"][0])] * 3

    ask_cli = cli_json(built_data, "ask", "燃气安全归哪个部门管？", "-k", "2")
    ask_http = api.get("/ask", params={"q": "燃气安全归哪个部门管？", "k": 2}).json()
    assert list(ask_cli) == list(ask_http)
    assert [list(h) for h in ask_cli["results"]] == [list(h) for h in ask_http["results"]] == \
        [list(cli["results"][0])] * 2


def test_deadlines_and_tasks_have_one_shape(built_data, api):
    deadlines = cli_json(built_data, "deadlines", PLAN)
    tasks = cli_json(built_data, "tasks", PLAN)
    for row in deadlines[:10]:
        clause = api.get(f"/clauses/{row['clause_id']}").json()
        assert row in clause["facts"]["deadlines"], (row, clause["facts"]["deadlines"])
    for task in tasks[:10]:
        clause = api.get(f"/clauses/{task['clause_ids'][0]}").json()
        assert task in clause["facts"]["tasks"], (task, clause["facts"]["tasks"])


def test_indicators_listing_is_the_api_indicator_narrowed_to_the_documented_columns(built_data, api):
    from search_api.service.schema import INDICATOR_LISTING, IndicatorOut

    listed = cli_json(built_data, "indicators", PLAN)
    served = api.get(f"/plans/{PLAN}/indicators").json()
    assert all(list(row) == list(INDICATOR_LISTING) for row in listed)
    assert all(list(row) == list(IndicatorOut.model_fields) for row in served)
    assert listed == [{k: row[k] for k in INDICATOR_LISTING} for row in served]
