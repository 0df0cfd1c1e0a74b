"""Wordings read this round from real excerpts of plans' task breakdowns and duty divisions (a
development set kept out of the repository): a task's "责任单位及责任人：" line, a body set up under a
short name that carries its level, a list's collective name between the bodies and their duty, a
level listed with 以及, a county named by jieba only with its level, a sentence's subject going on
after its ；, an amendment quoting the article it writes, and an office jieba cut. Constructed
sentences in those wordings."""

from __future__ import annotations

from ingest_helpers import mentions_by_clause, mentions_by_item


def _roles(found):
    return {(body, role) for body, role, _ in found}


def test_a_tasks_line_of_responsible_bodies_and_persons_gives_the_bodies(tmp_path):
    found = mentions_by_clause(tmp_path, "1.2009年底前，完成特勤消防三中队建设。\n\n"
                               "责任单位及责任人：呈贡县政府、市发改委、市财政局主要领导。\n\n"
                               "2.2009年底前，完成盘龙消防三中队建设。\n\n责任单位及责任人：盘龙区政府主要领导。",
                               "昆明市", "city", "昆明市消防站点建设责任分解", "一、消防站点建设\n\n", opening=8)
    assert {("呈贡县人民政府", "lead"), ("昆明市发改委", "lead"), ("昆明市财政局", "lead")} <= found["呈贡县政府、市发"]
    assert ("盘龙区人民政府", "lead") in found["盘龙区政府主要领"]


def test_a_body_set_up_under_a_short_name_with_a_level_is_that_levels(tmp_path):
    set_up, office, named = mentions_by_item(tmp_path, [
        "县政府设立防汛指挥部（以下简称“县防指”），负责全县防汛抗旱工作。",
        "县防指办公室设在县水利局，负责日常工作。", "县防指负责组织指挥全县防汛抢险。"], "某县", "county")
    assert ("某县防汛指挥部", "lead") in _roles(set_up)
    assert ("某县防汛指挥部办公室", "lead") in _roles(office)
    # the document's own short name, not the usual one's body (防汛抗旱指挥部)
    assert _roles(named) == {("某县防汛指挥部", "lead")}


def test_a_lists_collective_name_stands_between_the_bodies_and_their_duty(tmp_path):
    [called] = mentions_by_item(tmp_path, [
        "区公安分局、区卫生局（统称为联动单位），在各自职责范围内负责应急联动处置工作。"], "普陀区", "county")
    assert _roles(called) == {("普陀区公安分局", "lead"), ("普陀区卫生局", "lead")}


def test_a_level_listed_after_bodies_with_yiji_acts_with_them(tmp_path):
    streets, towns = mentions_by_item(tmp_path, ["区公安分局以及各街道负责应急联动处置工作。",
                                                 "各乡镇以及县直有关部门负责组织实施。"], "普陀区", "county")
    assert _roles(streets) == {("普陀区公安分局", "lead"), ("街道", "lead")}
    assert _roles(towns) == {("乡镇", "lead"), ("县直有关部门", "lead")}


def test_an_area_word_is_no_local_prefix(tmp_path):
    [area] = mentions_by_item(tmp_path, ["区域行政主管机构负责辖区内的先期处置。"], "普陀区", "county")
    assert _roles(area) == {("区域行政主管机构", "lead")}        # not 普陀区 + 域行政主管机构


def test_a_county_jieba_knows_only_with_its_level_keeps_its_name(tmp_path):
    [county] = mentions_by_item(tmp_path, ["呈贡县政府负责消防站建设用地保障。"], "昆明市", "city")
    assert _roles(county) == {("呈贡县人民政府", "lead")}       # jieba: 呈贡 (a verb) | 县政府


def test_a_sentences_subject_goes_on_to_its_later_clauses(tmp_path):
    found = mentions_by_clause(tmp_path, "街道办事处负责协助质监部门查找电梯安全隐患；组织和协调将老旧住宅电梯纳入物业管理；"
                               "协助处置因封停电梯引发的不稳定事件。区人民政府负责本辖区电梯安全综合管理工作。"
                               "加强宣传教育。", "武汉市", "city", "武汉市电梯安全管理意见", "二、职责分工\n\n", opening=8)
    assert ("街道办事处", "lead") in found["组织和协调将老旧"]
    assert ("街道办事处", "cooperate") in found["协助处置因封停电"]    # its own verb gives the role
    assert found["加强宣传教育。"] == set()                               # a new sentence: no subject carried


def test_a_reports_sentences_carry_no_subject(tmp_path):
    from ingest_helpers import extract_document

    record, facts = extract_document(tmp_path, "某市政府工作报告", "# 某市政府工作报告\n\n一、工作回顾\n\n"
                                     "市应急管理局开展安全生产大检查；整治隐患三千余处。\n", "report", "某市", "city")
    second = next(c.id for c in record.clauses() if c.text.startswith("整治隐患"))
    assert not [m for m in facts.mentions if m.clause_id == second]


