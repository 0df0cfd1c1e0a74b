"""Wordings of disaster statutes that the extraction misread, seen on the four given gold this
round (tests/gold/realworld: the State Council's 自然灾害救助条例, 浙江省地质灾害防治条例, 广东省森林防火条例,
重庆市防汛抗旱条例): a government "or its coordinating body" ("人民政府的…综合协调机构"), the
affected area's department ("受灾地区人民政府应急管理部门", 地区 cut by a forced name), a description
listing attributes between two bodies, 村（居）民委员会 (both committees), the department of a level's
government named with it ("省人民政府应急管理部门") and of a statute's bare "人民政府…部门", levels
listed with 或者, a level listed after or before bodies, townships beside street offices, the
appointing and licensing authorities ("由任免机关或者监察机关…", "由发证机关…"), 依法协助, 经…评议,
things listed before the activity their units share ("森林、林木、林地经营单位"), a list that goes on
with places or persons before its duty, what a body "is" (为/是 …机构: no other body), foundations
and forest farms, and a season that recurs every year. Constructed articles in those wordings."""

from __future__ import annotations

import pytest

from ingest_helpers import extract_document, mentions_by_article

ARTICLES = """第一条 县级以上地方人民政府或者人民政府的自然灾害救助应急综合协调机构，组织、协调本行政区域的自然灾害救助工作。

第二条 受灾地区人民政府应急管理、财政等部门应当主动向社会公开所接受的救助款物。

第三条 设区的市级以上人民政府和自然灾害多发、易发地区的县级人民政府应当设立自然灾害救助物资储备库。

第四条 村（居）民委员会应当加强地质灾害险情的巡回检查。

第五条 省人民政府应急管理部门负责航空护林规划的拟定。

第六条 紧急防汛期结束后，省或者市人民政府防汛抗旱指挥机构应当宣布结束紧急防汛期。

第七条 有防汛抗旱任务的乡镇、街道办事处应当建立防汛抗旱值班制度。

第八条 行政机关工作人员违反本条例规定的，由任免机关或者监察机关依照法律法规给予处分。

第九条 村民委员会、居民委员会以及红十字会、慈善会和公募基金会等社会组织，依法协助人民政府开展自然灾害救助工作。

第十条 经村民委员会、居民委员会民主评议，符合救助条件的，在社区范围内公示。

第十一条 乡镇人民政府、街道办事处和森林、林木、林地经营单位应当聘用专职或者兼职护林员。

第十二条 乡镇人民政府、街道办事处和国有林场，以及自然保护区、森林公园等特殊保护区域应当建立森林消防队伍。

第十三条 森林、林木、林地的经营单位和个人，以及森林防火区内的工矿企业等相关单位，负责其经营范围内的森林防火工作。

第十四条 市减灾委员会（以下简称市减灾委）为全市自然灾害救助应急综合协调机构，负责组织全市自然灾害救助工作。

第十五条 县（市、区）、乡（镇）人民政府以及国有林场应当为护林员购买人身意外伤害保险。

第十六条 人民政府有关部门可以根据实际需要设立专业应急救援队伍。

第十七条 本市的汛期为每年的5月1日至9月30日。

第十八条 逾期不改正的，由发证机关吊销许可证。

第十九条 国家鼓励公民、法人和其他组织为人民政府应对突发事件工作提供物资。
"""


@pytest.fixture(scope="module")
def statute(tmp_path_factory) -> dict[str, set[tuple[str, str]]]:
    return mentions_by_article(tmp_path_factory.mktemp("disaster"), "某某省自然灾害防治条例", ARTICLES, "某某省", "province")


def test_a_government_or_its_coordinating_body_both_lead(statute):
    assert statute["art_1"] == {("县级以上地方人民政府", "lead"), ("自然灾害救助应急综合协调机构", "lead")}


def test_the_affected_areas_departments_are_the_departments(statute):
    # (not "区人民政府应急管理部门": 受灾地区 cut by the forced name 区人民政府)
    assert statute["art_2"] == {("应急管理部门", "lead"), ("财政部门", "lead")}


def test_a_description_listing_attributes_keeps_the_list_one(statute):
    assert statute["art_3"] == {("市级以上人民政府", "lead"), ("县级人民政府", "lead")}


def test_village_or_residents_committee_names_both(statute):
    assert statute["art_4"] == {("村民委员会", "lead"), ("居民委员会", "lead")}


