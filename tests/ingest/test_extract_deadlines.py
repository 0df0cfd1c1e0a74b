"""Deadlines, one class of form per case, read against a document's period and its own date."""

from __future__ import annotations

import pytest

from ingest.extract.deadlines import DeadlineContext, find_deadlines, five_year_span, horizons

PLAN = DeadlineContext(period=(2021, 2025))
REPORT_2025 = DeadlineContext(period=(2025, 2025), date="2025-03-05")
BULLETIN = DeadlineContext(date="2023-07-18")
EMERGENCY_PLAN = DeadlineContext(date="2023-12-13", standing=True)


def found(text, ctx, heading=False):
    return [(d.expression, d.date, d.start, d.recurrence) for d in find_deadlines(text, ctx, heading)]


@pytest.mark.parametrize("text,ctx,expected", [
    ("2022-2024年完成老旧管网改造", PLAN, [("2022-2024年", "2024-12-31", "2022-01-01", None)]),
    ("2021年至2023年，全面排查隐患", PLAN, [("2021年至2023年", "2023-12-31", "2021-01-01", None)]),
    ("“十五五”期间，持续推进", DeadlineContext(period=(2026, 2030)),
     [("“十五五”期间", "2030-12-31", "2026-01-01", None)]),
    ("规划期内建成三个基地", PLAN, [("规划期内", "2025-12-31", "2021-01-01", None)]),
    ("方案期内完成整治", DeadlineContext(period=(2023, 2025)), [("方案期内", "2025-12-31", "2023-01-01", None)]),
    ("今年要重点做好以下工作", REPORT_2025, [("今年", "2025-12-31", None, None)]),
    ("明年基本实现全覆盖", REPORT_2025, [("明年", "2026-12-31", None, None)]),
    ("年底前完成验收", REPORT_2025, [("年底前", "2025-12-31", None, None)]),
    ("部署下半年重点工作", BULLETIN, [("下半年", "2023-12-31", "2023-07-01", None)]),
    ("限期于7月28日前报送整改情况", BULLETIN, [("7月28日前", "2023-07-28", None, None)]),
    ("在3月底前下达度汛方案", EMERGENCY_PLAN, [("3月底前", None, None, "每年")]),
    ("每年10月15日前统计救助需求", EMERGENCY_PLAN, [("每年10月15日前", None, None, "每年")]),
    ("每10日续报一次", EMERGENCY_PLAN, [("每10日", None, None, "每10日")]),
    ("每季度召开一次会商会，每周调度", PLAN, [("每季度", None, None, "每季度"), ("每周", None, None, "每周")]),
    ("每年度至少参加一次培训", PLAN, [("每年度", None, None, "每年")]),
    ("按月退还留抵税额", PLAN, [("按月", None, None, "按月")]),
    ("经过两年的努力，基本完成重建", DeadlineContext(period=(2021, 2024)), [("经过两年的努力", "2023-12-31", None, None)]),
    ("到本世纪中叶，全面建成", PLAN, [("到本世纪中叶", "2050-12-31", None, None)]),
    ("2023年第三季度前完成验收", PLAN, [("2023年第三季度前", "2023-09-30", None, None)]),
    ("力争2024年一季度投入使用", PLAN, [("2024年一季度", "2024-03-31", None, None)]),
    # a stage of months runs to its last month
    ("排查整治阶段（2022年6月—2023年9月）", PLAN, [("2022年6月—2023年9月", "2023-09-30", "2022-06-01", None)]),
    ("总结提升阶段（2023年10月—12月）", PLAN, [("2023年10月—12月", "2023-12-31", "2023-10-01", None)]),
    ("2022年5月至6月底完成自查", PLAN, [("2022年5月至6月底", "2022-06-30", "2022-05-01", None)]),
    # the year a rate is to fall by, though a baseline's year is also followed by 下降
    ("万车死亡率控制目标到2013年下降到5.2人/万车以内", DeadlineContext(period=(2009, 2013)),
     [("到2013年", "2013-12-31", None, None)]),
    ("“十四五”期间下降15%", PLAN, [("“十四五”期间", "2025-12-31", "2021-01-01", None)]),
    # the year the work is done in, right before its completion
    ("其中2022年完成191.9公里，2023年建成应急指挥平台", PLAN,
     [("2022年", "2022-12-31", None, None), ("2023年", "2023-12-31", None, None)]),
])
def test_deadline_forms(text, ctx, expected):
    assert found(text, ctx) == expected


