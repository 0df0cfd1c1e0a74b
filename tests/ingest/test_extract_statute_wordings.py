"""Bodies of a statute that three new development statutes (school buses, water works,
construction sites; gold written before any tuning) showed unread: sectors listed before a
described unit ("矿山、…等国家规定的高危行业领域的生产经营单位"), the parties named 提供者 / 生产者 /
销售者, construction's department (建设 is a verb to jieba), and the bodies another one organises
when a comma stands before what they do. Constructed articles in those wordings."""

from __future__ import annotations

import pytest

from ingest.extract.sector_units import sector_units
from ingest_helpers import mentions_by_article

ARTICLES = """第一条 矿山、危险化学品、烟花爆竹、交通运输、建筑施工、金属冶炼等国家规定的高危行业、领域的生产经营单位，应当投保安全生产责任保险。

第二条 交通、通讯、电力、供水、卫生和其他提供公共服务的企业事业单位应当建立应急救援队伍。

第三条 建设、勘察、设计、施工、监理、安装拆卸以及其他与建设工程施工活动有关的单位，应当依法承担施工安全主体责任。

第四条 游乐场、公园、商场等场地的经营管理单位应当与进场的特种设备使用单位签订安全管理协议。

第五条 鼓励矿山、建筑施工等高危行业的生产经营单位投保安全生产责任保险。

第六条 从事婚庆、殡葬等服务的单位，应当遵守本条例。

第七条 校车服务提供者应当建立健全校车安全管理制度。

第八条 燃气燃烧器具的生产者、销售者应当提供安装维修服务。

第九条 建设行政主管部门应当受理举报和投诉，并依法及时作出处理。

第十条 有关人民政府应当立即组织有关部门和单位，采取措施控制事态。

第十一条 履行统一领导职责或者组织处置突发事件的人民政府，必要时可以征用应急救援所需设备。

第十二条 水利工程管理单位的负责人应当具备相应的专业技能，接受水行政主管部门的业务指导和培训。

第十三条 县级以上人民政府应当责成建设单位采取有效措施，消除安全隐患。

第十四条 从事建设工程施工安全评价、检测、监测、审计等业务的单位，应当具备相应资质。

第十五条 出租建筑起重机械、整体提升脚手架、模板等自升式架设设施和盾构机械的单位，应当出具产品合格证明。

第十六条 违反本条例规定的，由县级以上人民政府市场监督管理部门责令改正。

第十七条 县级以上人民政府公安、生态环境、交通运输等部门，应当按照各自职责做好学校安全工作。

第十八条 广播、电视、新闻等有关单位，应当配合政府有关部门开展安全宣传。

第十九条 建设管理单位应当组织设备、设施调试和安全测试。检查维护管线需要运营单位配合的，运营单位应当提供便利。
"""


@pytest.fixture(scope="module")
def statute(tmp_path_factory) -> dict[str, set[tuple[str, str]]]:
    return mentions_by_article(tmp_path_factory.mktemp("wordings"), "某某市施工安全条例", ARTICLES, "某某市", "city")


def test_sectors_listed_before_a_described_unit_are_units_of_their_own(statute):
    # after 等 the described head is their category, nobody new
    assert statute["art_1"] == {(s + "生产经营单位", "subject") for s in
                                ("矿山", "危险化学品", "烟花爆竹", "交通运输", "建筑施工", "金属冶炼")}


def test_after_qita_the_described_unit_is_a_body_too(statute):
    assert {("交通企业事业单位", "subject"), ("卫生企业事业单位", "subject"),
            ("提供公共服务的企业事业单位", "subject")} <= statute["art_2"]
    assert {("建设单位", "subject"), ("安装拆卸单位", "subject"),
            ("与建设工程施工活动有关的单位", "subject")} <= statute["art_3"]


