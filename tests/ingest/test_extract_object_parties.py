"""Bodies of a statute found unread on the six newer development statutes and the older
regulations (gold written before the rules): parties named by the things they hold or work on
("…场所的管理者或者经营者", "道路或者交通设施的管理、养护单位", "农业机械生产者、销售者"), the bodies a
bracketed note includes ("乡镇人民政府（包括街道办事处，下同）负责"), a list of levels owning a list of
departments ("县级和设区的市级人民政府教育、公安部门应当"), units bound to "予以配合" or that "都有…的
义务", the authority applied to ("向X申请验收"), and "A和其他有关部门". Constructed articles in those
wordings."""

from __future__ import annotations

import pytest

from ingest.extract.nlp import Words, get_nlp
from ingest.extract.object_parties import object_parties
from ingest.extract.org_phrases import stops
from ingest_helpers import mentions_by_article

ARTICLES = """第一条 公共交通工具、公共场所和其他人员密集场所的管理者或者经营者，危险区域、危险源的管理者，应当制定具体的安全保障应急预案。

第二条 道路或者交通设施的管理、养护单位应当按照标准设置安全防护设施。

第三条 周边物业的所有者、使用者应当予以配合并提供必要的便利。

第四条 民办中小学校和民办幼儿园的举办者应当按照规定配备专职保安员。

第五条 农业机械生产者、销售者应当建立健全农业机械销售服务体系。

第六条 乡镇人民政府（包括街道办事处，下同）负责本行政区域内小型水利工程的安全管理工作。

第七条 县级和设区的市级人民政府教育、公安、交通运输部门应当设立并公布举报电话。

第八条 市、县级人民政府教育、公安部门应当按照各自职责做好校车安全管理工作。

第九条 回收的农业机械由县级人民政府农业机械化主管部门监督回收单位进行解体或者销毁。

第十条 违反本条例规定，有下列行为之一的，由应急管理部门责令改正：

（一）未按照规定开展应急演练的；

（二）大型社会活动主办者，公共交通工具、公共场所和其他人员密集场所的管理者或者经营者，危险区域、危险源的管理者，不按照国家和本市有关规定制定具体的安全保障应急预案的。

第十一条 从事庆典、婚庆、殡仪服务的经营者应当告知服务对象禁止燃放烟花爆竹。

第十二条 设区的市、县级人民政府（含功能区管理机构）应当组织有关部门开展安全检查。

第十三条 本市机关、团体、企业、事业等单位（以下统称单位）和个人都有保护消防设施、预防火灾、报告火警的义务。任何单位和个人均有预防森林火灾的义务。任何单位和成年人都有参加有组织的灭火工作的义务。

第十四条 学校和未成年人的监护人应当对未成年人开展安全知识的教育。

第十五条 建设单位应当向住房城乡建设管理部门申请消防验收。

第十六条 县级以上人民政府教育、人力资源社会保障和其他有关部门负责所管理学校的安全工作，依法维护学校安全。

第十七条 受到自然灾害危害或者发生事故灾难、公共卫生事件的单位，应当按照规定立即报告。

第十八条 作出决定的部门或者机构应当自收到书面申请之日起三个工作日内进行检查。

第十九条 实施安全技术检验的机构应当对检验结果承担法律责任。

第二十条 公民、法人和其他组织应当服从人民政府的决定、命令、指挥和安排。有关部门、单位应当服从和配合现场指挥长的指挥。

第二十一条 轨道交通设计、施工、监理、设备设施供应等单位应当依法承担安全责任。

第二十二条 施工单位调整施工方案的，应当经建设单位和监理单位同意。占用道路的，施工单位应当事先征得道路管理部门的同意。

第二十三条 未经电梯使用单位书面同意，不得转包维护保养业务。

第二十四条 省水行政主管部门下达应急指令并会同水库所在地的水行政主管部门监督实施。县级人民政府水行政主管部门和基层水利技术推广机构应当加强业务指导。

第二十五条 省、自治区、直辖市特种设备安全监督管理部门应当制定检查计划。房屋安全鉴定机构应当自接受委托之日起十五日内出具房屋安全鉴定报告。
"""


@pytest.fixture(scope="module")
def statute(tmp_path_factory) -> dict[str, set[tuple[str, str]]]:
    return mentions_by_article(tmp_path_factory.mktemp("parties"), "某某市公共安全条例", ARTICLES, "某某市", "city")


def test_the_parties_of_each_thing_listed_are_bound(statute):
    things = ("公共交通工具", "公共场所", "人员密集场所")
    assert statute["art_1"] == {(f"{t}的{p}", "subject") for t in things for p in ("管理者", "经营者")} | {
        ("危险区域的管理者", "subject"), ("危险源的管理者", "subject")}
    assert statute["art_2"] == {(t + a + "单位", "subject") for t in ("道路", "交通设施") for a in ("管理", "养护")}


def test_a_bare_party_names_nobody_without_its_thing(statute):
    assert statute["art_3"] == {("周边物业的所有者", "cooperate"), ("周边物业的使用者", "cooperate")}
    assert {m for m in statute["art_4"] if m[1] != "mentioned"} == {
        ("民办中小学校的举办者", "subject"), ("民办幼儿园的举办者", "subject")}
    # the schools themselves are only the things here
    assert ("民办幼儿园", "subject") not in statute["art_4"]


def test_a_thing_written_before_the_first_party_is_every_partys(statute):
    assert statute["art_5"] == {("农业机械生产者", "subject"), ("农业机械销售者", "subject")}


def test_the_bodies_a_bracketed_note_includes_take_the_bodys_role(statute):
    assert {("乡镇人民政府", "lead"), ("街道办事处", "lead")} <= statute["art_6"]
    assert ("功能区管理机构", "lead") in statute["art_12"]
    assert not any(body.startswith("含") for body, _ in statute["art_12"])