def test_an_amendment_quotes_the_article_it_writes(tmp_path):
    listed, quoted = mentions_by_item(tmp_path, [
        "“发展改革、财政、气象等部门在各自职责范围内做好燃气管理相关工作。",
        "将第四条第一款修改为：“市、区（市）人民政府应当加强对燃气工作的领导。"], "枣庄市", "city")
    assert _roles(listed) == {("发展改革部门", "lead"), ("财政部门", "lead"), ("气象部门", "lead")}
    assert ("枣庄市人民政府", "lead") in _roles(quoted)


def test_an_item_ending_in_an_offices_head_is_a_body_of_its_own(tmp_path):
    [listed] = mentions_by_item(tmp_path, ["市民防办、市地震局负责应急避难场所建设。"], "上海市", "province")
    assert _roles(listed) == {("上海市民防办", "lead"), ("上海市地震局", "lead")}    # jieba: 市民|防办; no 民防办局


def test_a_note_on_the_line_after_a_task_gives_the_task_its_bodies(tmp_path):
    found = mentions_by_clause(tmp_path, "1.2009年底前，完成盘龙消防三中队建设。\n\n责任单位：盘龙区政府。\n\n"
                               "2.完成嵩明县消防大队营房改造。\n\n（责任单位：嵩明县政府）\n\n"
                               "3.加强队伍建设。\n\n责任领导：张三\n\n责任单位：石林县政府。",
                               "昆明市", "city", "昆明市消防站点建设责任分解", "一、消防站点建设\n\n", opening=8)
    assert ("盘龙区人民政府", "lead") in found["2009年底前，"]
    assert ("嵩明县人民政府", "lead") in found["完成嵩明县消防大"]
    assert found["张三"] == set()                  # a field line is no task of the note after it


def test_a_whole_company_name_and_its_verb_share_no_head_with_the_list(tmp_path):
    [paid] = mentions_by_item(tmp_path, ["由桓仁矿业有限公司出资、桓仁县政府补贴，安置原矿区职工。"], "本溪市", "city")
    assert "桓仁矿业有限公司" in {body for body, _role, _surface in paid}      # not 桓仁矿业有限公司出资县政府
    assert all("出资" not in body for body, _role, _surface in paid)


def test_a_plan_quoting_a_rules_articles_reads_their_bodies_as_subjects(tmp_path):
    found = mentions_by_clause(tmp_path, "第十一条 人民防空行政主管部门负责人民防空安全的监督管理工作。\n\n"
                               "第九条 园林绿化行政主管部门负责所属公园的安全生产监督管理工作；按照规定负责园林绿化施工单位的"
                               "安全生产监督管理工作。", "常州市", "city", "常州市有关部门安全生产监督管理职责规定", "", opening=8)
    # (负责|人民防空: no 负责人 of the department)
    assert ("人民防空行政主管部门", "lead") in found["第十一条人民防空"]
    assert ("园林绿化行政主管部门", "lead") in found["按照规定负责园林"]     # the rule it acts by, then its verb


def test_a_note_in_tortoise_shell_brackets_naming_a_bureaus_sections_gives_the_task_its_bodies(tmp_path):
    """A county bureau's task list: "〔牵头股室：…，责任股室：…，完成时限：…〕" after each task (half-width
    punctuation as web copies write it); a section (股室/科室) or a station is a body there."""
    from ingest_helpers import extract_document, roles_by_opening
    text = ("# 某县交通运输局岁末年初安全防范工作任务清单\n\n一、共性任务\n\n"
            "（一）组织开展一次安全风险分析研判会，并组织领导干部带头深入一线开展督导检查。〔牵头股室:办公室,责任股室:局属各业务股室、综合执法大队,完成时限:2024年2月17日〕\n\n"
            "（二）及时制定春运期间安全防范工作方案，强化春运期间各项安全防范措施落实。〔责任股室:运管站、养护站,完成时限:2024年1月15日前〕\n")
    record, facts = extract_document(tmp_path, "某县交通运输局岁末年初安全防范工作任务清单", text, "plan", "某县", "county",
                                     date="2024-01-05")
    on = roles_by_opening(record, facts, 6)
    assert {("组织开展一次", "局属各业务股室", "lead"), ("组织开展一次", "综合执法大队", "lead"),
            ("及时制定春运", "运管站", "lead"), ("及时制定春运", "养护站", "lead")} <= on
    assert not any(body.endswith("完成时限") or body == "责任股室" for _, body, _ in on)
    due = {(d.expression, d.date) for d in facts.deadlines}
    assert {("2024年2月17日", "2024-02-17"), ("2024年1月15日前", "2024-01-15")} <= due


