"""A statute's listed items and what a body's clause makes of it: an item keeps its label
("（六）市场监督管理部门应当…" had left the department merely mentioned), "A、B等部门和单位" names the
departments (they had been lost), a body that is the agent of a relative clause on a thing
qualifies it ("（六）市人民政府确定的其他重大灾害事故"), a copula defines or classes unless it puts the
body in charge, an aside between a body and its modal, the body asked to lead; the departments of
each government a list of levels names, units of any kind and associations bound as units, the
residents' committee written "居、", helping after a frame. Found on the emergency, fire, firework
and forest-fire regulations of the scale corpus and on the gold of two of them (重庆市突发事件应对条例,
上海市消防条例, tests/gold/realworld); every article here is a constructed sentence of that wording."""

from __future__ import annotations

import pytest

from ingest_helpers import mentions_by_article

ARTICLES = """第一条 本条例适用于本市行政区域。

第二条 有关部门按照下列规定履行消防工作职责：

（一）市场监督管理部门应当依法加强对消防产品质量的监督检查；

（二）教育、民政、交通运输等部门和单位，根据本行业的特点，定期组织消防安全专项检查；

（三）财政部门按时、足额拨付消防事业经费。

第三条 水利、电力、通信等部门和单位应当定期组织开展排水设施检查。

第四条 下列区域禁止燃放烟花爆竹：

（一）市人民政府发布的重污染天气预警期间；

（二）区、县人民政府划定并公布的其他场所。

第五条 县级以上人民政府制定的应急预案应当报上一级人民政府备案。

第六条 本条例下列用语的含义：

（一）生产经营单位，是指从事生产经营活动的企业。

第七条 水利、能源等有关部门是其所管辖的大坝的主管部门。

第八条 地方各级政府，尤其是基层的县、乡（镇）、村，应当制定防灾预案。

第九条 下一级人民政府不能有效控制事态的，应当及时报请上一级人民政府统一领导应急处置工作。

第十条 国务院或者国务院授权的有关主管部门可以采取必要的应急措施。

第十一条 申请时，应当提交下列材料：

（一）活动场所管理者同意提供活动场所的证明。

第十二条 市和区人民政府应急管理部门对本行政区域内的消防工作实施监督管理。

第十三条 市、区县（自治县）人民政府及其有关部门应当对可能引发的突发事件进行风险评估。

第十四条 县级以上人民政府及其有关部门应当加强应急知识宣传。

第十五条 省、自治区、直辖市人民政府卫生健康部门应当制定服务规划。

第十六条 机关、团体和企业事业单位应当制定具体应急预案。

第十七条 工会、共产主义青年团、妇女联合会等团体应当结合各自工作对象的特点，组织开展消防宣传教育。

第十八条 专职消防队、志愿消防队应当加强业务技能训练。

第十九条 居、村民委员会应当确定消防安全管理人。

第二十条 企业事业单位、社会团体、公民接到预警信息后，应当配合政府及其有关部门做好应对工作。

第二十一条 教育、民政等有关部门和单位应当按照各自职责做好禁止燃放烟花爆竹工作。

第二十二条 各级人民政府、街道办事处和居民委员会，以及机关、企业事业单位，应当开展安全燃放烟花爆竹的宣传教育。

第二十三条 学校和未成年人的监护人应当对未成年人开展烟花爆竹安全知识的教育。

第二十四条 新建专职消防队应当报当地消防救援机构验收。

第二十五条 村民委员会、居民委员会在所在地的乡（镇）人民政府、街道办事处的指导下，制定相关应急预案。

第二十六条 事故调查组应当自事故发生之日起60日内提交事故调查报告。

第二十七条 事故调查组组长由负责事故调查的人民政府指定。

第二十八条 事故发生地有关地方人民政府应当支持、配合上级人民政府或者有关部门的事故调查处理工作。

第二十九条 参加事故调查处理的部门和单位应当互相配合。

第三十条 市、区安全生产委员会在同级人民政府领导下，研究部署本行政区域内的安全生产工作。

第三十一条 重大事故由国务院电力监管机构组织事故调查组进行调查。
"""


@pytest.fixture(scope="module")
def statute(tmp_path_factory) -> dict[str, set[tuple[str, str]]]:
    return mentions_by_article(tmp_path_factory.mktemp("items"), "某某市消防条例", ARTICLES, "某某市", "city")


def test_a_listed_item_keeps_its_label_and_its_body_acts(statute):
    assert {("市场监督管理部门", "lead"), ("财政部门", "lead")} <= statute["art_2"]


def test_departments_before_and_units_are_named(statute):
    # "A、B等部门|和单位": 部门 closes its own list (the departments had been lost, 单位 merely mentioned)
    assert {("教育部门", "lead"), ("民政部门", "lead"), ("交通运输部门", "lead")} <= statute["art_2"]
    assert statute["art_3"] == {("水利部门", "lead"), ("电力部门", "lead"), ("通信部门", "lead"), ("单位", "subject")}


