"""Wordings of city, county and township plans read this round from real excerpts (a development set
kept out of the repository): an item headed by the bodies it belongs to ("（5）市公安局、南昌铁路局厦门
铁路公安处。" over its duties), a body that helps after the rule it acts by, whoever brings others to
take part, the authority a plan's work is done under, a company named after its country, levels listed
with the bodies they act with, and a township's own bodies. Constructed sentences in those wordings."""

from __future__ import annotations

from ingest_helpers import extract_document, mentions_by_clause, mentions_by_item


def _roles(found):
    return {(body, role) for body, role, _ in found}


def _by_clause(tmp_path, body: str, region: str, level: str, title: str = "某某市处置铁路行车事故应急预案"):
    """The opening of each clause (its first 12 characters) -> {(body, role)} of a small plan."""
    return mentions_by_clause(tmp_path, body, region, level, title, "## 成员单位职责\n\n", opening=12)


def test_an_item_headed_by_the_bodies_it_belongs_to_is_theirs(tmp_path):
    found = _by_clause(tmp_path, "(4)市政府新闻办。按照相关应急预案,配合省政府新闻办做好信息发布工作。\n\n"
                                 "(5)市公安局、南昌铁路局厦门铁路公安处。按照相关应急预案,负责维护事发地社会治安秩序;"
                                 "协助组织群众从危险区域安全撤离。", "厦门市", "city")
    both = {("厦门市公安局", "lead"), ("南昌铁路局厦门铁路公安处", "lead")}
    assert both <= found["按照相关应急预案，负责维"]
    assert {("厦门市公安局", "cooperate"), ("南昌铁路局厦门铁路公安处", "cooperate")} <= found["协助组织群众从危险区域安"]
    # a body that helps after the rule it acts by
    assert ("厦门市人民政府新闻办", "cooperate") in found["按照相关应急预案，配合省"]


def test_a_body_named_with_a_place_of_its_own_keeps_it(tmp_path):
    [listed] = mentions_by_item(tmp_path, ["市公安局、南昌铁路局负责维护铁路沿线治安秩序。"], "厦门市", "city")
    assert _roles(listed) == {("厦门市公安局", "lead"), ("南昌铁路局", "lead")}    # not 厦门市南昌铁路局


def test_whoever_brings_others_to_take_part_leads(tmp_path):
    organises, union, takes_part = mentions_by_item(tmp_path, [
        "沈阳军分区负责组织民兵参加抢险。", "邀请工会组织参加事故调查。", "市红十字会参加救灾捐赠工作。"], "沈阳市", "city")
    assert _roles(organises) == {("沈阳军分区", "lead"), ("民兵", "cooperate")}
    assert ("工会", "cooperate") in _roles(union)            # 组织 right after a body is its noun
    assert _roles(takes_part) == {("沈阳市红十字会", "cooperate")}


def test_the_authority_a_plans_work_is_done_under_is_only_mentioned(tmp_path):
    led, guided = mentions_by_item(tmp_path, [
        "在市委、市政府和市防指的统一领导下，负责组织全市防汛工作。", "在市应急局的指导下，负责组织全市防汛工作。"],
        "衡阳市", "city")
    assert _roles(led) == {("衡阳市委", "mentioned"), ("衡阳市人民政府", "mentioned"),
                           ("衡阳市防汛抗旱指挥部", "mentioned")}
    assert _roles(guided) == {("衡阳市应急管理局", "lead")}     # who guides takes part in the work


def test_a_company_named_after_its_country_is_no_partner(tmp_path):
    [company] = mentions_by_item(tmp_path, ["中国联合网络通信有限公司沈阳市分公司负责应急通信保障。"], "沈阳市", "city")
    assert _roles(company) == {("中国联合网络通信有限公司沈阳市分公司", "lead")}
    [partners] = mentions_by_item(tmp_path, ["市应急局联合市公安局开展专项检查。"], "沈阳市", "city")
    assert _roles(partners) == {("沈阳市应急管理局", "lead"), ("沈阳市公安局", "cooperate")}


