"""Extractors on single strings: numerals, deadlines, targets, citations, sectors, actors."""

from __future__ import annotations

import pytest

from ingest.extract.citations import find_titles, link_key, resolve, title_index
from ingest.extract.deadlines import find_deadlines
from ingest.extract.indicator_text import text_indicators
from ingest.extract.nlp import get_nlp
from ingest.extract.numbers import cn_to_int, to_halfwidth
from ingest.extract.sectors import sector_set, sectors_in
from ingest.extract.targets import parse_target, split_name_unit


@pytest.mark.parametrize("text,value", [("二〇三五", 2035), ("十五", 15), ("两", 2), ("三百", 300),
                                        ("二十一", 21), ("２０２５", 2025), ("一万二千", 12000)])
def test_chinese_numerals(text, value):
    assert cn_to_int(text) == value


def test_halfwidth_keeps_length():
    assert to_halfwidth("＜０.15％") == "<0.15%"


@pytest.mark.parametrize("text,expected", [
    ("确保到2025年老旧管网改造率达到80%", [("到2025年", "2025-12-31", None, None)]),
    ("力争在2022年底完成建设并投入使用", [("2022年底", "2022-12-31", None, None)]),
    ("力争在2021年底前通过验收", [("2021年底前", "2021-12-31", None, None)]),
    ("力争两年内昆山精细材料产业园安全风险等级降到D级", [("力争两年内", "2022-12-31", None, None)]),
    ("“十四五”期间，确保亿元GDP死亡率逐年下降", [("“十四五”期间", "2025-12-31", "2021-01-01", None)]),
    ("到二〇三五年，基本实现", [("到二〇三五年", "2035-12-31", None, None)]),
    ("2022年6月底前完成", [("2022年6月底前", "2022-06-30", None, None)]),
    ("每年培养在职安全工程本科学员不少于100人", [("每年", None, None, "每年")]),
    ("常态化开展“331”专项行动", [("常态化", None, None, "常态化")]),
    # not deadlines: a baseline year, a year inside a cited title, an era, vague frequency
    ("2020年生产安全事故起数比2015年分别下降78.1%", []),
    ("《“工业互联网+安全生产”行动计划（2021-2023年）》实施", []),
    ("“十四五”时期是吴江区全面贯彻落实的重要时期", []),
    ("定期开展风险研判，逐年下降", []),
])
def test_deadlines(text, expected):
    got = [(d.expression, d.date, d.start, d.recurrence) for d in find_deadlines(text, (2021, 2025))]
    assert got == expected


def test_the_same_deadline_twice_in_a_sentence_is_one():
    assert len(find_deadlines("“十四五”期间，昆山将…，是我市“十四五”期间重要任务")) == 1


@pytest.mark.parametrize("cell,expected", [
    ("＞15", (">", 15, None)), ("＜0.15%", ("<", 0.15, "%")), ("≥1名", (">=", 1, "名")),
    ("0%", ("=", 0, "%")), ("100%", ("=", 100, "%")), ("≤0.3", ("<=", 0.3, None)),
    ("100家以内", ("<=", 100, "家")), ("不少于一个", (">=", 1, "个")),
    ("流域骨干工程按照防御100年一遇洪水标准建设", ("text", None, None)),
    ("约18000", ("~", 18000, None)), ("3%左右", ("~", 3, "%")), ("1.3万亿斤", ("=", 1.3e12, "斤")),
    ("5%—5.5%", ("range", 5, "%")),
])
def test_targets(cell, expected):
    t = parse_target(cell)
    assert (t.comparator, t.value, t.unit) == expected


def test_a_range_cell_keeps_its_upper_bound():
    assert parse_target("20～50年一遇").upper == 50 and parse_target("＞15").upper is None


def test_an_enumeration_after_a_range_is_a_range_only_where_it_has_an_upper_bound():
    # (the graph's RangeBoundsShape: a range has an upper bound and only a range has one)
    text = ("在管道线路中心线两侧各五米至五十米和本法第五十八条第一项所列管道附属设施周边一百米地域范围内，"
            "新建、改建、扩建铁路、公路、河渠。")
    found = [(i.comparator, i.value, i.upper) for i in text_indicators("c", text, [], standing=True)]
    assert found == [("range", 5.0, 50.0), ("=", 100.0, None)]


