"""What a list of bodies shares besides its head: the level or place written before its first
item ("市发展改革、公安、交通等部门", "市、区应急管理、公安等部门"), the thing its activities are done
to ("危险物品的生产、经营、储存、装卸单位"), and the sectors or trades of a unit list ("矿山、金属冶炼、
建筑施工、运输单位"). Found on the work-safety, fire and emergency regulations of the scale corpus
and checked against the development gold (北京市安全生产条例, 上海市消防条例); every article here is
a constructed sentence of that wording. The plan items are of the wording of the real-world
emergency plans and bulletins (湖北, 广东)."""

from __future__ import annotations

import pytest

from ingest_helpers import mentions_by_article, mentions_by_item

ARTICLES = """第一条 本条例适用于本市行政区域。

第二条 市应急管理部门会同市发展改革、经济和信息化、公安等部门建立安全风险评估机制。

第三条 市、区应急管理、公安、交通等有关部门对本行业、领域的安全生产工作实施监督管理。

第四条 市应急管理局、公安、水务等部门负责监督检查。

第五条 市场监督管理、住房和城乡建设等部门按照各自职责做好相关工作。

第六条 国家综合性消防救援队、专职消防队应当制定业务训练计划。

第七条 区城市管理部门应当会同同级发展改革、规划和自然资源等有关部门组织编制燃气发展规划。

第八条 本级人民政府有关部门应当配合做好应急处置工作。

第九条 矿山、金属冶炼、建筑施工、运输单位和危险物品的生产、经营、储存、装卸单位，应当设置安全生产管理机构。

第十条 危险物品的生产、经营、储存单位以及矿山、金属冶炼、城市轨道交通运营、建筑施工单位应当建立应急救援队伍。

第十一条 前款特种设备的制造、安装、改造单位应当具备下列条件。

第十二条 特种设备安装、改造、修理的施工单位应当在施工前书面告知。

第十三条 合同中列明的施工、监理单位主要管理人员应当在岗履职。

第十四条 国务院卫生行政主管部门和其他有关部门，在各自的职责范围内做好有关工作。

第十五条 市、区安全生产委员会负责统筹协调本行政区域内的安全生产工作。

第十六条 市安全生产委员会应当定期研究部署安全生产工作。

第十七条 市、区应急管理、市场监督管理等有关部门（以下统称负有安全生产监督管理职责的部门），依照有关法律、法规的规定，对本行业、领域的安全生产工作实施监督管理。

第十八条 商务、文化、教育等政府有关部门，按照各自职责做好相关工作。

第十九条 宾馆、商场、娱乐场所、旅游景区等人员密集场所经营单位，应当建立应急救援队伍。

第二十条 开发区、工业园区、风景区等功能区管理机构，应当明确安全生产监督管理机构。
"""


@pytest.fixture(scope="module")
def statute(tmp_path_factory) -> dict[str, set[tuple[str, str]]]:
    return mentions_by_article(tmp_path_factory.mktemp("prefixes"), "某某市安全生产条例", ARTICLES, "某某市", "city")


def test_the_level_before_a_list_of_fields_scopes_every_department(statute):
    # the first item alone had carried 市; the others were every city's departments
    assert statute["art_2"] == {("某某市应急管理部门", "lead"), ("某某市发展改革部门", "cooperate"),
                                ("某某市经济和信息化部门", "cooperate"), ("某某市公安部门", "cooperate")}


def test_a_list_of_levels_before_a_list_of_fields_names_each_department_at_each_level(statute):
    assert statute["art_3"] == {(level + field + "部门", "lead") for level in ("某某市", "区")
                                for field in ("应急管理", "公安", "交通")}


def test_a_named_department_opening_the_list_scopes_it_too(statute):
    assert {("某某市公安部门", "lead"), ("某某市水务部门", "lead")} <= statute["art_4"]


def test_a_level_inside_a_word_scopes_nothing(statute):
    # 市场监督管理 opens with 市 but is no city's field name
    assert ("住房和城乡建设部门", "lead") in statute["art_5"]
    assert not any(body.startswith("某某市") for body, _ in statute["art_5"])


def test_the_nation_before_a_named_body_scopes_no_list(statute):
    assert ("专职消防队", "subject") in statute["art_6"]
    assert not any(body == "国家专职消防队" for body, _ in statute["art_6"])


def test_a_department_of_the_same_level_is_the_department(statute):
    # "会同同级X、Y等部门" and "本级人民政府有关部门" name the departments wherever the statute applies
    assert {("发展改革部门", "cooperate"), ("规划和自然资源部门", "cooperate")} <= statute["art_7"]
    assert ("有关部门", "cooperate") in statute["art_8"]