def test_levels_listed_with_the_bodies_they_act_with(tmp_path):
    grassroots, departments, counties = mentions_by_item(tmp_path, [
        "乡镇（街道）、村（社区）应当组织群众参加抗洪救灾。",
        "各乡镇（街道）、县直有关部门应当做好群众转移工作。",
        "各县（市、区）、市直有关部门要做好群众转移工作。"], "衡阳市", "city")
    assert _roles(grassroots) == {("乡镇（街道）", "lead"), ("村（社区）", "lead")}
    assert _roles(departments) == {("乡镇（街道）", "lead"), ("县直有关部门", "lead")}   # no "乡镇（街道）部门"
    assert ("县（市、区）", "lead") in _roles(counties)


def test_a_townships_own_bodies_and_the_short_name_of_its_group(tmp_path):
    found = _by_clause(tmp_path, "（1）镇成立渔业防台风应急工作领导小组（以下简称“镇领导小组”），负责全镇渔业防台风应急处置工作。\n\n"
                                 "（2）及时向镇党委、镇政府和镇防汛抗旱指挥部报告渔业防台风工作情况。", "山福镇", "town",
                       title="山福镇渔业防台风应急预案")
    # named once, not twice; the town's own, as its short name says
    assert ("山福镇渔业防台风应急工作领导小组", "lead") in found["镇成立渔业防台风应急工作"]
    assert {("山福镇党委", "mentioned"), ("山福镇人民政府", "mentioned"),
            ("山福镇防汛抗旱指挥部", "mentioned")} <= found["及时向镇党委、镇政府和镇"]


def test_a_part_headed_by_a_towns_street_offices_is_theirs(tmp_path):
    title = "某某区政府工作部门安全监督管理职责规定"
    record, facts = extract_document(tmp_path, title, f"# {title}\n\n一、各街道办事处\n\n（一）认真贯彻执行国家有关安全管理"
                                     "法律、法规和规章。\n\n（二）建立健全本辖区各项安全管理责任制。\n", "plan", "盐田区", "district")
    leads = {m.clause_id for m in facts.mentions if m.actor_id == "街道办事处" and m.role == "lead"}
    assert len(leads) == 2


def test_a_run_of_fields_on_lines_of_their_own_and_a_townships_stations(tmp_path):
    # a converted page: each field on a line of its own, the bodies' line without punctuation
    title = "某某镇安全生产大检查的通知"
    record, facts = extract_document(tmp_path, title, f"# {title}\n\n## 三、分组情况\n\n（一）第一检查督导组\n\n"
                                     "责任单位：政法办、派出所、市场监督管理所\n\n检查范围：加油站、液化气站。\n", "plan", "卢市镇", "town")
    texts = [c.text for c in record.clauses()]
    assert not any("监督管理所" in t and "加油站" in t for t in texts)   # not run on from the bodies' line
    assert {(m.actor_id, m.role) for m in facts.mentions} >= {
        ("派出所", "lead"), ("市场监督管理所", "lead"), ("政法办", "lead")}
    [station, phrase] = mentions_by_item(tmp_path, ["供电所负责辖区电力设施安全检查。", "将安全管理所需经费列入预算。"],
                                         "卢市镇", "town")
    assert _roles(station) == {("供电所", "lead")}
    assert phrase == []                                            # 所需: no station


def test_a_city_jieba_reads_as_another_word_opens_a_bodys_name(tmp_path):
    [listed] = mentions_by_item(tmp_path, ["大同军分区、武警大同支队负责抢险救援。"], "大同市", "city")
    assert _roles(listed) == {("大同军分区", "lead"), ("武警大同支队", "lead")}     # 大同 is tagged an adverb


def test_a_verb_between_two_bodies_joins_no_name(tmp_path):
    # "应急|排涝|队伍": a verb between name words qualifies the name; between two bodies it acts
    subject, team = mentions_by_item(tmp_path, ["区防汛指挥部作为区委、区政府领导下的议事协调机构，负责全区防汛工作。",
                                                "应急排涝队伍负责城区排水。"], "长宁区", "district")
    assert ("长宁区防汛指挥部", "lead") in _roles(subject)
    assert not any("作为" in body for body, _, _ in subject)
    assert _roles(team) == {("应急排涝队伍", "lead")}
