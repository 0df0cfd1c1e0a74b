"""Headings that name whose duties a part lists. Emergency plans and programmes give a body's
duties as a numbered part headed "2.1 市防汛抗旱指挥部职责" (or "（一）区应急委职责及组成" over
"1.职责"), the items below naming no subject of their own: the body the heading names leads
each of them. A heading naming members as a class ("成员单位职责") or a level's kind of body
("县级指挥机构") names no one; an entry's own
"X：负责…" comes before its part's heading. "X的主要职责是：A；B" makes X lead A and B; "X组成：…" says what X is made of, no duty of X. A duty
written as a short numbered line ("（2）负责灾情统计。", "1.各乡镇负责…。") is a sentence, not a
heading. Townships named bare ("各乡镇", "镇街") act as their governments, also inside a role
field ("（责任单位：各乡镇，县安委办）"); "公安分局" is a body; "突发" is part of a name
("县突发公共卫生事件应急领导小组"); a group's leader and members named by their posts ("由县人民政府
分管副县长担任") are persons of their bodies, not the bodies acting."""

from __future__ import annotations

import pytest

from ingest_helpers import extract_document

PLAN = """# 某县防汛应急预案

1 总则

1.1 编制目的

为做好防汛工作，制定本预案。

2 组织指挥体系

2.1 县防汛抗旱指挥部职责

（1）贯彻落实县委、县政府关于防汛工作的决策部署。

（2）组织指挥全县防汛抢险救灾工作。

2.2 县防汛抗旱指挥部办公室职责

承担指挥部日常工作，组织协调有关部门开展防汛工作。

2.3 县应急管理局职责

（1）负责组织编制防汛应急预案。

（2）负责灾情统计。

2.4 成员单位职责

县公安局：负责维护灾区治安秩序；做好转移群众的交通疏导。

（1）做好防汛宣传。

2.5 县应急委职责及组成

2.5.1 职责

（1）研究解决全县应急管理的重大问题。

（2）部署突发事件防范应对工作。

2.6 县突发公共卫生事件应急指挥部

县突发公共卫生事件应急指挥部的主要职责是：统一领导全县突发公共卫生事件应急处理工作；向县应急委提出启动本预案的建议。

2.7 县级指挥机构

统一领导、协调全县救灾工作。

2.8 领导小组组成

组长由县人民政府分管副县长担任，副组长由县卫健局局长担任。

2.9 县森林防火指挥部组成及职责

县森林防火指挥部组成：总指挥由县长担任，成员由县应急管理局、县林业局组成。

（1）组织全县森林火灾扑救工作。

2.10 县抗震救灾指挥部

县抗震救灾指挥部统一指挥全县抗震救灾工作。成员：县教育局、县民政局分管负责人。

3 工作任务

3.1 属地责任

1.各乡镇负责本辖区防汛工作。

2.镇街负责组织群众转移；县公安分局负责转移途中的治安。

3.落实巡查责任。开展堤防巡查。（责任单位：各乡镇，县水利局）

4.各乡镇、县水利局制定堤防巡查方案。
"""


@pytest.fixture(scope="module")
def by_clause(tmp_path_factory) -> dict[str, set[tuple[str, str]]]:
    record, facts = extract_document(tmp_path_factory.mktemp("duty-headings"), "某县防汛应急预案", PLAN,
                                     "plan", "某县", "county")
    texts = {n.id: n.text for n in record.root.walk() if n.kind == "clause"}
    out: dict[str, set[tuple[str, str]]] = {text: set() for text in texts.values()}
    for m in facts.mentions:
        out[texts[m.clause_id]].add((m.actor_id, m.role))
    return out


def _of(by_clause, start: str) -> set[tuple[str, str]]:
    [text] = [t for t in by_clause if t.startswith(start)]
    return by_clause[text]


@pytest.mark.parametrize("clause, body", [
    ("贯彻落实县委", "某县防汛抗旱指挥部"),
    ("组织指挥全县防汛抢险", "某县防汛抗旱指挥部"),
    ("承担指挥部日常工作", "某县防汛抗旱指挥部办公室"),     # 有关部门 is only worked with
    ("负责组织编制防汛应急预案", "某县应急管理局"),
    ("负责灾情统计", "某县应急管理局"),                     # a short duty line is no heading
    ("研究解决全县应急管理", "某县应急委"),                 # "职责" under "县应急委职责及组成"
    ("部署突发事件防范应对", "某县应急委"),
])
def test_a_heading_naming_a_bodys_duties_makes_it_lead_its_items(by_clause, clause, body):
    assert (body, "lead") in _of(by_clause, clause)


