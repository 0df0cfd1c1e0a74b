"""Who a statute's duty binds when the subject before the modal is more than a plain list of
names: bodies described by a long clause (or by one the body's phrase took part of), a comma
before the modal, a list that runs on across 以及 or across a described item, a named body after
"A、B等部门和", a condition or an exception between the body and its modal, a unit named by what
it does in the matter (报送单位), mass organisations by their full names, the level next up or
down. Found on the emergency, fire and work-safety regulations of the scale corpus (a kind of
the held-out statutes); every article here is a constructed sentence of that wording."""

from __future__ import annotations

import pytest

from ingest_helpers import mentions_by_article

ARTICLES = """第一条 本条例适用于本市行政区域。

第二条 从事安全生产评价、检测、检验、培训等活动的中介服务机构，应当具有法律、行政法规规定的资质。

第三条 高危行业、较大危险行业的生产经营单位，应当每半年至少组织一次应急救援预案演练。

第四条 被委托的技术服务机构，应当对其出具的意见或者报告负责。

第五条 应急管理、公安、民政等部门以及供水、供电、供气等公用企业应当共享消防安全管理信息。

第六条 物业服务企业和人员密集场所的经营、管理单位，应当组织员工开展消防演练。

第七条 高速公路、隧道、大型桥梁等设施的经营管理者应当配置灭火救援装备。

第八条 从事生产、销售、维修消防产品的单位，应当严格执行产品质量的技术标准。

第九条 房屋建筑、公路、铁路等建设工程的主管部门，负责相应领域内建设工程的防雷管理。

第十条 市场监督管理、住房和城乡建设等部门和消防救援机构应当加强对消防产品质量的监督检查。

第十一条 企业事业单位或者重大活动主办单位、公共场所和公共设施的经营、管理单位，应当制定应急预案。

第十二条 任何单位和个人都有权对负有消防工作职责的各级人民政府、有关行政部门的违法行为进行检举。

第十三条 卫生行政管理部门对违反本条例的单位进行行政处罚时，应当会同其他行政管理部门处理。

第十四条 建设单位应当将地震安全性评价业务委托给具有相应资质的地震安全性评价单位。

第十五条 建筑物的所有者或者经营者，应当设置挡水和排水设施。

第十六条 公安机关是燃放烟花爆竹管理工作的主管机关，负责燃放烟花爆竹的公共安全管理。

第十七条 收到检举、控告的机关，应当按照职责及时查处。

第十八条 前款规定以外的其他生产经营单位，从业人员超过一百人的，应当设置安全生产管理机构。

第十九条 矿山、建筑施工单位，除国家另有规定外，应当配备专职安全生产管理人员。

第二十条 报送单位应当及时续报突发事件处置的进展情况。

第二十一条 专职消防队的组建单位应当与消防队员依法签订劳动合同。

第二十二条 消防监督检查人员应当通知单位立即采取措施予以消除。

第二十三条 下列单位应当建立专职消防队：

第二十四条 工会、共产主义青年团、妇女联合会等组织，应当结合各自工作特点，协助人民政府开展应急知识的宣传教育。

第二十五条 下一级人民政府不能有效控制事态的，应当及时报请上一级人民政府统一领导应急处置工作。

第二十六条 审查部门及其负责审查的人员对审查结果负责。
"""


@pytest.fixture(scope="module")
def statute(tmp_path_factory) -> dict[str, set[tuple[str, str]]]:
    return mentions_by_article(tmp_path_factory.mktemp("subjects"), "某某市消防条例", ARTICLES, "某某市", "city")


def test_a_description_opening_with_congshi_describes(statute):
    # 从事 had been read as the preposition 从 ("从…起"), which no description opens with
    assert statute["art_2"] == {("中介服务机构", "subject")}


def test_a_comma_between_a_described_body_and_its_modal(statute):
    assert statute["art_3"] == {("生产经营单位", "subject")}
    assert statute["art_4"] == {("技术服务机构", "subject")}


def test_a_list_runs_on_across_yiji_into_the_next_lists_words(statute):
    # "…等部门以及|供水、供电、供气等|公用企业": the second list's items open before its body
    # (a statute binds each kind the list names: 供水公用企业, not the category alone)
    assert statute["art_5"] == {("应急管理部门", "lead"), ("公安部门", "lead"), ("民政部门", "lead"),
                                ("供水公用企业", "subject"), ("供电公用企业", "subject"), ("供气公用企业", "subject")}


