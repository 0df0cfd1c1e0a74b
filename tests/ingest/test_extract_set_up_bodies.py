"""Bodies a plan sets up and then gives a function, teams counted before their name, words that
precede a body without being part of its name (the adverb 依法, a verb before a level, a time
word), and departments listed with units — classes found on the real-world development set,
tested on constructed items."""

from __future__ import annotations

import pytest

from ingest_helpers import mentions_by_item

ITEMS = [
    # 0-3: the body set up, then its function with no subject of its own -> it leads
    "省政府设立省森林防灭火指挥部，负责组织、协调和指导全省森林防灭火工作。",
    "省应急管理厅组建省级专家组，为重大突发事件应急处置提供技术支持。",
    "市人民政府成立市地震应急指挥部（以下简称市抗震指挥部），在省抗震救灾指挥部领导下，统一领导全市地震应急工作。",
    "省安委办下设由应急、公安、交通运输等部门组成的5个督导组，对重点地区开展明查暗访。",
    # 4-6: set up and left there, or the setter acts next -> the body set up is only mentioned
    "县人民政府成立现场指挥部，县应急管理局派员参加。",
    "县人民政府设立防汛抗旱指挥部，办公室设在县水利局。",
    "乡镇人民政府成立防灾减灾工作站，配备专职人员，保障工作经费。",
    # 7: a team counted before its name heads its clause part, "联合" part of the name
    "印发工作方案，8个联合检查组采取四不两直方式开展检查。",
    # 8-10: words before a body that are not its name
    "依法保护民营企业合法权益，依法查处违法违规企业。",
    "重点用于化解地方政府债务风险。",
    "对前期应急管理部督查发现的问题逐项整改。",
    # 11-12: departments and units set to work in one list: each takes its own kind's role
    "省教育厅负责指导各级教育部门、学校做好校舍安全排查。",
    "省应急管理厅组织有关部门和单位开展联合演练。",
    # 13-14: producers named by their trade (经营主体) are units; an adverb run into a verb is no name
    "督促农业生产经营主体落实安全生产主体责任。",
    "逐步推广经营主体信用承诺制度。",
    # 15: bodies called on to help take part, whatever they are ("动员…等，为企业提供…")
    "动员部署评价机构、培训机构等，为中小企业提供安全技术服务。",
    # 16: who heads the body set up stands between it and its function
    "省政府成立省抗震救灾指挥部，由常务副省长担任总指挥，统一领导全省抗震救灾工作。",
    # 17-18: a group named by its level and its task, whose verbs and years are part of the name
    "成立省安全生产专项整治三年行动领导小组，负责统筹推进专项整治工作。",
    "省安委办成立全省重大事故隐患专项排查整治行动督查专班，负责督查。",
    # 19-20: offices of 督查, the bodies of a level's own organs (省直)
    "省委督查室、省政府督查室要将专项整治工作纳入督查内容。",
    "省直有关部门要制定具体实施方案。",
    # 21: the function a body set up has may be to command and co-ordinate (指挥协调)
    "设立省城镇燃气事故应急指挥部（以下简称省燃气应急指挥部），指挥协调全省燃气事故预防处置工作。",
]


@pytest.fixture(scope="module")
def mentions(tmp_path_factory) -> list[list[tuple[str, str, str]]]:
    """[(body, role, surface)] of each item of a small provincial plan, in order."""
    return mentions_by_item(tmp_path_factory.mktemp("plan"), ITEMS, "湖南省", "province", title="某省应急体系建设规划",
                            part="一、组织实施")


def _roles(found: list[tuple[str, str, str]], surface: str) -> set[str]:
    return {role for _actor, role, s in found if s == surface}


@pytest.mark.parametrize("item, setter, set_up", [
    (0, "省政府", "省森林防灭火指挥部"),
    (1, "省应急管理厅", "省级专家组"),
    (2, "市人民政府", "市地震应急指挥部"),
    (3, "省安委办", "督导组"),
    (16, "省政府", "省抗震救灾指挥部"),
])
def test_a_body_set_up_leads_the_function_that_follows(mentions, item, setter, set_up):
    assert _roles(mentions[item], setter) == {"lead"}          # the setter keeps its own act
    assert _roles(mentions[item], set_up) == {"lead"}


def test_a_body_set_up_to_command_and_coordinate_leads(mentions):
    assert _roles(mentions[21], "省城镇燃气事故应急指挥部") == {"lead"}


@pytest.mark.parametrize("item, set_up", [(4, "现场指挥部"), (5, "防汛抗旱指挥部"), (6, "防灾减灾工作站")])
def test_a_body_set_up_and_left_there_is_only_mentioned(mentions, item, set_up):
    assert _roles(mentions[item], set_up) <= {"mentioned"}
    assert "lead" not in _roles(mentions[item], set_up)


def test_a_counted_joint_team_is_named_whole_and_acts(mentions):
    assert _roles(mentions[7], "联合检查组") == {"lead"}
    assert not _roles(mentions[7], "检查组")                    # not "联合" read as a partner verb


def test_words_before_a_body_are_not_its_name(mentions):
    surfaces = {s for item in (8, 9, 10, 14) for _a, _r, s in mentions[item]}
    assert {"民营企业", "地方政府", "应急管理部"} <= surfaces
    assert not any(s.startswith(("依法", "化解", "前期", "逐步")) for s in surfaces), surfaces


def test_departments_and_units_listed_together_each_take_their_kinds_role(mentions):
    assert _roles(mentions[11], "各级教育部门") == {"cooperate"}   # departments set to work take part
    assert _roles(mentions[11], "学校") == {"subject"}              # units set to work are obliged
    assert {(a, r) for a, r, _s in mentions[12]} >= {("有关部门", "cooperate"), ("有关单位", "cooperate")}


def test_producers_named_by_their_trade_are_units(mentions):
    assert _roles(mentions[13], "农业生产经营主体") == {"subject"}


def test_bodies_called_on_to_help_take_part(mentions):
    assert {(a, r) for a, r, _s in mentions[15] if a in ("评价机构", "培训机构")} == {
        ("评价机构", "cooperate"), ("培训机构", "cooperate")}


@pytest.mark.parametrize("item, surface", [
    (17, "省安全生产专项整治三年行动领导小组"),
    (18, "全省重大事故隐患专项排查整治行动督查专班"),
    (19, "省委督查室"),
    (19, "省政府督查室"),
    (20, "省直有关部门"),
])
def test_bodies_named_whole_lead(mentions, item, surface):
    assert _roles(mentions[item], surface) == {"lead"}, mentions[item]