@pytest.mark.parametrize("text,ctx", [
    ("在2020年基础上下降10%", PLAN),                          # a baseline
    ("比2020年减少15%", PLAN),
    ("2019年7月20日，全市遭遇特大暴雨", PLAN),                # a past event
    ("“十三五”时期取得显著成效", PLAN),                        # a past period
    ("今年是“十四五”规划收官之年", REPORT_2025),              # descriptive 今年
    ("本条例自2020年5月1日起施行", EMERGENCY_PLAN),           # entry into force
    ("制定2030年前碳达峰行动方案", PLAN),                      # a year in a document's name
    ("严格落实《行动计划（2021-2023年）》", PLAN),            # a year in a title
    ("灾害发生后2小时内报告", EMERGENCY_PLAN),                 # a time limit: an indicator
    ("三年内完成整改", EMERGENCY_PLAN),                        # counted from an event in a standing rule
    ("每年十一月至次年四月为防火期", EMERGENCY_PLAN),          # a season: only the recurrence
    ("死亡人数与“十五”期间相比下降5%", DeadlineContext(period=(2001, 2013))),   # a period compared with
    ("比“十三五”期间下降20%", PLAN),
    ("2019年完成投资12亿元", PLAN),                            # a past year's completion: an event
])
def test_not_deadlines(text, ctx):
    assert [d for d in found(text, ctx) if not d[3]] == []


def test_five_year_periods_are_computed():
    assert five_year_span("四") == (2021, 2025)
    assert five_year_span("五") == (2026, 2030)
    assert five_year_span("一") == (2006, 2010)
    assert five_year_span("") == (2001, 2005)


def test_headings_frame_what_is_under_them():
    assert found("2021年重点工作", PLAN, heading=True) == [("2021年", "2021-12-31", None, None)]
    assert found("近期任务（2021-2023 年）", PLAN, heading=True)[-1][1:3] == ("2023-12-31", "2021-01-01")
    assert found("“十四五”时期主要目标任务", PLAN, heading=True) == [("“十四五”时期", "2025-12-31", "2021-01-01", None)]


def test_near_and_far_horizons_as_the_document_defines_them():
    near, far = horizons(["近期规划水平年为2010年，远期规划水平年为2020年。"], (2006, 2020))
    assert (near, far) == ((2006, 2010), (2011, 2020))
    ctx = DeadlineContext(period=(2006, 2020), near=near, far=far)
    assert found("近期要尽快实施非工程措施", ctx) == [("近期", "2010-12-31", "2006-01-01", None)]
    assert found("远期（2020年）规划目标", ctx) == [("远期（2020年）", "2020-12-31", "2011-01-01", None)]
    assert found("估算近期投资为410亿元", ctx) == []


def test_a_heading_period_is_a_deadline_its_clauses_inherit():
    from ingest.extract import extract_facts
    from ingest.records import DocumentMeta, DocumentRecord, Node

    clause = Node("p/chp_1/item_1/para_1/cl_1", "clause", text="完成全部隐患点搬迁避让，新建监测站30个。")
    root = Node("p", "document", children=[
        Node("p/chp_1", "part", number="一", heading="主要任务", children=[
            Node("p/chp_1/item_1", "item", number="1、", heading="近期任务（2021-2023年）", children=[
                Node("p/chp_1/item_1/para_1", "paragraph", text=clause.text, children=[clause])])])])
    facts = extract_facts(DocumentRecord(DocumentMeta(id="p", title="某规划", period_start=2021, period_end=2025), root))
    [heading] = [d for d in facts.deadlines if d.clause_id == "p/chp_1/item_1"]
    assert (heading.date, heading.start) == ("2023-12-31", "2021-01-01")
    [target] = facts.indicators
    assert (target.value, target.deadline) == (30, "2023-12-31")
    assert {t.deadline for t in facts.tasks} <= {"2023-12-31"}


def test_a_mixed_heading_gives_the_period_of_its_forward_half_only():
    from ingest.extract.commitments import Commitments
    from ingest.records import DocumentMeta, DocumentRecord, Node

    root = Node("r", "document", children=[
        Node("r/chp_1", "part", number="一", heading="“十三五”时期发展成就和“十四五”时期主要目标任务"),
        Node("r/chp_2", "part", number="二", heading="“十四五”期间面临的机遇和挑战")])
    record = DocumentRecord(DocumentMeta(id="r", title="t", kind="report", period_start=2021, period_end=2025,
                                         date="2021-03-05"), root)
    found = [(d.clause_id, d.expression, d.start, d.date) for d in Commitments(record).headings]
    assert found == [("r/chp_1", "“十四五”时期", "2021-01-01", "2025-12-31")]


@pytest.mark.parametrize("text,ctx,expected", [
    # a time-limit field's date needs no 前
    ("〔责任单位：县应急局，完成时限：2024年2月17日〕", BULLETIN, [("2024年2月17日", "2024-02-17", None, None)]),
    # a stage of months that ends on a day
    ("清查阶段（2021年7月—2021年8月15日）", PLAN,
     [("2021年7月—2021年8月15日", "2021-08-15", "2021-07-01", None)]),
    # a year opening what is first built by then
    ("2025年初步建成分级分类管理的应急物资储备体系。", PLAN, [("2025年", "2025-12-31", None, None)]),
    ("每半年报送一次阶段性工作总结。", PLAN, [("每半年", None, None, "每半年")]),
])
def test_programme_time_limits(text, ctx, expected):
    assert found(text, ctx) == expected
