"""Structure of outlines beyond 一、/（一）/1.: decimal outlines, 第X章/第X节 plans, numbered
sentences, inline items, nesting by what is open, attachments, statute enumerations."""

from __future__ import annotations

from ingest_helpers import kids

from ingest.clean import clean
from ingest.outline import outline_counts
from ingest.readers.markup import text_document
from ingest.structure import build_tree


def _tree(text: str, fmt: str = "markdown", statute=None):
    root, _ = build_tree(clean(text_document(text, fmt)), "doc", source="doc.md", statute=statute)
    return root


def _numbered(node):
    return [(c.number, c.heading) for c in node.children if c.number]


EMERGENCY_PLAN = """# 某县地震应急预案

# 1 总则

# 1.1 编制目的

提高地震应急处置能力。

# 1.2 工作原则

（1）坚持以人为本，把保障群众生命安全放在首位。

（2）坚持统一领导、分级负责。

# 2 应急响应

# 2.1 信息报告

2.1.1 县应急管理局按照规定做好震情信息收集和上报工作，其他部门积极配合。

2.1.2 初报。地震发生后，乡镇人民政府应在1小时内向县人民政府报告。

# 2.2 响应措施

（1）启动机制

1．县长率有关部门赴震区指导抗震救灾。2．县应急管理局实行24小时值班。

（2）人员救助

1．县卫生健康局组织医疗救治。

# 3 附则

本预案自印发之日起实施。
"""


def test_decimal_outline_nests_by_its_numbers():
    root = _tree(EMERGENCY_PLAN)
    parts = kids(root, "part")
    assert [(p.number, p.heading) for p in parts] == [("1", "总则"), ("2", "应急响应"), ("3", "附则")]
    assert _numbered(parts[0]) == [("1.1", "编制目的"), ("1.2", "工作原则")]
    assert [s.number for s in kids(parts[1], "section")] == ["2.1", "2.2"]
    assert outline_counts(root) == {1: 3, 2: 4, 3: 6, 4: 3}


def test_a_numbered_sentence_stays_a_clause():
    root = _tree(EMERGENCY_PLAN)
    principles = kids(kids(root, "part")[0], "section")[1]
    first = kids(principles, "item")[0]
    assert first.number == "（1）" and first.heading is None
    assert [c.text for c in first.walk() if c.kind == "clause"] == ["坚持以人为本，把保障群众生命安全放在首位。"]
    report = kids(kids(root, "part")[1], "section")[0]
    duty, initial = kids(report, "item")
    assert duty.heading is None and next(duty.walk()).number == "2.1.1"
    assert [c.text for c in duty.walk() if c.kind == "clause"][0].startswith("县应急管理局按照规定")
    # "2.1.2 初报。…": a short heading and its body
    assert initial.heading == "初报"
    assert [c.text for c in initial.walk() if c.kind == "clause"] == ["地震发生后，乡镇人民政府应在1小时内向县人民政府报告。"]


def test_a_run_of_bare_numbered_lines_is_a_list_of_text():
    """Numbered lines with nothing under any of them ("（一）新购置公交车200辆" "（二）…") are a list:
    each is its part's text, whether or not it ends in a stop, and its targets are read. A lone
    bare line without a stop stays a heading (a document cut off after it)."""
    root = _tree("# 某市为民办实事工作计划\n\n一、实施公交服务便民工程\n\n（一）新购置公交车200辆\n\n"
                 "（二）新建改造100个公交站台\n\n二、进一步缓解停车难问题\n\n（一）新增公共停车泊位7000个\n")
    first, second = kids(root, "part")
    assert [s.heading for s in kids(first, "section")] == [None, None]
    assert [c.text for c in first.walk() if c.kind == "clause"] == ["新购置公交车200辆", "新建改造100个公交站台"]
    assert first.heading == "实施公交服务便民工程"
    assert [s.heading for s in kids(second, "section")] == ["新增公共停车泊位7000个"]


def test_an_item_that_opens_with_its_year_is_an_item():
    """"1.2009年底前，完成…" is item 1 whose text opens with a year, not a number 1.2009; "1.5万人" stays text."""
    root = _tree("# 某市任务分解\n\n一、消防站点建设\n\n1.2009年底前，完成特勤消防三中队建设。\n\n"
                 "2.2010—2011年，完成高新消防二中队建设。\n\n二、队伍\n\n1.5万人参加培训。\n")
    first, second = kids(root, "part")
    assert [(i.number, [c.text for c in i.walk() if c.kind == "clause"]) for i in kids(first, "item")] == [
        ("1.", ["2009年底前，完成特勤消防三中队建设。"]), ("2.", ["2010—2011年，完成高新消防二中队建设。"])]
    assert kids(second, "item") == [] and [c.text for c in second.walk() if c.kind == "clause"] == ["1.5万人参加培训。"]


