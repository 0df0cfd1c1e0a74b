"""Targets in running text, one class of form per case: quantities (multipliers, ranges,
approximations), the target grammar, and what it must leave alone."""

from __future__ import annotations

import pytest

from ingest.extract.deadlines import find_deadlines
from ingest.extract.indicator_text import text_indicators
from ingest.extract.quantities import find_quantities
from ingest.extract.sections import GENERAL, GOALS, REPORT, TASKS
from ingest_helpers import extract_document


@pytest.mark.parametrize("text,expected", [
    ("新增就业1100万人以上", (11_000_000, None, "人", False, "以上")),
    ("粮食产量1.3万亿斤", (1_300_000_000_000, None, "斤", False, None)),
    ("安排资金6100亿元", (610_000_000_000, None, "元", False, None)),
    ("改造5.3万个小区", (53_000, None, "个", False, None)),
    ("增长5%—5.5%", (5, 5.5, "%", False, None)),
    ("按20～50年一遇设防", (20, 50, "年一遇", False, None)),
    ("间距10~20km", (10, 20, "km", False, None)),
    ("约18000条", (18_000, None, "条", True, None)),
    ("涨幅3%左右", (3, None, "%", True, "左右")),
    ("三十分钟", (30, None, "分钟", False, None)),
    ("五个工作日", (5, None, "个工作日", False, None)),
    ("百分之十以内", (10, None, "%", False, "以内")),
    ("提高0.5个百分点", (0.5, None, "个百分点", False, None)),
    ("挡土墙904.5万 m³", (9_045_000, None, "m³", False, None)),
    ("1500多个县", (1500, None, "个", False, "多")),
    # 千 of a unit is no multiplier
    ("定位精度5千米", (5, None, "千米", False, None)),
    ("装机容量10千瓦", (10, None, "千瓦", False, None)),
    ("新增3千亩", (3000, None, "亩", False, None)),
    # a rate's unit, written after the number or in brackets
    ("下降到5.2人/万车以内", (5.2, None, "人/万车", False, "以内")),
    ("下降到0.22（人/亿元）以下", (0.22, None, "人/亿元", False, "以下")),
])
def test_quantities(text, expected):
    [q] = [q for q in find_quantities(text) if q.unit or q.after]
    assert (q.value, q.upper, q.unit, q.approx, q.after) == expected


def targets(text, sense=TASKS, standing=False, lead=""):
    found = text_indicators("d/cl_1", text, find_deadlines(text, (2021, 2025)), sense, standing, lead)
    return [(i.comparator, i.value, i.upper, i.unit) for i in found]


