"""How emergency plans and work programmes hand out an entry, read this round from real plans'
duty sections and task lists (a development set of excerpts kept out of the repository):
several bodies before one colon ("县交运局、县住建局：…；…"), a working group named alone at the
head of its entry ("2.3.1 抢险救援组。由…组成。主要负责…"), an entry opened by its matter and
who does it ("（三）道路交通安全专项整治，由公安、交通部门负责，有关部门配合。要…"), the others of
"A牵头，B、C等单位共同做好…", the people of a body ("由X有关负责人担任"), the object of
"负责牵头有关部门…", resources moved ("X调用粮食"), bank branches and a company listed after the
region's own. Constructed sentences in those wordings."""

from __future__ import annotations

from ingest_helpers import mentions_by_clause, mentions_by_item


def _roles(found):
    return {(body, role) for body, role, _ in found}


def _by_clause(tmp_path, body: str, region: str, level: str, title: str = "某某危险化学品事故应急预案",
               part: str = "一、组织机构与职责\n\n") -> dict[str, set[tuple[str, str]]]:
    """The opening of each clause (its first 8 characters) -> {(body, role)} of a small plan."""
    return mentions_by_clause(tmp_path, body, region, level, title, part)


def test_every_body_before_one_colon_leads_each_sentence_of_the_entry(tmp_path):
    found = _by_clause(tmp_path, "县交运局、县住建局：采取有效措施保障交通干线的安全；及时组织抢修损毁的交通设施；"
                                 "提供所需运力。\n\n县民政局：负责受灾群众的生活救助；协助有关部门做好临时安置工作。",
                       "某某县", "county")
    both = {("某某县交运局", "lead"), ("某某县住房和城乡建设局", "lead")}
    assert found["县交运局、县住建"] == both
    assert found["及时组织抢修损毁"] == both and found["提供所需运力。"] == both
    assert ("某某县民政局", "cooperate") in found["协助有关部门做好"]       # one head, as before


def test_a_working_group_named_alone_at_the_head_of_its_entry_leads_it(tmp_path):
    found = _by_clause(tmp_path, "2.3.1抢险救援组。由县公安局、县消防大队等单位组成。主要负责灾情勘查、现场紧急处置等工作。",
                       "某某县", "county")
    assert ("抢险救援组", "lead") in found["由县公安局、县消"]
    assert ("某某县公安局", "cooperate") in found["由县公安局、县消"]       # its members
    assert ("抢险救援组", "lead") in found["主要负责灾情勘查"]


def test_an_entry_opened_by_its_matter_and_who_does_it_gives_its_later_sentences_those_bodies(tmp_path):
    found = _by_clause(tmp_path, "（三）道路交通安全专项整治，由公安、交通部门负责，有关部门配合。要继续加大对超速行驶的"
                                 "整治力度。严厉打击非法营运。\n\n（四）建筑领域安全专项整治，由建设部门负责，有关部门配合。"
                                 "安全监管部门要加强对施工企业的执法检查。", "某某市", "city")
    owners = {("公安部门", "lead"), ("交通部门", "lead"), ("有关部门", "cooperate")}
    assert found["要继续加大对超速"] == owners and found["严厉打击非法营运"] == owners
    later = found["安全监管部门要加"]
    assert ("安全监管部门", "lead") in later and ("建设部门", "lead") not in later   # a sentence with its own lead


def test_the_others_of_a_part_led_by_one_body_work_with_it(tmp_path):
    [together, own] = mentions_by_item(tmp_path, [
        "必要时，省经贸委牵头，省粮食局、民政厅、卫生厅等单位共同做好灾区急需物资的调配工作。",
        "省财政厅牵头，省发改委、水利厅等单位负责救灾资金的筹措。"], "某某省", "province")
    assert _roles(together) == {("某某省经贸委", "lead"), ("某某省粮食局", "cooperate"),
                                ("某某省民政厅", "cooperate"), ("某某省卫生厅", "cooperate")}
    assert ("某某省水利厅", "lead") in _roles(own)                         # 负责 of its own: it leads


