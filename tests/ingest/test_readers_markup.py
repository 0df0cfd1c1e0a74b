"""Readers and cleaning decide by content: plan vs statute markdown, tables written into the
text (HTML, pipe), and the artefacts of PDF→markdown conversions, one class per test."""

from __future__ import annotations

import pytest

from ingest.clean import clean
from ingest.normalize import normalize_line
from ingest.readers import RawDocument
from ingest.readers.markup import detect_format, text_document

PLAN_MD = """# 某市森林防火应急预案

# 1 总则

# 1.1 目的

规范森林火灾应急处置工作，减少人员伤亡。

# 1.2 适用范围

本预案适用于全市行政区域内森林火灾的应对工作。

# 2 组织体系

第三条所称的有关单位，按职责做好工作。
"""

STATUTE_MD = """# 某省烟花爆竹安全管理条例

<!-- INFO END -->

## 第一章 总则

第一条 为了加强烟花爆竹安全管理，制定本办法。

第二条 本办法适用于本省行政区域。

第三条 县级以上人民政府负责本行政区域的烟花爆竹安全管理工作。
"""


def _ingest(tmp_path, name, text, **meta):
    from ingest.pipeline import ingest_path
    from ingest.records import DocumentMeta

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    fmt = meta.pop("format", None)
    [record] = ingest_path(path, DocumentMeta(id="doc", title="某文件", **meta) if meta else None, format=fmt)
    return record


def _texts(doc):
    return [b.text for b in doc.blocks if hasattr(b, "text")]


# -- what a file is -----------------------------------------------------------------------

def test_markdown_kind_is_told_by_content():
    assert detect_format(PLAN_MD, markdown_name=True) == "markdown"
    assert detect_format(STATUTE_MD, markdown_name=True) == "statute-md"
    assert detect_format(PLAN_MD, markdown_name=False) == "markdown"      # a .txt holding markdown
    assert detect_format("一、总体要求\n坚持安全发展。", markdown_name=False) == "txt"


def test_a_plan_in_markdown_is_never_a_statute(tmp_path):
    record = _ingest(tmp_path, "forest.md", PLAN_MD)
    assert record.meta.source_format == "markdown" and record.meta.kind == "plan"
    assert not [n for n in record.nodes() if n.kind == "article"]
    assert [n.number for n in record.root.children if n.kind == "part"] == ["1", "2"]
    # even with enough 第X条 lines, a document given as a plan is segmented as one
    articles = "\n\n".join(f"第{n}条 各单位按职责做好第{n}项工作。" for n in "一二三四")
    record = _ingest(tmp_path, "plan.md", "# 某区规划\n\n# 一、总体要求\n\n" + articles, kind="plan")
    assert not [n for n in record.nodes() if n.kind == "article"]


def test_statute_markdown_keeps_its_articles(tmp_path):
    record = _ingest(tmp_path, "fireworks.md", STATUTE_MD)
    assert record.meta.source_format == "statute-md" and record.meta.kind == "regulation"
    assert [n.number for n in record.nodes() if n.kind == "article"] == ["第一条", "第二条", "第三条"]


def test_format_argument_overrides_detection(tmp_path):
    from ingest.pipeline import ingest_path

    path = tmp_path / "forest.txt"
    path.write_text(PLAN_MD, encoding="utf-8")
    [detected] = ingest_path(path)
    [plain] = ingest_path(path, format="txt")
    assert detected.meta.source_format == "markdown" and plain.meta.source_format == "txt"
    assert "#" in plain.clean_text and "#" not in detected.clean_text
    record = _ingest(tmp_path, "law.md", STATUTE_MD, kind="plan", format="statute-md")
    assert record.meta.source_format == "statute-md"


# -- tables written into the text -------------------------------------------------------------

HTML_TABLE = ('<html><body><table><tr><td rowspan="2">区域</td><td colspan="2">监测站点（个）</td></tr>'
              '<tr><td>雨量站</td><td>水位站</td></tr><tr><td>东部</td><td>$1 2 0$</td><td>35</td></tr>'
              '</table></body></html>')


def test_html_table_in_markdown_becomes_a_table_node(tmp_path):
    text = f"# 某县防汛规划\n\n# 1 现状\n\n表1-1 监测站点统计表\n\n{HTML_TABLE}\n\n站点覆盖仍有不足。\n"
    record = _ingest(tmp_path, "flood.md", text)
    [table] = [n for n in record.nodes() if n.kind == "table"]
    assert table.heading == "表1-1 监测站点统计表"
    rows = [[c.text for c in row.children] for row in table.children]
    assert rows == [["区域", "雨量站", "水位站"], ["东部", "120", "35"]]          # header spans repeated
    assert [c.heading for c in table.children[0].children] == ["区域", "监测站点（个）", "监测站点（个）"]
    assert not any("<" in (c.text or "") or ">" in (c.text or "") for c in record.clauses())
    assert "<table" not in record.clean_text and "站点覆盖仍有不足。" in record.clean_text