@pytest.mark.parametrize("text,expected", [
    # comparator-led, approximate, range
    ("全市城镇登记失业率控制在4%以内。", [("<=", 4, None, "%")]),
    ("到2025年绿化覆盖率达到45%。", [(">=", 45, None, "%")]),
    ("每年新增培训人员不少于200人。", [(">=", 200, None, "人")]),
    ("地区生产总值增长6.5%左右。", [("~", 6.5, None, "%")]),
    ("预期地区生产总值增长5%—5.5%。", [("range", 5, 5.5, "%")]),
    ("中心城区防洪标准为100～200年一遇。", [("range", 100, 200, "年一遇")]),
    ("坚守120万亩耕地红线。", [(">=", 1_200_000, None, "亩")]),
    ("单位能耗和碳排放分别降低12%、15%。", [("=", 12, None, "%"), ("=", 15, None, "%")]),
    ("生产安全事故起数和死亡人数分别下降10%和15%。", [("=", 10, None, "%"), ("=", 15, None, "%")]),
    ("自然灾害直接经济损失占GDP比例控制在1%以内。", [("<=", 1, None, "%")]),     # a bound on a share
    # a class inside the name is no target of its own
    ("一次死亡10人以上特大事故起数比2020年下降20%以上。", [(">=", 20, None, "%")]),
    # a count a verb commits to, with its floor before the thing counted
    ("创建200个以上全国综合减灾示范社区。", [(">=", 200, None, "个")]),
    # a sum counted over the time ahead is a target, not a result ("累计" of a review)
    ("亿元GDP安全事故死亡率五年内累计下降50%，到2025年下降到0.22（人/亿元）以下。",
     [("=", 50, None, "%"), ("<=", 0.22, None, "人/亿元")]),
    ("拟安排地方专项债券2.5万亿元，比上年增加3000亿元。", [("=", 2.5e12, None, "元"), ("=", 3e11, None, "元")]),
    # required time limits and standards
    ("县级应急管理部门应在灾害发生后3小时内报告。", [("<=", 3, None, "小时")]),
    ("接报后十个工作日内完成审核。", [("<=", 10, None, "个工作日")]),
    ("书面报告最迟不得晚于事发后45分钟。", [("<=", 45, None, "分钟")]),
    ("应当在展会举办日的30日前提出申请。", [(">=", 30, None, "日")]),
    ("台账至少保存五年。", [(">=", 5, None, "年")]),
    # what a prohibition forbids from the figure up (or within it) bounds what is allowed
    ("施工现场禁止搭建四层以上（含）活动板房。", [("<", 4, None, "层")]),
    ("专职安全管理人员不得同时承担二个以上工程现场安全监督工作。", [("<", 2, None, "个")]),
    ("禁止在距离加油站一百米以内燃放烟花爆竹。", [(">", 100, None, "米")]),
    ("记录由安全管理人员签字确认，保存四年以上。", [(">=", 4, None, "年")]),       # a retention is a rule
    # a notice due that long before an event, however the event is written
    ("施工单位应当在工程开工七日前书面通知管道企业。", [(">=", 7, None, "日")]),
    ("运营企业应当在投放运营前三十日将投放方案报交通行政管理部门备案。", [(">=", 30, None, "日")]),
    # frequencies
    ("每半年至少开展一次演练。", [(">=", 1, None, "次")]),
    ("每日三次报送灾情。", [("=", 3, None, "次")]),
    ("汛期水情每5天报送。", [("=", 5, None, "天")]),
    # counts with their classifier and object
    ("完成3处重点隐患点治理。", [("=", 3, None, "处")]),
    ("在沿河乡镇布设25处水位监测点。", [("=", 25, None, "处")]),
    ("改扩建现有8座县级粮食应急储备库。", [("=", 8, None, "座")]),
    ("确保受灾群众在灾害发生后12小时之内得到初步救助。", [("<=", 12, None, "小时")]),
    ("规划新建800个自动雨量站。", [("=", 800, None, "个")]),
    ("新开工改造老旧小区2.1万个。", [("=", 21_000, None, "个")]),
    ("每个街道配备一名专职安全员。", [("=", 1, None, "名")]),
    ("建成不少于一个区级物资储备库。", [(">=", 1, None, "个")]),
    # the target named as such after the value ("…的工作目标"), no class of things; per mille
    ("实现全县森林火灾损失率控制在0.1‰的工作目标。", [("<=", 0.1, None, "‰")]),
    ("确保森林火灾受害率控制在0.9‰以内的目标。", [("<=", 0.9, None, "‰")]),
    # "优于": less is better for a precision or a time, more for a share
    ("地震监测定位精度优于5千米。", [("<", 5, None, "千米")]),
    ("城市空气质量优良天数比率优于80%。", [(">", 80, None, "%")]),
    # a seismic design acceleration (lower-case g; 5G is no unit)
    ("新建各类校舍和医院达到0.20g抗震设防标准。", [(">=", 0.2, None, "g")]),
    ("新建5G基站300个。", [("=", 300, None, "个")]),
])
def test_target_forms(text, expected):
    assert targets(text) == expected


@pytest.mark.parametrize("text", [
    "造成死亡10人以上的，启动Ⅰ级响应。",                  # a trigger
    "对于因灾死亡3人以上或紧急转移安置1万人以上的灾害，立即报告。",
    "身高低于1.2米的儿童应当使用安全座椅。",               # a class
    "对违法行为处二千元以上二万元以下罚款。",               # a penalty
    "经初步估算，工程总投资为86亿元。",                    # a cost estimate
    "规划实施后，每年可减少经济损失20亿元。",               # a benefit
    "据统计，全市共有隐患点1200处。",                      # a statistic
    "全市已建成应急避难场所56处。",                         # a past result
    "去年居民消费价格上涨了2.5%。",
    "未来24小时全市有10个以上乡镇降雨量将超过50毫米。",     # weather criteria
    "详见表6.1-1。",                                        # a table number
    "实施安全生产专项整治三年行动。",                       # a name
    "抓好六个方面重点工作。",                               # a count that describes
    "建设一个综合性应急指挥中心。",                         # "一个" as the article
    "经过50年左右的治理，基本控制水土流失。",               # a duration
    "全区山地占总面积的21%。",                              # a share
    "发布时间：2017-03-29 11:26 来源：市地震局。",          # a web page's time stamp, not 2017 to 3
    "应当在每年3月31日前报送上年度报告。",                  # a date, not 31 days ahead
    "工程在开工前三十日完成了审批。",                        # no notice: a past fact
])
def test_not_targets(text):
    assert targets(text) == []


def test_operating_standards_only_in_standing_rules():
    text = "各级应急管理部门实行24小时应急值班。"
    assert targets(text, GENERAL, standing=True) == [("=", 24, None, "小时")]
    assert targets(text, GENERAL, standing=False) == []


def test_descriptions_need_a_commitment():
    text = "本区海拔平均约1000m，部分山脉海拔高于3000m。"
    assert targets(text, TASKS) == []
    assert targets("城镇调查失业率5.5%左右；", GENERAL, lead="今年发展主要预期目标是：") == [("~", 5.5, None, "%")]


def test_lead_in_gives_the_attribute():
    [target] = text_indicators("d/cl_1", "居民消费价格涨幅2%左右；", [], GOALS, lead="今年主要预期目标是：")
    assert target.attribute == "预期性"