def test_a_body_acting_on_a_numbered_line_is_text_not_a_heading():
    """"（5）省公安厅加强…。" and "7.3.1 省级通信主管部门负责…。" are duties written on the numbered
    line: as headings their bodies and tasks were lost. Topic headings keep their titles, also
    those that open with a body or end in a predicate word."""
    from ingest.headings import match_decimal, match_plan_heading

    duty = match_plan_heading("（5）省公安厅加强灾区社会治安和道路交通应急管理。省应急厅视情协调救灾。")
    assert duty.title is None and duty.body.startswith("省公安厅加强")
    assert match_decimal("7.3.1 省级通信主管部门负责组织开展灾害事故应急指挥通信保障。").title is None
    assert match_plan_heading("（2）各级财政、应急管理部门按规定及时拨付过渡期生活救助资金").title is None
    for heading, title in [("（三）应急队伍保障", "应急队伍保障"), ("（二）省应急厅职责", "省应急厅职责"),
                           ("（四）部门协调机制", "部门协调机制"), ("（一）加强组织领导。全面加强党的领导。", "加强组织领导")]:
        assert match_plan_heading(heading).title == title
    assert match_decimal("5.2 省减灾委办公室响应").title == "省减灾委办公室响应"

    root = _tree("# 某省救灾预案\n\n# 5 应急响应\n\n# 5.1 响应措施\n\n（5）省公安厅加强灾区社会治安管理。"
                 "省应急厅视情协调救灾。\n")
    item = next(n for n in root.walk() if n.number == "（5）")
    assert item.heading is None
    assert [c.text for c in item.walk() if c.kind == "clause"] == ["省公安厅加强灾区社会治安管理。", "省应急厅视情协调救灾。"]


def test_a_numbered_line_cut_inside_a_bracket_continues_after_a_page_break():
    """A page break cut "…由当地县市区（园" / "区）政府负责。" with a blank line: the paragraph
    goes on. A closed bracket, or a line ending in a sentence end, does not."""
    text = ("# 某市防汛预案\n\n# 2 组织体系\n\n（7）灾民安置组：由应急管理部门牵头。人员转移安置由当地县市区（园\n\n"
            "区）政府负责。\n\n（8）物资保障组：由应急管理部门牵头。\n\n《全国规划（(1998~2050 年）》已实施。\n\n下一段。\n")
    clauses = [c.text for c in _tree(text).walk() if c.kind == "clause"]
    assert "人员转移安置由当地县市区（园区）政府负责。" in clauses
    assert "下一段。" in clauses and not any(c.startswith("区）") for c in clauses)


def test_a_long_numbered_line_that_lists_continues_after_a_page_break():
    """"（2）当地应急部门向同级政府提出调动人民解放军、武警" / "" / "参加抢险支援需求，…": too long
    for a heading and listing, the numbered line goes on after the blank line; a heading of two
    short parts ("（七）坚持走可持续发展道路，促进经济发展与人口、资源、环境相协调") does not."""
    text = ("# 某市防汛预案\n\n# 7 保障\n\n（1）应急部门和消防救援队伍组织指挥各类应急救援力量实施救援。\n\n"
            "（2）当地应急部门向同级政府提出调动人民解放军、武警\n\n参加抢险支援需求，按照规定程序办理。\n\n"
            "（3）坚持走可持续发展道路，促进经济发展与人口、资源、环境相协调\n\n实行计划生育是基本国策。\n")
    clauses = [c.text for c in _tree(text).walk() if c.kind == "clause"]
    assert "当地应急部门向同级政府提出调动人民解放军、武警参加抢险支援需求，按照规定程序办理。" in clauses
    assert "实行计划生育是基本国策。" in clauses


def test_items_run_together_are_split_and_nest_in_the_open_item():
    measures = kids(kids(_tree(EMERGENCY_PLAN), "part")[1], "section")[1]
    mechanism, relief = kids(measures, "item")
    assert (mechanism.number, mechanism.heading) == ("（1）", "启动机制")
    assert [i.number for i in kids(mechanism, "item")] == ["1．", "2．"]     # "1．" items inside （1）
    assert [i.number for i in kids(relief, "item")] == ["1．"]


def test_ocr_outline_numbers_segment_like_clean_ones():
    text = ("# 某市救灾预案\n\n# 1 总 则\n\n1  1 目 的\n\n做好救灾工作。\n\n1?? 2 原则\n\n统一领导。\n\n"
            "# 2 响应\n\n2\ue010 1\ue010 1 启动条件\n\n发生灾害时启动。\n")
    root = _tree(text)
    assert [p.heading for p in kids(root, "part")] == ["总则", "响应"]
    assert [s.number for s in kids(kids(root, "part")[0], "section")] == ["1.1", "1.2"]
    assert [n.number for n in root.walk() if n.kind == "item"] == ["2.1.1"]


