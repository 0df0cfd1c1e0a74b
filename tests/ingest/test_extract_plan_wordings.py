"""Wordings of emergency plans as users copy them from web pages and OCR, read this round from
real plans' duty sections (a development set of excerpts kept out of the repository): half-width
punctuation ("市交通局:负责…;…", "县(市、区)"), a body that 负责协助 another (it cooperates), a
region's own company named with a local prefix ("省电力公司负责…": the plan tasks it by name, as
it does 苏州供电公司), and the flood plans' short forms 省防指 / 市防指 and 国家防总, defined in the
text or not. Constructed sentences in those wordings."""

from __future__ import annotations

from ingest_helpers import mentions_by_item


def _roles(found):
    return {(body, role) for body, role, _ in found}


def test_a_body_that_is_responsible_for_assisting_cooperates_and_the_helped_leads(tmp_path):
    [civil, tourism, lead] = mentions_by_item(tmp_path, [
        "区民政局负责协助受灾街道做好转移群众的临时安置工作。",
        "区文化旅游局负责配合有关部门为游客提供救援和帮助。",
        "区卫生健康局负责组织协调医疗救治工作，协助做好心理援助。"], "某某区", "district")
    assert ("某某区民政局", "cooperate") in _roles(civil)
    assert _roles(tourism) >= {("某某区文化旅游局", "cooperate"), ("有关部门", "lead")}
    assert ("某某区卫生健康局", "lead") in _roles(lead)           # 负责组织…，协助…: it leads


def test_a_regions_own_company_named_with_a_local_prefix_is_tasked_by_name(tmp_path):
    [power, telecom, gas] = mentions_by_item(tmp_path, [
        "省电力公司负责抢险救灾现场的临时供电和受损电网的抢修。",
        "省通信公司：负责保障指挥部与灾区之间的通信畅通。",
        "省内燃气企业负责做好本单位的隐患排查。"], "某某省", "province")
    assert _roles(power) == {("某某省电力公司", "lead")}
    assert ("某某省通信公司", "lead") in _roles(telecom)
    assert ("燃气企业", "subject") in _roles(gas)                 # a class of enterprises: obliged


def test_flood_headquarters_short_forms_name_the_headquarters(tmp_path):
    [report, levels, tri] = mentions_by_item(tmp_path, [
        "省气象局：及时向省防指报送降雨和墒情预报信息。",
        "国家防总、省防指和市防指按照权限发布洪水预警。",
        "气象台站应当及时向本级三防指挥部报告灾害性天气。"], "某某省", "province")
    assert ("某某省防汛抗旱指挥部", "mentioned") in _roles(report)
    assert {"国家防汛抗旱总指挥部", "某某省防汛抗旱指挥部", "市防汛抗旱指挥部"} <= {b for b, _ in _roles(levels)}
    assert {b for b, _ in _roles(tri)} == {"气象台站", "本级三防指挥部"}     # 三防指挥部 stays whole
