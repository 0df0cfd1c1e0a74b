"""The hard cases issue 3 names, on the real structure tree of the seed plans."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from gold_scoring import extracted  # noqa: E402

WUJIANG, KUNSHAN = "wujiang-14fyp-emergency", "kunshan-14fyp-safety"


@pytest.fixture(scope="module")
def plans(seeds):
    return extracted(seeds)


def indicator(plans, plan_id, name):
    found = [i for i in plans[plan_id].facts.indicators if i.name == name]
    assert len(found) == 1, f"{name!r}: {[i.name for i in plans[plan_id].facts.indicators]}"
    return found[0]


def test_page_split_wujiang_row_is_rejoined(plans):
    # PDF text: "5 道路运输生产安全事故死亡 ≥20 预期性" / page break / "人数下降（%）"
    ind = indicator(plans, WUJIANG, "道路运输生产安全事故死亡人数下降")
    assert (ind.comparator, ind.value, ind.unit, ind.attribute) == (">=", 20, "%", "预期性")


def test_kunshan_unit_written_after_the_number(plans):
    ind = indicator(plans, KUNSHAN, "年均十万人口火灾死亡率")
    assert (ind.comparator, ind.value, ind.unit, ind.attribute) == ("<", 0.15, "%", "约束性")
    assert ind.text == "＜0.15%"
    # the same indicator in Wujiang writes no unit at all
    wj = indicator(plans, WUJIANG, "年均十万人火灾死亡率")
    assert (wj.comparator, wj.value, wj.unit) == ("<", 0.2, None)


def test_zero_percent_is_a_value(plans):
    ind = indicator(plans, KUNSHAN, "年均每百万人口因自然灾害死亡率")
    assert (ind.comparator, ind.value, ind.unit) == ("=", 0, "%")


def test_prose_flood_standard_is_text(plans):
    for plan_id in (WUJIANG, KUNSHAN):
        ind = indicator(plans, plan_id, "流域、区域防洪标准")
        assert (ind.comparator, ind.value, ind.unit) == ("text", None, None)
        assert "100年一遇" in ind.text and "治涝按20年一遇标准建设" in ind.text   # both page pieces


def test_comparator_word_moves_out_of_the_name(plans):
    ind = indicator(plans, KUNSHAN, "亿元地区生产总值生产安全事故死亡率")       # cell: "…死亡率降至" "0.0112"
    assert (ind.comparator, ind.value) == ("<=", 0.0112)


def test_unit_in_brackets_moves_out_of_the_name(plans):
    ind = indicator(plans, WUJIANG, "森林火灾受害率")                         # cell: "森林火灾受害率（‰）"
    assert (ind.comparator, ind.value, ind.unit) == ("<=", 0.3, "‰")


def test_table_category_from_caption_or_item(plans):
    tables = {i.table for i in plans[KUNSHAN].facts.indicators if i.id.endswith("/ind")}
    assert tables == {"安全生产类", "防灾减灾类", "应急救援类"}


def test_li_zheng_liang_nian_nei_counts_from_plan_start(plans):
    found = [d for d in plans[KUNSHAN].facts.deadlines if d.expression == "力争两年内"]
    assert [d.date for d in found] == ["2022-12-31"]


def test_running_text_targets(plans):
    names = {(i.name, i.comparator, i.value, i.unit) for i in plans[KUNSHAN].facts.indicators}
    assert ("老旧管网改造率", ">=", 80, "%") in names
    assert ("化工（危化品）企业数量", "<=", 100, "家") in names
    assert ("市级应急物资储备库", ">=", 1, "个") in names              # "不少于一个"
    target = next(i for i in plans[KUNSHAN].facts.indicators if i.name == "老旧管网改造率")
    assert target.deadline == "2025-12-31" and target.provenance.span is not None


def test_actor_written_qu_in_one_plan_and_shi_in_the_other(plans):
    """区应急管理局 (Wujiang) and 市应急管理局 (Kunshan) are each plan's own bureau."""
    def actor(plan_id, name):
        return next((a for a in plans[plan_id].facts.actors if a.id == name), None)

    wj, ks = actor(WUJIANG, "吴江区应急管理局"), actor(KUNSHAN, "昆山市应急管理局")
    assert wj and ks
    assert (wj.region, wj.level) == ("吴江区", "district")
    assert (ks.region, ks.level) == ("昆山市", "city")
    surfaces = {m.surface for m in plans[WUJIANG].facts.mentions if m.actor_id == wj.id}
    assert "区应急管理局" in surfaces
    # the same bare 安委办 is the Wujiang office in one plan and the Kunshan office in the other
    assert actor(WUJIANG, "吴江区安委办") and actor(KUNSHAN, "昆山市安委办")


def test_actors_are_deduplicated_per_document(plans):
    for record in plans.values():
        ids = [a.id for a in record.facts.actors]
        assert len(ids) == len(set(ids))
        assert {m.actor_id for m in record.facts.mentions} <= set(ids)


def test_every_fact_keeps_provenance(plans):
    for record in plans.values():
        clause_ids = {n.id for n in record.nodes()}
        f = record.facts
        for fact in [*f.indicators, *f.deadlines, *f.mentions, *f.citations, *f.tasks]:
            assert fact.provenance and fact.provenance.method, fact
            assert fact.provenance.clause_id in clause_ids
        nodes = {n.id: n for n in record.nodes()}
        for d in f.deadlines:
            if nodes[d.clause_id].kind == "clause":          # (table rows quote their joined cells)
                s, e = d.provenance.span
                assert nodes[d.clause_id].text[s:e] == d.expression


def test_topic_lead_in_tags_the_clauses_under_it(plans):
    record = plans[WUJIANG]
    gas_topic = next(n for n in record.nodes() if n.kind == "topic" and n.heading == "城镇燃气安全")
    clause_ids = {n.id for n in gas_topic.walk() if n.kind == "clause"}
    tagged = {t.clause_id for t in record.facts.sectors if t.sector == "城镇燃气"}
    assert clause_ids and clause_ids <= tagged


def test_tasks_in_main_tasks_and_key_projects(plans):
    tasks = plans[KUNSHAN].facts.tasks
    assert len(tasks) > 50
    assert all(t.verb for t in tasks)
    key = [t for t in tasks if t.key_project]
    assert key and all("/chp_4/" in t.id for t in key)         # 四、重点工程
    gas = [t for t in tasks if "城镇燃气" in t.sectors]
    assert any(m.actor_id == "城镇燃气经营企业" and m.role == "subject" for t in gas for m in t.actors)
    linked = [t for t in tasks if t.indicator_ids]
    assert linked and all(i.startswith(t.clause_ids[0]) for t in linked for i in t.indicator_ids)