def test_a_description_holding_a_body_or_a_duty_is_no_sectors_description(statute):
    # the later 特种设备使用单位 is described by "进场的", not by the places listed before
    bodies = {body for body, _ in statute["art_4"]}
    assert "游乐场经营管理单位" in bodies and not any(b.endswith("特种设备使用单位") and b != "特种设备使用单位"
                                                   for b in bodies)


def test_a_verb_before_the_list_is_no_sector(statute):
    assert not any(body.startswith("鼓励") for body, _ in statute["art_5"])
    assert statute["art_6"] == {("从事婚庆、殡葬等服务的单位", "subject")}      # no 从事婚庆单位


def test_providers_producers_and_sellers_are_parties(statute):
    assert ("校车服务提供者", "subject") in statute["art_7"]
    assert {"销售者"} <= {body for body, role in statute["art_8"] if role == "subject"}


def test_constructions_department_keeps_its_sector(statute):
    assert ("建设行政主管部门", "lead") in statute["art_9"]


def test_bodies_organised_to_act_after_a_comma_cooperate(statute):
    assert {("有关部门", "cooperate"), ("有关单位", "cooperate")} <= statute["art_10"]
    # but a government described by organising is no object of 组织
    assert ("人民政府", "cooperate") not in statute["art_11"]


def test_the_body_whose_supervision_is_accepted_leads(statute):
    assert ("水行政主管部门", "lead") in statute["art_12"]


def test_the_body_zecheng_orders_is_bound(statute):
    assert ("建设单位", "subject") in statute["art_13"]


def test_a_trade_with_its_objects_listed_describes_one_unit(statute):
    # not "审计等业务的单位" nor "式架设设施单位": the list is the description's
    assert statute["art_14"] == {("从事建设工程施工安全评价、检测、监测、审计等业务的单位", "subject")}
    assert statute["art_15"] == {("出租建筑起重机械、整体提升脚手架、模板等自升式架设设施和盾构机械的单位", "subject")}


def test_a_governments_department_is_not_the_government(statute):
    # 市 of 市场 opens no level: the government names its department, and does not act itself
    assert statute["art_16"] == {("市场监督管理部门", "lead")}
    # (学校 of "做好学校安全工作" is mentioned, no longer "职责做好学校")
    assert {m for m in statute["art_17"] if m[1] != "mentioned"} == {
        ("公安部门", "lead"), ("生态环境部门", "lead"), ("交通运输部门", "lead")}
    assert not any("做好" in body for body, _ in statute["art_17"])


def test_units_bound_to_help_cooperate(statute):
    assert {("广播单位", "cooperate"), ("电视单位", "cooperate"), ("新闻单位", "cooperate"),
            ("政府有关部门", "lead")} <= statute["art_18"]      # the body helped leads


def test_a_construction_unit_opening_its_sentence_is_a_party(statute):
    assert ("建设管理单位", "subject") in statute["art_19"]
    assert not any("需要" in body for body, _ in statute["art_19"])      # "维护管线需要|运营单位": no name


@pytest.mark.parametrize("text, head, expected", [
    ("矿山、金属冶炼等高危行业的", "生产经营单位", ["矿山生产经营单位", "金属冶炼生产经营单位"]),
    ("本市供水、供电和其他公用事业的", "单位", ["供水单位", "供电单位"]),
    ("交通、供水和其他承担应急保障任务的", "单位", ["交通单位", "供水单位"]),   # (应急 is no duty)
    ("游乐场、公园等场地的经营管理单位应当与进场的", "单位", None),      # a body and a duty in between
    ("从事婚庆、殡葬等服务的", "单位", None),                             # a description's objects
    ("宾馆、婚庆公司等承办宴席的", "单位", None),                         # an item that is a body itself
    ("矿山、金属冶炼等高危行业的", "部门", None),                         # units only
])
def test_sector_units_reads_only_a_list_opening_its_clause_part(text, head, expected):
    listed = sector_units(text, len(text), head)
    assert (None if listed is None else [u.name for u in listed.units]) == expected
