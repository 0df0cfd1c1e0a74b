"""Indicator tables read by what their header means, whatever the layout; tables that are
not indicator tables give no indicators."""

from __future__ import annotations

import pytest


def _indicators(tmp_path, body: str):
    from ingest.extract import extract_facts
    from ingest.pipeline import ingest_path
    from ingest.records import DocumentMeta

    path = tmp_path / "plan.md"
    path.write_text(f"# 某县防灾减灾规划\n\n# 一、发展目标\n\n{body}\n\n# 二、主要任务\n\n加强监测预警。\n", "utf-8")
    [record] = ingest_path(path, DocumentMeta(id="plan", title="某县防灾减灾规划", kind="plan",
                                              period_start=2021, period_end=2025))
    return [(i.name, i.comparator, i.value, i.unit, i.attribute)
            for i in extract_facts(record).indicators if i.id.endswith("/ind")]


def _html(*rows):
    return "<table>" + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows) + "</table>"


def test_three_columns_attribute_from_the_header(tmp_path):
    table = _html(("序号", "指标", "预期值"), ("1", "灾害预警信息覆盖率（%）", "≥95"), ("2", "应急避难场所数量", "≥12个"))
    assert _indicators(tmp_path, "表1 主要指标\n\n" + table) == [
        ("灾害预警信息覆盖率", ">=", 95.0, "%", "预期性"), ("应急避难场所数量", ">=", 12.0, "个", "预期性")]


def test_any_column_order_with_unit_and_attribute_columns(tmp_path):
    table = _html(("指标属性", "目标值", "单位", "指标名称"), ("约束性", "＜0.5", "‰", "年均因灾死亡率"),
                  ("预期性", "90", "%", "基层灾害信息员覆盖率"))
    assert _indicators(tmp_path, table) == [("年均因灾死亡率", "<", 0.5, "‰", "约束性"),
                                            ("基层灾害信息员覆盖率", "=", 90.0, "%", "预期性")]


def test_unit_in_the_target_header_and_a_lost_serial(tmp_path):
    table = _html(("序号", "指标名称", "约束值（%）"), ("1", "房屋抗震设防达标率", "100"), ("", "城市排水防涝达标率", "≥85"),
                  ("3", "自然灾害直接经济损失占GDP比重", "＜1"))
    got = _indicators(tmp_path, table)
    assert [g[0] for g in got] == ["房屋抗震设防达标率", "城市排水防涝达标率", "自然灾害直接经济损失占GDP比重"]
    assert all(g[3] == "%" and g[4] == "约束性" for g in got)


def test_continued_table_keeps_counting(tmp_path):
    first = _html(("序号", "指标", "目标值", "属性"), ("1", "森林火灾受害率（‰）", "≤0.9", "约束性"))
    more = _html(("2", "地质灾害隐患点治理率（%）", "100", "预期性"), ("3", "救灾物资储备库（个）", "≥3", "预期性"))
    body = f"表2 规划指标\n\n{first}\n\n上表为主要指标，续列如下。\n\n续表\n\n{more}"
    got = _indicators(tmp_path, body)
    assert [(g[0], g[3]) for g in got] == [("森林火灾受害率", "‰"), ("地质灾害隐患点治理率", "%"), ("救灾物资储备库", "个")]


@pytest.mark.parametrize("table", [
    _html(("成员单位", "主要职责"), ("县应急管理局", "负责综合协调，承担指挥部日常工作。")),
    _html(("响应级别", "启动条件"), ("Ⅰ级", "死亡10人以上")),
    _html(("站名", "警戒水位（m）", "保证水位（m）"), ("城关站", "56.5", "58.0")),
    _html(("项目", "投资估算（万元）"), ("监测站建设", "2689.5")),
    _html(("年份", "2020年现状值"), ("受灾人口", "12.3万人")),
    # targets without a figure are the stages of tasks, not indicators
    _html(("序号", "名称", "2025年目标", "责任单位"), ("1", "《某县突发事件总体应急预案》", "修订", "县应急管理局"),
          ("2", "《某县地震预警信息发布规范》", "推动发布", "县地震局")),
])
def test_tables_that_are_not_indicator_tables_give_none(tmp_path, table):
    assert _indicators(tmp_path, table) == []


def test_a_change_in_the_target_cell_is_the_target_and_names_what_changes(tmp_path):
    table = _html(("序号", "指标名称", "单位", "2020年基期值", "2025年目标值", "指标属性"),
                  ("1", "生产安全事故死亡人数", "人", "120", "下降15%", "约束性"),
                  ("2", "亿元地区生产总值生产安全事故死亡率", "人/亿元", "0.032", "累计下降33%", "约束性"),
                  ("3", "年均每百万人口因自然灾害死亡率", "/", "—", "＜1", "预期性"))
    assert _indicators(tmp_path, table) == [
        ("生产安全事故死亡人数下降", "=", 15.0, "%", "约束性"),
        ("亿元地区生产总值生产安全事故死亡率累计下降", "=", 33.0, "%", "约束性"),
        ("年均每百万人口因自然灾害死亡率", "<", 1.0, None, "预期性")]     # "/" in the unit column: none
