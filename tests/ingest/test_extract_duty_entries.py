"""The layouts in which emergency plans list their member units' duties. Besides "X：负责…" (a
topic the structure makes of the colon) and tables, a unit's name often stands as the heading of
a numbered part with its duties below ("（1）市应急管理局" over "负责…"), or before a full stop
or a dash on the part's own line ("2.2 市公安局。负责…", "市气象局——负责…"). The named body
leads (or co-operates, "配合…") in each clause of its part; a generic heading ("专家组",
"领导机构") names no entry. A bullet ("●", markdown's "- ") opens an entry as a number does; a
working group's duty written after its role fields without a label of its own is the group's.
A body "为…的牵头部门" is in charge as with 是; a note where an office sits ("（设在X）") stands
between a body and its verb."""

from __future__ import annotations

import pytest

from ingest_helpers import extract_document

PLAN = """# 某市森林火灾应急预案

1 总则

1.1 编制目的

为做好森林火灾应对工作，制定本预案。

2 组织机构与职责

2.1 成员单位职责

（1）市应急管理局
负责组织协调全市森林火灾扑救工作，指导森林火灾应急演练。

（2）市林业局
负责森林火灾预防和监测预警工作。

2.2 市公安局。负责火场警戒、交通疏导和火案侦破工作。

2.3 市气象局——负责提供火场天气预报；组织开展人工增雨作业。

2.4 市消防救援支队
（1）负责城镇火灾扑救；
（2）配合做好森林火灾扑救工作。

2.5 专家组
为森林火灾扑救提供技术咨询。

2.6 成员单位职责（续）

● 市水利局：负责水源调度，保障扑火用水。

- 市通信管理办：负责应急通信保障。

2.7 现场工作组

（1）治安维护组
牵头单位：市公安局
配合单位：市交通运输局
负责火场周边治安管理和交通管制。

2.8 其他

市林业局为森林火灾预防的牵头部门。

市森防指办公室（设在市应急管理局）承担指挥部日常工作。
"""


@pytest.fixture(scope="module")
def mentions(tmp_path_factory) -> dict[str, set[tuple[str, str]]]:
    """{clause text: {(body, role)}} of the plan."""
    record, facts = extract_document(tmp_path_factory.mktemp("plan"), "某市森林火灾应急预案", PLAN, "plan", "某市", "city")
    texts = {n.id: n.text for n in record.clauses()}
    out: dict[str, set[tuple[str, str]]] = {text: set() for text in texts.values()}
    for m in facts.mentions:
        out[texts[m.clause_id]].add((m.actor_id, m.role))
    return out


def _in(mentions, snippet: str) -> set[tuple[str, str]]:
    [found] = [v for k, v in mentions.items() if snippet in k]
    return found


@pytest.mark.parametrize("snippet, body", [
    ("负责组织协调全市森林火灾扑救工作", "某市应急管理局"),     # heading of a numbered item
    ("负责森林火灾预防和监测预警工作", "某市林业局"),
    ("负责火场警戒、交通疏导", "某市公安局"),                  # name, full stop, duties on one line
    ("负责提供火场天气预报", "某市气象局"),                    # name, dash, duties
    ("组织开展人工增雨作业", "某市气象局"),                    # the entry's next clause
    ("负责城镇火灾扑救", "某市消防救援支队"),                  # heading over a list of duties
])
def test_the_unit_an_entry_is_headed_by_leads_its_duties(mentions, snippet, body):
    assert (body, "lead") in _in(mentions, snippet)


def test_a_duty_of_helping_under_the_heading_co_operates(mentions):
    assert ("某市消防救援支队", "cooperate") in _in(mentions, "配合做好森林火灾扑救工作")


def test_a_generic_heading_names_no_entry(mentions):
    assert not any(role == "lead" and body != "专家组" for body, role in _in(mentions, "提供技术咨询"))
    assert all(body != "某市应急管理局" for body, _ in _in(mentions, "为做好森林火灾应对工作"))


@pytest.mark.parametrize("snippet, body", [("负责水源调度", "某市水利局"), ("负责应急通信保障", "某市通信管理办")])
def test_a_bulleted_entry_is_an_entry(mentions, snippet, body):
    assert (body, "lead") in _in(mentions, snippet)
    assert not any(k.startswith(("●", "-")) for k in mentions)     # the bullet is no part of the text


def test_a_groups_unlabelled_duty_is_the_groups(mentions):
    # the group named at its entry's head does it under its lead (its partner's part is on its own line)
    assert {("治安维护组", "lead"), ("某市公安局", "lead")} <= _in(mentions, "负责火场周边治安管理")
    assert ("某市交通运输局", "cooperate") not in _in(mentions, "负责火场周边治安管理")


@pytest.mark.parametrize("snippet, body", [("为森林火灾预防的牵头部门", "某市林业局"),
                                           ("承担指挥部日常工作", "某市森防指办公室")])
def test_a_body_in_charge_by_copula_or_after_a_note_leads(mentions, snippet, body):
    assert (body, "lead") in _in(mentions, snippet)
