"""Cleaning: hard wraps re-joined, page furniture and artefacts dropped, spaces normalised."""

from __future__ import annotations

from ingest.clean import clean, scrub, tidy
from ingest.readers import RawDocument

WIDTH = 20   # CJK characters per wrapped line in these synthetic PDF texts


def _wrap(paragraph: str, end_mark: str = " ") -> list[str]:
    """Hard-wrap like the PDF seed: full lines without trailing space, last line with one."""
    lines = [paragraph[i:i + WIDTH] for i in range(0, len(paragraph), WIDTH)]
    lines[-1] += end_mark
    return lines


def _pdf_text(*chunks: list[str]) -> RawDocument:
    lines = [line for chunk in chunks for line in chunk]
    return RawDocument(text="\n\n".join(lines), source_format="txt")   # blank line between wraps


P1 = "加强危险化学品安全监管，严格落实企业主体责任，推进化工园区安全整治提升，完善重大危险源监测预警系统建设。"
P2 = "强化城镇燃气安全管理，开展燃气管道老化更新改造，落实燃气经营企业安全生产主体责任，全面排查整治安全隐患。"
P3 = "健全应急预案体系，定期组织开展综合应急演练，提升各级应急救援队伍实战能力和协同处置水平，保障群众安全。"


def _texts(doc):
    return [b.text for b in doc.blocks]


def test_wraps_are_joined_and_paragraph_ends_kept():
    doc = clean(_pdf_text(["一、总体要求 "], _wrap(P1), _wrap(P2), ["（一）基本原则 "], _wrap(P3)))
    assert doc.layout == "wrapped"
    assert _texts(doc) == ["一、总体要求", P1, P2, "（一）基本原则", P3]


def test_page_footer_is_dropped_and_the_sentence_continues():
    lines = _wrap(P1 + P2)
    broken = lines[:3] + [" — 47 — "] + [" " + lines[3]] + lines[4:]   # next page starts with a space
    doc = clean(_pdf_text(broken, _wrap(P3)))
    assert _texts(doc) == [P1 + P2, P3]
    assert doc.line_map == [1, 2 * len(broken) + 1]


def test_full_line_ending_a_sentence_mid_paragraph_is_joined():
    first = "完善安全生产责任体系，压实党政领导责任和部门监管责任。"[:WIDTH - 1] + "。"
    assert len(first) == WIDTH
    doc = clean(_pdf_text([first], _wrap(P2), _wrap(P3), _wrap(P1)))   # no trailing space: a wrap
    assert _texts(doc) == [first + P2, P3, P1]
    doc = clean(_pdf_text([first + " "], _wrap(P2), _wrap(P3), _wrap(P1)))   # trailing space: an end
    assert _texts(doc) == [first, P2, P3, P1]


def test_numbered_line_after_a_full_line_starts_a_new_block():
    lines = _wrap(P1)[:-1]    # paragraph cut off without its sentence end
    doc = clean(_pdf_text(lines, ["（二）强化责任落实 "], _wrap(P2), _wrap(P3)))
    assert _texts(doc)[1:] == ["（二）强化责任落实", P2, P3]


def test_short_text_is_not_mistaken_for_wrapped():
    doc = clean(RawDocument(text="一、总体要求\n坚持安全发展。\n二、主要任务\n加强监管。", source_format="txt"))
    assert doc.layout == "lines" and _texts(doc) == ["一、总体要求", "坚持安全发展。", "二、主要任务", "加强监管。"]


def test_artefacts_and_odd_spaces():
    assert scrub("[bookmark: _Toc2166][bookmark: _Hlk1]（一）加强组织领导") == "（一）加强组织领导"
    assert scrub("序\u3000\u3000言\u00a0") == "序  言 "
    assert scrub("坚\x00持\u200b统\u202e筹") == "坚持统筹"
    assert tidy(" 到 2023 年， 实现 目标 ", join_cjk=True) == "到2023年，实现目标"
    assert tidy("5G and BIM 技术", join_cjk=True) == "5G and BIM 技术"   # Latin words keep spaces


def test_docx_text_tables_and_line_map():
    text = "前 言\n表1 主要指标\n\t序号\n\t指标\n\t目标\n\n\t1\n\t死亡人数下降\n\t＞15%\n\n\t2\n\t火灾死亡率\n\t＜0.15\n\n后续说明。"
    doc = clean(RawDocument(text=text, source_format="txt"))
    assert doc.tab_tables
    table = doc.blocks[1]
    assert (table.caption, table.columns, table.rows) == (
        "表1 主要指标", ["序号", "指标", "目标"], [["1", "死亡人数下降", "＞15%"], ["2", "火灾死亡率", "＜0.15"]])
    assert doc.clean_text.split("\n") == ["前 言", "表1 主要指标", "序号\t指标\t目标", "1\t死亡人数下降\t＞15%",
                                          "2\t火灾死亡率\t＜0.15", "后续说明。"]
    assert doc.line_map == [1, 2, 3, 7, 11, 15]


def test_a_web_pages_own_lines_are_dropped_and_the_document_kept():
    text = "\n".join([
        "当前位置:首页 > 市应急局 > 规划计划",
        "索引号: 113417007690286780/202308-00098 组配分类: 规划计划",
        "发布机构: 宣城市应急管理局",
        "发布日期:2022-07-21 09:24    信息来源:市公安局钱塘区分局",
        "2017-04-07 作者: 点击数: | ||||",
        "www.ningwu.gov.cn",
        "关于印发《宣城市城镇燃气安全专项整治实施方案》的通知",
        "各县、市、区安委会，市安委会各成员单位：",
        "资金来源：市财政预算安排。",
        "来源于群众举报的线索，由市应急管理局核查。",
    ])
    kept = clean(RawDocument(text=text, source_format="txt")).clean_text.split("\n")
    assert kept == ["关于印发《宣城市城镇燃气安全专项整治实施方案》的通知", "各县、市、区安委会，市安委会各成员单位：",
                    "资金来源：市财政预算安排。", "来源于群众举报的线索，由市应急管理局核查。"]
