"""A duty table copied from a PDF's text layer: each row's number and body sit in the middle of their
duty text (the PDF centres short cells). The rows are put back together, then read as a duty table."""

from __future__ import annotations

from ingest.flat_duty_table import find_flat_duty_table
from ingest_helpers import extract_document

# (a page that starts mid-table, with the header repeated and a line in a broken font under it;
# the Yi-syllable punctuation some PDF fonts give is read as Chinese punctuation)
TABLE = """某某市人民政府公报 2024 3 政府文件
序号 成员单位 应急职责
شغ؟ථ൧ದᆟک܄Б
负责组织、协调事故现场环境应急监测、预警和环境损害
7 市生态环境局
评估工作ꎬ组织制定环境应急处置方案ꎬ参与事故调查ꎮ
协调施救所需的施工机械、救援器材和其它特种设备ꎬ负
8 市住房和城乡建设局 责协调和指导恢复城市供水、供气、供热等公
用设施运行ꎬ保障居民基本生活需要ꎮ
9 市交通运输局 负责组织提供应急救援所需的交通运输保障工作ꎮ
按照职责配合做好事故抢险救援工
10 市水利局
作ꎻ完成市应急指挥部安排的其它应急工作ꎮ
负责事故遇难人员善后处置工作和受事故影响群众的救
11 市民政局
助工作ꎮ
负责指导协调事故的医疗卫生救援工作ꎬ组"""


def test_rows_are_put_back_together_around_their_labels():
    lines = TABLE.splitlines()
    end, rows, row_lines = find_flat_duty_table(lines, 1, lambda text: False)
    assert rows == [
        ["序号", "成员单位", "应急职责"],
        ["7", "市生态环境局", "负责组织、协调事故现场环境应急监测、预警和环境损害评估工作，组织制定环境应急处置方案，参与事故调查。"],
        ["8", "市住房和城乡建设局", "协调施救所需的施工机械、救援器材和其它特种设备，负责协调和指导恢复城市供水、供气、供热等公"
                                 "用设施运行，保障居民基本生活需要。"],
        ["9", "市交通运输局", "负责组织提供应急救援所需的交通运输保障工作。"],
        ["10", "市水利局", "按照职责配合做好事故抢险救援工作；完成市应急指挥部安排的其它应急工作。"],
        ["11", "市民政局", "负责事故遇难人员善后处置工作和受事故影响群众的救助工作。"]]
    assert row_lines == [2, 5, 8, 10, 12, 15]
    assert lines[end - 1] == "助工作ꎮ"          # the cut-off row after it is left as text


def test_a_row_whose_sentence_never_ends_keeps_as_many_lines_after_its_label_as_before():
    lines = ["序号 责任单位 主要职责", "负责组织全市森林火灾扑救", "1 市林业局", "工作，指导各区开展", "扑火队伍建设",
             "2 市公安局", "负责火场警戒。"]
    _, rows, _ = find_flat_duty_table(lines, 0, lambda text: False)
    assert rows[1:] == [["1", "市林业局", "负责组织全市森林火灾扑救工作，指导各区开展"],
                        ["2", "市公安局", "扑火队伍建设负责火场警戒。"]]


def test_running_text_and_other_tables_are_not_duty_tables():
    assert find_flat_duty_table(["序号 指标名称 2020年 2025年 属性"], 0, lambda t: False) is None
    assert find_flat_duty_table(["成员单位职责如下：", "1 市应急管理局 负责综合协调。"], 0, lambda t: False) is None
    # one row is no table
    assert find_flat_duty_table(["序号 成员单位 职责", "1 市应急管理局 负责综合协调。", "二、预警"], 0,
                                lambda t: False) is None


def test_each_row_gives_its_duty_to_its_own_body(tmp_path):
    record, facts = extract_document(tmp_path, "某某市危险化学品事故应急预案", TABLE, "plan", "某某市", "city")
    by_row = {}
    for m in facts.mentions:
        by_row.setdefault(m.clause_id.rsplit("/", 1)[-1], set()).add((m.actor_id, m.role))
    leads = {row: {a for a, role in found if role == "lead"} for row, found in by_row.items()}
    assert leads == {"row_1": {"某某市生态环境局"}, "row_2": {"某某市住房和城乡建设局"}, "row_3": {"某某市交通运输局"},
                     "row_4": {"某某市水利局"}, "row_5": {"某某市民政局"}}
    assert any("环境损害评估工作" in (node.text or "") for node in record.nodes())     # one cell, not two halves


def test_a_duty_that_never_ends_does_not_swallow_the_document():
    lines = ["序号 成员单位 职责", "1 市应急管理局 负责综合协调。", "2 市公安局 负责警戒"] + ["正文继续" + str(k) for k in range(50)]
    end, rows, _ = find_flat_duty_table(lines, 0, lambda text: False)
    assert rows[2] == ["2", "市公安局", "负责警戒"] and end == 3      # the running text after it stays text


def test_many_header_lines_without_rows_are_read_in_linear_time():
    import time

    lines = ["序号 成员单位 职责"] * 5000       # (quadratic: 12 M lines read; linear: 45 k)
    started = time.process_time()
    assert all(find_flat_duty_table(lines, i, lambda text: False) is None for i in range(len(lines)))
    assert time.process_time() - started < 5.0