def test_a_note_opening_with_its_time_limit_gives_the_task_its_bodies(tmp_path):
    """"（完成时间：2025年12月底前；责任单位：省住建厅）": the time limit before the role field, half-width or not."""
    from ingest_helpers import extract_document, roles_by_opening
    text = ("# 某省燃气管理条例贯彻实施工作方案\n\n一、开展学习宣传培训\n\n"
            "（一）印发贯彻实施方案。全面部署学习宣传贯彻实施工作，统筹全省城镇燃气领域工作。"
            "（完成时间：2025年12月底前；责任单位：省住建厅）\n\n"
            "(二)组织专题学习培训。组建专家团队，赴市州宣讲。(完成时限:2026年6月底前;责任单位:省住建厅,省委宣传部)\n")
    record, facts = extract_document(tmp_path, "某省燃气管理条例贯彻实施工作方案", text, "plan", "某省", "province")
    on = roles_by_opening(record, facts, 6)
    assert {("全面部署学习", "某省住建厅", "lead"), ("组建专家团队", "某省住建厅", "lead"),
            ("组建专家团队", "某省委宣传部", "lead")} <= on


def test_a_note_after_the_last_item_of_a_list_is_the_whole_lists(tmp_path):
    """A task breakdown writes the responsible bodies once, after the last item of a group of tasks
    ("1.完善应急预案体系" / "（1）…（4）…" / "（责任单位：…）"): each item is theirs; a list whose items carry
    notes of their own keeps them."""
    from ingest_helpers import extract_document, roles_by_opening
    text = ("# 某市应急体系建设规划责任分解\n\n一、具体建设任务\n\n1.完善应急预案体系\n\n"
            "（1）加强应急预案管理，规范应急预案编制、审批和备案工作。\n\n（2）加强应急预案演练，完善演练管理制度。\n\n"
            "（3）加强应急预案的培训宣传，扩大应急预案发布范围。\n\n（责任单位：市直各有关单位、各县（市、区）人民政府）\n\n"
            "2.加强监测预警\n\n（1）完善监测网络，提高预警能力。（责任单位：市气象局）\n\n"
            "（2）建设预警信息发布系统，扩大覆盖面。（责任单位：市应急管理局）\n")
    record, facts = extract_document(tmp_path, "某市应急体系建设规划责任分解", text, "plan", "某市", "city")
    on = roles_by_opening(record, facts, 6)
    for task in ("加强应急预案管", "加强应急预案演", "加强应急预案的"):
        assert (task[:6], "县（市、区）人民政府", "lead") in on
    assert ("完善监测网络", "某市气象局", "lead") in on
    assert ("完善监测网络", "某市应急管理局", "lead") not in on


def test_a_later_clause_opened_by_an_adverb_goes_on_with_its_subject(tmp_path):
    # "；随时准备派出…": the adverb before the verb does not end the subject's run, nor does it skip the next clause
    found = mentions_by_clause(tmp_path, "市农业局负责冻害监测；根据需要派出工作组指导防冻；随时准备派出农技人员指导救灾；"
                               "负责掌握和核实农业受灾情况。", "荆州市", "city", "荆州市低温雨雪冰冻灾害应急预案",
                               "二、职责分工\n\n", opening=8)
    assert ("荆州市农业局", "lead") in found["随时准备派出农技"]
    assert ("荆州市农业局", "lead") in found["负责掌握和核实农"]


def test_a_subject_bound_by_not_only_leads(tmp_path):
    # "X不仅要…，更要…" is X's duty, as "X要…" is
    found = mentions_by_clause(tmp_path, "各乡镇人民政府和森林经营单位不仅要落实预防森林火灾的各项措施，更要做好应急准备。",
                               "某某县", "county", "某某县森林火灾应急预案", "一、工作原则\n\n", opening=8)
    assert ("乡镇人民政府", "lead") in found["各乡镇人民政府和"]


def test_a_body_after_depending_on_is_named_without_it(tmp_path):
    # "视X的需求": 视 (depending on) is no part of the body's name
    found = mentions_by_clause(tmp_path, "视省级人民政府地震应急的需求，国家给予必要的协调和支持。", "全国", "national",
                               "国家地震应急预案", "一、分级负责\n\n", opening=8)
    assert {body for body, _ in found["视省级人民政府地"]} == {"省级人民政府"}


def test_bodies_acting_at_once_of_themselves_lead(tmp_path):
    # "X立即自动按照职责分工…": 自动 is how they act, not what
    found = mentions_by_clause(tmp_path, "地震发生后，县政府和有关部门立即自动按照职责分工开展应急处置。", "霍邱县", "county",
                               "霍邱县地震应急预案", "一、分级负责\n\n", opening=8)
    assert {("霍邱县人民政府", "lead"), ("有关部门", "lead")} <= found["地震发生后，县政"]


def test_a_request_to_a_body_is_no_part_of_its_name(tmp_path):
    # "…灾害报请市政府…", "…程序报请国务院…": 报请 / 提请 end the body's name on its left
    found = mentions_by_clause(tmp_path, "较大地震灾害报请市政府及市有关部门提供支援。", "霍邱县", "county",
                               "霍邱县地震应急预案", "一、分级负责\n\n", opening=8)
    assert {body for body, _ in found["较大地震灾害报请"]} == {"市人民政府", "市有关部门"}