def test_trades_before_a_unit_name_each_a_unit(statute):
    assert {body for body, role in statute["art_9"] if role == "subject"} == {
        "矿山单位", "金属冶炼单位", "建筑施工单位", "运输单位",
        "危险物品生产单位", "危险物品经营单位", "危险物品储存单位", "危险物品装卸单位"}


def test_the_thing_activities_are_done_to_names_the_units_up_to_the_next_list(statute):
    assert {body for body, role in statute["art_10"] if role == "subject"} == {
        "危险物品生产单位", "危险物品经营单位", "危险物品储存单位",
        "矿山单位", "金属冶炼单位", "城市轨道交通运营单位", "建筑施工单位"}
    # a word pointing back is no part of the thing
    assert {("特种设备制造单位", "subject"), ("特种设备安装单位", "subject")} <= statute["art_11"]


def test_a_description_of_the_unit_is_no_trade_and_no_thing(statute):
    # "安装、改造、修理的施工单位": the activities describe one unit; "合同中列明的" is no thing
    assert statute["art_12"] == {("施工单位", "subject")}
    assert not any(body.startswith("合同") for body, _ in statute["art_13"])


def test_other_departments_of_the_state_council(statute):
    assert ("国务院有关部门", "lead") in statute["art_14"]


def test_a_list_of_levels_before_a_named_body_names_the_body_of_each_level(statute):
    # "市、|区安全生产委员会": the name found held only 区's; each level's is the body it names alone
    assert statute["art_15"] == {("某某市安委会", "lead"), ("区安委会", "lead")}
    assert statute["art_16"] == {("某某市安委会", "lead")}


def test_a_short_name_given_between_a_list_and_its_duty(statute):
    # "X、Y等有关部门（以下统称…），依照…，对…实施监督管理": the bracket had hidden the duty; and
    # 市场 is no level, so 市场监督管理 is each level's too
    assert statute["art_17"] == {(level + field + "部门", "lead") for level in ("某某市", "区")
                                 for field in ("应急管理", "市场监督管理")}


PLAN_ITEMS = [
    "省财政厅、民政厅负责安排救灾资金。",
    "市安委办、消委办要开展暗访督查。",
    "省应急管理厅、应急管理部工作组指导灾区开展救灾工作。",
    "省委金融办、省财政厅、广东金融监管局加强受灾地区金融支持服务。",
]


@pytest.fixture(scope="module")
def plan(tmp_path_factory) -> list[list[tuple[str, str, str]]]:
    return mentions_by_item(tmp_path_factory.mktemp("offices"), PLAN_ITEMS, "广东省", "province")


def test_offices_listed_after_one_with_a_level_are_of_that_level(plan):
    assert {body for body, _, _ in plan[0]} == {"广东省财政厅", "广东省民政厅"}
    assert ("消委办", "市消委办") in {(surface, body) for body, _, surface in plan[1]}


def test_a_ministry_or_an_office_named_with_its_place_keeps_its_name(plan):
    assert not any(body.startswith("广东省应急管理部") for body, _, _ in plan[2])
    assert "广东金融监管局" in {body for body, _, _ in plan[3]}


def test_a_statutes_list_before_a_category_binds_each_kind(statute):
    # "X、Y等政府有关部门": the government's departments, not "商务政府有关部门"
    assert statute["art_18"] == {("商务部门", "lead"), ("文化部门", "lead"), ("教育部门", "lead")}


def test_a_plans_list_before_a_category_names_the_category(tmp_path):
    # the seed gold's convention: "危险化学品、建筑施工等重点行业企业" -> 重点行业企业
    [found] = mentions_by_item(tmp_path, ["督促危险化学品、建筑施工等重点行业企业落实主体责任。"], "广东省", "province")
    assert {body for body, _, _ in found} == {"重点行业企业"}


def test_places_listed_before_a_category_of_places_name_their_units(statute):
    # 娱乐场所 had ended the list (a place is no body's item), leaving 旅游景区 merely mentioned
    assert {(b, r) for b, r in statute["art_19"] if r == "subject"} == {
        ("宾馆经营单位", "subject"), ("商场经营单位", "subject"), ("娱乐场所经营单位", "subject"),
        ("旅游景区经营单位", "subject")}
    assert {("开发区管理机构", "lead"), ("工业园区管理机构", "lead"), ("风景区管理机构", "lead")} <= statute["art_20"]
