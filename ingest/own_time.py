"""What a document says of its own time, for the metadata a user did not give: the period its
title names ("“十四五”应急管理规划", "三年行动方案（2021—2023年）") and the date it was issued (the
date line under a notice's or a plan's signature, "2022年4月26日"). Deadlines are read against
them: "规划期内" needs the period, "6月底前" in a programme the year it was issued in (without
one, a month alone recurs yearly, as in a standing emergency plan)."""

from __future__ import annotations

import datetime
import re
from typing import Optional

from ingest.extract.deadlines import five_year_span
from ingest.extract.quantities import DASH
from ingest.numerals import CALENDAR_YEAR as _YEAR
from ingest.numerals import cn_to_int, year_of

# "（2021—2023年）", "2021-2025年", "2021年—2023年"
_YEARS = re.compile(rf"(?P<start>{_YEAR})\s*年?\s*{DASH}\s*(?P<end>{_YEAR})\s*年")
_FIVE_YEAR_PLAN = re.compile(r"十(?P<ord>[一二三四五六七八九]?)五[”\"’]?(?:时期|期间)?[^，。]{0,30}(?:规划|计划|方案)")
# a line that is only a date: "2022年4月26日", "二〇二二年四月二十六日", "（2022年4月26日）", or
# a colophon's "衡阳市人民政府办公室 2023 年 12 月 13 日印发"
_DATE_LINE = re.compile(rf"^(?:[^\d，。；：:]{{2,30}}?\s*(?=[\d一二]))?[（(]?\s*(?P<year>{_YEAR})\s*年\s*(?P<month>[0-9０-９]{{1,2}}|[一二三四五六七八九十]{{1,2}})\s*月"
                        rf"\s*(?P<day>[0-9０-９]{{1,2}}|[一二三]?十?[一二三四五六七八九十]?)\s*日\s*(?:印发|发布|公布)?\s*[）)]?$")
_LINES_SEARCHED = 400            # a notice's signature or the plan's own date comes early


def period_from_title(title: Optional[str]) -> Optional[tuple[int, int]]:
    """The years a title names as the document's span, or the five-year plan it belongs to."""
    if not title:
        return None
    m = _YEARS.search(title)
    if m:
        start, end = year_of(m.group("start")), year_of(m.group("end"))
        if start and end and start <= end <= start + 15:
            return start, end
    m = _FIVE_YEAR_PLAN.search(title)
    return five_year_span(m.group("ord")) if m else None


def date_from_text(text: str) -> Optional[str]:
    """The first line that is only a date, in ISO, or None."""
    # (the lines searched split off alone: a statute collection's text runs to millions of characters)
    for line in text.split("\n", _LINES_SEARCHED)[:_LINES_SEARCHED]:
        line = line.strip()
        m = _DATE_LINE.match(line)
        if not m or line[:m.start("year")].rstrip("（( ")[-1:] in ("至", "于", "到", "止", "在"):
            continue                  # "截至2022年4月26日": a date the text reports, not its own
        year, month, day = year_of(m.group("year")), cn_to_int(m.group("month")), cn_to_int(m.group("day"))
        try:
            return datetime.date(year, month, day).isoformat() if year and month and day else None
        except ValueError:
            return None
    return None