def test_pipe_table_becomes_a_table_node():
    raw = text_document("说明如下：\n\n| 序号 | 指标 | 目标值 |\n|---|---|---|\n| 1 | 覆盖率 | 95% |\n| 2 | 到达时间 | 30分钟 |\n",
                        "markdown")
    [table] = raw.tables
    assert table.rows == [["序号", "指标", "目标值"], ["1", "覆盖率", "95%"], ["2", "到达时间", "30分钟"]]
    assert "|" not in raw.text


def test_a_pipe_table_without_its_rule_line_or_outer_pipes_is_a_table():
    text = ("二、重要文件\n序号 | 名 称 | 2025年目标 | 责任单位 | 备注 |\n1 | 《总体预案》 | 修订 | 市应急管理局 | |\n"
            "2 | 《布局规划》 | 印发 | 市应急管理局 |\n三、其他\n首页 | 新闻 | 政务公开\n")
    raw = text_document(text, "markdown")
    [table] = raw.tables
    assert table.rows == [["序号", "名 称", "2025年目标", "责任单位", "备注"], ["1", "《总体预案》", "修订", "市应急管理局", ""],
                          ["2", "《布局规划》", "印发", "市应急管理局", ""]]
    assert "首页 | 新闻 | 政务公开" in raw.text          # one line of pipes is a site's menu
    # rows cut from their header, sentences in their cells, are not read as a table of unknown columns
    rows = "".join(f"（{n}）乡镇建立应急工作组，明确专人负责。 | 明确职责; | 应消站 | 4月 |\n" for n in range(1, 4))
    assert text_document(rows, "markdown").tables == []
    assert detect_format(text, markdown_name=False) == "markdown"


def test_table_split_by_a_page_break_is_one_table():
    first = "<table><tr><td>序号</td><td>名称</td></tr><tr><td>1</td><td>甲水库</td></tr></table>"
    second = "<table><tr><td>2</td><td>乙水库</td></tr></table>"
    doc = clean(text_document(f"表2 水库名录\n\n{first}\n\n{second}\n\n正文继续。", "markdown"))
    [table] = [b for b in doc.blocks if not hasattr(b, "text")]
    assert table.rows == [["1", "甲水库"], ["2", "乙水库"]]


# -- line normalisation -------------------------------------------------------------------------

@pytest.mark.parametrize("line,expected", [
    ("覆盖率达到 $9 5 \\%$ 以上", "覆盖率达到95%以上"),
    ("统计年份为 $1 9 8 0 \\sim 2 0 1 0$ 年", "统计年份为1980~2010年"),
    ("流域面积 $3 2 0 \\mathrm { k m } ^ { 2 }$ ，", "流域面积320km²，"),
    ("设计流量 $1 5 \\mathrm { m } ^ { 3 } / \\mathrm { s }$", "设计流量15m³/s"),
    ("$\\textcircled{2}$ 加强巡查", "② 加强巡查"),
    ("限速$\\mathord { \\geq } 6 0$公里", "限速≥60公里"),
])
def test_latex_wrapped_numbers_become_plain(line, expected):
    assert normalize_line(line) == expected


@pytest.mark.parametrize("line,expected", [
    ("力争到 2027 年完成 12 座水库除险加固", "力争到2027年完成12座水库除险加固"),
    ("2026 年 5 月 1 日起施行", "2026年5月1日起施行"),
    ("3 规划目标", "3 规划目标"),                       # a heading number keeps its space
    ("7 城市排水达标率（%） ≥90 预期性", "7 城市排水达标率（%） ≥90 预期性"),   # a table serial too
    ("表3 重点工程一览", "表3 重点工程一览"),            # and a caption label
])
def test_spaces_between_chinese_and_digits(line, expected):
    assert normalize_line(line) == expected


def test_cjk_digit_spaces_go_in_every_layout():
    doc = clean(RawDocument(text="一、目标\n到 2025 年，完成 30 处隐患治理。", source_format="txt"))
    assert doc.layout == "lines" and _texts(doc)[1] == "到2025年，完成30处隐患治理。"


@pytest.mark.parametrize("line,expected", [
    ("提高救助能力ꎬ保障基本生活ꎮ", "提高救助能力，保障基本生活。"),
    ("依据«防洪法»ꎻ", "依据《防洪法》；"),
    ("2?? 3 物资保障", "2.3 物资保障"),
    ("6 ?? 1 ?? 2 响应程序", "6.1.2 响应程序"),
    ("4.l 监测", "4.1 监测"),
    ("3  2 工作机制", "3.2 工作机制"),
    ("达标率提高到85%0，", "达标率提高到85%，"),
    ("完成率95%，", "完成率95%，"),
    ("市应急管理局∶负责组织协调﹔", "市应急管理局：负责组织协调；"),     # look-alike colons and semicolons
    ("市水利局﹕负责调度", "市水利局：负责调度"),
    ("市气象局︰负责预警", "市气象局：负责预警"),
])
def test_ocr_slips_are_normalised_as_classes(line, expected):
    assert normalize_line(line) == expected