def test_a_levels_government_owns_the_department_named_with_it(statute):
    assert statute["art_5"] == {("某某省人民政府应急管理部门", "lead")}
    assert ("有关部门", "lead") in statute["art_16"]      # a statute's bare 人民政府…部门


def test_levels_listed_with_huozhe_are_each_a_body(statute):
    assert statute["art_6"] == {("某某省人民政府防汛抗旱指挥机构", "lead"), ("市人民政府防汛抗旱指挥机构", "lead")}


def test_townships_beside_street_offices_are_their_governments(statute):
    assert statute["art_7"] == {("乡镇人民政府", "lead"), ("街道办事处", "lead")}


def test_authorities_named_by_their_power_act(statute):
    assert statute["art_8"] >= {("任免机关", "lead"), ("监察机关", "lead")}
    assert statute["art_18"] == {("发证机关", "lead")}


def test_bodies_that_assist_a_government_cooperate(statute):
    assert statute["art_9"] == {("村民委员会", "cooperate"), ("居民委员会", "cooperate"), ("某某省红十字会", "cooperate"),
                                ("慈善会", "cooperate"), ("公募基金会", "cooperate"), ("人民政府", "lead")}


def test_a_bodys_assessment_is_a_power(statute):
    assert statute["art_10"] == {("村民委员会", "lead"), ("居民委员会", "lead")}


def test_things_listed_share_the_activity_their_units_are_named_by(statute):
    assert {("森林经营单位", "subject"), ("林木经营单位", "subject"), ("林地经营单位", "subject")} <= statute["art_11"]


def test_a_list_going_on_with_places_or_persons_takes_its_duty(statute):
    assert statute["art_12"] >= {("乡镇人民政府", "lead"), ("街道办事处", "lead"), ("国有林场", "subject")}
    assert {("森林经营单位", "subject"), ("工矿企业", "subject")} <= statute["art_13"]


def test_what_a_body_is_names_no_other_body(statute):
    [(body, role)] = statute["art_14"]
    assert body.endswith("减灾委员会") and role == "lead"


def test_a_level_listed_before_a_government_is_its_own(statute):
    assert statute["art_15"] == {("县（市、区）人民政府", "lead"), ("乡（镇）人民政府", "lead"), ("国有林场", "subject")}


def test_a_government_after_the_preposition_wei_is_still_named(statute):
    assert ("人民政府", "mentioned") in statute["art_19"]


def test_a_season_that_recurs_every_year_is_one_recurrence(tmp_path):
    title = "某某市防汛条例"
    _record, facts = extract_document(tmp_path, title, f"# {title}\n\n第一条 本市的汛期为每年的5月1日至9月30日。\n\n"
                                      "第二条 县级以上人民政府应当做好防汛工作。\n", "regulation", "某某市", "city")
    assert [(d.expression, d.recurrence) for d in facts.deadlines] == [("每年的5月1日至9月30日", "每年")]


def test_a_level_listed_after_a_body_in_a_plan_acts_with_it(tmp_path):
    from ingest_helpers import mentions_by_item

    [found] = mentions_by_item(tmp_path, ["市应急管理局、各乡镇（街道）要落实防汛责任。"], "某某市", "city")
    assert {(body, role) for body, role, _ in found} == {("某某市应急管理局", "lead"), ("乡镇（街道）", "lead")}


def test_a_class_with_an_including_note_is_no_target(tmp_path):
    title = "某某省地质灾害防治条例"
    text = (f"# {title}\n\n第一条 在地面沉降易发区内六层以下（含六层）的住宅建筑物、高度二十四米以下（含二十四米）的"
            "其他建筑物，应当进行地面沉降影响评估。\n\n第二条 评估报告应当在十个工作日内报送。\n")
    _record, facts = extract_document(tmp_path, title, text, "regulation", "某某省", "province")
    assert [(i.value, i.unit) for i in facts.indicators] == [(10.0, "个工作日")]


def test_a_duty_lists_body_that_assists_among_a_public_cooperates(tmp_path):
    from ingest_helpers import mentions_by_item

    [youth, water] = mentions_by_item(tmp_path, ["团市委：在青少年中协助组织开展防灾知识教育和演练。",
                                                 "市水利局：负责水利工程调度。"], "某某市", "city")
    assert [(role, surface) for _, role, surface in youth] == [("cooperate", "团市委")]
    assert [role for _, role, _ in water] == ["lead"]
