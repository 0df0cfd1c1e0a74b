"""`policykg indicators / deadlines / actors / tasks` on a real build (corpus + reference laws)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow      # uses the session build of the whole corpus


def policykg(data: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "search_api.cli", *args, "--data", str(data)],
                          cwd=REPO, capture_output=True, text=True, timeout=600)


def as_json(data: Path, *args: str):
    proc = policykg(data, *args, "--json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_indicators_json(built_data):
    rows = as_json(built_data, "indicators", "kunshan-14fyp-safety")
    assert all(set(r) == {"id", "name", "comparator", "value", "unit", "attribute", "table", "clause_id"} for r in rows)
    assert all(r["comparator"] in ("<", "<=", "=", ">=", ">", "text") for r in rows)
    fire = next(r for r in rows if r["name"] == "年均十万人口火灾死亡率")
    assert (fire["comparator"], fire["value"], fire["unit"], fire["attribute"]) == ("<", 0.15, "%", "约束性")
    assert len([r for r in rows if r["table"]]) == 22


def test_deadlines_json(built_data):
    rows = as_json(built_data, "deadlines", "kunshan-14fyp-safety")
    assert all({"clause_id", "text", "date", "expression"} <= set(r) for r in rows)
    assert {"date": "2022-12-31", "expression": "力争两年内"}.items() <= next(
        r for r in rows if r["expression"] == "力争两年内").items()


def test_tasks_by_sector_accepts_alt_labels(built_data):
    gas = as_json(built_data, "tasks", "kunshan-14fyp-safety", "--sector", "燃气")
    assert gas and all("城镇燃气" in t["sectors"] for t in gas)
    assert as_json(built_data, "tasks", "kunshan-14fyp-safety", "--sector", "城镇燃气") == gas
    bad = policykg(built_data, "tasks", "kunshan-14fyp-safety", "--sector", "火星")
    assert bad.returncode == 2 and bad.stderr.startswith("policykg: error: unknown sector")


def test_actors_across_plans_and_laws(built_data):
    rows = as_json(built_data, "actors")
    by_id = {r["id"]: r for r in rows}
    gas_law = [m for m in by_id["燃气管理部门"]["mentions"] if m["role"] == "lead"]
    assert gas_law, "the gas regulation's duty assignment reaches the actor list"
    assert by_id["吴江区应急管理局"]["documents"] == ["wujiang-14fyp-emergency"]
    one = as_json(built_data, "actors", "kunshan-14fyp-safety")
    assert {d for r in one for d in r["documents"]} == {"kunshan-14fyp-safety"}


def test_unknown_document_is_one_line_error(built_data):
    proc = policykg(built_data, "indicators", "no-such-plan")
    assert proc.returncode == 2
    assert proc.stderr.strip() == "policykg: error: no such document: no-such-plan"