def test_the_agent_of_a_relative_clause_on_a_thing_qualifies_it(statute):
    assert statute["art_4"] == {("某某市人民政府", "mentioned"), ("区人民政府", "mentioned"),
                                ("县人民政府", "mentioned")}
    assert ("县级以上人民政府", "mentioned") in statute["art_5"]     # the plan it made is bound, not it


def test_a_definition_assigns_nothing_a_designation_does(statute):
    assert ("生产经营单位", "mentioned") in statute["art_6"]
    assert statute["art_7"] == {("水利部门", "lead"), ("能源部门", "lead")}


def test_an_aside_between_a_body_and_its_modal(statute):
    assert {role for body, role in statute["art_8"] if body.startswith("地方")} == {"lead"}


def test_the_body_asked_to_lead_leads(statute):
    assert {("下一级人民政府", "lead"), ("上一级人民政府", "lead")} <= statute["art_9"]


def test_a_body_that_authorises_another_is_no_relative_clause_agent(statute):
    assert statute["art_10"] == {("国务院", "lead"), ("有关主管部门", "lead")}


def test_a_listed_item_that_is_a_noun_phrase(statute):
    assert ("活动场所管理者", "mentioned") in statute["art_11"]


def test_departments_of_each_level_a_list_of_governments_names(statute):
    # as "市和区人民政府有关部门" is written out per level in the gold: the department of each
    assert statute["art_12"] >= {("某某市人民政府应急管理部门", "lead"), ("区人民政府应急管理部门", "lead")}
    assert statute["art_13"] >= {("某某市人民政府有关部门", "lead"), ("区县（自治县）人民政府有关部门", "lead")}
    assert ("有关部门", "lead") in statute["art_14"]                 # after one government: generic
    assert ("卫生健康部门", "lead") in statute["art_15"]             # 省、自治区、直辖市: one level


def test_units_of_any_kind_and_associations_are_bound_as_units(statute):
    assert statute["art_16"] == {("机关", "subject"), ("团体", "subject"), ("企业事业单位", "subject")}
    assert statute["art_17"] == {("工会", "subject"), ("共青团", "subject"), ("妇联", "subject")}
    assert statute["art_18"] == {("专职消防队", "subject"), ("志愿消防队", "subject")}


def test_the_residents_committee_written_by_its_first_character(statute):
    assert statute["art_19"] == {("居民委员会", "lead"), ("村民委员会", "lead")}


def test_helping_after_a_frame(statute):
    assert {("企业事业单位", "cooperate"), ("社会团体", "cooperate")} <= statute["art_20"]


def test_a_list_of_departments_and_units_and_a_list_running_on_after_a_comma(statute):
    assert {("教育部门", "lead"), ("民政部门", "lead")} <= statute["art_21"]
    assert {("人民政府", "lead"), ("街道办事处", "lead"), ("居民委员会", "lead"), ("机关", "subject"),
            ("企业事业单位", "subject")} <= statute["art_22"]


def test_a_guardian_beside_a_body_is_a_person(statute):
    assert statute["art_23"] == {("学校", "subject")}


def test_a_body_that_accepts_or_reviews_exercises_a_power(statute):
    assert ("消防救援队伍", "lead") in statute["art_24"]


def test_the_guide_placed_by_its_area(statute):
    assert {("乡（镇）人民政府", "lead"), ("街道办事处", "lead")} <= statute["art_25"]


def test_an_investigation_team_is_a_body_its_leader_a_person(statute):
    assert statute["art_26"] == {("事故调查组", "lead")}
    assert ("事故调查组", "lead") not in statute["art_27"]             # 组长 is the team's person
    # the team a body organises for the occasion is set up, not a partner: the body leads
    assert statute["art_31"] == {("国务院电力监管机构", "lead"), ("事故调查组", "mentioned")}


def test_a_government_named_by_its_matter(tmp_path):
    # "由负责事故调查的人民政府指定": the government that runs the investigation appoints
    from ingest.extract import extract_facts
    from ingest.pipeline import ingest_path
    from ingest.records import DocumentMeta

    path = tmp_path / "某某条例.md"
    path.write_text("# 某某条例\n\n第一条 本条例适用于全国。\n\n第二条 事故调查组组长由负责事故调查的人民政府指定。\n", "utf-8")
    [record] = ingest_path(path, DocumentMeta(id="r", title="某某条例", kind="regulation", region="全国", level="national"))
    mentions = [m for m in extract_facts(record).mentions if "art_2" in m.clause_id and m.role == "lead"]
    assert [m.surface for m in mentions] == ["负责事故调查的人民政府"]


def test_supporting_and_mutual_help_is_cooperation(statute):
    assert ("事故发生地有关地方人民政府", "cooperate") in statute["art_28"]
    assert {("上级人民政府", "lead"), ("有关部门", "lead")} <= statute["art_28"]
    assert {role for _, role in statute["art_29"]} == {"cooperate"}


def test_under_a_statutes_government_the_government_leads(statute):
    assert ("同级人民政府", "lead") in statute["art_30"]
