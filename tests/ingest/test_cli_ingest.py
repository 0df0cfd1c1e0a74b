"""The real `policykg` CLI in subprocesses: build, plans, outline, ingest, and failed ingests
that leave the previous build live."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from ingest_helpers import CORPUS, KUNSHAN, REPO, WUJIANG


SMALL_PLAN = ("某区安全生产“十四五”规划\n一、总体要求\n（一）指导思想\n"
              "坚持人民至上、生命至上，统筹发展和安全。\n二、主要任务\n（一）强化燃气安全\n"
              "1.城镇燃气。区住房城乡建设局牵头开展燃气管道老化更新改造。\n")


def cli(*args, data=None, timeout=1800):
    cmd = [sys.executable, "-m", "search_api.cli", *args] + (["--data", str(data)] if data else [])
    return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=timeout)


def live(data):
    return os.readlink(data / "current")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    data = tmp_path_factory.mktemp("cli-ingest") / "data"
    proc = cli("build", "--corpus", str(CORPUS), "--json", data=data)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return data, json.loads(proc.stdout)


@pytest.fixture
def data_copy(built, tmp_path):
    dst = tmp_path / "data"
    shutil.copytree(built[0], dst, symlinks=True)
    return dst


@pytest.mark.slow
def test_build_then_plans(built):
    data, summary = built
    assert {d["id"] for d in summary} == {WUJIANG, KUNSHAN}
    proc = cli("plans", "--json", data=data)
    assert proc.returncode == 0, proc.stderr
    plans = {p["id"]: p for p in json.loads(proc.stdout)}
    print("\n" + "\n".join(f"{p['id']}: {p['clauses']} clauses" for p in plans.values()))
    assert plans[WUJIANG]["region"] == "吴江区" and plans[KUNSHAN]["kind"] == "plan"
    assert all(p["clauses"] > 200 for p in plans.values())
    assert set(plans[WUJIANG]) >= {"id", "title", "region", "kind", "clauses", "indicators", "tasks"}


@pytest.mark.slow
def test_outline_json(built):
    data, _ = built
    proc = cli("outline", KUNSHAN, "--json", data=data)
    assert proc.returncode == 0, proc.stderr
    tree = json.loads(proc.stdout)

    def walk(node):
        yield node
        for child in node["children"]:
            yield from walk(child)

    nodes = list(walk(tree))
    assert all(set(n) == {"id", "kind", "number", "heading", "text", "children"} for n in nodes)
    parts = [c for c in tree["children"] if c["kind"] == "part"]
    assert [sum(s["kind"] == "section" for s in p["children"]) for p in parts] == [3, 3, 8, 6, 4]
    assert all(n["text"] for n in nodes if n["kind"] in ("clause", "cell"))
    first_table = next(n for n in nodes if n["kind"] == "table")
    assert len(first_table["children"]) == 13
    assert [c["text"] for c in first_table["children"][0]["children"]] == [
        "1", "生产安全事故起数下降", "＞20%", "预期性"]
    proc = cli("outline", KUNSHAN, data=data)
    assert proc.returncode == 0 and "三、 主要任务" in proc.stdout
    proc = cli("outline", "no-such-plan", "--json", data=data)
    assert proc.returncode == 2 and "no such document" in proc.stderr


@pytest.mark.slow
def test_ingest_adds_a_document(data_copy, tmp_path):
    path = tmp_path / "small-plan.txt"
    path.write_text(SMALL_PLAN, encoding="gb18030")
    proc = cli("ingest", str(path), "--json", data=data_copy)
    assert proc.returncode == 0, proc.stderr[-2000:]
    docs = {d["id"]: d for d in json.loads(proc.stdout)}
    assert set(docs) == {WUJIANG, KUNSHAN, "small-plan"}
    assert docs["small-plan"]["title"] == "某区安全生产“十四五”规划"
    tree = json.loads(cli("outline", "small-plan", "--json", data=data_copy).stdout)
    assert [c["id"] for c in tree["children"]] == ["small-plan/chp_1", "small-plan/chp_2"]


BAD_FILES = [
    ("empty.txt", b""),
    ("picture.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8),
    ("noise.txt", ("%$#@!&*" * 200 + "\n").encode() * 10),
]


@pytest.mark.slow
@pytest.mark.parametrize("name,payload", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_failed_ingest_keeps_the_previous_build(data_copy, tmp_path, name, payload):
    path = tmp_path / name
    path.write_bytes(payload)
    before_link = live(data_copy)
    before_manifest = (data_copy / "current" / "manifest.json").read_bytes()
    proc = cli("ingest", str(path), data=data_copy)
    print(f"\n{name}: exit {proc.returncode}: {proc.stderr.strip()}")
    assert proc.returncode == 2
    assert proc.stderr.startswith("policykg: error: ") and name in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
    assert live(data_copy) == before_link
    assert (data_copy / "current" / "manifest.json").read_bytes() == before_manifest
    assert not list(data_copy.glob("tmp-*"))


@pytest.mark.slow
def test_build_from_a_broken_corpus_keeps_the_previous_build(data_copy, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "plans.toml").write_text('[[plan]]\nid = "p1"\ntitle = "某区规划"\nfile = "missing.txt"\n',
                                       encoding="utf-8")
    before = live(data_copy)
    proc = cli("build", "--corpus", str(corpus), data=data_copy)
    assert proc.returncode == 2 and "missing.txt" in proc.stderr and "does not exist" in proc.stderr
    assert live(data_copy) == before
    (corpus / "plans.toml").write_text('[[plan]]\nid = "p1"\ntitel = "typo"\n', encoding="utf-8")
    proc = cli("build", "--corpus", str(corpus), data=data_copy)
    assert proc.returncode == 2 and "unknown key(s) titel" in proc.stderr
    assert live(data_copy) == before


def test_every_corpus_command_has_help():
    for command in ("build", "ingest", "check", "plans", "outline"):
        proc = cli(command, "--help")
        assert proc.returncode == 0 and ("--data" in proc.stdout) == (command != "check"), command


MARKUP_PLAN = ("某县应急管理“十四五”规划\n一、主要任务\n"
               "1. 县应急管理局负责建设<span>应急指挥</span>平台。\n")


def test_check_reports_what_was_found_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)    # the default data directory would be ./data
    plan = tmp_path / "small-plan.txt"
    plan.write_text(SMALL_PLAN + "2.到2025年，燃气管道老化更新改造完成率达到100%。\n", encoding="gb18030")
    bare = tmp_path / "markup-plan.txt"
    bare.write_text(MARKUP_PLAN, encoding="utf-8")
    cmd = [sys.executable, "-m", "search_api.cli", "check", str(plan), str(bare), "--period", "2021-2025", "--json"]
    proc = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    reports = {r["id"]: r for r in json.loads(proc.stdout)}
    print("\n" + proc.stderr)
    small = reports["small-plan"]
    assert (small["parts"], small["indicators"], small["deadlines"], small["tables"]) == (2, 1, 1, 0)
    assert small["tasks"] >= 2 and small["bodies"] >= 1 and small["warnings"] == []
    markup = reports["markup-plan"]
    assert any("markup left" in w and "<span>" in w for w in markup["warnings"])
    assert any("no indicators" in w for w in markup["warnings"])
    assert "warning: markup-plan: markup left" in proc.stderr
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize("option,value,message", [
    ("--period", "2021-20x5", "period must be START-END years"),
    ("--date", "2021/03/05", "date must be an ISO date"),
    ("--level", "galaxy", "level must be one of"),
    ("--format", "odt", "format must be one of"),
    ("--kind", "poem", "kind must be one of"),
])
def test_check_refuses_bad_metadata(tmp_path, option, value, message):
    plan = tmp_path / "small-plan.txt"
    plan.write_text(SMALL_PLAN, encoding="utf-8")
    proc = cli("check", str(plan), option, value)
    assert proc.returncode == 2 and proc.stderr.startswith("policykg: error: ") and message in proc.stderr


@pytest.mark.slow
def test_ingest_takes_metadata_and_reports_each_document(data_copy, tmp_path):
    path = tmp_path / "county-plan.txt"
    path.write_text(MARKUP_PLAN, encoding="utf-8")
    proc = cli("ingest", str(path), "--period", "2026-2030", "--issuer", "某县人民政府", "--level", "county",
               "--date", "2026-03-01", "--region", "某县", data=data_copy)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "warning: county-plan: no indicators found" in proc.stderr
    assert "warning: county-plan: markup left" in proc.stderr
    assert "warning: " + WUJIANG not in proc.stderr      # only the documents of this run are reported
    record = json.loads((data_copy / "current" / "records" / "county-plan.json").read_text("utf-8"))
    meta = record["meta"]
    assert (meta["period_start"], meta["period_end"], meta["issuer"], meta["level"], meta["date"]) == (
        2026, 2030, "某县人民政府", "county", "2026-03-01")
    assert meta["kind"] == "plan"     # not given: read from the text
    plans = {p["id"]: p for p in json.loads(cli("plans", "--json", data=data_copy).stdout)}
    assert plans["county-plan"]["tasks"] >= 1 and plans["county-plan"]["warnings"]
