"""Wordings of local gas regulations that the extraction misread, seen on 杭州's and 青岛's and on
the three gas regulations given gold this round (tests/gold/realworld/*-gas-regulation: 浙江省,
郑州市 — whose wording an earlier round had probed — and the State Council's 城镇燃气管理条例):
a body that acts 协同 another (the other cooperates), partners of 协商 and 签订 named after a modal,
the department a list of levels designates ("区、县（市）人民政府确定的部门"), a verb opening a clause
part ("，监督燃气经营者…"), a notice in writing taken into a name ("书面通知燃气经营者"), the Civil
Code's 物业服务人, a class of operators narrowed by a noun before a known name ("管道燃气经营企业"),
a product named by a verb ("燃气燃烧器具销售单位"), a notice due ahead of time as a minimum
("提前四十八小时予以公告" >= 48), the body a sanction's condition names (the one sanctioned, no duty),
a body's duty after an act of its own ("X改动市政燃气设施，应当…"), bodies a definition names
("A和B统称燃气主管部门"), districts whose names a known body's name cut ("李沧区人民政府"), and
the legal person of "公民、法人和其他组织" (法人, no kind of 组织), the partner of 会同 that drafts a
document ("会同燃气管理部门编制…方案": no department's 编制, staffing, of a plan), and 市辖区 (no local 市).
Constructed articles in those wordings."""

from __future__ import annotations

import pytest

from ingest_helpers import extract_document, mentions_by_article

ARTICLES = """第一条 燃气主管部门应当协同相关部门积极推进燃气行业数字化管理，建立数字化监管协同机制。

第二条 区、县（市）人民政府确定的部门负责本行政区域内的燃气管理工作。

第三条 建设单位应当至少在开工前二十四小时书面通知燃气经营者，燃气经营者应当派专业人员到施工现场指导和监护。

第四条 物业服务人应当协助管道燃气经营者做好物业管理区域内燃气设施的保护工作。

第五条 城市管理部门负责对燃气经营、使用的安全状况进行监督检查，监督燃气经营者落实安全生产主体责任。

第六条 建设工程施工可能影响燃气设施安全的，建设单位或者施工单位应当与燃气经营单位和个人协商，并采取相应的安全保护措施。

第七条 从事管道燃气特许经营的企业，应当与县人民政府或者其委托的燃气主管部门签订特许经营协议。

第八条 管道燃气经营企业应当按照规定建立燃气质量检测制度。

第九条 燃气燃烧器具销售单位和个人应当告知燃气用户燃气燃烧器具的气源适配范围。

第十条 燃气监督管理部门应当加强监督检查。

第十一条 管道燃气经营企业因燃气工程施工、设施检修等情况，确需降压或者暂停供气的，应当提前四十八小时予以公告。

第十二条 燃气经营者停业、歇业的，应当事先对其供气范围内的燃气用户的正常用气作出妥善安排，并在90个工作日前向所在地燃气管理部门报告。

第十三条 燃气企业违反本条例规定，有下列行为之一的，由燃气行政主管部门责令限期改正，并处以一万元以上十万元以下罚款。

第十四条 违反本条例规定，建设单位未会同施工单位与燃气经营者共同制定燃气设施保护方案的，由燃气管理部门责令改正。

第十五条 燃气经营者改动市政燃气设施，应当制定改动方案，报燃气管理部门批准。

第十六条 市城市管理主管部门和区、县（市）人民政府确定的部门统称燃气主管部门。

第十七条 市南区、市北区、李沧区人民政府应当加强燃气安全管理。

第十八条 学校体育场地必须保障体育活动需要，不得随意占用。

第十九条 公民、法人和其他组织应当配合燃气安全检查。

第二十条 发展和改革部门应当会同燃气管理部门编制燃气应急储备方案。

第二十一条 市辖区人民政府、街道办事处应当配合相关部门做好辖区内的燃气安全管理工作。

第二十二条 省级人民政府防汛指挥部，可以根据当地的洪水规律，规定汛期起止日期。
"""


@pytest.fixture(scope="module")
def statute(tmp_path_factory) -> dict[str, set[tuple[str, str]]]:
    return mentions_by_article(tmp_path_factory.mktemp("gas"), "某某市燃气管理条例", ARTICLES, "某某市", "city")