def test_a_list_runs_on_across_a_described_item(statute):
    # (the place the activities are done in names the units: 人员密集场所经营单位)
    assert statute["art_6"] == {("物业服务企业", "subject"), ("人员密集场所经营单位", "subject"),
                                ("人员密集场所管理单位", "subject")}
    assert {("企业事业单位", "subject"), ("重大活动主办单位", "subject"), ("公共设施管理单位", "subject")} <= statute["art_11"]


def test_a_description_the_bodys_phrase_took_part_of(statute):
    # the phrase took "大型桥梁等设施的", its lead-in "高速公路、隧道、": one description
    assert statute["art_7"] == {("经营管理者", "subject")}


def test_a_descriptions_verbs_are_no_bodies(statute):
    # "从事生产、销售、维修消防产品的单位" is one unit, not 生产单位 and 销售单位
    assert [role for _, role in statute["art_8"]] == ["subject"]
    assert not {"生产单位", "销售单位"} & {body for body, _ in statute["art_8"]}


def test_a_descriptions_nouns_still_share_its_head(statute):
    assert {("房屋建筑主管部门", "lead"), ("公路主管部门", "lead")} <= statute["art_9"]


def test_a_named_body_after_a_list_of_departments_is_no_head_of_theirs(statute):
    # "A、B等部门和|消防救援机构": 部门 closes its own list, the named body follows it
    assert {("市场监督管理部门", "lead"), ("住房和城乡建设部门", "lead")} <= statute["art_10"]
    assert ("消防救援队伍", "lead") in statute["art_10"]


def test_the_object_of_a_preposition_takes_no_description_across_it(statute):
    # "有权对|负有…职责的|人民政府": not a subject described, and the list before 对 stays apart
    roles = dict(statute["art_12"])
    assert roles["人民政府"] == "mentioned" and roles["行政部门"] == "mentioned"
    assert ("卫生行政管理部门", "lead") in statute["art_13"] and ("单位", "mentioned") in statute["art_13"]
    assert any(body == "地震安全性评价单位" for body, _ in statute["art_14"])       # not "给具有…的单位"


def test_an_owner_is_named_by_what_it_owns_no_scope_word(statute):
    # 所有 of 所有者 is no scope word ("所有单位"): the body had been named "者"; and the parties are
    # the building's (ingest.extract.object_parties), not bare 所有者 / 经营者
    assert statute["art_15"] == {("建筑物的所有者", "subject"), ("建筑物的经营者", "subject")}


def test_a_copula_is_no_description(statute):
    roles = dict(statute["art_16"])
    assert roles["公安机关"] == "lead" and roles.get("机关") != "lead"


def test_a_body_described_by_what_it_received_acts(statute):
    assert statute["art_17"] == {("机关", "lead")}


def test_a_condition_or_exception_between_a_body_and_its_modal(statute):
    assert ("生产经营单位", "subject") in statute["art_18"]
    assert ("建筑施工单位", "subject") in statute["art_19"]


def test_a_unit_named_by_what_it_does_in_the_matter(statute):
    assert statute["art_20"] == {("报送单位", "subject")}
    assert statute["art_21"] == {("组建单位", "subject")}
    assert statute["art_22"] == {("单位", "mentioned")}          # 通知 governs the unit: no 通知单位
    assert not any(body == "下列单位" for body, _ in statute["art_23"])   # a pointer to a list, no name


def test_mass_organisations_by_their_full_names_and_help_after_a_frame(statute):
    # 共产主义青年团/妇女联合会 had been no bodies; "应当结合…特点，协助Y" makes them helpers, Y the lead
    assert statute["art_24"] == {("工会", "cooperate"), ("共青团", "cooperate"), ("妇联", "cooperate"),
                                 ("人民政府", "lead")}


def test_the_next_level_up_or_down_is_part_of_the_name(statute):
    bodies = {body for body, _ in statute["art_25"]}
    assert {"下一级人民政府", "上一级人民政府"} <= bodies
    assert ("下一级人民政府", "lead") in statute["art_25"]


def test_a_body_and_its_staff_answerable_for_a_result(statute):
    assert statute["art_26"] == {("审查部门", "lead")}