def test_chapter_and_section_plans():
    text = ("# 某市灾后重建规划\n\n# 第一章 总体要求\n\n# 第一节 指导思想\n\n坚持人民至上。\n\n# 第二节 重建目标\n\n"
            "到2027年全面完成重建任务。\n\n# 第二章 居民住房\n\n# 第一节 重建方式\n\n分类推进住房重建。\n")
    root = _tree(text, statute=False)
    assert [(c.number, c.heading) for c in kids(root, "chapter")] == [("第一章", "总体要求"), ("第二章", "居民住房")]
    assert outline_counts(root) == {1: 2, 2: 3}


def test_issuing_notice_is_a_preface_and_attachments_are_apart():
    text = ("# 某市人民政府办公室关于印发某市防汛预案的通知\n\n各区人民政府，市各委办局：\n\n《某市防汛预案》已经市人民政府同意，"
            "现印发给你们，请认真执行。\n\n# 某市防汛预案\n\n# 1.总则\n\n# 1.1 目的\n\n做好防汛工作。\n\n# 1.2 原则\n\n安全第一。\n\n"
            "# 2.附则\n\n附件：1.防汛责任单位名单2.联系方式\n\n# 防汛责任单位名单\n\n1．市水务局：负责水利工程调度。\n\n"
            "2．市气象局：负责天气预报。\n\n附件 2\n\n（1）值班电话。\n")
    root = _tree(text)
    assert root.heading.startswith("某市人民政府办公室关于印发") and root.children[0].kind == "preface"
    annexes = kids(root, "annex")
    assert [a.heading for a in annexes] == ["防汛责任单位名单", "附件2"]
    duty = kids(annexes[0], "item")[0]
    assert duty.heading is None and [c.text for c in duty.walk() if c.kind == "clause"] == ["市水务局：负责水利工程调度。"]
    assert outline_counts(root) == {1: 2, 2: 2}          # the attachments' items are not the body's


def test_lead_in_lists_inside_one_sentence_stay_whole():
    text = ("# 某规划\n\n# 1 原则\n\n# 1.1 规划原则\n\n规划原则：（1）统筹兼顾；（2）突出重点；（3）分步实施。\n\n"
            "# 1.2 预警\n\n预警分为两级：①一级为红色预警。启动全面响应。②二级为橙色预警。启动部分响应。\n")
    root = _tree(text)
    first, second = kids(kids(root, "part")[0], "section")
    assert not [n for n in first.walk() if n.kind == "item"]
    assert [n.number for n in second.walk() if n.kind == "item"] == ["①", "②"]


def test_ordinal_lead_ins_are_numbered_units():
    text = ("# 某厅工作简报\n\n# 一、主要做法\n\n一是强化组织领导，成立工作专班，每周调度进展。\n\n"
            "二是压实责任。对重点企业逐一包保。\n\n会议要求：一是要提高站位；二是要狠抓落实。\n")
    assert outline_counts(_tree(text)) == {1: 1, 2: 2}     # the markers inside one paragraph are not units


def test_statute_enumerations_are_numbered_paragraphs_of_their_article():
    text = ("# 某市电梯安全条例\n\n第一条 为了加强电梯安全管理，制定本条例。\n\n第二条 使用单位应当履行下列义务：\n\n"
            "（一）建立安全管理制度；\n\n（二）设置安全管理机构。\n\n第三条 本条例自公布之日起施行。\n")
    root = _tree(text, "statute-md")
    article = [n for n in root.walk() if n.kind == "article"][1]
    assert [(p.kind, p.number) for p in article.children][1:] == [("paragraph", "（一）"), ("paragraph", "（二）")]
    assert outline_counts(root) == {1: 3, 2: 2}


def test_a_statutes_appended_schedule_is_an_attachment():
    text = ("# 某条例\n\n第一条 为了规范事故处置，制定本条例。\n\n第二条 本条例自2011年9月1日起施行。\n\n附：\n\n"
            "事故等级划分标准\n\n注：1．符合本表所列情形之一的，即构成相应等级。\n\n2．本表所称“以上”包括本数。\n\n"
            "(1)电网负荷，是指实际负荷；\n\n附表2\n\n(1)备用表。\n")
    root = _tree(text)
    assert [a.heading.split()[0] for a in kids(root, "annex")] == ["附件", "附表2"]
    assert outline_counts(root) == {1: 2}      # the schedule's notes are not the articles' items
