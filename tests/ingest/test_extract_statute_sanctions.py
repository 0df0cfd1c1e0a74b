"""Statute wording found on local gas regulations of the scale corpus (a kind the development
set lacked): who imposes a sanction, bodies joined by 或, levels joined by 或, descriptions
before a list of bodies or after a body and 或者, powers of a receiver (指定, 组织, 许可),
departments named with alternatives in brackets, short names defined with 以下称, bodies
described by a clause their name does not take ("其他提供公共服务的|企业事业单位应当…")."""

from __future__ import annotations

import pytest

from ingest_helpers import mentions_by_article

ARTICLES = """第一条 燃气管理工作人员滥用职权、玩忽职守的，由其所在单位或者上级主管部门依法给予处分。

第二条 交通警察有下列行为之一的，由其所在单位或有管理权限的部门依法给予行政处分。

第三条 燃气企业中止经营活动的，应当提前三十日向市或县（市、区）燃气行政主管部门备案。

第四条 燃气器具的生产企业、销售企业在销售地应当设立维修站（点）。

第五条 建设单位或者从事施工作业的单位应当采取安全保护措施。

第六条 对检定结果有异议的，可申请质量技术监督部门指定计量检定机构重新检定。

第七条 市和区、县人民政府的交通、规划、建设等部门依据各自职责，负责有关的燃气安全工作。

第八条 对取得显著成绩的单位和个人，由市人民政府或者燃气企业给予奖励。

第九条 生产经营单位不得将场所出租给不具备安全生产条件或者相应资质的单位。

第十条 履行统一领导职责或者组织处置突发事件的人民政府和有关主管部门，应当组织协调运输经营单位优先运送物资。

第十一条 县级以上人民政府城乡建设（或者城市管理、市政公用）主管部门（以下简称燃气主管部门）负责本行政区域的燃气管理工作。

第十二条 燃气主管部门应当会同公安等部门划定燃气设施的安全保护范围。

第十三条 县（市）住房和城乡建设（城市管理、市政公用）管理部门负责本行政区域内的燃气管理工作。

第十四条 市住房和城乡建设管理部门（以下称市燃气管理部门）负责本市燃气管理工作。

第十五条 瓶装燃气经营许可证由市燃气管理部门核发。

第十六条 燃气生产、储存、运输和销售单位（以下称燃气从业单位）应当建立安全管理制度。

第十七条 燃气从业单位应当配备安全管理人员。

第十八条 交通、通讯、电力、供水、供气和其他提供公共服务的企业事业单位应当建立应急救援队伍。

第十九条 洪泛区、蓄滞洪区所在地的省、自治区、直辖市人民政府应当组织有关部门制定安全建设计划。

第二十条 发布突发事件警报的人民政府应当根据事态的发展适时调整预警级别。

第二十一条 对违反本条例规定的单位应当依法处罚。

第二十二条 处置费用的标准由省或者设区的市人民政府制定。

第二十三条 市或者区、县人民政府应当及时组织、协调事故处理。

第二十四条 市、县人民政府或者其委托的乡（镇）人民政府应当与搬迁的村民签订安置协议。

第二十五条 生产经营单位或者接受委托的作业单位在危险作业前应当制定作业方案。
"""


@pytest.fixture(scope="module")
def statute(tmp_path_factory) -> dict[str, set[tuple[str, str]]]:
    return mentions_by_article(tmp_path_factory.mktemp("sanctions"), "某某市燃气管理条例", ARTICLES, "某某市", "city")


def test_whoever_imposes_a_sanction_leads_an_employer_too(statute):
    assert statute["art_1"] == {("所在单位", "lead"), ("上级主管部门", "lead")}


def test_bodies_joined_by_the_short_or_are_two(statute):
    # "所在单位或有管理权限的部门" had been one name
    assert statute["art_2"] == {("所在单位", "lead"), ("有管理权限的部门", "lead")}


def test_levels_joined_by_or_name_one_body_each(statute):
    assert {body for body, _ in statute["art_3"]} >= {"某某市燃气行政主管部门", "县（市、区）燃气行政主管部门"}


def test_a_description_before_a_list_leaves_it_at_the_head(statute):
    assert statute["art_4"] == {("生产企业", "subject"), ("销售企业", "subject")}


def test_a_body_after_or_keeps_its_description(statute):
    assert statute["art_5"] == {("建设单位", "subject"), ("从事施工作业的单位", "subject")}


