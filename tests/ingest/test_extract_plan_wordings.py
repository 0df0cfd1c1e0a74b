"""Wordings of emergency plans as users copy them from web pages and OCR, read this round from
real plans' duty sections (a development set of excerpts kept out of the repository): half-width
punctuation ("市交通局:负责…;…", "县(市、区)"), a body that 负责协助 another (it cooperates), a
region's own company named with a local prefix ("省电力公司负责…": the plan tasks it by name, as
it does 苏州供电公司), and the flood plans' short forms 省防指 / 市防指 and 国家防总, defined in the
text or not. Constructed sentences in those wordings."""

from __future__ import annotations

from ingest_helpers import mentions_by_item


def _roles(found):
    return {(body, role) for body, role, _ in found}


def test_a_body_that_is_responsible_for_assisting_cooperates_and_the_helped_leads(tmp_path):
    [civil, tourism, lead] = mentions_by_item(tmp_path, [
        "区民政局负责协助受灾街道做好转移群众的临时安置工作。",
        "区文化旅游局负责配合有关部门为游客提供救援和帮助。",
        "区卫生健康局负责组织协调医疗救治工作，协助做好心理援助。"], "某某区", "district")
    assert ("某某区民政局", "cooperate") in _roles(civil)
    assert _roles(tourism) >= {("某某区文化旅游局", "cooperate"), ("有关部门", "lead")}
    assert ("某某区卫生健康局", "lead") in _roles(lead)           # 负责组织…，协助…: it leads


def test_a_regions_own_company_named_with_a_local_prefix_is_tasked_by_name(tmp_path):
    [power, telecom, gas] = mentions_by_item(tmp_path, [
        "省电力公司负责抢险救灾现场的临时供电和受损电网的抢修。",
        "省通信公司：负责保障指挥部与灾区之间的通信畅通。",
        "省内燃气企业负责做好本单位的隐患排查。"], "某某省", "province")
    assert _roles(power) == {("某某省电力公司", "lead")}
    assert ("某某省通信公司", "lead") in _roles(telecom)
    assert ("燃气企业", "subject") in _roles(gas)                 # a class of enterprises: obliged


def test_flood_headquarters_short_forms_name_the_headquarters(tmp_path):
    [report, levels, tri] = mentions_by_item(tmp_path, [
        "省气象局：及时向省防指报送降雨和墒情预报信息。",
        "国家防总、省防指和市防指按照权限发布洪水预警。",
        "气象台站应当及时向本级三防指挥部报告灾害性天气。"], "某某省", "province")
    assert ("某某省防汛抗旱指挥部", "mentioned") in _roles(report)
    assert {"国家防汛抗旱总指挥部", "某某省防汛抗旱指挥部", "市防汛抗旱指挥部"} <= {b for b, _ in _roles(levels)}
    assert {b for b, _ in _roles(tri)} == {"气象台站", "本级三防指挥部"}     # 三防指挥部 stays whole


def test_fields_listed_with_the_last_joined_by_and_share_the_department(tmp_path):
    [three, supplies, rules, compound] = mentions_by_item(tmp_path, [
        "县发展改革、财政和民政部门要做好救灾资金的安排和拨付。",
        "工信、供销和粮食部门应当建立救灾物资的采购供应机制。",
        "有关单位依照法律、行政法规和国务院财政部门的规定管理救灾资金。",
        "发展和改革、经济和信息化主管部门负责项目审批。"], "某某县", "county")
    assert _roles(three) == {("某某县发展改革部门", "lead"), ("某某县财政部门", "lead"), ("某某县民政部门", "lead")}
    assert _roles(supplies) == {("工信部门", "lead"), ("供销部门", "lead"), ("粮食部门", "lead")}
    assert not any(b.startswith(("法律", "行政法规")) for b, _ in _roles(rules))   # rules are no fields
    assert not any(b.startswith("经济主管") for b, _ in _roles(compound))         # 和 inside the fields: unread


def test_a_plan_tasks_a_company_it_names_as_a_body(tmp_path):
    [telecom, power, cls] = mentions_by_item(tmp_path, [
        "洛阳网通公司组织协调有关电信运营企业，尽快恢复被毁坏的通信设施。",
        "市通信分公司在应急期间负责组织抢修通信线路。",
        "供电企业要加强线路巡查。"], "洛阳市", "city")
    assert ("洛阳网通公司", "lead") in _roles(telecom)
    assert ("洛阳市通信分公司", "lead") in _roles(power)
    assert _roles(cls) == {("供电企业", "subject")}                # a class of enterprises: obliged


def test_a_working_group_heading_its_entry_leads_it(tmp_path):
    [rescue, medical, stability, numbered] = mentions_by_item(tmp_path, [
        "抢险救助组：负责抢救受害人员，配合有关部门组织转移群众。",
        "医疗救护与卫生防疫组：由市卫生健康局牵头，市红十字会参加，负责组织急救队伍救护伤员。",
        "维稳组：负责灾区社会治安管理和安全保卫工作。",
        "第一组：负责东片区的巡查。"], "某某市", "city")
    assert ("抢险救助组", "lead") in _roles(rescue)
    assert _roles(medical) >= {("医疗救护与卫生防疫组", "lead"), ("某某市卫生健康局", "lead"),
                               ("某某市红十字会", "cooperate")}
    assert ("维稳组", "lead") in _roles(stability)
    assert not any(b.endswith("组") for b, _ in _roles(numbered))  # a numbered group names no task


