"""Generic organisation phrases that name no body, or name it with words that are not its name
(ingest.extract.org_plausible): found on the seed plans' actor lists, each a class of wording."""

from __future__ import annotations

import pytest

from ingest.extract.actors import clause_actors
from ingest.extract.nlp import get_nlp


def actors(text: str, region: str = "吴江区") -> set[tuple[str, str]]:
    return {(f.actor.id, f.role) for f in clause_actors(get_nlp()(text), region)}


@pytest.mark.parametrize("text, absent, present", [
    # a list of places and facilities ending with one body: the others take no 机构
    ("将原有建筑物改建改用为酒店、饭店、学校、教育培训机构、医疗卫生机构、文化场馆、体育场馆、车站、商场、"
     "集贸市场、养老和社会福利机构等既有建筑", {"商场机构", "车站机构", "酒店机构", "文化场馆机构"},
     {"教育培训机构", "医疗卫生机构"}),
    # a government is named by its place: 专家团队 is none
    ("构建涉灾部门、专家团队、地方政府、灾害现场等多方参与的会商研判机制。", {"专家团队政府"}, {"涉灾部门", "地方政府"}),
    # 结合部 and 外委 end in a head's character but are no body
    ("加大高速公路、国道省道、城乡结合部、农村道路沿线施工安全管控力度", {"城乡结合部", "高速公路部", "国道省道部"}, set()),
    ("强化有限空间作业、危险化学品使用、检维修作业、动火作业、外委作业等关键环节的风险管控",
     {"动火作业委", "检维修作业委", "有限空间作业委"}, set()),
    # a standard's slogans
    ("完善有班子、有机制、有队伍、有装备物资、有预案演练“六有”标准", {"有队伍", "有班子队伍", "有机制队伍"}, set()),
    ("深入开展安全宣传进企业、进农村、进社区、进学校、进家庭活动", {"进学校", "进企业", "安全宣传进企业"}, set()),
    # a force named by no service it gives
    ("强化国家战略科技力量，凝聚强大精神力量，发挥社会力量和应急救援力量作用。",
     {"国家战略科技力量", "强大精神力量", "精神力量"}, {"社会力量", "应急救援力量"}),
    # a centre that is a place or a hub, and its head given to the places listed before it
    ("在车站、码头、机场、会展中心等人员密集场所，由区应急联动中心统一调度。",
     {"车站中心", "码头中心", "机场中心", "会展中心"}, {"吴江区应急联动中心"}),
    # a definition's verb and a verb of mustering are no part of the name
    ("本条例所称外商投资电信企业，由区应急管理局调集应急处置队伍协助。",
     {"称外商投资电信企业", "调集应急处置队伍"}, {"外商投资电信企业", "应急处置队伍"}),
    ("本条例所称有关部门，是指国务院铁路行业监督管理部门。", {"指国务院铁路行业监督管理部门"},
     {"国务院铁路行业监督管理部门"}),
    # a public institution named by the field it serves is a body; a hub is none
    ("市体育事业发展中心负责户外体育项目安全监管，县农业技术推广中心负责技术指导。", {"会展中心"},
     {"市体育事业发展中心", "县农业技术推广中心"}),
    ("在会展中心、商业中心等场所加强巡查。", {"会展中心", "商业中心"}, set()),
    # the event a command is set up for is part of its name, its verb too ("停电|事件")
    ("国家大面积停电事件应急指挥部负责处置工作，由应急管理局负责爆炸事故调查。", {"事件应急指挥部"},
     {"国家大面积停电事件应急指挥部", "吴江区应急管理局"}),
])
def test_phrases_naming_no_body_are_dropped(text, absent, present):
    got = {name for name, _role in actors(text)}
    assert not got & absent, got & absent
    assert present <= got, present - got


def test_a_resultative_verb_pair_is_no_part_of_the_name():
    got = actors("完善“六有”标准，做强做实区镇（街道）应急管理机构，理顺监管职责。")
    assert ("区镇（街道）应急管理机构", "lead") in got
    assert not any(name.startswith("做强") for name, _ in got)


def test_a_government_qualified_by_no_place_is_the_bare_government_at_most():
    assert {name for name, _ in actors("加快数字政府建设")} <= {"政府"}
    assert {name for name, _ in actors("评估政府职能和市场机制综合作用")} <= {"政府"}


@pytest.mark.parametrize("text, region, expect", [
    # what must not change: places and levels before 政府, lists of departments, 有权/有限/进口
    ("中央和地方各级人民政府都应加大对山洪灾害防治的投入力度", None,
     {("中央各级人民政府", "lead"), ("地方各级人民政府", "lead")}),
    ("县级以上地方人民政府应当加强对燃气工作的领导", None, {("县级以上地方人民政府", "lead")}),
    ("各级党委和政府要落实属地责任", "吴江区", {("各级党委和政府", "lead")}),
    ("有权机关应当依法予以处理", None, {("有权机关", "lead")}),
])
def test_places_levels_and_real_names_stay(text, region, expect):
    assert expect <= actors(text, region)


def test_import_enterprises_and_companies_stay():
    assert {name for name, _ in actors("进口企业和有限公司应当遵守本条例", None)} == {"进口企业", "有限公司"}
    assert {name for name, _ in actors("表彰先进企业")} == {"先进企业"}
