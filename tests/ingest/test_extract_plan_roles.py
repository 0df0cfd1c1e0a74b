"""Roles in plans' wording found on the real-world development set: a level written with its
alternatives acting in a clause part, and bodies organised together with experts."""

from __future__ import annotations

import pytest

from ingest.extract import extract_facts
from ingest.pipeline import ingest_path
from ingest.records import DocumentMeta

ITEMS = [
    "实施本规划涉及到水利、国土、气象等部门，各省（自治区、直辖市）应成立相应的协调管理部门做好规划实施中的协调工作。",
    "第二阶段有山洪灾害防治任务的各省（自治区、直辖市）根据任务书的要求，编制完成本地区的山洪灾害防治规划。",
    "水利部按照各省（自治区、直辖市）上报的数据汇总山洪灾害防治规划。",
    "市应急管理局组织有关部门、专家及灾区应急管理部门评估过渡期生活救助需求。",
    "国务院应急办应适时组织有关部门和专家进行评估。",
]


@pytest.fixture(scope="module")
def mentions(tmp_path_factory) -> list[set[tuple[str, str]]]:
    """{(body, role)} of each item of a small national plan, in order."""
    title = "某某灾害防治规划"
    body = "\n\n".join(f"（{'一二三四五六七八九'[i]}）{text}" for i, text in enumerate(ITEMS))
    path = tmp_path_factory.mktemp("plan") / f"{title}.md"
    path.write_text(f"# {title}\n\n一、规划实施\n\n{body}\n", "utf-8")
    [record] = ingest_path(path, DocumentMeta(id="plan", title=title, kind="plan", region="全国", level="national"))
    record.facts = extract_facts(record)
    items = [n for n in record.root.walk() if n.kind == "section"]
    assert len(items) == len(ITEMS)
    return [{(m.actor_id, m.role) for m in record.facts.mentions if m.clause_id.startswith(item.id + "/")}
            for item in items]


def test_a_level_with_its_alternatives_acts_in_a_clause_part(mentions):
    assert ("省（自治区、直辖市）", "lead") in mentions[0]
    assert ("省（自治区、直辖市）", "lead") in mentions[1]       # after "有…任务的", which describes it
    assert not any(body == "省（自治区、直辖市）" for body, _ in mentions[2])   # the source of data, no actor


def test_bodies_organised_with_experts_take_part(mentions):
    assert {("有关部门", "cooperate"), ("应急管理部门", "cooperate")} <= mentions[3]
    assert ("有关部门", "cooperate") in mentions[4]


def test_a_body_a_sentence_opened_with_dui_sanctions_is_mentioned(tmp_path):
    from ingest_helpers import extract_document
    text = ("# 某区十四五应急管理规划\n\n一、主要任务\n\n实施安全生产巡查制度，对安全生产阶段性工作不力，"
            "未能及时整改的区镇（街道）实施约谈。\n")
    _record, facts = extract_document(tmp_path, "某区十四五应急管理规划", text, "plan", "吴江区", "county")
    assert ("区镇（街道）", "mentioned") in {(m.actor_id, m.role) for m in facts.mentions}


def test_a_body_that_has_others_take_part_leads_and_a_banners_bodies_are_its_own(tmp_path):
    """"X组织有关部门参与…", "X协调参加…的武警部队": X brings the others in, so X leads (the others take
    part); "旗" is a county level of 内蒙古 ("旗抗震救灾指挥部" is the banner's own)."""
    from ingest_helpers import mentions_by_item
    [organises, coordinates, joins] = mentions_by_item(tmp_path, [
        "旗指挥部组织有关部门参与救援。",
        "旗抗震救灾指挥部协调参加抗震救灾工作的武警部队、民兵预备役部队。",
        "工会组织共同参加事故调查。"], "伊金霍洛旗", "county")
    assert {(surface, role) for _, role, surface in organises} == {("旗指挥部", "lead"), ("有关部门", "cooperate")}
    assert ("伊金霍洛旗抗震救灾指挥部", "lead") in {(body, role) for body, role, _ in coordinates}
    assert {role for _, role, _ in joins} == {"cooperate"}               # 组织 as the union's noun
