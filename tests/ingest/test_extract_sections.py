"""Section sense: what each part of a document is about, from its heading or its content."""

from __future__ import annotations

import pytest

from ingest.extract.sections import (CRITERIA, ESTIMATES, GENERAL, GOALS, MEASURES, PENALTIES, PREFACE, REPORT,
                                     REVIEW, TASKS, SenseIndex, classify, heading_sense, paragraph_senses)
from ingest.records import DocumentMeta, DocumentRecord, Node


@pytest.mark.parametrize("heading,period,sense", [
    ("2024年工作回顾", (2025, 2025), REVIEW),
    ("“十四五”时期发展成就", (2026, 2030), REVIEW),
    ("现状与形势", None, REVIEW),
    ("自然概况", None, REVIEW),
    ("“十三五”期间取得的主要成效", (2021, 2025), REVIEW),
    ("“十三五”时期发展成就和“十四五”时期主要目标任务", (2021, 2025), "mixed"),
    ("规划目标", None, GOALS),
    ("2025年政府工作任务", (2025, 2025), TASKS),
    ("重点工程", None, TASKS),
    ("保障措施", None, MEASURES),
    ("启动条件", None, CRITERIA),
    ("气象灾害预警标准", None, CRITERIA),
    ("名词术语", None, CRITERIA),
    ("投资估算", None, ESTIMATES),
    ("规划实施效果评价", None, ESTIMATES),
    ("法律责任", None, PENALTIES),
    ("编制目的", None, None),
])
def test_heading_sense(heading, period, sense):
    assert heading_sense(heading, period) == sense


def test_paragraph_that_opens_looking_back_until_it_turns_forward():
    senses = paragraph_senses(["过去一年，国防建设取得新的重大成就。", "各项改革扎实推进。",
                               "新的一年，要深入推进国防建设。"], (2025, 2025))
    assert senses == [REVIEW, REVIEW, None]


def test_past_tense_statistics_are_a_review():
    senses = paragraph_senses(["全市累计建成避难场所56处。", "已完成隐患整改1200处。", "全市森林覆盖率提高了3个百分点。"])
    assert senses == [REVIEW] * 3


def test_a_narrated_event_is_a_report_and_its_requirements_are_not():
    senses = paragraph_senses(["近日，市安委办召开专题会议。", "会议指出，上半年全市形势总体稳定。", "要持续加强隐患排查。"])
    assert senses == [REPORT, REPORT, None]


def _doc(kind="plan", **meta):
    def para(pid, *texts):
        return Node(pid, "paragraph", children=[Node(f"{pid}/cl_{i}", "clause", text=t) for i, t in enumerate(texts, 1)])
    root = Node("d", "document", children=[
        Node("d/preface", "preface", heading="前言", children=[para("d/preface/para_1", "为做好工作，制定本规划。")]),
        Node("d/chp_1", "part", number="一", heading="发展基础", children=[
            Node("d/chp_1/sec_1", "section", number="（一）", heading="主要成效",
                 children=[para("d/chp_1/sec_1/para_1", "建成站点30个。")]),
            Node("d/chp_1/sec_2", "section", number="（二）", heading="重点工程建设",      # a task word under a review
                 children=[para("d/chp_1/sec_2/para_1", "防洪工程建设标准低。")])]),
        Node("d/chp_2", "part", number="二", heading="主要任务", children=[
            para("d/chp_2/para_1", "新建站点50个。"),
            Node("d/chp_2/sec_1", "section", number="（一）", heading="启动条件",
                 children=[para("d/chp_2/sec_1/para_1", "死亡10人以上的。")])]),
        Node("d/chp_3", "part", number="三", heading="保障措施", children=[para("d/chp_3/para_1", "加强组织领导。")]),
    ])
    return DocumentRecord(DocumentMeta(id="d", title="t", kind=kind, **meta), root)


def test_senses_of_a_plan_are_inherited_and_a_review_stays_a_review():
    index = SenseIndex(classify(_doc(period_start=2021, period_end=2025)))
    assert index.of("d/preface/para_1/cl_1") == PREFACE
    assert index.of("d/chp_1/sec_1/para_1/cl_1") == REVIEW
    assert index.of("d/chp_1/sec_2/para_1/cl_1") == REVIEW
    assert index.of("d/chp_2/para_1/cl_1") == TASKS
    assert index.of("d/chp_2/sec_1/para_1/cl_1") == CRITERIA
    assert index.of("d/chp_3/para_1/cl_1") == MEASURES
    assert index.of("d/elsewhere") == GENERAL
    assert index.commits("d/chp_2/para_1/cl_1") and not index.commits("d/chp_1/sec_1/para_1/cl_1")
