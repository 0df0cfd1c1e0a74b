"""Web copies that lost their line breaks (a whole part on one line, the breaks left as spaces):
cut where whitespace stands after a sentence's end or before a numbered heading or item, so that
their structure and duty entries are read; ordinary long paragraphs keep their spaces."""

from __future__ import annotations

from ingest.flattened import unflatten
from ingest_helpers import extract_document, roles_by_opening

FLAT = ("州交通局:负责做好交通运输防灾减灾对策预案,协调落实救灾交通车辆。 州公安局:负责维护灾区社会治安秩序,"
        "依法打击灾区的违法犯罪。 2.1.3 州应急领导小组办公室 办公室设在州林业和环境保护局,由州林业和环境保护局局长兼任"
        "办公室主任。其职责为:负责编制和修订应急预案;负责组织应急人员的培训和应急演练工作。 2.1.4 现场工作组 "
        "州应急领导小组应在特大沙尘暴灾害发生后派出现场工作组。现场工作组从有关部门调集人员组成,其职责是:了解灾害损失情况。")


def test_a_flattened_line_is_cut_at_its_lost_breaks():
    assert unflatten(FLAT) == [
        "州交通局:负责做好交通运输防灾减灾对策预案,协调落实救灾交通车辆。",
        "州公安局:负责维护灾区社会治安秩序,依法打击灾区的违法犯罪。",
        "2.1.3 州应急领导小组办公室",
        "办公室设在州林业和环境保护局,由州林业和环境保护局局长兼任办公室主任。其职责为:负责编制和修订应急预案;"
        "负责组织应急人员的培训和应急演练工作。",
        "2.1.4 现场工作组",
        "州应急领导小组应在特大沙尘暴灾害发生后派出现场工作组。现场工作组从有关部门调集人员组成,其职责是:了解灾害损失情况。"]


def test_a_long_paragraph_with_spaced_numbers_is_no_flattened_line():
    line = "到 2025 年，全市应急管理体系基本建成，" * 20 + "完成 3 处避难场所建设。"
    assert unflatten(line) == [line]


def test_a_flattened_duty_list_gives_each_entry_its_body(tmp_path):
    record, facts = extract_document(tmp_path, "黄南州重大沙尘暴灾害应急预案", FLAT, "plan", "黄南州", "city")
    on = roles_by_opening(record, facts, 6)
    assert ("负责维护灾区", "黄南州公安局", "lead") in on
    assert ("负责做好交通", "黄南州交通局", "lead") in on
    # the office's duties are not the police's, whose entry ended with its paragraph
    assert not any(body == "黄南州公安局" and text.startswith("负责编制") for text, body, _ in on)
    assert any(n.number == "2.1.3" for n in record.root.walk())
