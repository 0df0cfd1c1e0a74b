"""Working groups of emergency plans: role fields on lines of their own ("牵头单位：…" / "成员单位：…" /
"主要职责：…"), inside a sentence, or the inline form ("由X牵头，Y参加。主要职责：…") give the group's lead
and members their roles and the group's duty; a task's note ("（牵头单位：X；配合单位：Y）", "【责任单位】X")
gives the task its bodies. Constructed in the shapes plans use, as a PDF→markdown conversion
writes them (one field per paragraph, fields on adjacent lines) and as plain text."""

from __future__ import annotations

import pytest

from ingest.elided import opening
from ingest.fields import field_label, field_role_before, heading_field, role_of_field, without_field_label

FIELD_LINES = """（1）综合协调组

牵头单位：市应急管理局

成员单位：市委宣传部、市公安局、市财政局

主要职责：负责现场综合协调、信息汇总和会议组织等工作。

（2）医疗救治组
牵头单位：市卫生健康委
成员单位：市红十字会、市市场监管局
主要职责：负责组织伤员救治、卫生防疫和心理援助工作。
"""

INLINE = """（3）治安交通组：由市公安局牵头，市交通运输局、武警支队参加。主要职责：负责现场治安警戒和交通管制。

（4）宣传报道组：由市委宣传部牵头，市网信办参加。

主要职责：负责新闻发布和舆论引导工作。
"""


def _facts(tmp_path, body: str, suffix: str = "md", title: str = "苏州市防汛防台应急预案"):
    from ingest.extract import extract_facts
    from ingest.pipeline import ingest_path
    from ingest.records import DocumentMeta

    path = tmp_path / f"plan.{suffix}"
    heading = "# " if suffix == "md" else ""
    path.write_text(f"{heading}{title}\n\n{heading}1 总则\n\n本预案适用于本市防汛防台工作。\n\n"
                    f"{heading}2 现场工作组\n\n市防指根据需要设立现场指挥部，下设若干工作组。\n\n{body}", "utf-8")
    [record] = ingest_path(path, DocumentMeta(id="plan", title=title, kind="plan", region="苏州市",
                                              level="city"))
    return record, extract_facts(record)


def _bodies(record, facts, starts: str) -> list[tuple[str, str]]:
    [clause] = [c for c in record.clauses() if c.text.startswith(starts)]
    return [(m.actor_id, m.role) for m in facts.mentions if m.clause_id == clause.id]


@pytest.mark.parametrize("text,label,role", [
    ("牵头单位：市应急管理局", "牵头单位", "lead"), ("组长单位：市水务局", "组长单位", "lead"),
    ("成员单位：市公安局、市财政局", "成员单位", "cooperate"), ("配合部门: 市商务局", "配合部门", "cooperate"),
    ("主要职责：负责…", "主要职责", None), ("职责：组织…", "职责", None), ("工作任务：做好…", "工作任务", None),
])
def test_field_labels_and_the_roles_they_give(text, label, role):
    assert field_label(text) == label and role_of_field(label) == role


def test_what_is_no_field():
    # a person (组长：市长), a lead-in of a topic, a sentence with a colon later on
    assert field_label("组长：市长") is None
    assert field_label("化工及危险化学品安全：开展专项整治") is None
    assert field_label("市应急管理局：负责综合协调") is None
    assert heading_field("牵头单位") == "牵头单位" and heading_field("综合协调组") is None


def test_a_duty_field_opens_with_its_act():
    assert without_field_label("主要职责：负责新闻发布。") == "负责新闻发布。"
    assert without_field_label("牵头单位：市应急管理局") == "牵头单位：市应急管理局"   # only a duty field's label goes
    assert opening("（3）主要职责：负责新闻发布。") == "负责新闻发布。"


@pytest.mark.parametrize("suffix", ["md", "txt"])
def test_field_lines_stay_apart_and_give_their_bodies_roles(tmp_path, suffix):
    record, facts = _facts(tmp_path, FIELD_LINES, suffix)
    texts = [c.text for c in record.clauses()]
    # each field is its own unit: a members' line ending without punctuation does not run on
    assert "市委宣传部、市公安局、市财政局" in texts and "市红十字会、市市场监管局" in texts
    assert _bodies(record, facts, "市应急管理局") == [("苏州市应急管理局", "lead")]
    assert _bodies(record, facts, "市委宣传部、") == [("苏州市委宣传部", "cooperate"), ("苏州市公安局", "cooperate"),
                                                   ("苏州市财政局", "cooperate")]
    # the duty field names no body: the group (its part's heading) does it under its lead; the members'
    # part is on their own line
    assert _bodies(record, facts, "负责现场综合协调") == [("综合协调组", "lead"), ("苏州市应急管理局", "lead")]
    assert _bodies(record, facts, "负责组织伤员救治")[:2] == [("医疗救治组", "lead"), ("苏州市卫生健康委", "lead")]
    # a field's label names no body ("牵头单位" is no 单位 leading)
    assert not [m for m in facts.mentions if m.actor_id == "单位"]