def test_the_people_of_a_body_are_not_the_body(tmp_path):
    [command, post, experts, members] = mentions_by_item(tmp_path, [
        "现场指挥部由事发地人民政府、街道办事处和有关应急救援部门的负责人组成。",
        "专家技术组组长由县安监局有关负责人担任。",
        "专家技术组由县安监局、县环保局等单位有关专业技术人员组成。",
        "后勤保障组由县财政局、县民政局等单位组成。"], "某某县", "county")
    assert ("街道办事处", "mentioned") in _roles(command) and ("应急救援部门", "mentioned") in _roles(command)
    assert _roles(post) == {("某某县安监局", "mentioned")}
    assert ("某某县环保局", "mentioned") in _roles(experts)
    assert ("某某县财政局", "cooperate") in _roles(members)               # bodies as members: as before
    [under] = mentions_by_item(tmp_path, ["在市委市政府的领导下开展救援工作。"], "某某县", "county")
    # 领导 here is no person: the body is named, as whom the work answers to (test_extract_local_plans)
    assert ("市委市政府", "mentioned") in _roles(under)


def test_bodies_a_lead_takes_with_it_work_with_it(tmp_path):
    [plans, title] = mentions_by_item(tmp_path, [
        "省卫生厅负责牵头有关部门制定处置重大传染病疫情应急预案。",
        "委任省水利厅为规划编制的技术牵头单位。"], "某某省", "province")
    assert _roles(plans) == {("某某省卫生厅", "lead"), ("有关部门", "cooperate")}
    assert ("单位", "cooperate") not in _roles(title)                    # 牵头单位: a title


def test_resources_moved_and_bank_branches(tmp_path):
    [grain, bank, short] = mentions_by_item(tmp_path, [
        "自治区粮食局调用粮食，保障灾区粮食供应。",
        "中国农业发展银行邯郸分行负责落实采购、加工所需贷款。",
        "农发行邯郸市分行：负责落实应急粮食调拨所需贷款。"], "某某自治区", "province")
    assert ("自治区粮食局", "lead") in _roles(grain)
    assert _roles(bank) == {("中国农业发展银行邯郸分行", "lead")}
    assert ("农发行邯郸市分行", "lead") in _roles(short)
    [central] = mentions_by_item(tmp_path, ["省财政厅牵头，省发改委及人行杭州中心支行等单位负责救灾资金的筹措。"],
                                 "某某省", "province")
    assert ("人行杭州中心支行", "lead") in _roles(central)


def test_a_body_a_sentence_acts_according_to_is_only_mentioned(tmp_path):
    [railway, police] = mentions_by_item(tmp_path, [
        "太原铁路局：按照省防指负责协调各沿线站段，优先安排抗旱物资的运输。",
        "根据市指挥部的要求，市公安局负责交通管制。"], "某某省", "province")
    assert ("某某省防汛抗旱指挥部", "mentioned") in _roles(railway) and ("太原铁路局", "lead") in _roles(railway)
    assert _roles(police) == {("市指挥部", "mentioned"), ("市公安局", "lead")}


def test_a_company_listed_after_the_regions_own_is_the_regions_too(tmp_path):
    [telecom, offices, alone] = mentions_by_item(tmp_path, [
        "县联通公司、移动公司负责应急通信保障。",
        "县交通局、农业局、电力公司等单位分别负责核实灾害损失情况。",
        "移动公司要保障灾区通信畅通。"], "某某县", "county")
    assert _roles(telecom) == {("某某县联通公司", "lead"), ("某某县移动公司", "lead")}
    assert ("某某县电力公司", "lead") in _roles(offices)               # listed with the county's offices
    assert _roles(alone) == {("移动公司", "subject")}                  # no level written: a kind of company


def test_counties_and_districts_written_as_one_word_are_a_level(tmp_path):
    [finance, county] = mentions_by_item(tmp_path, [
        "市、县区财政部门要建立应急经费快速拨付机制。",
        "县区应急管理部门负责监督检查。"], "某某市", "city")
    assert _roles(finance) == {("某某市财政部门", "lead"), ("县区财政部门", "lead")}
    assert _roles(county) == {("县区应急管理部门", "lead")}