def test_a_heading_naming_members_as_a_class_names_no_one(by_clause):
    assert _of(by_clause, "做好防汛宣传") == set()
    assert not any(actor.endswith("成员单位") for text, found in by_clause.items() for actor, _ in found)


def test_a_heading_naming_a_levels_kind_of_body_names_no_one(by_clause):
    assert _of(by_clause, "统一领导、协调全县救灾工作") == set()


def test_a_bodys_make_up_is_no_duty_of_it(by_clause):
    # ("县森林防火指挥部组成：" is the label of what follows it)
    assert _of(by_clause, "总指挥由县长担任") == {("某县应急管理局", "cooperate"), ("某县林业局", "cooperate")}
    assert ("某县森林防火指挥部", "lead") in _of(by_clause, "组织全县森林火灾扑救")  # "…组成及职责" heads the items


def test_the_members_of_a_part_headed_by_a_body_are_no_duty_of_it(by_clause):
    assert _of(by_clause, "成员：县教育局") == {("某县教育局", "mentioned"), ("某县民政局", "mentioned")}


def test_an_entrys_own_body_comes_before_its_parts_heading(by_clause):
    assert _of(by_clause, "做好转移群众的交通疏导") == {("某县公安局", "lead")}


def test_duties_announced_after_a_body_are_its_own(by_clause):
    hq = "某县突发公共卫生事件应急指挥部"        # 突发 is part of the name
    assert (hq, "lead") in _of(by_clause, "县突发公共卫生事件应急指挥部的主要职责是")
    assert (hq, "lead") in _of(by_clause, "向县应急委提出")


def test_posts_of_a_body_are_persons_not_the_body_acting(by_clause):
    assert _of(by_clause, "组长由县人民政府") == {("某县人民政府", "mentioned")}


def test_townships_named_bare_act_as_their_governments(by_clause):
    assert ("乡镇", "lead") in _of(by_clause, "各乡镇负责本辖区")    # "1.各乡镇负责…。" is no heading
    assert ("镇街", "lead") in _of(by_clause, "镇街负责组织群众转移")
    assert ("某县公安分局", "lead") in _of(by_clause, "县公安分局负责")
    assert _of(by_clause, "（责任单位：各乡镇") >= {("乡镇", "lead"), ("某县水利局", "lead")}
    # listed with a body that acts, the level acts with it (not "乡镇水利局" by a shared head)
    assert _of(by_clause, "各乡镇、县水利局制定") == {("乡镇", "lead"), ("某县水利局", "lead")}


DIVISION = """# 某市危险化学品安全监督管理部门职责

一、市发展和改革局

（一）参与编制危险化学品事故应急救援预案。按照合理布局的原则，对没有编制安全生产专篇的危险化学品项目不予审批。

（二）在履行行政许可职责中，对涉及危险化学品安全的事项严格审查把关。

二、市经济贸易委员会（市安全生产监督管理局）

（一）研究拟订全市安全生产综合性的规章、政策。

三、各街道办事处

（一）认真贯彻执行国家有关安全管理法律、法规和规章。将安全管理工作列入日常工作的重要议事日程。

四、保障措施

（一）加强组织领导。要把安全管理工作摆上重要位置。
"""


@pytest.fixture(scope="module")
def division(tmp_path_factory) -> dict[str, set[tuple[str, str]]]:
    record, facts = extract_document(tmp_path_factory.mktemp("duty-division"), "某市危险化学品安全监督管理部门职责",
                                     DIVISION, "plan", "某市", "city")
    texts = {n.id: n.text for n in record.root.walk() if n.kind == "clause"}
    out: dict[str, set[tuple[str, str]]] = {text: set() for text in texts.values()}
    for m in facts.mentions:
        out[texts[m.clause_id]].add((m.actor_id, m.role))
    return out


def test_an_items_first_duty_made_its_heading_leaves_the_item_to_the_body_above(division):
    """"（一）参与编制…预案。按照…": the item's first sentence became its heading; the rest of the item is
    the duty of the body heading the part ("一、市发展和改革局"), as its next item's is."""
    assert ("某市发展和改革局", "lead") in _of(division, "按照合理布局的原则")
    assert ("某市发展和改革局", "lead") in _of(division, "在履行行政许可职责中")
    assert ("街道办事处", "lead") in _of(division, "将安全管理工作列入")
    # a heading that is no duty ("（一）加强组织领导" under "四、保障措施") names no body
    assert _of(division, "要把安全管理工作摆上重要位置") == set()


def test_a_body_heading_with_its_second_name_in_brackets_is_the_first(division):
    assert _of(division, "研究拟订全市安全生产") == {("某市经济贸易委员会", "lead")}
