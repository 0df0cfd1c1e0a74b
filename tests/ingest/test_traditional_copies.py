"""A traditional-character copy of a mainland document (news mirrors, 繁體 pages) is read as its
simplified original: its targets, bodies and text are found as in any other (ingest.script)."""

from __future__ import annotations

from ingest.readers import RawDocument, RawTable
from ingest.script import TRADITIONAL_SHARE, is_traditional, simplified_copy
from ingest_helpers import extract_document

TRADITIONAL = ("昆明市“十四五”消防救援事業發展規劃\n一、總體目標\n"
               "到2025年，年均十萬人火災死亡率不超過0.18，行業信息數據同步共享率達到100%，"
               "新建普通消防站不少於12個。\n二、重點任務\n市消防救援支隊負責全市消防監督檢查工作。\n")


def test_a_traditional_copy_is_read_as_its_simplified_original(tmp_path):
    record, facts = extract_document(tmp_path, "昆明市“十四五”消防救援事业发展规划", TRADITIONAL, "plan", "昆明市", "city")
    assert "达到100%" in record.clean_text and "達到" not in record.clean_text
    found = {(i.comparator, i.value) for i in facts.indicators}
    assert {("<=", 0.18), (">=", 100), (">=", 12)} <= found
    assert any(d.date == "2025-12-31" for d in facts.deadlines)
    assert any(m.surface == "市消防救援支队" and m.role == "lead" for m in facts.mentions)


def test_a_simplified_text_is_left_as_it_is():
    # old terms and names keep their traditional forms in simplified texts: far below the share
    raw = RawDocument(text="乾旱地区的防汛抗旱工作由县人民政府负责。" * 20, source_format="txt")
    assert not is_traditional(raw.text) and simplified_copy(raw) is raw
    assert TRADITIONAL_SHARE == 0.1


def test_table_cells_and_the_title_are_converted_with_the_text():
    raw = RawDocument(text="主要指標\n到2025年應急管理體系基本建成。" * 8, source_format="html", title="應急管理規劃",
                      tables=[RawTable(rows=[["指標", "目標值"], ["災害信息員覆蓋率", "達到100%"]], line=1)])
    copy = simplified_copy(raw)
    assert copy.title == "应急管理规划" and copy.tables[0].rows[1] == ["灾害信息员覆盖率", "达到100%"]
    assert copy.text.count("\n") == raw.text.count("\n")        # lines stay where they were


def test_a_question_in_traditional_characters_is_asked_in_simplified_ones():
    from ingest.script import simplified_query

    assert simplified_query("燃氣安全歸哪個部門管？") == "燃气安全归哪个部门管？"
    assert simplified_query("燃气安全归哪个部门管？") == "燃气安全归哪个部门管？"
    assert simplified_query("乾县燃气归谁管") == "乾县燃气归谁管"        # one old form in a simplified question stays
