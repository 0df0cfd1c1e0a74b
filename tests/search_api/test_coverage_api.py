"""`policykg coverage` and /coverage on the shared build (corpus + reference laws) through a
real server: a draft ingested or uploaded, checked against the Kunshan plan."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from search_api.coverage.report import CSV_COLUMNS, VERDICTS

REPO = Path(__file__).resolve().parents[2]
KUNSHAN, WUJIANG = "kunshan-14fyp-safety", "wujiang-14fyp-emergency"
DRAFT = ("某县安全生产“十四五”规划\n一、主要目标\n到2025年，生产安全事故起数下降25%，生产安全事故死亡人数下降10%。\n"
         "二、主要任务\n（一）燃气安全\n1.县住房城乡建设局牵头推进城镇燃气管道老化更新改造。\n"
         "2.县应急管理局组织开展养老机构消防安全培训，每年不少于两次。\n")

pytestmark = pytest.mark.slow


def _check_report(report: dict) -> None:
    s = report["summary"]
    assert s["provisions"] == len(report["provisions"]) == s["covered"] + s["partly"] + s["missing"] > 0
    assert all(p["verdict"] in VERDICTS and p["reference"] == KUNSHAN for p in report["provisions"])
    assert {p["kind"] for p in report["provisions"]} == {"task", "indicator", "deadline"}


def test_an_ingested_draft_against_a_reference(api):
    response = api.get("/coverage", params={"draft": WUJIANG, "against": KUNSHAN})
    assert response.status_code == 200, response.text
    report = response.json()
    _check_report(report)
    s = report["summary"]
    print(f"\nWujiang against Kunshan: {s}")
    assert s["covered"] >= 20 and s["missing"] >= 20       # two plans of one kind, different counties
    compared = [p for p in report["provisions"] if p["kind"] == "indicator" and p["comparison"] != "absent"]
    assert len(compared) >= 5 and all(p["draft_value"] for p in compared)
    covered = next(p for p in report["provisions"] if p["verdict"] == "covered")
    assert covered["matches"][0]["clause_id"].startswith(WUJIANG + "/")


def test_an_uploaded_draft_in_three_formats(api, tmp_path):
    files = {"file": ("某县规划草案.txt", DRAFT.encode("gb18030"), "text/plain")}
    response = api.post("/coverage", files=files, data={"against": KUNSHAN})
    assert response.status_code == 200, response.text
    report = response.json()
    _check_report(report)
    assert report["draft"]["title"] == "某县安全生产“十四五”规划"
    accidents = [p for p in report["provisions"] if p["kind"] == "indicator" and p["text"].find("生产安全事故起数下降") >= 0]
    assert accidents and accidents[0]["comparison"] == "stricter" and "25" in accidents[0]["draft_value"]
    assert report["summary"]["missing"] > report["summary"]["covered"]      # a 4-line draft misses most
    csv_text = api.post("/coverage", params={"format": "csv"}, files=files, data={"against": KUNSHAN})
    assert csv_text.headers["content-type"].startswith("text/csv")
    assert csv_text.text.splitlines()[0].split(",") == list(CSV_COLUMNS)
    markdown = api.post("/coverage", params={"format": "md"}, files=files, data={"against": KUNSHAN})
    assert markdown.text.startswith("# 《某县安全生产“十四五”规划》对照") and "| verdict |" in markdown.text


@pytest.mark.parametrize("params,status,message", [
    ({"draft": WUJIANG, "against": "no-such-plan"}, 404, "no such document"),
    ({"draft": KUNSHAN, "against": KUNSHAN}, 400, "both the draft and a reference"),
    ({"draft": WUJIANG, "against": KUNSHAN, "format": "xlsx"}, 400, "format must be one of"),
])
def test_bad_coverage_requests(api, params, status, message):
    response = api.get("/coverage", params=params)
    assert response.status_code == status and message in response.json()["detail"]


def test_upload_needs_exactly_one_draft(api):
    neither = api.post("/coverage", data={"against": KUNSHAN})
    both = api.post("/coverage", files={"file": ("d.txt", DRAFT.encode(), "text/plain")},
                    data={"against": KUNSHAN, "draft": WUJIANG})
    assert neither.status_code == both.status_code == 400


def test_cli_reads_a_draft_file_and_writes_nothing(built_data, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    before = sorted(p.name for p in (built_data / "current").iterdir())
    cmd = [sys.executable, "-m", "search_api.cli", "coverage", str(draft), "--against", KUNSHAN,
           "--data", str(built_data)]
    proc = subprocess.run(cmd + ["--format", "json"], cwd=REPO, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-2000:]
    _check_report(json.loads(proc.stdout))
    out = tmp_path / "report.md"
    proc = subprocess.run(cmd + ["--format", "md", "-o", str(out)], cwd=REPO, capture_output=True, text=True,
                          timeout=900)
    assert proc.returncode == 0 and out.read_text("utf-8").startswith("# 《")
    assert sorted(p.name for p in (built_data / "current").iterdir()) == before
    missing = subprocess.run(cmd[:4] + ["nowhere/draft.txt"] + cmd[5:], cwd=REPO, capture_output=True, text=True)
    assert missing.returncode == 2 and "no such file" in missing.stderr
