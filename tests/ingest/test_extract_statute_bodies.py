"""How statutes name the bodies they assign duties to: classes of wording found in real
regulations (特种设备安全法, city elevator and rainstorm regulations), each on a small article."""

from __future__ import annotations

import pytest
from ingest_helpers import mentions_by_article

ARTICLES = """第一章 总则

第三条 市和区、县（市）人民政府应当加强对本行政区域内电梯安全工作的领导。

第四条 市市场监督管理部门负责全市电梯安全监督管理工作；各区、县（市）市场监督管理部门按照规定的职责，负责本行政区域内的电梯安全监督管理工作。

第五条 国务院负责特种设备安全监督管理的部门对全国特种设备安全实施监督管理。县级以上地方各级人民政府负责特种设备安全监督管理的部门对本行政区域内特种设备安全实施监督管理。

第六条 应急管理部门和负责相关行业、领域安全生产监督管理工作的部门按照职责分工开展检查。

第七条 任何单位和个人有权向负责特种设备安全监督管理的部门和有关部门举报。县人民政府负责组织有关部门开展检查。

第八条 电梯制造、经营、使用、维护保养等单位和新闻媒体等应当开展电梯使用安全知识普及、宣传。市场监督管理部门和电梯使用、维护保养单位可以使用智慧电梯系统对电梯运行情况实施实时监控。

第九条 业主协商不成的，电梯所在地的乡（镇）人民政府或者街道办事处应当予以指导、协调和督促。

第十条 有防汛任务的部门和单位应当明确防汛责任人。机关、团体、学校、企业事业等单位和组织应当适时开展应急演练。

第十一条 充分利用广播、电视、网络等传统媒体和新媒体开展宣传。

第十二条 市人民政府设立防汛防旱防风指挥部（以下简称五防指挥部），统一指挥本行政区域内的暴雨防御工作。

第十三条 市、县（区）五防指挥部成员单位及其他有防汛任务的单位应当关注暴雨发展变化情况，做好防御准备。

第十四条 需要组织人员转移避险的，有关区域的人民政府应当发布决定、命令。事发地人民政府或者有关部门应当依法组织应对处置。

第十五条 城乡建设、规划和自然资源、司法行政、应急管理等行政管理部门应当按照各自职责，协同做好电梯安全监督管理的相关工作。

第十六条 县级以上地方人民政府水行政主管部门应当加强对水库大坝安全的监督管理。

第十七条 交通运输主管部门负责督促、指导本辖区公路建设和管养单位开展公路巡查排查。

第十八条 水上搜救指挥机构应当定期组织成员单位开展搜救演练。

第十九条 海洋与渔业、旅游、体育等部门按照各自职责负责相关安全管理工作。

第二十条 建设工程的勘察、设计、施工、监理等单位应当依法对建设工程质量负责。

第二十一条 违反本条例规定的，由应急管理部门、海事管理机构等有关单位依法处理。

第二十三条 为学校提供餐饮、交通、住宿等服务的单位应当保障学生安全。

第二十二条 为学生提供住宿的学校应当建立宿舍安全管理制度。将食堂委托经营的学校应当对受托经营方进行监督。为了保障安全，学校应当配备安保人员。
"""


@pytest.fixture(scope="module")
def mentions(tmp_path_factory) -> dict[str, set[tuple[str, str]]]:
    """Article number -> {(body, role)} of an ingested city regulation."""
    return mentions_by_article(tmp_path_factory.mktemp("statute"), "某市电梯安全管理条例", ARTICLES, "杭州市", "city")


def test_a_department_named_by_its_matter_is_one_body(mentions):
    # not the government that owns it, and "国务院" keeps the national body apart
    assert mentions["art_5"] == {("国务院负责特种设备安全监督管理的部门", "lead"),
                                 ("负责特种设备安全监督管理的部门", "lead")}
    assert ("负责相关行业、领域安全生产监督管理工作的部门", "lead") in mentions["art_6"]
    assert ("负责特种设备安全监督管理的部门", "mentioned") in mentions["art_7"]
    # 负责 as a verb still ends the phrase: the county government leads, 有关部门 are organised
    assert ("县人民政府", "lead") in mentions["art_7"]
    assert not any("组织" in body for body, _ in mentions["art_7"])


def test_a_list_of_levels_names_every_level(mentions):
    assert mentions["art_3"] == {("杭州市人民政府", "lead"), ("区、县（市）人民政府", "lead")}
    assert ("区、县（市）市场监督管理部门", "lead") in mentions["art_4"]