def test_page_break_and_wrapped_lines_are_rejoined():
    text = ("# 3 预防措施\n\n各地要组织开展隐患排查，对发现的问题  \n限期整改，并建立\n\n"
            "台账，跟踪督办。\n\n（1）加强值守。\n\n附件1  \n重点单位名单\n")
    doc = clean(text_document(text, "markdown"))
    assert _texts(doc) == ["3 预防措施", "各地要组织开展隐患排查，对发现的问题限期整改，并建立台账，跟踪督办。",
                           "（1）加强值守。", "附件1", "重点单位名单"]


def test_a_numbered_heading_line_is_no_start_of_the_next_lines_paragraph():
    """"二、部门职责" / "县畜牧局：负责…" on adjacent lines: the 、 of the number is no punctuation of the words,
    so the heading is a label and stays apart (it had been glued on: "部门职责县畜牧局" read as a body)."""
    text = "一、总则\n本预案适用于全县动物疫情防控工作。\n二、部门职责\n县畜牧局：负责组织实施防控措施。\n"
    assert _texts(clean(text_document(text, "markdown"))) == [
        "一、总则", "本预案适用于全县动物疫情防控工作。", "二、部门职责", "县畜牧局：负责组织实施防控措施。"]
    # … and so are lines a web page's copy indented
    indented = "".join("  " + line + "\n" for line in text.splitlines())
    assert _texts(clean(text_document(indented, "markdown"))) == [
        "一、总则", "本预案适用于全县动物疫情防控工作。", "二、部门职责", "县畜牧局：负责组织实施防控措施。"]
    # a numbered line that lists is a sentence going on ("（2）…调动人民解放军、武警" / "参加抢险…")
    text = "（2）当地应急部门向同级政府提出调动人民解放军、武警\n参加抢险支援需求。\n"
    assert len(_texts(clean(text_document(text, "markdown")))) == 1


def test_tables_of_contents_are_dropped():
    leaders = ("# 某区防汛预案\n\n# 目 录\n\n1.总则.. 3\n2.组织体系.... .. 5\n第一节 基本要求.. 6第二节 主要任务...\n\n"
               "# 1.总则\n\n# 1.1 目的\n\n做好防汛工作。\n")
    assert "总则.." not in clean(text_document(leaders, "markdown")).clean_text
    repeated = ("# 某区救助预案\n\n# 1 总则\n\n1.1 目的  \n1.2 依据\n\n# 2 响应\n\n2.1 启动\n\n# 3 附则\n\n"
                "# 1 总则\n\n# 1.1 目的\n\n做好救助工作。\n\n# 1.2 依据\n\n依据有关法规。\n\n# 2 响应\n\n# 2.1 启动\n\n"
                "按规定启动。\n\n# 3 附则\n\n本预案自印发之日起实施。\n")
    texts = _texts(clean(text_document(repeated, "markdown")))
    assert texts.count("1 总则") == 1 and texts.count("1.1 目的") == 1 and texts[0] == "某区救助预案"


def test_images_and_comments_are_dropped():
    raw = text_document("正文一。\n\n![](images/abc123.jpg)\n\n<!-- 页眉 -->正文二。\n", "markdown")
    assert "images" not in raw.text and "<!--" not in raw.text and "正文二。" in raw.text


@pytest.mark.parametrize("line,expected", [
    ("市交通局:负责交通运输;抢修被毁公路,提供转移工具。", "市交通局：负责交通运输；抢修被毁公路，提供转移工具。"),
    ("省委宣传部: 负责协调、指导救灾新闻发布。", "省委宣传部：负责协调、指导救灾新闻发布。"),
    ("事发地县(市)、区政府应当成立现场指挥部", "事发地县（市）、区政府应当成立现场指挥部"),
    ("(一)加强组织领导", "（一）加强组织领导"),
    ("增长5%,达到预期", "增长5%，达到预期"),
    # numbers, times, Latin text and bare serials keep their half-width marks
    ("储备1,000顶帐篷, 10:30前到位", "储备1,000顶帐篷，10:30前到位"),
    ("(1)市公安局", "(1)市公安局"),
    ("液化天然气(LNG)储罐", "液化天然气(LNG)储罐"),
    ("见 http://www.gov.cn/a,b", "见 http://www.gov.cn/a,b"),
    # OCR's ? for an unreadable glyph never ends a sentence
    ("燃气用?户应当", "燃气用?户应当"),
])
def test_half_width_punctuation_in_chinese_text_reads_as_full_width(line, expected):
    assert normalize_line(line) == expected


def test_a_duty_list_with_half_width_colons_names_its_heads(tmp_path):
    """A web copy or OCR text writes "市交通局:负责…;…": the head leads every duty of its entry."""
    from ingest_helpers import mentions_by_item
    [transport, health] = mentions_by_item(tmp_path, [
        "市交通局:负责救灾人员、物资的公路运输;抢修被毁公路。",
        "市卫生局:负责组织医疗机构抢救伤病员;组织心理卫生专家赴灾区开展心理危机干预。"], "宁德市", "city")
    assert {(b, r) for b, r, _ in transport} == {("宁德市交通运输局", "lead")}   # 交通局: the current name
    assert ("宁德市卫生局", "lead") in {(b, r) for b, r, _ in health}