def test_unit_moves_out_of_the_name():
    assert split_name_unit("生产安全事故起数累计下降（%）") == ("生产安全事故起数累计下降", "%")
    assert split_name_unit("森林火灾受害率（‰）") == ("森林火灾受害率", "‰")


def test_citations_normalised_and_linked():
    text = "依据《安全生产法》、《江苏省安全生产条例》《刑法修正案(十一)》和《上海市实施《中华人民共和国突发事件应对法》办法》"
    titles = [t.title for t in find_titles(text)]
    assert titles == ["中华人民共和国安全生产法", "江苏省安全生产条例", "中华人民共和国刑法修正案（十一）",
                      "上海市实施《中华人民共和国突发事件应对法》办法"]
    index = title_index({"中华人民共和国安全生产法": "law-1"})
    assert resolve("安全生产法", index) == ("law-1", "中华人民共和国安全生产法")
    assert link_key("《中华人民共和国安全生产法》") == link_key("安全生产法")


def test_bare_amendment_and_media_names():
    assert [t.title for t in find_titles("严格落实刑法修正案（十一）")] == ["中华人民共和国刑法修正案（十一）"]
    assert find_titles("开设《安全视界》《安全伴你行》等专题专栏，创立《安全哨兵》双月刊杂志") == []


def _words(text):
    doc = get_nlp().make_doc(text)
    return [(t.idx, t.idx + len(t.text)) for t in doc]


@pytest.mark.parametrize("text,sectors", [
    ("城镇燃气经营企业落实主体责任", ["城镇燃气", "安全生产责任"]),
    ("强化工矿商贸安全", ["工贸"]),                 # 化工 straddles 强化|工矿: not chemicals
    ("健全应急救援预案体系", ["应急预案"]),          # the longest cue wins
    ("化工园区整治", ["危险化学品", "功能区"]),      # one cue, two concepts
])
def test_sector_cues_are_whole_words(text, sectors):
    assert sorted(sector_set(text, _words(text))) == sorted(sectors)


def test_sector_spans_point_at_the_cue():
    text = "加强危险化学品安全监管"
    [(label, (s, e))] = sectors_in(text, _words(text))
    assert label == "危险化学品" and text[s:e] == "危险化学品"


def test_actor_scoping_and_roles():
    from ingest.extract.actors import clause_actors

    doc = get_nlp()("由区应急管理局牵头，区住建局配合，督促城镇燃气企业落实安全生产主体责任")
    got = {(f.actor.id, f.role) for f in clause_actors(doc, "吴江区")}
    assert got == {("吴江区应急管理局", "lead"), ("吴江区住房和城乡建设局", "cooperate"),
                   ("城镇燃气经营企业", "subject")}
    doc = get_nlp()("充分发挥市安委办统筹协调作用")
    assert {(f.actor.id, f.role) for f in clause_actors(doc, "昆山市")} == {("昆山市安委办", "lead")}
    # a 市 body in a district plan is the parent city's, not the district's
    assert {f.actor.id for f in clause_actors(get_nlp()("市应急管理局"), "吴江区")} == {"市应急管理局"}


@pytest.mark.parametrize("text, expect", [
    # duties announced after a body are its own; its make-up is not its act
    ("县突发公共卫生事件应急指挥部的主要职责是：统一领导全县应急处理工作",
     {("某县突发公共卫生事件应急指挥部", "lead")}),
    ("县应急管理局主要职责：负责综合协调", {("某县应急管理局", "lead")}),
    ("县应急管理局的职责是否明确", {("某县应急管理局", "mentioned")}),
    ("县减灾委组成人员：主任由副县长担任", {("某县减灾委员会", "mentioned")}),
    ("组长由县人民政府分管副县长担任", {("某县人民政府", "mentioned")}),       # a post of the body
])
def test_duties_and_make_up_announced_after_a_body(text, expect):
    from ingest.extract.actors import clause_actors

    assert {(f.actor.id, f.role) for f in clause_actors(get_nlp()(text), "某县")} == expect


