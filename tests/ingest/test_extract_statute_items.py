"""A statute's listed items and what a body's clause makes of it: an item keeps its label
("（六）市场监督管理部门应当…" had left the department merely mentioned), "A、B等部门和单位" names the
departments (they had been lost), a body that is the agent of a relative clause on a thing
qualifies it ("（六）市人民政府确定的其他重大灾害事故"), a copula defines or classes unless it puts the
body in charge, an aside between a body and its modal, the body asked to lead. Found on the
emergency, fire, firework and forest-fire regulations of the scale corpus; every article here is
a constructed sentence of that wording."""

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