def test_a_body_acting_xietong_another_leads_and_the_other_cooperates(statute):
    assert statute["art_1"] == {("燃气主管部门", "lead"), ("相关部门", "cooperate")}


def test_the_department_a_list_of_levels_designates_keeps_the_list(statute):
    assert statute["art_2"] == {("区、县（市）人民政府确定的部门", "lead")}


def test_a_written_notice_is_no_part_of_the_body_notified(statute):
    assert not any("通知" in body for body, _ in statute["art_3"])
    assert {("建设单位", "subject"), ("燃气经营者", "subject")} <= statute["art_3"]


def test_the_civil_codes_property_manager_is_a_party(statute):
    assert ("物业服务人", "cooperate") in statute["art_4"]


def test_a_verb_opening_a_clause_part_is_no_part_of_a_name(statute):
    assert statute["art_5"] == {("城市管理部门", "lead"), ("燃气经营者", "subject")}


def test_partners_of_xieshang_and_qianding_after_a_modal_cooperate(statute):
    assert ("燃气经营单位", "cooperate") in statute["art_6"]
    assert {("县人民政府", "cooperate"), ("燃气主管部门", "cooperate")} <= statute["art_7"]


def test_a_class_of_operators_narrowed_before_a_known_name_is_bound(statute):
    # the gazetteer's 燃气经营企业, narrowed by 管道: the operator the article binds, not a mention
    assert {role for _, role in statute["art_8"]} == {"subject"}


def test_a_product_named_by_a_verb_names_its_sellers(statute):
    assert statute["art_9"] == {("燃气燃烧器具销售单位", "subject")}


def test_a_department_named_for_supervision_keeps_its_name(statute):
    assert statute["art_10"] == {("燃气监督管理部门", "lead")}


@pytest.fixture(scope="module")
def indicators(tmp_path_factory):
    title = "某某市燃气管理条例"
    _record, facts = extract_document(tmp_path_factory.mktemp("gas-ind"), title, f"# {title}\n\n{ARTICLES}",
                                      "regulation", "某某市", "city")
    return {(i.value, i.unit): i.comparator for i in facts.indicators}


def test_a_notice_due_ahead_of_time_is_a_minimum(indicators):
    assert indicators[(48.0, "小时")] == ">="
    assert indicators[(90.0, "个工作日")] == ">="


def test_the_body_a_sanctions_condition_names_is_sanctioned_not_bound(statute):
    assert statute["art_13"] == {("燃气企业", "mentioned"), ("燃气行政主管部门", "lead")}
    assert ("建设单位", "mentioned") in statute["art_14"] and ("燃气管理部门", "lead") in statute["art_14"]


def test_a_bodys_duty_after_an_act_of_its_own(statute):
    assert ("燃气经营者", "subject") in statute["art_15"]
    # but not a body naming a place of its own whose part holds a modal ("学校|体育场地必须…"),
    # nor a government naming its headquarters ("省级人民政府|防汛指挥部，可以…")
    assert ("学校", "subject") not in statute["art_18"]
    assert ("省级人民政府", "lead") not in statute["art_22"] and ("防汛指挥部", "lead") in statute["art_22"]


def test_bodies_a_definition_names_are_only_mentioned(statute):
    assert {role for _, role in statute["art_16"]} == {"mentioned"}
    assert ("区、县（市）人民政府确定的部门", "mentioned") in statute["art_16"]      # no 市 of the first


def test_districts_cut_by_a_known_name_keep_their_names(statute):
    assert {body for body, role in statute["art_17"] if role == "lead"} == {
        "市南区人民政府", "市北区人民政府", "李沧区人民政府"}          # (市南区: no local 市 of 某某市)


def test_a_legal_person_is_a_party_of_its_own(statute):
    assert {("法人", "cooperate"), ("组织", "cooperate")} <= statute["art_19"]
    assert not any(body == "法人组织" for body, _ in statute["art_19"])


def test_the_partner_who_drafts_a_document_is_no_qualifier_of_it(statute):
    assert statute["art_20"] == {("发展和改革部门", "lead"), ("燃气管理部门", "cooperate")}


def test_the_citys_districts_are_not_the_city(statute):
    assert ("市辖区人民政府", "cooperate") in statute["art_21"]
    assert not any(body == "某某市人民政府" for body, _ in statute["art_21"])