def test_the_bodies_a_group_is_made_of_are_its_members(tmp_path):
    [led, listed, formed] = mentions_by_item(tmp_path, [
        "后勤保障组由县财政局牵头，县民政局、县商务局等单位组成。",
        "人员疏散组由县公安局、县交通局和疏散区域内居委会及相关企事业单位组成。",
        "县应急局、县公安局组成联合调查组，负责事故调查。"], "某某县", "county")
    assert _roles(led) >= {("某某县财政局", "lead"), ("某某县民政局", "cooperate"), ("某某县商务局", "cooperate")}
    assert ("企事业单位", "cooperate") in _roles(listed) and ("某某县交通运输局", "cooperate") in _roles(listed)
    assert ("某某县应急管理局", "lead") in _roles(formed)      # bodies forming a team do its work


def test_committees_set_out_under_headings_of_their_own_keep_their_bodies(tmp_path):
    found = _by_clause(tmp_path, "## 专项应急委\n\n### 自然灾害专项应急委\n\n由市民政局、市水利局牵头，分别负责自然灾害的"
                                 "应急处置工作。\n\n### 事故灾难专项应急委\n\n由市安监局、市公安局牵头，分别负责安全生产事故的"
                                 "应急处置工作。\n\n## 应急现场指挥部\n\n在市专项应急委设立应急现场指挥部。主要负责抢险、人员"
                                 "营救和维护秩序等工作。", "某某市", "city", title="某某市突发公共事件总体应急预案", part="")
    assert not {body for body, _ in found["主要负责抢险、人"]} & {
        "某某市民政局", "某某市水利局", "某某市安监局", "某某市公安局"}      # the committees' leads are not the command's


def test_a_groups_duties_run_on_over_paragraphs_but_not_past_others(tmp_path):
    found = _by_clause(tmp_path, "（1）抢险组：由市水利局牵头，市应急局、市公安局参加。\n\n负责组织抢险队伍开展抢险。\n\n"
                                 "负责险情处置的技术指导。\n\n各区应当加强值班值守。\n\n全市防汛物资由市财政局保障。\n\n"
                                 "负责灾后的恢复重建工作。", "某某市", "city", title="某某市防汛应急预案", part="")
    bodies = {opening: {body for body, _ in found[opening]} for opening in found}
    assert "某某市水利局" in bodies["负责组织抢险队伍"] and "某某市水利局" in bodies["负责险情处置的技"]
    assert "某某市水利局" not in bodies["负责灾后的恢复重"]          # paragraphs of others in between


def test_a_campaigns_quoted_name_inside_a_bodys_name(tmp_path):
    [group, office, command, firms, other] = mentions_by_item(tmp_path, [
        "省“打非”协调领导小组要及时协调、通报各地工作情况。",
        "市“三合一”整治办公室负责日常工作。",
        "县人民政府成立县“清剿火患”指挥部，负责统筹协调。",
        "督促全区“两客一危”企业落实安全生产主体责任。",
        "对非诚信企业“一票否决”，为“十四五”开好局。"], "某某省", "province")
    assert ("某某省“打非”协调领导小组", "lead") in _roles(group)
    assert ("市“三合一”整治办公室", "lead") in _roles(office)
    assert "县“清剿火患”指挥部" in {b for b, _ in _roles(command)}
    assert ("“两客一危”企业", "subject") in _roles(firms)
    assert not any("“" in b for b, _ in _roles(other))       # after another name, or no body's head
    [listed] = mentions_by_item(tmp_path, ["市“三合一”应急管理局负责检查。"], "某某省", "province")
    assert {b for b, _ in _roles(listed)} == {"市“三合一”应急管理局"}    # before a gazetteer name too


def test_a_later_sentence_of_an_entry_that_helps_or_takes_part_makes_its_body_cooperate(tmp_path):
    found = _by_clause(tmp_path, "县公安局：负责事故现场的安全保卫工作；协助卫生部门落实强制隔离措施；参与事故调查处理；"
                                 "参与组织指挥交通管制。", "某某县", "county")
    assert ("某某县公安局", "lead") in found["负责事故现场的安"]     # (the head before the colon heads its part)
    assert ("某某县公安局", "cooperate") in found["协助卫生部门落实"] and ("卫生部门", "lead") in found["协助卫生部门落实"]
    assert ("某某县公安局", "cooperate") in found["参与事故调查处理"]
    assert ("某某县公安局", "lead") in found["参与组织指挥交通"]       # 参与组织…: it leads what it organises


