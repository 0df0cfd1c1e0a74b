"""A plan's boxes ("专栏2 应急救援能力提升重点工程" and the projects it lists) as conversions deliver
them: a table of one column (its cells are the text, read as the paragraphs around it are), or a
title line with numbered items after it (the title is a heading of those items, no task itself).
The projects of a box are key projects; their counts are targets. Other one-column tables (a
distribution list) stay tables."""

from __future__ import annotations

import pytest

from ingest_helpers import extract_document

PLAN = """# 某市“十四五”应急体系规划

三、主要任务

（一）提升应急救援能力

加强综合性消防救援队伍建设，推进专业救援队伍建设。

<table><tr><td>专栏2 应急救援能力提升重点工程</td></tr><tr><td>1.综合应急救援基地建设工程。建设市级综合应急救援基地1个，配备大型救援装备。2.航空应急救援工程。建设直升机临时起降点10个。</td></tr></table>

专栏3 监测预警重点工程

1.自然灾害监测预警信息化工程。建设覆盖全市的自然灾害综合监测预警系统。

2.安全生产风险监测工程。在化工园区建设风险监测预警平台。

（二）加强基层能力建设

推进基层应急管理规范化建设。

<table><tr><td>抄送：市委各部门，市人大常委会办公室，市政协办公室。</td></tr><tr><td>某市人民政府办公室 2021年12月30日印发，共印50份。</td></tr></table>
"""


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    return extract_document(tmp_path_factory.mktemp("plan"), "某市“十四五”应急体系规划", PLAN, "plan", "某市", "city",
                            period_start=2021, period_end=2025)


def test_the_projects_of_a_box_are_key_projects_whatever_its_form(plan):
    _record, facts = plan
    tasks = {t.text: t.key_project for t in facts.tasks}
    assert tasks["建设市级综合应急救援基地1个，配备大型救援装备。"] is True       # a one-column table
    assert tasks["建设直升机临时起降点10个。"] is True
    assert tasks["建设覆盖全市的自然灾害综合监测预警系统。"] is True           # a title line and items
    assert tasks["在化工园区建设风险监测预警平台。"] is True
    assert tasks["加强综合性消防救援队伍建设，推进专业救援队伍建设。"] is False  # the text before the box
    assert tasks["推进基层应急管理规范化建设。"] is False                      # the text after it
    assert not any(text.startswith("专栏") for text in tasks)                  # a title is no task


def test_the_counts_in_a_box_are_targets(plan):
    _record, facts = plan
    assert {(i.name, i.value) for i in facts.indicators} >= {("市级综合应急救援基地", 1.0), ("直升机临时起降点", 10.0)}


def test_a_one_column_table_that_is_no_box_stays_a_table(plan):
    record, _facts = plan
    tables = [n for n in record.root.walk() if n.kind == "table"]
    assert len(tables) == 1
    assert any("抄送" in (c.text or "") for c in tables[0].walk() if c.kind == "cell")