def test_reports_commit_only_with_a_modal():
    assert targets("近日，检查组共检查企业120家。", REPORT) == []
    assert targets("下一步要完成20家企业复查。", REPORT) == [("=", 20, None, "家")]


@pytest.mark.parametrize("text, names", [
    ("生产安全事故起数和死亡人数分别下降10%和15%。", ["生产安全事故起数下降", "死亡人数下降"]),
    ("单位能耗、碳排放分别降低12%、15%。", ["单位能耗降低", "碳排放降低"]),
])
def test_values_given_respectively_go_to_the_items_in_turn(text, names):
    found = text_indicators("d/cl_1", text, find_deadlines(text, (2021, 2025)), GOALS)
    assert [i.name for i in found] == names


def test_a_target_without_a_name_of_its_own_keeps_the_one_its_sentence_gave():
    text = "亿元GDP安全事故死亡率五年内累计下降50%，到2025年下降到0.22（人/亿元）以下。"
    found = text_indicators("d/cl_1", text, find_deadlines(text, (2021, 2025)), GOALS)
    assert [i.name for i in found] == ["亿元GDP安全事故死亡率五年内累计下降"] * 2


def test_a_date_opening_a_sentence_dates_the_targets_of_its_later_clauses(tmp_path):
    _record, facts = extract_document(tmp_path, "某市应急体系规划", "# 某市应急体系规划\n\n一、主要目标\n\n到2025年，"
                                      "消防站覆盖率达到100%；应急避难场所人均面积不低于1.5平方米；培训企业负责人5000人次以上。"
                                      "灾害信息员覆盖率达到90%。\n", "plan", "某市", "city")
    due = {i.name: i.deadline for i in facts.indicators}
    assert due["消防站覆盖率"] == due["应急避难场所人均面积"] == "2025-12-31"
    assert due["培训企业负责人"] == "2025-12-31"
    assert due["灾害信息员覆盖率"] is None          # a new sentence, no date of its own (no plan period given)


def test_targets_written_as_a_list_of_bare_numbered_lines_are_read(tmp_path):
    _record, facts = extract_document(tmp_path, "某市为民办实事工作计划", "# 某市为民办实事工作计划\n\n"
                                      "一、实施公交服务便民工程\n\n（一）新购置公交车200辆\n\n（二）新增优化公交线路20条\n",
                                      "plan", "某市", "city")
    assert {(i.value, i.unit) for i in facts.indicators} == {(200, "辆"), (20, "条")}


def test_a_target_named_before_its_goal_word_keeps_its_own_name():
    found = text_indicators("d/cl_1", "实现全县森林火灾损失率控制在0.1‰的工作目标。", [], TASKS, False, "")
    assert [i.name for i in found] == ["森林火灾损失率"]


@pytest.mark.parametrize("text,expected", [
    # a goal's change from a figure: the figure reached is the target, named without its start
    ("城市排水达标率由80%提高到95%。", [("城市排水达标率", ">=", 95.0, "%")]),
    ("事故起数从120起下降到100起以内。", [("事故起数", "<=", 100.0, "起")]),
    ("气象灾害直接经济损失占GDP的比率由“十三五”期间的0.3%下降至0.2%。",
     [("气象灾害直接经济损失占GDP的比率", "<=", 0.2, "%")]),
    # a score ("分") is a unit where a bound or the part's end follows it
    ("公众气象服务满意度稳定在90分以上。", [("公众气象服务满意度", ">=", 90.0, "分")]),
])
def test_a_goals_change_from_a_figure_and_a_score_are_targets(text, expected):
    found = text_indicators("d/cl_1", text, [], GOALS)
    assert [(i.name, i.comparator, i.value, i.unit) for i in found] == expected


def test_a_change_that_happened_and_a_clock_time_are_no_targets():
    # a report's change of years gone by, with a modal only in another part of its sentence
    text = "人口自然增长率，四川省由千分之二十九降到千分之六点一，他们的经验应该在全国推广。"
    assert text_indicators("d/cl_1", text, [], REPORT) == []
    assert text_indicators("d/cl_1", "会议于2023年5月6日10时30分，在市政府召开。", [], GOALS) == []


def test_a_figure_of_the_case_a_rule_is_for_is_no_target():
    # "…的，由…": the case the rule is for (not the rule's own limit, nor a window it gives)
    case = "机动车驾驶人记分达到12分，拒不参加学习，也不接受考试的，由公安机关交通管理部门公告其驾驶证停止使用。"
    assert text_indicators("d/cl_1", case, [], TASKS, standing=True) == []
    limit = "临时用地期限一般不得超过两年，确需延期使用临时用地的，应当申请延期。"
    assert [(i.comparator, i.value) for i in text_indicators("d/cl_1", limit, [], TASKS, standing=True)] == [("<=", 2)]
    window = "自事故发生之日起30日内，事故造成的伤亡人数发生变化的，应当及时补报。"
    assert [(i.comparator, i.value) for i in text_indicators("d/cl_1", window, [], TASKS, standing=True)] == [("<=", 30)]