def test_inline_groups_give_their_duty_field_to_the_lead(tmp_path):
    record, facts = _facts(tmp_path, INLINE)
    # (the group, its entry's head, leads with its lead: "治安交通组：由市公安局牵头…")
    assert {("苏州市公安局", "lead"), ("治安交通组", "lead")} <= set(_bodies(record, facts, "主要职责：负责现场治安警戒"))
    # the duty field in the paragraph after the group's sentence is the same group's
    assert ("苏州市委宣传部", "lead") in _bodies(record, facts, "负责新闻发布")
    task = next(t for t in facts.tasks if "负责新闻发布" in t.text)
    assert ("苏州市委宣传部", "lead") in [(a.actor_id, a.role) for a in task.actors]


def test_a_duty_field_of_another_entry_inherits_nothing(tmp_path):
    body = ("（1）综合协调组：由市应急管理局牵头，市公安局参加。\n\n"
            "（2）专家组\n\n主要职责：负责提供技术咨询。\n")
    record, facts = _facts(tmp_path, body)
    # the group before gives nothing; the part's own heading names whose duties they are
    assert _bodies(record, facts, "负责提供技术咨询") == [("专家组", "lead")]


INLINE_FIELDS = """（1）综合协调组：市应急管理局（牵头）、市委宣传部、市公安局。主要职责：负责综合协调、信息汇总工作。

（2）医疗救治组：牵头单位：市卫生健康委；成员单位：市红十字会、市市场监管局。主要职责：负责伤员救治和卫生防疫。
"""

TASK_NOTES = """# 二、主要任务

（一）开展城镇燃气安全排查整治。全面排查燃气管网隐患，2021年底前完成老旧管网改造。（牵头单位：市住房城乡建设局；配合单位：市应急管理局、市市场监管局）

（二）加强危险化学品安全监管。推进化工园区规范化建设。（责任单位：市应急管理局牵头，市生态环境局配合；完成时限：2022年12月底前）

（三）强化消防安全。开展高层建筑消防隐患排查。责任单位：市消防救援支队（牵头）、市住房城乡建设局。

（四）推进应急避难场所建设。新建一批应急避难场所。（市应急管理局牵头，市自然资源和规划局按职责分工负责）
"""


def test_fields_and_marks_inside_a_sentence(tmp_path):
    record, facts = _facts(tmp_path, INLINE_FIELDS)
    # "X（牵头）" leads and the rest of its list takes part; the duty field after it is the group's
    # (the group itself, named at the head of its entry, leads too)
    assert _bodies(record, facts, "综合协调组") == [("综合协调组", "lead"), ("苏州市应急管理局", "lead"),
                                                ("苏州市委宣传部", "cooperate"), ("苏州市公安局", "cooperate")]
    assert ("苏州市应急管理局", "lead") in _bodies(record, facts, "主要职责：负责综合协调")
    # fields after the group's name, each in its part of the sentence
    assert _bodies(record, facts, "医疗救治组：牵头单位") == [("医疗救治组", "lead"), ("苏州市卫生健康委", "lead")]
    assert _bodies(record, facts, "成员单位：市红十字会") == [("苏州市红十字会", "cooperate"),
                                                         ("苏州市市场监督管理局", "cooperate")]
    assert ("苏州市卫生健康委", "lead") in _bodies(record, facts, "主要职责：负责伤员救治")
    assert not [m for m in facts.mentions if m.actor_id in ("单位", "责任单位")]


