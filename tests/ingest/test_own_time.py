"""The period and date a document gives of itself, used where its metadata gives none: a title's
years or five-year plan, the date line under a notice's signature or in a colophon. A dated
programme's "6月底前" is that year's; an emergency plan's recurs every year, dated or not; what the
user gives (--period, --date) always wins."""

from __future__ import annotations

import pytest

from ingest.own_time import date_from_text, period_from_title
from ingest.report import document_report
from ingest_helpers import extract_document


@pytest.mark.parametrize("title, period", [
    ("苏州市吴江区“十四五”应急管理规划", (2021, 2025)),
    ("关于印发某市应急管理“十五五”规划的通知", (2026, 2030)),
    ("道路运输安全专项整治三年行动实施方案（2020-2022年）", (2020, 2022)),
    ("2021—2023年安全生产行动计划", (2021, 2023)),
    ("全国山洪灾害防治规划", None),
    ("苏州市自然灾害救助应急预案", None),
])
def test_the_period_a_title_names(title, period):
    assert period_from_title(title) == period


@pytest.mark.parametrize("text, date", [
    ("关于印发…的通知\n\n各乡（镇）人民政府：\n\n现印发给你们。\n\n2022年4月26日\n\n正文", "2022-04-26"),
    ("某某\n二〇二一年十二月三十日\n", "2021-12-30"),
    ("（2021年12月30日）\n", "2021-12-30"),
    ("衡阳市人民政府办公室 2023 年 12 月 13 日印发\n", "2023-12-13"),
    ("截至2022年4月26日\n", None),                  # a date the text reports
    ("2022年4月26日召开专题会议，部署工作。\n", None),   # a date inside a sentence
    ("2021年2月30日\n", None),                       # no such day
])
def test_the_date_line_of_a_document(text, date):
    assert date_from_text(text) == date


PROGRAMME = """# {title}

各乡（镇）人民政府，县政府有关部门：

现将《{title}》印发给你们，请认真抓好贯彻落实。

2022年4月26日

一、工作任务

1.各乡（镇）要制定安全生产职责清单，6月底前报县安委办备案。

2.县直各有关部门要制定本部门安全生产责任清单，3月底前完成。
"""


def _deadlines(tmp_path, title, **meta):
    record, facts = extract_document(tmp_path, title, PROGRAMME.format(title=title), "plan", "于都县", "county", **meta)
    return record, sorted((d.expression, d.date, d.recurrence) for d in facts.deadlines)


def test_a_dated_programmes_months_are_that_years(tmp_path):
    record, deadlines = _deadlines(tmp_path, "于都县应急责任落实全覆盖工作方案")
    assert record.meta.date == "2022-04-26" and record.meta.period_start is None
    assert deadlines == [("3月底前", "2023-03-31", None), ("6月底前", "2022-06-30", None)]
    report = document_report(record)           # what `policykg ingest` / `check` print
    assert (report.period, report.date) == ("", "2022-04-26")


def test_the_period_read_from_the_title_is_reported(tmp_path):
    record, _ = _deadlines(tmp_path, "于都县安全生产专项整治三年行动方案（2020-2022年）")
    assert document_report(record).period == "2020-2022"


def test_an_emergency_plans_months_recur_dated_or_not(tmp_path):
    record, deadlines = _deadlines(tmp_path, "于都县防汛应急预案")
    assert record.meta.date == "2022-04-26"
    assert deadlines == [("3月底前", None, "每年"), ("6月底前", None, "每年")]


def test_what_the_user_gives_wins(tmp_path):
    record, deadlines = _deadlines(tmp_path, "于都县安全生产“十四五”工作方案", date="2021-01-15",
                                   period_start=2022, period_end=2022)
    assert (record.meta.date, record.meta.period_start, record.meta.period_end) == ("2021-01-15", 2022, 2022)
    assert ("6月底前", "2021-06-30", None) in deadlines