def test_a_group_named_only_by_its_members_leads_its_duty_through_them(tmp_path):
    from ingest_helpers import extract_document, roles_by_opening
    text = ("# 某某市地震应急预案\n\n一、震害损失评估\n\n组成单位：市地震局、市住房城乡建设局\n\n"
            "主要职责：确定震区地震烈度；进行震害经济损失评估。\n\n二、涉外工作\n\n组成单位：市外事办\n\n"
            "主要职责：处理地震发生后的涉外工作。\n")
    record, facts = extract_document(tmp_path, "某某市地震应急预案", text, "plan", "某某市", "city")
    on = roles_by_opening(record, facts)
    assert ("确定震区地震烈度；", "某某市地震局", "lead") in on
    assert ("进行震害经济损失评估。", "某某市住房城乡建设局", "lead") in on


def test_a_part_of_an_entry_handed_to_another_body_is_not_the_entrys(tmp_path):
    [entry] = mentions_by_item(tmp_path, [
        "灾民安置组：由市应急管理局牵头，负责灾民的转移安置。其中，人员转移的具体组织实施由当地县级人民政府负责。"],
        "某某市", "city")
    handed = [(b, r) for b, r, s in entry if s == "灾民安置组" or b == "县级人民政府"]
    assert ("县级人民政府", "lead") in handed and handed.count(("灾民安置组", "lead")) == 1


def test_a_command_set_up_to_command_leads_what_it_commands(tmp_path):
    [command, chief] = mentions_by_item(tmp_path, [
        "设立市公共场所安全事故应急指挥部，指挥公共场所重大安全事故的应急处置工作。",
        "成立市森林防火指挥部，指挥长由分管副市长担任。"], "某某市", "city")
    assert ("某某市公共场所安全事故应急指挥部", "lead") in _roles(command)
    assert ("某某市森林防火指挥部", "mentioned") in _roles(chief)     # who heads it: no act of it


def test_a_part_headed_by_a_working_groups_duties_is_the_groups(tmp_path):
    from ingest_helpers import extract_document, roles_by_opening
    text = ("# 某某县森林火灾应急预案\n\n一、指挥部下设工作组\n\n（一）综合调度组职责\n\n"
            "掌握火情动态，及时向县指挥部报告。\n\n起草扑火工作总结报告。\n")
    record, facts = extract_document(tmp_path, "某某县森林火灾应急预案", text, "plan", "某某县", "county")
    on = roles_by_opening(record, facts)
    assert {("掌握火情动态，及时向县指挥部报告。", "综合调度组", "lead"),
            ("起草扑火工作总结报告。", "综合调度组", "lead")} <= on


def test_a_plans_own_command_written_short_is_that_command(tmp_path):
    """An emergency plan sets up its command once in full and then writes it short without defining the
    short form ("指挥部", "盟指挥部办公室", "指挥部下设办公室", a part headed "应急指挥部办公室" over its duties);
    another command ("现场指挥部", the province's) keeps its own name."""
    from ingest_helpers import extract_document, roles_by_opening
    text = ("# 某盟重大沙尘暴灾害应急预案\n\n（一）组织机构\n\n"
            "成立盟重大沙尘暴灾害应急指挥部，统一领导全盟重大沙尘暴灾害应急工作。盟重大沙尘暴灾害应急指挥部由盟长任总指挥。\n\n"
            "指挥部下设办公室，办公室设在盟林业局。\n\n"
            "（二）应急指挥部办公室\n\n主要职责：\n\n（1）负责落实有关重大沙尘暴灾害预防和应急工作的指示和要求。\n\n"
            "（2）负责编制和完善应急预案。\n\n（三）应急响应\n\n"
            "指挥部根据灾害等级启动响应，必要时成立现场指挥部。盟指挥部办公室及时向自治区森林草原防灭火指挥部报告。\n")
    record, facts = extract_document(tmp_path, "某盟重大沙尘暴灾害应急预案", text, "plan", "兴安盟", "city")
    on = roles_by_opening(record, facts, 6)
    command, office = "兴安盟重大沙尘暴灾害应急指挥部", "兴安盟重大沙尘暴灾害应急指挥部办公室"
    assert ("指挥部下设办", command, "lead") in on and ("指挥部下设办", office, "mentioned") in on
    assert {("负责落实有关", office, "lead"), ("负责编制和完", office, "lead")} <= on
    assert ("指挥部根据灾", command, "lead") in on
    assert ("盟指挥部办公", office, "lead") in on
    assert not any(body.startswith("兴安盟") and "现场" in body for _, body, _ in on)


def test_a_description_or_a_report_before_a_command_is_no_part_of_its_name(tmp_path):
    """"立即将所发生的重大事故的情况报指挥部办公室": the office the report goes to, not a command named
    "所发生的重大事故的情况报指挥部" that the plan would call its own."""
    from ingest_helpers import extract_document, roles_by_opening
    text = ("# 某市建筑工地重大安全事故应急救援预案\n\n五、重大事故报告\n\n"
            "（一）重大事故发生后，事故单位必须立即将所发生的重大事故的情况报指挥部办公室。\n")
    record, facts = extract_document(tmp_path, "某市建筑工地重大安全事故应急救援预案", text, "plan", "某市", "city")
    bodies = {body for _, body, _ in roles_by_opening(record, facts)}
    assert "事故单位" in bodies and not any("情况报" in body or "所发生" in body for body in bodies), bodies