def test_generic_bodies_and_shared_heads():
    from ingest.extract.actors import clause_actors

    doc = get_nlp()("加强基层专职和兼职消防队伍业务指导，依托龙头企业、行业协会")
    assert {f.actor.id for f in clause_actors(doc, "吴江区")} == {"专职消防队伍", "兼职消防队伍", "龙头企业", "行业协会"}
    doc = get_nlp()("完善企业预案和政府总体预案")          # bodies qualifying documents are not actors
    assert clause_actors(doc, "吴江区") == []


@pytest.mark.parametrize("text, region, expect", [
    # a duty-list head with its other name in brackets: both lead
    ("省委组织部（省公务员局）：负责全省公务员有关抢险救灾表彰、奖励政策指导工作。", "吉林省",
     {("吉林省委组织部", "lead"), ("吉林省公务员局", "lead")}),
    ("中铁沈阳局集团：负责所辖铁路及其设施的安全和抢修", "吉林省", {("中铁沈阳局集团", "lead")}),
    # bodies whose separator the PDF conversion lost are still two
    ("省应急厅省财政厅监督检查灾区过渡期生活救助政策和措施的落实", "吉林省",
     {("吉林省应急厅", "lead"), ("吉林省财政厅", "lead")}),
    # a circumstance is no part of the name that follows it
    ("遇有死亡失踪人员相关信息认定困难的情况灾区应急部门应按照“先报后核”的原则上报", "吉林省",
     {("应急部门", "lead")}),
    # "落实X…责任": X answers for it
    # an alternative in brackets does not hide the verb; 审计 is a department's name word
    ("供水部门（单位）要及时向当地政府和防汛抗旱指挥机构报告", "衡阳市", {("供水部门", "lead")}),
    ("财政、审计部门加强防汛抗旱和救灾资金的监督检查和专项审计", "衡阳市", {("财政部门", "lead"), ("审计部门", "lead")}),
    # the abbreviation a text defines (any brackets, spaces), "在…领导下" and "为…机构，" before the verb
    ("苏州市减灾委员会（以下简称市减灾委）为全市自然灾害救助应急综合协调机构，负责组织、领导全市自然灾害救助工作。",
     "苏州市", {("苏州市减灾委员会", "lead")}),
    ("省减灾委员会 (以下简称省减灾委) 在省委、省政府领导下，统一领导、指挥、协调、监督全省的自然灾害救助工作。",
     "广东省", {("广东省减灾委员会", "lead")}),
    # "分别" before the verb; "通信行业管理办公室" is one name; a company the plan names is tasked as a body
    ("市交通运输局、苏州通信行业管理办公室、苏州供电公司分别组织做好受灾地区交通、通信、电力设施的恢复。", "苏州市",
     {("苏州市交通运输局", "lead"), ("苏州通信行业管理办公室", "lead"), ("苏州供电公司", "lead")}),
    # a level written with its alternatives heads its clause: every government of that level
    ("乡（镇）应作好如下具体工作", None, {("乡（镇）", "lead")}),
    ("各省（自治区、直辖市）应成立相应的协调管理部门", None, {("省（自治区、直辖市）", "lead")}),
    ("落实地方各级政府、各部门和企事业单位防汛责任", "河南省",
     {("地方各级政府", "lead"), ("企事业单位", "subject")}),
])
def test_duty_lists_lost_separators_and_responsibilities(text, region, expect):
    from ingest.extract.actors import clause_actors

    got = {(f.actor.id, f.role) for f in clause_actors(get_nlp()(text), region)}
    assert expect <= got, got


@pytest.mark.parametrize("text", ["把项目准入关，合理布局区内企业", "优化产业布局", "研究部署防汛工作", "形成新格局"])
def test_a_head_character_inside_a_common_word_names_nobody(text):
    from ingest.extract.actors import clause_actors

    assert not any(f.actor.id.endswith(("布局", "格局", "部署")) for f in clause_actors(get_nlp()(text), "吴江区"))
