"""The hand-written gold files are well formed and point at real, unique text of the seed plans.

The extractor tests score against these files; a typo in a snippet or a label would
silently turn into a false miss there, so the files themselves are checked here against
the shipped plan texts (whitespace removed, page footers dropped, as the snippets are written).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import tomllib
from pathlib import Path

import pytest

GOLD = Path(__file__).resolve().parent
CORPUS = GOLD.parents[1] / "corpus"

COLUMNS = {
    "indicators": ["plan", "source", "name", "comparator", "value", "unit", "attribute", "clause"],
    "deadlines": ["plan", "clause", "expression", "date", "start", "recurrence"],
    "actors": ["plan", "clause", "actor", "role", "surface"],
    "sectors": ["plan", "clause", "sectors"],
    "citations": ["plan", "clause", "title"],
}
COMPARATORS = {"<", "<=", "=", ">=", ">", "text"}
ROLES = {"lead", "cooperate", "subject", "mentioned"}
SECTOR_LABELS = {"城镇燃气", "危险化学品", "消防", "道路运输", "水上交通", "铁路", "建筑施工", "城市建设", "工贸",
                 "特种设备", "危险废物", "功能区", "防汛抗旱", "森林防火", "地震地质", "气象灾害", "应急救援",
                 "应急物资", "监管执法", "科技信息化", "宣传教育", "安全生产责任", "应急预案", "基层应急",
                 "风险防控", "自然灾害"}
_FOOTER = re.compile(r"—\s*\d+\s*—")
_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")


def squashed_plans() -> dict[str, str]:
    manifest = tomllib.loads((CORPUS / "plans.toml").read_text("utf-8"))
    texts = {}
    for entry in manifest["plan"]:
        raw = (CORPUS / entry["file"]).read_text("utf-8")
        texts[entry["id"]] = re.sub(r"\s+", "", _BOOKMARK.sub("", _FOOTER.sub("", raw)))
    return texts


def rows(name: str) -> list[dict[str, str]]:
    with open(GOLD / f"{name}.tsv", encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    assert next(reader) == COLUMNS[name], f"{name}.tsv: header row"
    out = []
    for n, cells in enumerate(reader, 2):
        assert len(cells) == len(COLUMNS[name]), f"{name}.tsv data row {n}: {len(cells)} columns"
        out.append(dict(zip(COLUMNS[name], cells)))
    return out


TEXTS = squashed_plans()


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_every_snippet_is_unique_plan_text(name):
    problems = []
    for r in rows(name):
        assert r["plan"] in TEXTS, f"{name}: unknown plan {r['plan']}"
        clause = r["clause"]
        count = TEXTS[r["plan"]].count(clause)
        if count != 1 or not 8 <= len(clause) <= 30 or re.search(r"\s", clause):
            problems.append(f"{r['plan']} ×{count} len={len(clause)} {clause}")
    print(f"\n{name}: {len(rows(name))} rows checked against the seed texts")
    assert not problems, f"{name}.tsv snippets not unique/not found:\n" + "\n".join(problems)


def test_indicator_fields():
    table = [r for r in rows("indicators") if r["source"] == "table"]
    counts = {p: sum(r["plan"] == p for r in table) for p in TEXTS}
    print(f"\nindicator table rows per plan: {counts}; text targets: "
          f"{sum(r['source'] == 'text' for r in rows('indicators'))}")
    assert counts == {"wujiang-14fyp-emergency": 19, "kunshan-14fyp-safety": 22}
    for r in rows("indicators"):
        assert r["source"] in {"table", "text"} and r["comparator"] in COMPARATORS, r
        assert r["attribute"] in {"约束性", "预期性", ""}, r
        assert (r["value"] == "") == (r["comparator"] == "text"), r
        if r["value"]:
            float(r["value"])
        assert not re.search(r"[（(][%‰][）)]", r["name"]), f"unit left in name: {r}"
        if r["source"] == "table":     # the snippet locates the row by the start of its name cell
            assert r["clause"][:6] == r["name"][:6], f"table clause does not start the name cell: {r}"


def test_deadline_fields():
    for r in rows("deadlines"):
        if r["recurrence"]:
            assert r["recurrence"] in {"每年", "年均", "常态化"} and not r["date"] and not r["start"], r
            continue
        end = dt.date.fromisoformat(r["date"])
        if r["start"]:
            assert dt.date.fromisoformat(r["start"]) < end, r
        assert r["expression"], r


def test_actor_fields():
    per_plan = {p: {r["clause"] for r in rows("actors") if r["plan"] == p} for p in TEXTS}
    print(f"\nactor clauses per plan: { {p: len(c) for p, c in per_plan.items()} }")
    assert all(len(c) >= 25 for c in per_plan.values())
    seen = set()
    for r in rows("actors"):
        assert r["role"] in ROLES and r["actor"] and r["surface"], r
        key = (r["plan"], r["clause"], r["actor"])
        assert key not in seen, f"actor listed twice for one clause: {r}"
        seen.add(key)


def test_sector_labels_and_cue_header():
    header = (GOLD / "sectors.tsv").read_text("utf-8")
    declared = set(re.findall(r"^#   (\S+): ", header, flags=re.M))
    assert declared == SECTOR_LABELS, "cue header must list every concept label once"
    per_plan = {p: sum(r["plan"] == p for r in rows("sectors")) for p in TEXTS}
    print(f"\nsector-tagged clauses per plan: {per_plan}")
    assert all(n >= 35 for n in per_plan.values())
    for r in rows("sectors"):
        tags = r["sectors"].split("|")
        assert tags and set(tags) <= SECTOR_LABELS and len(tags) == len(set(tags)), r


def test_citation_titles_are_normalised():
    for r in rows("citations"):
        assert "《" not in r["title"] and "》" not in r["title"], r
        short = r["title"].removeprefix("中华人民共和国")
        assert short in TEXTS[r["plan"]], f"title not in the plan text: {r}"