def test_an_item_opened_by_bodies_named_alone_is_theirs(tmp_path):
    found = _by_clause(tmp_path, "## 成员单位职责\n\n（10）市教育局。\n\n负责对中小学生的森林防火知识宣传教育工作。\n\n"
                                 "（11）市检察院、市中级人民法院。\n\n负责森林火灾案件的诉讼和审理工作。", "某某市", "city",
                       title="某某市森林火灾应急预案", part="")
    assert {("某某市检察院", "lead"), ("某某市中级人民法院", "lead")} <= found["负责森林火灾案件"]
    assert ("某某市教育局", "lead") in found["负责对中小学生的"]


def test_departments_named_by_their_work_in_one_word(tmp_path):
    [press, building] = mentions_by_item(tmp_path, [
        "宣传部门负责组织协调、指导各类媒体及时播报有关预警信息。",
        "（六）建筑领域安全专项整治，由建设部门负责，有关部门配合。"], "某某市", "city")
    assert ("宣传部门", "lead") in _roles(press)                         # one word to jieba, 宣传 a verb
    assert _roles(building) >= {("建设部门", "lead"), ("有关部门", "cooperate")}


def test_bodies_given_a_roles_label_in_the_sentence(tmp_path):
    [group, one_of, makeup] = mentions_by_item(tmp_path, [
        "生活救助组：省民政厅牵头，省财政厅、省商务厅为成员单位。负责灾情的查核与上报。",
        "省气象局为成员单位之一。",
        "成员单位包括省发展改革委、省教育局。"], "某某省", "province")
    assert _roles(group) >= {("某某省民政厅", "lead"), ("某某省财政厅", "cooperate"), ("某某省商务厅", "cooperate")}
    assert _roles(one_of) == {("某某省气象局", "cooperate")}
    assert ("某某省教育局", "cooperate") not in _roles(makeup)           # a command's make-up: read as before


def test_a_notices_addressees_are_only_mentioned(tmp_path):
    [addressees, entry] = mentions_by_item(tmp_path, [
        "各县（市、区）人民政府、市直及驻市各有关单位：",
        "各乡镇人民政府：负责本辖区受灾群众的转移安置工作。"], "某某市", "city")
    assert addressees and all(role == "mentioned" for _b, role, _s in addressees)
    assert ("乡镇人民政府", "lead") in _roles(entry)                    # a duty after the colon: a duty entry


def test_addressees_listed_without_ge_are_only_mentioned_but_two_bodies_before_a_colon_keep_their_duty(tmp_path):
    [addressees, two, entry] = mentions_by_item(tmp_path, [
        "市应急管理局、市消防救援支队、市交通运输局、市住建局、市委宣传部、市财政局、公安分局下属各科所队室：",
        "市公安局、市交通运输局：",
        "市公安局、市交通运输局、市消防救援支队：负责现场警戒和交通管制。"], "某某市", "city")
    assert len(addressees) >= 6 and all(role == "mentioned" for _b, role, _s in addressees)
    assert {role for _b, role, _s in two} == {"lead"}                       # a duty entry's label
    assert ("某某市消防救援支队", "lead") in _roles(entry)


def test_the_division_of_labour_before_a_verb_and_the_heads_of_a_body(tmp_path):
    [helps, leads, chief, deputy] = mentions_by_item(tmp_path, [
        "各级政府对防洪抢险工作负总责，各有关部门按职能分工积极配合。",
        "有关部门按照职责分工负责监督管理。",
        "由市政府行政首长任总指挥。",
        "市三防指挥部由市政府分管防汛防旱防风工作的副市长任总指挥。"], "某某市", "city")
    assert ("有关部门", "cooperate") in _roles(helps)
    assert _roles(leads) == {("有关部门", "lead")}
    assert _roles(chief) == {("某某市人民政府", "mentioned")}             # its head, a person
    assert ("某某市人民政府", "mentioned") in _roles(deputy)
