"""Tables that assign duties — "成员单位 | 主要职责", "重点任务 | 牵头单位 | 配合单位 | 完成时限", a working
group's "牵头单位 | 成员单位 | 主要职责" — give their bodies the rows' duties in their columns' roles,
and each row a task; tables that assign nothing (units of measure, contacts) give no bodies. The
tables are constructed in the shapes emergency plans and implementation programmes use (HTML from
PDF conversions, pipe tables)."""

from __future__ import annotations

from ingest.extract.duty_tables import METHOD, duty_layout
from ingest.extract.table_layout import headers


def _facts(tmp_path, body: str, title: str = "苏州市森林火灾应急预案"):
    from ingest.extract import extract_facts
    from ingest.pipeline import ingest_path
    from ingest.records import DocumentMeta

    path = tmp_path / "plan.md"
    path.write_text(f"# {title}\n\n# 1 总则\n\n本预案适用于本市森林火灾应对工作。\n\n# 2 组织体系\n\n{body}\n", "utf-8")
    [record] = ingest_path(path, DocumentMeta(id="plan", title=title, kind="plan", region="苏州市", level="city",
                                              period_start=2024, period_end=2025))
    return record, extract_facts(record)


def _html(*rows):
    return "<html><body><table>" + "".join(
        "<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows) + "</table></body></html>"


def _table_bodies(facts):
    return [(m.clause_id.rsplit("/", 1)[1], m.actor_id, m.role) for m in facts.mentions if m.provenance.method == METHOD]


def test_a_table_of_member_duties_makes_each_member_lead_its_row(tmp_path):
    table = _html(("成员单位", "主要职责"),
                  ("市应急管理局", "负责指导森林火灾扑救工作，组织协调应急救援力量参与扑救。"),
                  ("市林业局", "负责森林火灾预防工作，组织开展防火巡护、火源管理。"),
                  ("市气象局", "负责提供火险气象等级预报，适时开展人工增雨作业。"))
    _record, facts = _facts(tmp_path, table)
    assert _table_bodies(facts) == [("row_1", "苏州市应急管理局", "lead"), ("row_2", "苏州市林业局", "lead"),
                                    ("row_3", "苏州市气象局", "lead")]
    tasks = {t.clause_ids[0].rsplit("/", 1)[1]: t for t in facts.tasks if "/table_" in t.clause_ids[0]}
    assert sorted(tasks) == ["row_1", "row_2", "row_3"]
    assert tasks["row_2"].text.startswith("负责森林火灾预防工作")
    assert [(a.actor_id, a.role) for a in tasks["row_2"].actors] == [("苏州市林业局", "lead")]


def test_a_task_table_gives_leads_partners_and_the_rows_deadline(tmp_path):
    table = ("| 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 |\n| --- | --- | --- | --- | --- |\n"
             "| 1 | 开展城镇燃气安全专项整治，排查整治燃气管网隐患 | 市住房和城乡建设局 | 市应急管理局、市市场监管局 | 2024年12月底前 |\n"
             "| 2 | 加强电动自行车充电设施建设和消防安全管理 | 市消防救援支队、市商务局 | 各区人民政府 | 持续推进 |\n")
    _record, facts = _facts(tmp_path, table, title="苏州市安全生产专项整治实施方案")
    assert _table_bodies(facts) == [
        ("row_1", "苏州市住房和城乡建设局", "lead"), ("row_1", "苏州市应急管理局", "cooperate"),
        ("row_1", "苏州市市场监督管理局", "cooperate"),
        ("row_2", "苏州市消防救援支队", "lead"), ("row_2", "苏州市商务局", "lead"), ("row_2", "区人民政府", "cooperate")]
    [first] = [t for t in facts.tasks if t.clause_ids[0].endswith("table_1/row_1")]
    assert first.verb == "开展" and first.deadline == "2024-12-31"
    assert [(a.actor_id, a.role) for a in first.actors][0] == ("苏州市住房和城乡建设局", "lead")


def test_a_bare_unit_column_is_a_body_only_beside_duties(tmp_path):
    duties = _html(("单位", "职责"), ("市水务局", "负责城区排涝设施的运行调度。"))
    _record, facts = _facts(tmp_path, duties)
    assert _table_bodies(facts) == [("row_1", "苏州市水务局", "lead")]
    # 单位 beside a task is a unit of measure: no body, no task from the table
    measures = _html(("序号", "主要任务", "单位", "目标值"), ("1", "新建应急避难场所", "个", "12"))
    _record, facts = _facts(tmp_path, measures)
    assert _table_bodies(facts) == []
    assert not [t for t in facts.tasks if "/table_" in t.clause_ids[0]]


def test_tables_that_assign_nothing_give_no_bodies(tmp_path):
    contacts = _html(("单位名称", "值班电话"), ("市应急管理局", "0512-12345678"))
    record, facts = _facts(tmp_path, contacts)
    assert _table_bodies(facts) == []
    [table] = [n for n in record.root.walk() if n.kind == "table"]
    assert headers(table) == ["单位名称", "值班电话"] and duty_layout(table) is None


def test_a_repeated_header_row_is_no_row_of_bodies(tmp_path):
    table = _html(("责任部门", "工作任务"), ("市公安局", "负责火场治安秩序维护。"), ("责任部门", "工作任务"),
                  ("市交通运输局", "负责扑火人员和物资运输保障。"))
    _record, facts = _facts(tmp_path, table)
    assert [b for _row, b, _role in _table_bodies(facts)] == ["苏州市公安局", "苏州市交通运输局"]


def test_a_time_limit_column_dates_its_row_with_a_bare_year_month_or_day(tmp_path):
    table = _html(("序号", "任务名称", "牵头单位", "配合单位", "完成时限"),
                  ("1", "建设危险化学品安全风险监测预警平台", "市应急管理局", "市生态环境局", "2024年"),
                  ("2", "实施城市消防站建设工程", "市消防救援支队", "市住房和城乡建设局", "2025年6月"),
                  ("3", "完成老旧燃气管网更新改造", "市住房和城乡建设局", "", "2025年6月30日"),
                  ("4", "开展安全生产执法检查", "市应急管理局", "", "长期坚持"))
    _record, facts = _facts(tmp_path, table, title="苏州市安全生产专项整治实施方案")
    due = {t.clause_ids[0].rsplit("/", 1)[1]: t.deadline for t in facts.tasks if "/table_" in t.clause_ids[0]}
    assert due == {"row_1": "2024-12-31", "row_2": "2025-06-30", "row_3": "2025-06-30", "row_4": None}


def test_a_target_column_named_by_its_year_dates_each_row_it_fills(tmp_path):
    """"2025年目标" is what each row is to reach by the end of 2025; a bare year beside it is a baseline and an
    empty target cell dates nothing."""
    table = _html(("序号", "名称", "2020年", "2025年目标", "责任单位"),
                  ("1", "生产安全事故起数", "12起", "10起以内", "市应急管理局"),
                  ("2", "《突发事件总体预案》", "", "修订", "市应急管理局"),
                  ("3", "森林火灾受害率", "0.5‰", "", "市林业局"))
    _record, facts = _facts(tmp_path, table, title="苏州市2025年安全生产重点指标及事项责任分工表")
    dated = {d.clause_id.rsplit("/", 1)[1]: (d.expression, d.date) for d in facts.deadlines if "/table_" in d.clause_id}
    assert dated == {"row_1": ("2025年", "2025-12-31"), "row_2": ("2025年", "2025-12-31")}


def test_a_groups_members_beside_its_lead_take_part_and_a_spread_cell_counts_once(tmp_path):
    table = ('<table><tr><td>工作组</td><td>牵头单位</td><td>成员单位</td><td>主要职责</td></tr>'
             '<tr><td>综合协调组</td><td>市应急管理局</td><td>市公安局、市交通运输局</td><td>负责综合协调、信息汇总。</td></tr>'
             '<tr><td>医疗救护组</td><td colspan="2">市卫生健康委</td><td>负责伤员救治。</td></tr></table>')
    _record, facts = _facts(tmp_path, table)
    assert _table_bodies(facts) == [
        ("row_1", "苏州市应急管理局", "lead"), ("row_1", "苏州市公安局", "cooperate"),
        ("row_1", "苏州市交通运输局", "cooperate"), ("row_2", "苏州市卫生健康委", "lead")]


def test_a_table_of_targets_with_who_answers_for_each_gives_its_bodies_the_row(tmp_path):
    """"序号 | 名称 | 2025年目标 | 责任单位": the thing and its target are the row's task, the column's
    bodies lead it (a web page's text of the table, pipes without a rule line, is read as a table)."""
    table = ("序号 | 名 称 | 2025年目标 | 责任单位 | 备注 |\n"
             "1 | 生产安全事故亡人数 | 同比下降5% | 市安委会各成员单位,各区县政府 | |\n"
             "2 | 森林火灾受害率 | 0.3‰以内 | 市林业局 |")
    record, facts = _facts(tmp_path, table, title="苏州市2025年安全生产重点指标责任分工表")
    assert ("row_2", "苏州市林业局", "lead") in _table_bodies(facts)
    assert {b for row, b, _ in _table_bodies(facts) if row == "row_1"} >= {"区县人民政府"}
    assert [i.name for i in facts.indicators if i.name.startswith("森林火灾受害率")]