def test_a_receiver_that_designates_exercises_a_power(statute):
    assert ("质量技术监督部门", "lead") in statute["art_6"]


def test_departments_after_their_governments_of_act(statute):
    assert statute["art_7"] >= {("交通部门", "lead"), ("规划部门", "lead"), ("建设部门", "lead")}


def test_a_reward_is_no_sanction(statute):
    # an enterprise that rewards is no public body exercising a power
    assert ("燃气企业", "subject") in statute["art_8"]


def test_or_between_two_attributes_of_one_body_is_no_list(statute):
    assert ("单位", "mentioned") in statute["art_9"]
    assert not any("资质" in body for body, _ in statute["art_9"])


def test_a_governing_verb_inside_a_subjects_description_does_not_govern(statute):
    roles = dict(statute["art_10"])
    assert roles.get("有关主管部门") != "cooperate" and roles.get("人民政府") != "cooperate"


def test_a_department_named_with_alternatives_in_brackets_is_whole(statute):
    assert statute["art_11"] == {("城乡建设（或者城市管理、市政公用）主管部门", "lead")}
    assert statute["art_13"] == {("县（市）住房和城乡建设（城市管理、市政公用）管理部门", "lead")}


def test_a_short_name_after_such_a_department_stays_a_name(statute):
    # the long form cannot be read whole, so 燃气主管部门 is not made the tail "主管部门" (a
    # word no body is named by: every later mention had been lost)
    assert ("燃气主管部门", "lead") in statute["art_12"]


def test_short_names_defined_with_yixiacheng(statute):
    assert statute["art_14"] == {("某某市住房和城乡建设管理部门", "lead")}     # no "以下称…" body
    assert ("某某市住房和城乡建设管理部门", "lead") in statute["art_15"]        # the 和 of its name kept


def test_a_lists_collective_short_name_is_no_short_form_of_its_last_item(statute):
    assert statute["art_16"] == {("燃气生产单位", "subject"), ("燃气储存单位", "subject"), ("燃气运输单位", "subject"),
                                 ("燃气销售单位", "subject")}
    assert statute["art_17"] == {("燃气从业单位", "subject")}       # not 燃气销售单位


def test_a_described_body_before_a_modal_is_bound_by_it(statute):
    # (the sectors listed before it are units of their own: tests/ingest/test_extract_statute_wordings.py)
    assert ("提供公共服务的企业事业单位", "subject") in statute["art_18"]
    assert {("省人民政府", "lead"), ("自治区人民政府", "lead"), ("直辖市人民政府", "lead")} <= statute["art_19"]
    assert statute["art_20"] == {("人民政府", "lead")}


def test_the_object_of_a_preposition_is_not(statute):
    assert statute["art_21"] == {("单位", "mentioned")}


def test_a_description_keeps_the_level_of_the_government_in_it(tmp_path):
    # the bracket of 县（市） had ended the description ("人民政府确定的管理部门"), whose level an
    # owner answer needs: a question about the city is not about its counties
    from ingest.extract import extract_facts
    from ingest.pipeline import ingest_path
    from ingest.records import DocumentMeta

    path = tmp_path / "某某市燃气管理条例.md"
    path.write_text("# 某某市燃气管理条例\n\n第一条 市燃气管理部门是本市燃气管理工作的主管部门。\n\n"
                    "第二条 县（市）人民政府确定的管理部门是本行政区域内燃气管理工作的主管部门。\n", "utf-8")
    [record] = ingest_path(path, DocumentMeta(id="r", title="某某市燃气管理条例", kind="regulation", region="某某市",
                                              level="city"))
    mentions = [m for m in extract_facts(record).mentions if "art_2" in m.clause_id]
    assert [(m.role, m.surface) for m in mentions] == [("lead", "县（市）人民政府确定的管理部门")]


def test_levels_joined_by_huozhe_name_one_government_each(statute):
    assert statute["art_22"] == {("省人民政府", "lead"), ("设区的市人民政府", "lead")}
    assert statute["art_23"] == {("某某市人民政府", "lead"), ("区人民政府", "lead"), ("县人民政府", "lead")}


def test_a_body_entrusted_by_another_is_a_list_item_not_governed(statute):
    # "或者其委托的|…", "接受委托的|…": 委托 here describes the body, it does not govern it
    assert statute["art_24"] == {("某某市人民政府", "lead"), ("县人民政府", "lead"), ("乡（镇）人民政府", "lead")}
    assert statute["art_25"] == {("生产经营单位", "subject"), ("作业单位", "subject")}