def test_departments_after_a_list_of_levels_are_bound_not_the_governments(statute):
    assert {("教育部门", "lead"), ("公安部门", "lead"), ("交通运输部门", "lead")} <= statute["art_7"]
    assert not any(role == "lead" and body.endswith("人民政府") for body, role in statute["art_7"])
    # each level's departments, every department of the list
    assert {("某某市人民政府教育部门", "lead"), ("县级人民政府教育部门", "lead"),
            ("某某市人民政府公安部门", "lead"), ("县级人民政府公安部门", "lead")} <= statute["art_8"]
    assert not any(role == "lead" and body.endswith("人民政府") for body, role in statute["art_8"])


def test_a_departments_duty_verb_is_no_part_of_the_unit_it_governs(statute):
    assert ("农业机械化主管部门", "lead") in statute["art_9"]
    assert not any("监督" in body for body, _ in statute["art_9"])


def test_parties_in_a_sanctions_list_stay_mentioned(statute):
    parties = {m for m in statute["art_10"] if m[0].endswith(("管理者", "经营者"))}
    assert len(parties) == 8 and {role for _, role in parties} == {"mentioned"}


def test_a_trade_described_is_left_to_the_phrase_rules(statute):
    assert not any(body.startswith("殡仪服务") for body, _ in statute["art_11"])


def test_units_that_have_a_duty_are_bound(statute):
    assert {("机关", "subject"), ("企业", "subject"), ("单位", "subject")} <= statute["art_13"]
    assert ("学校", "subject") in statute["art_14"]         # (未成年人 is the guardian's, not a person listed)


def test_the_authority_applied_to_decides(statute):
    assert statute["art_15"] == {("建设单位", "subject"), ("住房城乡建设管理部门", "lead")}


def test_a_sector_before_and_other_departments_is_a_department_of_its_own(statute):
    assert {("教育部门", "lead"), ("人力资源社会保障部门", "lead"), ("有关部门", "lead")} <= statute["art_16"]
    # a verb before a school is no part of its name ("所管理|学校", "维护|学校")
    assert not any(body.endswith("学校") and body != "学校" for body, _ in statute["art_16"])


def test_a_description_with_a_list_names_the_whole_unit(statute):
    assert statute["art_17"] == {("受到自然灾害危害或者发生事故灾难、公共卫生事件的单位", "subject")}


def test_a_bare_head_is_named_by_its_description(statute):
    # the alternative after 或者 is described alike; a bare 机构 bound by a modal, by what it does
    assert {("作出决定的部门", "lead"), ("作出决定的机构", "lead")} <= statute["art_18"]
    assert {body for body, _ in statute["art_19"]} == {"实施安全技术检验的机构"}


def test_the_body_obeyed_commands(statute):
    # the body whose decisions are obeyed leads; obeying binds, and "服从和配合" co-operates
    assert {("人民政府", "lead"), ("组织", "subject"), ("有关部门", "cooperate"), ("有关单位", "cooperate")} \
        <= statute["art_20"]


def test_the_first_activitys_object_is_the_lists_despite_one_other_item(statute):
    assert {("轨道交通设计单位", "subject"), ("轨道交通施工单位", "subject"), ("轨道交通监理单位", "subject")} \
        <= statute["art_21"]


def test_whoever_consents_decides(statute):
    # units too: their consent is a power the statute gives them
    assert {("建设单位", "lead"), ("监理单位", "lead"), ("道路管理部门", "lead"), ("施工单位", "subject")} \
        <= statute["art_22"]
    # (a consent a prohibition names, "未经X同意，不得…", gives X no duty)
    assert ("电梯使用单位", "lead") not in statute["art_23"]


def test_a_place_naming_the_body_stands_between_verb_and_body(statute):
    assert ("水行政主管部门", "cooperate") in statute["art_24"]       # "会同|水库所在地的|…"
    assert ("基层水利技术推广机构", "lead") in statute["art_24"]       # 推广 names the body


def test_the_provinces_bodies_and_service_institutions(statute):
    # "省、自治区、直辖市X部门": each province-level body (no "省、自治区部门"); an appraisal
    # institution is bound as the units are
    assert {("省特种设备安全监督管理部门", "lead"), ("自治区特种设备安全监督管理部门", "lead"),
            ("直辖市特种设备安全监督管理部门", "lead"), ("房屋安全鉴定机构", "subject")} <= statute["art_25"]
    assert not any(body.startswith("省、") for body, _ in statute["art_25"])


@pytest.mark.parametrize("text, expected", [
    ("道路或者交通设施的管理、养护单位应当设置标志。", [["道路管理单位", "道路养护单位", "交通设施管理单位", "交通设施养护单位"]]),
    ("督促周边物业的所有者采取措施。", [["周边物业的所有者"]]),
    ("用气设备的生产者、销售者应当设立售后服务站点。", []),          # 用 governs: a description
    ("建设单位应当将拆除工程发包给具有相应资质等级的施工单位。", []),   # a description's verb before
    ("对符合条件的建设单位颁发施工许可证。", []),                     # the thing opens with a verb
    ("矿山、危险物品的生产、经营、储存单位应当设置安全机构。", []),     # a sector: sector_units' business
    ("物业服务企业和人员密集场所的经营、管理单位应当组织演练。", [["人员密集场所经营单位", "人员密集场所管理单位"]]),
    ("产品的生产者、销售者应当承担责任。", [["产品的生产者", "产品的销售者"]]),
    ("管理者应当承担责任。", []),                                       # no thing at all
])
def test_object_parties_alone(text, expected):
    found = object_parties(Words(get_nlp()(text)), stops)
    assert [c.names for c in found] == expected
