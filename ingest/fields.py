"""The fields that say who does what: a working group's entry, a task's assignment note.

Plans set up working groups under a headquarters and write each one as fields on lines of their
own ("（1）综合协调组" / "牵头单位：市应急管理局" / "成员单位：市委宣传部、市公安局…" / "主要职责：负责…"),
inside one sentence ("医疗救治组：牵头单位：…；成员单位：…") or inline ("医疗救治组：由市卫生健康委牵头，
市红十字会参加。主要职责：负责…"). A role field says what its bodies do (牵头单位 lead, 成员单位 take
part); the duty field says what the group, so its lead, is to do. A task says who carries it out in
a note after it ("（牵头单位：X；配合单位：Y）", "责任单位：X（牵头）、Y"). ``ingest`` keeps fields on
lines of their own apart; extraction gives their bodies those roles (ingest.extract.groups).
"""

from __future__ import annotations

import re
from typing import Optional

# "牵头单位：", "组长单位：", "成员单位：", "配合部门：", "主要职责：", "职责：", "工作任务：" (a label of a
# field, not a lead-in of any kind: the labels are the forms plans use for a group's entry)
# (a county bureau's programme assigns its own sections: "责任股室：安监股", "牵头科室：…")
# (two role words make one label: "牵头主责单位：市公安局")
_ROLE_LABEL = (r"(?:牵头|组长|副组长|责任|主责|成员|配合|参加|参与|协办|组成){1,2}(?:单位|部门|股室|科室|处室)"
               r"(?:[及和]责任(?:人|领导))?")
_LABEL = _ROLE_LABEL + r"|(?:主要|工作|具体)?职责|(?:主要|工作)任务"
# a dash written in place of a duty entry's colon ("市气象局——负责…")
ENTRY_DASH = r"\s*(?:—{1,2}|－{1,2}|-{2})\s*"
# "负责人" is a person ("本级人民政府负责人担任") unless its 人 opens the word that 负责 governs:
# 负责人民防空, 负责人工影响天气, 负责人口…, 负责人防工程, 负责人才…, 负责人事…, 负责人身…, 负责人力资源.
_WORDS_OF_PEOPLE = "民工口防才事身力"
PERSON_AFTER_RESPONSIBLE = rf"人(?![{_WORDS_OF_PEOPLE}])"
RESPONSIBLE_FOR_WORDS_OF_PEOPLE = tuple("负责人" + c for c in _WORDS_OF_PEOPLE)
# a label ends in a colon, or is set in lenticular brackets ("【责任单位】市商务局")
_LABEL_END = r"(?:\s*[：:]|[】\]]\s*[：:]?)"
_FIELD = re.compile(rf"^\s*[【\[]?(?P<label>{_LABEL}){_LABEL_END}")
_HEADING = re.compile(rf"^\s*(?:{_LABEL})\s*[：:]?\s*$")
_PARTNER = re.compile(r"^(?:副组长|成员|配合|参加|参与|协办|组成)")
_DUTY = re.compile(r"职责|任务")
# "由市公安局牵头，市交通运输局、武警支队参加": a group's lead and members written in one sentence
GROUP_LEAD = re.compile(r"由[^，。；：:]{2,40}牵头")
# A role field inside a sentence: after a group's name ("医疗救治组：牵头单位：市卫生健康委；成员单位：…") or in
# the note that assigns a plan's task ("（牵头单位：市住房城乡建设局；配合单位：市应急管理局）")
# (or right after the value before it, where a conversion dropped the spaces between two fields:
# "牵头单位：市委宣传部配合单位：市应急管理局")
# (a note may be set in tortoise-shell brackets: "〔责任股室：安监股，完成时限：2024年2月5日前〕")
_INNER_FIELD = re.compile(rf"(?:^|(?<=[（(〔；;，,。：:\s【\[\u4e00-\u9fff]))[【\[]?(?P<label>{_ROLE_LABEL}){_LABEL_END}")
# a value ends with its sentence part, or where the note's next field begins ("…，完成时限：…")
_VALUE_END = re.compile(r"[；;。〕]|[，,]\s*(?=[\u4e00-\u9fff]{2,6}\s*[：:])")
# "市消防救援支队（牵头）", "市公安局（配合）": the role written after a body
_ROLE_MARK = re.compile(r"^\s*[（(](牵头|主责|配合|协办|参与|参加)[）)]")
# A clause that is only a task's assignment note: "（牵头单位：…）", "责任单位：…（牵头）、…", and the State
# Council's "（住房和城乡建设部牵头，应急管理部等按职责分工负责）"
# (its time limit may come first: "（完成时间：2025年12月底前；责任单位：省住建厅）")
_TIME_FIELD_FIRST = r"(?:(?:完成|办结|截止)?(?:时间|时限|期限|日期)|时间节点|进度安排)\s*[：:][^；;，,（()）〔〕。]{1,30}[；;，,]\s*"
_NOTE = re.compile(rf"^[（(〔]?\s*(?:{_TIME_FIELD_FIRST})?[【\[]?(?:{_ROLE_LABEL}){_LABEL_END}|^[（(][^（()）。]{{2,40}}牵头[^。]*[）)][。；]?$")