def test_activities_sharing_one_object_and_head_name_one_body_each(mentions):
    assert {("电梯制造单位", "subject"), ("电梯经营单位", "subject"), ("电梯使用单位", "subject"),
            ("电梯维护保养单位", "subject"), ("新闻媒体", "subject")} <= mentions["art_8"]
    assert {("电梯使用单位", "subject"), ("电梯维护保养单位", "subject")} <= mentions["art_8"]


def test_a_body_placed_by_where_the_matter_is_still_heads_its_clause(mentions):
    assert mentions["art_9"] == {("乡（镇）人民政府", "lead"), ("街道办事处", "lead")}


def test_a_description_shared_by_a_pair_of_heads(mentions):
    assert {("有防汛任务的部门", "lead"), ("有防汛任务的单位", "subject")} <= mentions["art_10"]
    assert {("机关", "subject"), ("团体", "subject"), ("学校", "subject")} <= mentions["art_10"]


def test_a_verb_with_an_adverb_is_no_part_of_a_name(mentions):
    # "充分利用|广播…": the media are used, they are given no duty
    assert all(role == "mentioned" and not body.startswith("充分") for body, role in mentions["art_11"])


def test_a_name_the_document_defines_is_taken_whole_where_jieba_cuts_it(mentions):
    # "五|防|指挥部|成员单位": the defined short name is one word of the name, so the list of
    # levels before it is read and both member units lead; "及其|他|有…的单位" is 其他's cut
    assert mentions["art_13"] == {("杭州市防汛防旱防风指挥部成员单位", "lead"),
                                  ("县（区）防汛防旱防风指挥部成员单位", "lead"), ("有防汛任务的单位", "subject")}


def test_a_government_named_by_a_description_or_by_where_events_happen(mentions):
    assert {("人民政府", "lead"), ("事发地人民政府", "lead"), ("有关部门", "lead")} == mentions["art_14"]


def test_departments_listed_before_their_shared_head_and_working_together(mentions):
    # "行政管理" qualifies no kind of department: each matter names one; "应当按照各自职责，协同…" is
    # taking part, and a shared word is written once ("司法行政" + "行政管理部门")
    assert mentions["art_15"] == {("城乡建设行政管理部门", "cooperate"), ("规划和自然资源行政管理部门", "cooperate"),
                                  ("司法行政管理部门", "cooperate"), ("应急管理行政管理部门", "cooperate")}


def test_a_governments_department_is_named_with_its_government(mentions):
    # one body, acting: not the government mentioned beside a department mentioned
    assert mentions["art_16"] == {("水行政主管部门", "lead")}


def test_scope_words_between_a_governing_verb_and_its_body(mentions):
    # "指导本|辖区公路建设…单位": 本辖区 scopes the units, which the verbs still oblige
    assert mentions["art_17"] == {("交通运输主管部门", "lead"), ("公路建设单位", "subject"), ("公路管养单位", "subject")}


def test_a_domain_verb_after_a_place_word_qualifies_a_body(mentions):
    # "水上|搜救|指挥机构": 搜救 names what the body does, 水上 where; neither ends the name
    assert ("水上搜救指挥机构", "lead") in mentions["art_18"]


def test_a_department_whose_name_joins_two_sectors_with_yu_is_one_item(mentions):
    assert {("海洋与渔业部门", "lead"), ("旅游部门", "lead"), ("体育部门", "lead")} <= mentions["art_19"]


def test_trades_of_a_works_listed_before_one_head_are_each_a_unit(mentions):
    # 勘察 (survey) is a trade as 设计 and 施工 are: the first item of the list, not a verb before it
    assert {("勘察单位", "subject"), ("设计单位", "subject"), ("施工单位", "subject"),
            ("监理单位", "subject")} <= mentions["art_20"]


def test_departments_listed_as_units_stay_departments(mentions):
    # "…部门、…管理机构等有关单位依法处理": the sanctioning departments lead; the units of "机关、团体、
    # 学校等单位应当" (art_10) are still bound as units
    assert {("应急管理部门", "lead"), ("海事管理机构", "lead")} <= mentions["art_21"]


def test_a_unit_described_with_a_preposition_inside_is_bound(mentions):
    # "为学生提供住宿的|学校应当…", "将食堂委托经营的|学校应当…"; "为了…，学校应当…" binds the school as well
    assert ("学校", "subject") in mentions["art_22"]
    assert not any(role == "mentioned" and body == "学校" for body, role in mentions["art_22"])


def test_units_listed_by_the_service_they_give_are_named_by_it(mentions):
    # "餐饮、交通、住宿等服务的单位": each a unit of that service, bound
    assert {("餐饮服务单位", "subject"), ("交通服务单位", "subject"), ("住宿服务单位", "subject")} <= mentions["art_23"]
