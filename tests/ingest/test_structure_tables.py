"""Indicator tables: Kunshan's tab-cell tables and Wujiang's table flattened by the PDF."""

from __future__ import annotations
from ingest_helpers import KUNSHAN, WUJIANG, tables



def _cells(row):
    return [c.text for c in row.children]


def test_kunshan_three_tables(seeds):
    found = tables(seeds[KUNSHAN])
    print("\n" + "\n".join(f"{t.id}: {t.heading} ({len(t.children)} rows)" for t in found))
    assert [len(t.children) for t in found] == [13, 7, 2]
    assert [t.heading for t in found] == [
        "表1 昆山市“十四五”期间安全生产主要指标",
        "表2 昆山市“十四五”期间防灾减灾类主要指标",
        "表3 昆山市“十四五”期间应急救援类主要指标",
    ]
    first = found[0]
    assert first.id == f"{KUNSHAN}/chp_2/sec_3/item_2/item_1/table_1"
    assert [c.heading for c in first.children[0].children] == ["序号", "指标", "期末目标", "指标属性"]
    assert _cells(first.children[2]) == ["3", "亿元地区生产总值生产安全事故死亡率降至", "0.0112", "约束性"]
    assert _cells(first.children[8]) == ["9", "年均十万人口火灾死亡率", "＜0.15%", "约束性"]
    assert _cells(found[1].children[4])[2].startswith("城市中心区按100年一遇设防")
    assert _cells(found[2].children[1]) == ["2", "应急物资储备库数量", "≥1个", "预期性"]
    row = first.children[12]
    assert row.id == f"{first.id}/row_13" and row.children[3].id == f"{first.id}/row_13/cell_4"


def test_wujiang_flattened_table_with_a_row_split_by_a_page_break(seeds):
    [table] = tables(seeds[WUJIANG])
    assert table.heading == "吴江区“十四五”应急管理主要指标"
    assert table.id == f"{WUJIANG}/chp_2/sec_3/item_1/table_1"
    rows = [_cells(r) for r in table.children]
    print("\n" + "\n".join(" | ".join(r) for r in rows))
    assert len(rows) == 19
    assert [c.heading for c in table.children[0].children] == ["序号", "指标名称", "规划目标", "指标属性"]
    assert [r[0] for r in rows] == [str(n) for n in range(1, 20)]
    assert rows[0] == ["1", "生产安全事故起数累计下降（%）", "＞15", "约束性"]
    assert rows[4] == ["5", "道路运输生产安全事故死亡人数下降（%）", "≥20", "预期性"]
    assert rows[8] == ["9", "重点行业领域安全生产风险报告率（含工业企业较大以上安全风险报告率）", "100%", "预期性"]
    assert rows[10] == ["11", "年均十万人火灾死亡率", "＜0.2", "约束性"]
    assert rows[15][:2] == ["16", "流域、区域防洪标准"] and rows[15][3] == "预期性"
    assert rows[15][2] == ("流域骨干工程按照防御100年一遇洪水标准建设；区域防洪逐步向50年一遇标准过渡，"
                           "区域骨干工程按照防御50年一遇洪水标准建设；治涝按20年一遇标准建设。")
    assert rows[16][2].endswith("新、改建雨水管网按3-5年一遇排水标准建设。")
    assert rows[18] == ["19", "灾害事故信息发布公众覆盖率（%）", "＞95", "预期性"]
    # the paragraph after the table is running text again, not a 20th row
    following = table_parent_children(seeds[WUJIANG], table)
    assert following[following.index(table) + 1].text.startswith("远景到2035年")


def table_parent_children(record, table):
    parent_id = table.id.rsplit("/", 1)[0]
    [parent] = [n for n in record.nodes() if n.id == parent_id]
    return parent.children


def test_cells_point_into_clean_text(seeds):
    for record in seeds.values():
        for table in tables(record):
            for row in table.children:
                line = record.clean_text[row.span[0]:row.span[1]]
                assert line.split("\t") == _cells(row)