def test_a_tasks_note_gives_the_task_its_bodies(tmp_path):
    record, facts = _facts(tmp_path, TASK_NOTES, title="苏州市安全生产专项整治实施方案")
    # the task sentences before the note take its bodies, in the note's roles
    assert _bodies(record, facts, "全面排查燃气管网隐患") == [
        ("苏州市住房城乡建设局", "lead"), ("苏州市应急管理局", "cooperate"), ("苏州市市场监督管理局", "cooperate")]
    task = next(t for t in facts.tasks if t.text.startswith("全面排查燃气管网隐患"))
    assert [(a.actor_id, a.role) for a in task.actors][0] == ("苏州市住房城乡建设局", "lead")
    # a role the note writes with a verb stays (牵头 / 配合), a mark after a name too
    assert _bodies(record, facts, "推进化工园区规范化建设") == [("苏州市应急管理局", "lead"),
                                                        ("苏州市生态环境局", "cooperate")]
    assert _bodies(record, facts, "开展高层建筑消防隐患排查") == [("苏州市消防救援支队", "lead"),
                                                         ("苏州市住房城乡建设局", "cooperate")]
    # the note's deadline is the task's, and the note is no task of its own
    chem = next(t for t in facts.tasks if t.text.startswith("推进化工园区规范化建设"))
    assert chem.deadline == "2022-12-31"
    assert not [t for t in facts.tasks if t.text.startswith("（责任单位")]
    # the State Council's form of the note
    assert _bodies(record, facts, "新建一批应急避难场所")[0] == ("苏州市应急管理局", "lead")
    # the label of a note is no body
    assert not [m for m in facts.mentions if m.actor_id in ("单位", "责任单位")]


BRACKETED_AND_RUN_TOGETHER = """（1）推进餐饮场所安装燃气报警装置。【责任单位】市商务局、各区人民政府

（2）加强燃气安全宣传教育。牵头单位：市委宣传部 配合单位：市应急管理局
"""


def test_a_label_in_lenticular_brackets_and_fields_run_together(tmp_path):
    record, facts = _facts(tmp_path, BRACKETED_AND_RUN_TOGETHER, title="苏州市燃气安全专项整治实施方案")
    # "【责任单位】X": a note as "（责任单位：X）" is, and its label is no body; the item's heading is the
    # task it assigns, as it is of a note written with a colon
    assert ("苏州市商务局", "lead") in _bodies(record, facts, "【责任单位】市商务局")
    tasks = {t.text: [(a.actor_id, a.role) for a in t.actors] for t in facts.tasks}
    assert tasks["推进餐饮场所安装燃气报警装置"][0] == ("苏州市商务局", "lead")
    assert tasks["加强燃气安全宣传教育"] == [("苏州市委宣传部", "lead"), ("苏州市应急管理局", "cooperate")]
    # two fields on one line whose space the conversion dropped ("…市委宣传部配合单位：…"): the next
    # label is no verb of the body before it
    assert _bodies(record, facts, "牵头单位：市委宣传部") == [("苏州市委宣传部", "lead"), ("苏州市应急管理局", "cooperate")]
    assert not [m for m in facts.mentions if m.actor_id in ("单位", "责任单位")]


TITLED_NOTES = """（一）大型群众性活动安全监管（牵头主责单位：市公安局，各相关单位配合）

1.开展常态化摸排，严格规范审批流程。

2.加强演出场所安全检查，市文化广电旅游局负责营业性演出审批。

（二）燃气安全监管（牵头单位：市住房城乡建设局）

1.开展燃气管网隐患排查。
"""


def test_a_parts_title_with_its_note_gives_the_parts_items_its_bodies(tmp_path):
    """"（一）大型群众性活动安全监管（牵头主责单位：市公安局，…）" over "1.开展常态化摸排…": the note is each
    item's that names no lead of its own; two role words make one label."""
    assert field_label("牵头主责单位：市公安局") == "牵头主责单位" and role_of_field("牵头主责单位") == "lead"
    record, facts = _facts(tmp_path, TITLED_NOTES, title="苏州市新业态安全监管职责及措施")
    assert ("苏州市公安局", "lead") in _bodies(record, facts, "开展常态化摸排")
    assert ("苏州市公安局", "lead") not in _bodies(record, facts, "加强演出场所安全检查")   # its own lead
    assert _bodies(record, facts, "开展燃气管网隐患排查") == [("苏州市住房城乡建设局", "lead")]


def test_the_role_a_field_gives_a_body_written_in_its_value():
    assert field_role_before("大型群众性活动安全监管（牵头主责单位：") == "lead"
    assert field_role_before("（牵头单位：市应急局、") == "lead"
    assert field_role_before("（牵头单位：市应急局；配合单位：市交通局、") == "cooperate"
    assert field_role_before("（牵头单位：市应急局，各相关单位配合；") is None     # the field has ended
    assert field_role_before("市应急局负责，") is None
