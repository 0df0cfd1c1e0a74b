"""Deadlines: "到2025年", "2022年底前", "力争两年内", "十四五期间", recurring "每年".

Dates are normalised to the last day of the period named ("到2025年" -> 2025-12-31);
relative phrases ("两年内") count from the plan's first year; recurring phrases are
kept as a recurrence, not a date.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import Optional

from ingest.extract.numbers import CN_NUMERAL_CHARS, cn_to_int

METHOD = "regex:deadline:v1"

_YEAR = r"(?P<year>(?:19|20)\d{2}|[一二][〇○零一二三四五六七八九]{3})"
_MONTH = r"(?:(?P<month>1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])月(?:份)?)?"
_CN = f"[{CN_NUMERAL_CHARS}\\d]"

# "到2025年底前", "力争在2022年底完成", "2021年6月底前", "至2023年", "二〇三五年"
_ABSOLUTE = re.compile(
    r"(?P<lead>(?:力争|确保|争取)?(?:在|于|到|至|截至|截止)?)"
    + _YEAR + r"年" + _MONTH
    + r"(?P<tail>(?:年?底|末)?(?:前|以前|之前)?)"
)
# "力争两年内", "三年内", "用三年时间"
_RELATIVE = re.compile(r"(?:力争|争取|确保)?(?:用)?(?P<n>" + _CN + r"{1,3})(?:年内|年时间|年之内)")
# "“十四五”时期" describes an era, it sets no deadline; 期间 / 末 do.
_PERIOD = re.compile(r"[“\"]?十四五[”\"]?(?:期间|期末|末)")
# Vague frequencies (定期, 年度, 逐年) are not recurrences of a commitment.
_RECURRING = re.compile(r"每年|年均|常态化")

# A bare year is a deadline only with a forward-looking cue around it; a year followed
# by these words is a count of years or a baseline ("2020年生产安全事故起数比2015年…").
_BASELINE_AFTER = re.compile(r"^(?:分别)?(?:下降|上升|增长|减少|提高)")


@dataclass
class DeadlineMatch:
    expression: str
    span: tuple[int, int]
    date: Optional[str] = None
    start: Optional[str] = None
    recurrence: Optional[str] = None


def _end_of(year: int, month: Optional[int]) -> str:
    if month:
        return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"
    return f"{year:04d}-12-31"


def _inside_title(text: str, pos: int) -> bool:
    """True when ``pos`` lies inside a 《…》 title (years there name documents, not dates)."""
    return text.rfind("《", 0, pos) > text.rfind("》", 0, pos)


def _absolute(text: str, period: tuple[int, int]) -> list[DeadlineMatch]:
    out = []
    for m in _ABSOLUTE.finditer(text):
        if _inside_title(text, m.start("year")):
            continue
        year = cn_to_int(m.group("year"))
        if year is None:
            continue
        lead, tail = m.group("lead"), m.group("tail")
        prev = text[max(0, m.start() - 1):m.start()]
        if prev and prev in "-—～~至" and not lead:
            continue                              # the end of a range "2021-2023年"
        cued = bool(lead) or bool(tail)
        if not cued and year < period[0]:
            continue                              # a past year is a baseline, not a deadline
        if not cued and _BASELINE_AFTER.match(text[m.end():]):
            continue
        if not cued and not re.match(r"^[，,]", text[m.end():]):
            continue                              # "2021年起" / "2025年的" etc.: not a target date
        month = cn_to_int(m.group("month")) if m.group("month") else None
        # the expression keeps 到/至 but not the framing 在/确保/力争 ("力争在2022年底" -> "2022年底")
        kept = re.search(r"(?:到|至|截至|截止)$", lead)
        start = m.end("lead") - len(kept.group()) if kept else m.start("year")
        out.append(DeadlineMatch(text[start:m.end()], (start, m.end()), date=_end_of(year, month)))
    return out


def _relative(text: str, period: tuple[int, int]) -> list[DeadlineMatch]:
    out = []
    for m in _RELATIVE.finditer(text):
        n = cn_to_int(m.group("n"))
        if not n or n > 20:
            continue
        out.append(DeadlineMatch(m.group(), m.span(), date=_end_of(period[0] + n - 1, None)))
    return out


def _periods(text: str, period: tuple[int, int]) -> list[DeadlineMatch]:
    out = []
    for m in _PERIOD.finditer(text):
        if m.group().endswith("末"):
            out.append(DeadlineMatch(m.group(), m.span(), date=_end_of(period[1], None)))
        else:
            out.append(DeadlineMatch(m.group(), m.span(), date=_end_of(period[1], None),
                                     start=f"{period[0]:04d}-01-01"))
    return out


def _recurring(text: str) -> list[DeadlineMatch]:
    return [DeadlineMatch(m.group(), m.span(), recurrence=m.group()) for m in _RECURRING.finditer(text)]


def find_deadlines(text: str, period: tuple[int, int] = (2021, 2025)) -> list[DeadlineMatch]:
    """Every distinct deadline in ``text``, in reading order, overlapping matches dropped."""
    found = _absolute(text, period) + _relative(text, period) + _periods(text, period) + _recurring(text)
    found.sort(key=lambda d: (d.span[0], -(d.span[1] - d.span[0])))
    kept: list[DeadlineMatch] = []
    for d in found:
        if kept and d.span[0] < kept[-1].span[1]:
            continue
        if any((k.date, k.start, k.recurrence) == (d.date, d.start, d.recurrence) for k in kept):
            continue                      # the same deadline said twice in one sentence
        kept.append(d)
    return kept


def first_date(matches: list[DeadlineMatch]) -> Optional[str]:
    """The first dated (not recurring) deadline: what a task or target is tied to."""
    return next((d.date for d in matches if d.date), None)