# the role a sentence gives bodies with a role's label after them: "省民政厅牵头，省财政厅为成员单位"
# (a list that a label opens, "成员单位包括A、B", is a command's make-up, read as before)
_ROLE_NAMED_AFTER = re.compile(rf"^(?:等[^，。；]{{0,6}}?)?(?:为|是|作为)(?:其|该组)?(?P<label>{_ROLE_LABEL}|成员)(?:之一)?(?![\u4e00-\u9fff])")


def role_named_after(after: str) -> Optional[str]:
    """lead / cooperate of a body a sentence gives a role's label after it ("B、C为成员单位"), else None."""
    m = _ROLE_NAMED_AFTER.match(after)
    return role_of_field(m.group("label")) if m else None


# what follows a role field's label up to a body named in its value: other bodies of the list ("、")
_FIELD_VALUE_SO_FAR = re.compile(r"[^，,；;。：:（）()〔〕【】\[\]]{0,80}")


def field_role_before(before: str) -> Optional[str]:
    """lead / cooperate of a body written in a role field's value, from the text before it
    ("大型群众性活动安全监管（牵头主责单位：" → lead; "…；配合单位：市公安局、" → cooperate), else None."""
    last = None
    for last in _INNER_FIELD.finditer(before):
        pass
    if last is None or not _FIELD_VALUE_SO_FAR.fullmatch(before[last.end():]):
        return None
    return role_of_field(last.group("label"))


def field_label(text: str) -> Optional[str]:
    """The label of the field a line or heading opens ("牵头单位"), or None."""
    m = _FIELD.match(text)
    return m.group("label") if m else None


def heading_field(heading: Optional[str]) -> Optional[str]:
    """The label a heading is, when the structure made a field's label a heading of its value
    ("牵头单位" over "市应急管理局"), or None."""
    return heading.strip().rstrip("：:").strip() if heading and _HEADING.match(heading) else None


def opens_field(text: str) -> bool:
    return field_label(text) is not None


# any short label and its value ("检查范围：…", "责任领导：…", "完成时限：…")
_ANY_FIELD = re.compile(r"^\s*[\u4e00-\u9fff]{2,6}\s*[：:]\s*\S")


def next_field(previous: str, text: str) -> bool:
    """``text`` is the next of a run of fields on lines of their own ("责任单位：派出所、供电所" /
    "检查范围：加油站…"): a line of its own, though the one before ends without punctuation."""
    return bool(_ANY_FIELD.match(text)) and (opens_field(previous) or bool(_ANY_FIELD.match(previous)))


def role_of_field(label: str) -> Optional[str]:
    """lead / cooperate for a field naming bodies, None for a duty field."""
    if _DUTY.search(label):
        return None
    return "cooperate" if _PARTNER.match(label) else "lead"


def is_duty_field(label: str) -> bool:
    return bool(_DUTY.search(label))


def without_field_label(text: str) -> str:
    """The text after a duty field's label ("主要职责：负责…" → "负责…")."""
    m = _FIELD.match(text)
    return text[m.end():].lstrip() if m and is_duty_field(m.group("label")) else text


def role_fields(text: str) -> list[tuple[int, int, int, str]]:
    """(label start, value start, value end, role) of each role field written in ``text``; a value
    runs to the next field or the end of its sentence part (；。)."""
    found = list(_INNER_FIELD.finditer(text))
    out = []
    for i, m in enumerate(found):
        stop = _VALUE_END.search(text, m.end())
        end = min(found[i + 1].start() if i + 1 < len(found) else len(text), stop.start() if stop else len(text))
        out.append((m.start(), m.end(), end, role_of_field(m.group("label")) or "lead"))
    return out


def role_mark(after: str) -> Optional[str]:
    """lead / cooperate for a role written right after a body ("（牵头）", "（配合）"), else None."""
    m = _ROLE_MARK.match(after)
    return None if m is None else ("lead" if m.group(1) in ("牵头", "主责") else "cooperate")


def is_assignment_note(text: str) -> bool:
    """A clause that only says who carries out the task it follows ("（牵头单位：X；配合单位：Y）")."""
    return bool(_NOTE.match(text.strip()))


# a part's title with the note that assigns the part ("（一）大型群众性活动安全监管（牵头主责单位：市公安局，
# 各相关单位配合）"), on its line alone
_TITLED_NOTE = re.compile(rf"^[^，。；：:,（()）]{{2,30}}[（(]\s*(?:{_ROLE_LABEL}){_LABEL_END}[^（()）]{{2,80}}[）)][。；]?$")


def is_titled_note(text: str) -> bool:
    """A part's title followed by its assignment note: the note is every item's of the part."""
    return bool(_TITLED_NOTE.match(text.strip()))
