"""Deadlines: the calendar time by which, or period within which, something is to be done.

- calendar dates: "到2025年" / "2025年底前" -> 2025-12-31, "2022年6月底前" -> 2022-06-30, "7月28日前";
- ranges: "2021-2023年", "2021—2024年", "2021年至2023年" -> start 2021-01-01, end 2023-12-31;
- five-year periods, any of them, computed: "十四五期间" -> 2021..2025, "十五五时期" -> 2026..2030;
- the document's own period: "规划期内", "方案期内" -> its period; "近期" / "远期" -> the horizon the
  document defines ("近期（2010年）", "近期规划水平年为2010年") or else its period;
- relative to the document's date: "今年", "年底前", "全年", "新的一年" -> that year's end, "明年" -> the
  next, "下半年" -> July..December; "两年内" -> counted from the plan's first year;
- recurrences, kept as such: 每年 (每年度), 每季度, 每月, 每周, 每日/每天, 每N日, 年均, 常态化, 按月, 各年度,
  with the date they recur on ("每年10月15日前", "每日9时前"); in a standing rule (an emergency plan,
  a regulation) a month without a year ("3月底") recurs every year.

Not deadlines: baselines ("在2023年基础上", "比2020年"), past years and periods, dates of past events
("2021年7月20日，…"), years inside titles, entry into force ("自…起施行"), time limits counted from
an event ("2小时内": indicators), descriptive "今年是…", a five-year period named as a plan
("“十四五”规划").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import Optional, Union

from ingest.extract.quantities import DASH
from ingest.numerals import CN_NUMERAL_CHARS, cn_to_int, to_halfwidth

METHOD = "grammar:deadline:v2"


@dataclass
class DeadlineContext:
    """What a deadline is read against: the document's period, its own date, the near/far
    horizons it defines, and whether it is a standing rule (no period of its own)."""
    period: Optional[tuple[int, int]] = None
    date: Optional[str] = None               # ISO: the document's own date
    near: Optional[tuple[int, int]] = None   # 近期 as the document defines it
    far: Optional[tuple[int, int]] = None    # 远期
    standing: bool = False                   # an emergency plan or statute: "3月底" recurs yearly
    statute: bool = False

    @property
    def year(self) -> Optional[int]:
        return int(self.date[:4]) if self.date else None

    @property
    def month(self) -> Optional[int]:
        return int(self.date[5:7]) if self.date else None

    @property
    def first_year(self) -> Optional[int]:
        return self.period[0] if self.period else self.year


@dataclass
class DeadlineMatch:
    expression: str
    span: tuple[int, int]
    date: Optional[str] = None
    start: Optional[str] = None
    recurrence: Optional[str] = None


_Y = r"(?:19|20)\d{2}|[一二][〇○零一二三四五六七八九]{3}"
_YEAR = rf"(?P<year>{_Y})"
_MONTH_CN = r"1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九]"
_MONTH = rf"(?:(?P<month>{_MONTH_CN})月(?:份)?(?:(?P<day>[1-3]?\d|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])日)?)?"
_DASH = rf"\s*{DASH}\s*"
_LEAD = r"(?P<lead>(?:力争|确保|争取)?(?:在|于|到|至|截至|截止)?)"
_TAIL = r"(?P<tail>(?:上半年|下半年|年?底|末|中旬|下旬|上旬|第?[一二三四1-4]季度末?)?(?:前|以前|之前)?)"
_QUARTER = re.compile(r"第?([一二三四1-4])季度")

# "2021-2023年", "2021年至2023年", "2021—2024年"
_RANGE = re.compile(rf"(?P<lead>(?:在|于)?)(?P<y1>{_Y})(?:年)?{_DASH}(?P<y2>{_Y})年(?P<tail>(?:底|末)?(?:前)?)")
# "2022年6月—2023年9月", "2023年10月—12月", "2021年6月至12月底": a stage of months, to its last
# (to a day: "2021年7月—2021年8月15日")
_MONTH_RANGE = re.compile(rf"(?P<y1>{_Y})年(?P<m1>{_MONTH_CN})月(?:份)?(?:(?P<d1>[1-3]?\d)日)?{_DASH}(?:(?P<y2>{_Y})年)?"
                          rf"(?P<m2>{_MONTH_CN})月(?:份)?(?:(?P<d2>[1-3]?\d)日)?(?P<tail>(?:底|末)?(?:前)?)")
# "到2025年底前", "力争在2022年底完成", "2021年6月底前", "至2023年", "二〇三五年"
_ABSOLUTE = re.compile(_LEAD + _YEAR + r"年" + _MONTH + _TAIL)
# "7月28日前", "10月底前" (no year)
_MONTH_ONLY = re.compile(rf"(?P<lead>(?:在|于|到|至)?)(?<![\d年])(?P<month>{_MONTH_CN})月(?:份)?"
                         rf"(?:(?P<day>[1-3]?\d)日)?(?P<tail>(?:底|末|中旬|下旬|上旬)?(?:前|以前|之前)?)")
_CN = f"[{CN_NUMERAL_CHARS}\\d]"
# "力争两年内", "三年内", "用三年时间"
_RELATIVE = re.compile(r"(?:力争|争取|确保)?(?:用|经过)?(?P<n>" + _CN + r"{1,3})(?:年内|年时间|年之内|年的努力)")
# any five-year period: "“十四五”期间", "十五五时期", "“十四五”末"
_FIVE_YEAR = re.compile(r"[“\"‘]?十(?P<ord>[一二三四五六七八九]?)五[”\"’]?(?P<what>期间|期末|末|时期|内)"
                        r"(?:到(?P<until>(?:19|20)\d{2})年)?")
_CENTURY = re.compile(r"到(?:本)?(?P<n>二十一|21)?世纪中叶")
_PLAN_PERIOD = re.compile(r"(?:本)?(?:规划|方案|计划|实施)(?:期内|期间|期末|期限内)")
_HORIZON = re.compile(r"(?P<which>近期|中期|远期)(?:任务|目标|规划)?(?:[（(]\s*(?:至|到)?(?P<y1>(?:19|20)\d{2})\s*(?:年)?"
                      r"(?:\s*[-—～~至]\s*(?P<y2>(?:19|20)\d{2}))?\s*年?\s*[）)])?")
_RELATIVE_YEAR = re.compile(r"今年|明年|(?<![\d一二两三四五六七八九十])(?:年底前|年内)|本年度|全年|新的一年|下半年|上半年")
# "每年", "每10日", "每个季度": shared with the targets' frequencies ("每年至少一次")
EVERY = r"每(?P<n>\d+|[一两二三四五六七八九十]+|半)?(?:个)?(?P<unit>年度|年|季度|季|月|周|星期|日|天)"
_RECURRING = re.compile(rf"(?P<every>{EVERY}|年均|常态化|按月|按季度?|按年|各年度)")
_RECUR_DAY = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})日|底|末|中旬|下旬|上旬"
# what a recurrence recurs on: months, a day ("每年10月15日前"), a season ("每年的5月1日至9月30日")
_RECUR_WHEN = re.compile(rf"^(?:的)?(?:(?P<months>(?:{_MONTH_CN})(?:[、和](?:{_MONTH_CN}))*)月(?:份)?"
                         rf"(?:{_RECUR_DAY})?(?:(?:至|到|[-—～~])(?:次年|翌年)?(?:{_MONTH_CN})月(?:{_RECUR_DAY})?)?"
                         r"(?:前|以前|之前)?|\d{1,2}(?:时|点)(?:前|以前|之前)?)")

# Not a deadline after a year: a baseline ("2020年生产安全事故起数比2015年…"), a count.
_BASELINE_AFTER = re.compile(r"^(?:分别)?(?:下降|上升|增长|减少|提高)|^(?:的)?基础上|^(?:为)?基(?:数|准|期)|^相比|^起施行|^施行")
_BASELINE_BEFORE = re.compile(r"(?:比|较|与|同|以|自|从|和|对|在)$")
_BY_A_YEAR = re.compile(r"(?:到|至|截至|截止)$")
# a period compared with ("比“十三五”期间下降", "与“十五”期间相比"; not "“十四五”期间下降15%", a target)
_PERIOD_BASELINE = re.compile(r"(?:比|较)$")
_PERIOD_BASELINE_AFTER = re.compile(r"^(?:相比|相较|比较|(?:的)?基础上|同期)")
_NOT_RELATIVE_AFTER = re.compile(r"^(?:是|以来|我国|面临|形势|以前|这一年|仍|还|也是)")
_FORWARD = re.compile(r"(?<![主重纲摘提简])要(?![点素害])|拟|务必|力争|确保|预期|目标|工作|做好|安排|实现|完成|推进|开展|"
                      r"争取|计划|将|设定|重点")


def _end_of(year: int, month: Optional[int] = None, day: Optional[int] = None) -> str:
    if month and day:
        return f"{year:04d}-{month:02d}-{min(day, calendar.monthrange(year, month)[1]):02d}"
    if month:
        return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"
    return f"{year:04d}-12-31"


def _start(year: int) -> str:
    return f"{year:04d}-01-01"


def _inside_title(text: str, pos: int) -> bool:
    """True when ``pos`` lies inside a 《…》 title (years there name documents, not dates)."""
    return text.rfind("《", 0, pos) > text.rfind("》", 0, pos)


def five_year_span(ordinal: str) -> tuple[int, int]:
    """"十四五" -> (2021, 2025): the 3rd five-year plan began in 1966, one every five years since."""
    n = 10 + ("一二三四五六七八九".index(ordinal) + 1 if ordinal else 0)
    start = 1966 + 5 * (n - 3)
    return start, start + 4


def _past(year: int, ctx: DeadlineContext) -> bool:
    """Before the document: its period's first year, or its own date's year."""
    first = ctx.first_year
    return first is not None and year < first


def _ranges(text: str, ctx: DeadlineContext, heading: bool) -> list[DeadlineMatch]:
    out = []
    for m in _RANGE.finditer(text):
        y1, y2 = cn_to_int(m.group("y1")), cn_to_int(m.group("y2"))
        if _inside_title(text, m.start()) or y1 is None or y2 is None or not y1 < y2 <= y1 + 30:
            continue
        if _past(y2, ctx) or _BASELINE_BEFORE.search(text[:m.start()]) and not m.group("lead"):
            continue
        begin = m.start("y1")
        out.append(DeadlineMatch(text[begin:m.end()], (begin, m.end()), date=_end_of(y2), start=_start(y1)))
    return out


def _month_ranges(text: str, ctx: DeadlineContext, heading: bool) -> list[DeadlineMatch]:
    out = []
    for m in _MONTH_RANGE.finditer(text):
        y1, m1, m2 = cn_to_int(m.group("y1")), cn_to_int(m.group("m1")), cn_to_int(m.group("m2"))
        y2 = cn_to_int(m.group("y2")) if m.group("y2") else y1
        if _inside_title(text, m.start()) or None in (y1, y2, m1, m2) or not (1 <= m1 <= 12 and 1 <= m2 <= 12):
            continue
        if not (y1, m1) < (y2, m2) or y2 > y1 + 10 or _past(y2, ctx):
            continue
        d1, d2 = (int(m.group(g)) if m.group(g) else None for g in ("d1", "d2"))
        out.append(DeadlineMatch(text[m.start():m.end()], m.span(), date=_end_of(y2, m2, d2),
                                 start=f"{y1:04d}-{m1:02d}-{d1 or 1:02d}"))
    return out


# a year the work is done in, right before its completion ("2022年完成191.9公里", "2023年建成…")
_DONE_BY_THEN = re.compile(r"(?:基本|全面|全部|率先|力争|确保|初步|逐步)?(?:完成|建成|实现|投入使用|投用|竣工)")
# a task's time-limit field: the date after it is the deadline, with or without 前 ("完成时限：2024年2月17日")
_DUE_LABEL = re.compile(r"(?:完成|办结|截止|整改)?(?:时限|期限|时间|日期|时间节点)\s*[：:]\s*$")


def _absolute(text: str, ctx: DeadlineContext, heading: bool) -> list[DeadlineMatch]:
    out = []
    for m in _ABSOLUTE.finditer(text):
        if _inside_title(text, m.start("year")):
            continue
        year = cn_to_int(m.group("year"))
        if year is None:
            continue
        lead, tail = m.group("lead"), m.group("tail")
        before, after = text[:m.start()], text[m.end():]
        if before[-1:] in ("-", "—", "～", "~", "至", "–") and not lead:
            continue                              # the end of a range "2021-2023年"
        if _BASELINE_BEFORE.search(before) and not lead or _BASELINE_AFTER.match(after) and not _BY_A_YEAR.search(lead):
            continue                              # (but "到2013年下降到0.22…": the year it is reached by)
        if re.match(r"^(?:起|以来|开始)", after) or re.search(r"(?:自|从)$", before):
            continue                              # "自2020年5月1日起施行", "2015年以来"
        day = m.group("day")
        # a heading that names a current or coming year frames what is under it ("2021年重点工作")
        labelled = bool(_DUE_LABEL.search(before))
        cued = bool(lead) or bool(tail) or bool(re.search(r"(?:水平年|目标年)为$", before)) or heading \
            or bool(_DONE_BY_THEN.match(after)) or labelled
        alone = heading and not before.strip() and not after.strip()      # a time limit's cell: "2024年6月30日"
        if day and not (lead or tail or alone or labelled) or not cued and not re.match(r"^[，,]", after):
            continue                              # a dated event ("2021年3月5日在…"), or "2025年的…"
        if _past(year, ctx):
            continue                              # a past year is a baseline or an event
        month = cn_to_int(m.group("month")) if m.group("month") else None
        if tail.startswith("上半年"):
            month = 6
        quarter = _QUARTER.match(tail)
        if quarter:
            month = 3 * cn_to_int(quarter.group(1))          # "2023年第三季度" -> the end of September
        start_iso = f"{year:04d}-07-01" if tail.startswith("下半年") else None
        kept = re.search(r"(?:到|至|截至|截止)$", lead)
        start = m.end("lead") - len(kept.group()) if kept else m.start("year")
        out.append(DeadlineMatch(text[start:m.end()], (start, m.end()),
                                 date=_end_of(year, month, cn_to_int(day) if day else None), start=start_iso))
    return out


def _month_only(text: str, ctx: DeadlineContext, heading: bool) -> list[DeadlineMatch]:
    """"7月28日前" in a dated report -> that date; "3月底" in a standing rule -> every year."""
    out = []
    for m in _MONTH_ONLY.finditer(text):
        if not (m.group("lead") or m.group("tail")) or _inside_title(text, m.start()):
            continue
        if re.search(r"每(?:年|年度)?的?$", text[:m.start()]) or re.match(r"^[、和]", text[m.end():]):
            continue                              # part of a recurrence "每年10月15日前"
        if re.search(r"[月日](?:至|到|[-—～~])(?:次年|翌年)?$", text[:m.start("month")]):
            continue                              # the end of a season "十一月至次年四月"
        month = cn_to_int(m.group("month"))
        day = int(m.group("day")) if m.group("day") else None
        expression_start = m.start("month")
        span = (expression_start, m.end())
        if ctx.standing or not ctx.year:
            out.append(DeadlineMatch(text[span[0]:span[1]], span, recurrence="每年"))
            continue
        year = ctx.year + (1 if month < ctx.month else 0)
        out.append(DeadlineMatch(text[span[0]:span[1]], span, date=_end_of(year, month, day)))
    return out


def _relative(text: str, ctx: DeadlineContext, heading: bool) -> list[DeadlineMatch]:
    """"两年内" ends with the plan's second year; "经过一年的努力" after one whole year of it."""
    if not ctx.period:
        return []                                 # "三年内" of a standing rule counts from an event
    out = []
    for m in _RELATIVE.finditer(text):
        n = cn_to_int(m.group("n"))
        if not n or n > 20:
            continue
        year = ctx.period[0] + n - (0 if m.group().endswith("努力") else 1)
        out.append(DeadlineMatch(m.group(), m.span(), date=_end_of(year)))
    return out


def _five_year(text: str, ctx: DeadlineContext, heading: bool) -> list[DeadlineMatch]:
    out = []
    for m in _FIVE_YEAR.finditer(text):
        begin, end = five_year_span(m.group("ord"))
        what = m.group("what")
        if ctx.first_year is not None and end < ctx.first_year:
            continue                              # a past period: "十三五时期发展成就"
        if what == "时期" and not heading:
            continue                              # "“十四五”时期是…", "“十四五”时期，随着…" describe an era
        if _inside_title(text, m.start()):
            continue
        if _PERIOD_BASELINE.search(text[:m.start()]) or _PERIOD_BASELINE_AFTER.match(text[m.end():]):
            continue                              # "与“十五”期间相比下降5%": a baseline
        if m.group("until"):          # "“十一五”期间到2020年": from that period to the year
            out.append(DeadlineMatch(m.group(), m.span(), date=_end_of(int(m.group("until"))), start=_start(begin)))
        elif what in ("末", "期末"):
            out.append(DeadlineMatch(m.group(), m.span(), date=_end_of(end)))
        else:
            out.append(DeadlineMatch(m.group(), m.span(), date=_end_of(end), start=_start(begin)))
    for m in _CENTURY.finditer(text):         # "到21世纪中叶" / "到本世纪中叶": 2050
        out.append(DeadlineMatch(m.group(), m.span(), date=_end_of(2050)))
    return out


def _plan_period(text: str, ctx: DeadlineContext, heading: bool) -> list[DeadlineMatch]:
    if not ctx.period:
        return []
    out = []
    for m in _PLAN_PERIOD.finditer(text):
        if text[m.end():m.end() + 1] == "的":
            continue                              # "规划期间的主要任务": names the period's tasks
        start = None if m.group().endswith("期末") else _start(ctx.period[0])
        out.append(DeadlineMatch(m.group(), m.span(), date=_end_of(ctx.period[1]), start=start))
    return out


def _horizons(text: str, ctx: DeadlineContext, heading: bool) -> list[DeadlineMatch]:
    out = []
    for m in _HORIZON.finditer(text):
        after = text[m.end():]
        if re.match(r"^(?:投资|资金|经费|发生|以来|的|内发生|规划水平年|水平年)", after):
            continue                              # "近期投资" a sum, "近期发生" recently
        which = m.group("which")
        span = _horizon_span(which, m, ctx)
        if span is None:
            continue
        out.append(DeadlineMatch(m.group(), m.span(), date=_end_of(span[1]), start=_start(span[0])))
    return out


def _horizon_span(which: str, m: re.Match, ctx: DeadlineContext) -> Optional[tuple[int, int]]:
    first = ctx.period[0] if ctx.period else None
    if m.group("y1"):
        y1, y2 = int(m.group("y1")), int(m.group("y2") or m.group("y1"))
        if m.group("y2"):
            return y1, y2
        if which == "近期":
            return (first or y1), y1
        earlier = ctx.near[1] + 1 if ctx.near and ctx.near[1] < y1 else (first or y1)
        return earlier, y1
    if which == "近期":
        return ctx.near or ctx.period
    if which == "远期":
        return ctx.far or ctx.period
    return None


def _relative_year(text: str, ctx: DeadlineContext, heading: bool) -> list[DeadlineMatch]:
    if not ctx.year:
        return []
    out = []
    # an action, a plan word or a planned figure: "今年经济社会发展任务十分繁重" only describes the year
    forward = bool(_FORWARD.search(text) or re.search(r"\d(?:万亿|万|亿)?(?:元|%|吨|人|个|斤)", text))
    for m in _RELATIVE_YEAR.finditer(text):
        word, after = m.group(), text[m.end():]
        if _NOT_RELATIVE_AFTER.match(after) or re.search(r"(?:比|较|高于|低于|同|与)$", text[:m.start()]):
            continue                              # "今年是…的一年", "比去年"
        if word in ("今年", "全年", "年内", "本年度") and not forward:
            continue                              # "全年粮食产量…", "今年…十分繁重" describe
        if word == "上半年" and ctx.month and ctx.month > 6:
            continue                              # already past
        year = ctx.year + (1 if word == "明年" else 0)
        start = f"{year:04d}-07-01" if word == "下半年" else None
        date = _end_of(year, 6) if word == "上半年" else _end_of(year)
        out.append(DeadlineMatch(word, m.span(), date=date, start=start))
    return out


def _recurring(text: str, ctx: DeadlineContext, heading: bool) -> list[DeadlineMatch]:
    out = []
    for m in _RECURRING.finditer(text):
        word = m.group()
        if m.group("unit") in ("日", "天") and re.match(r"^(?:[\d一二三四五六七八九十]+)?(?:次|个)", text[m.end():]) is None \
                and re.match(r"^[起内]", text[m.end():]):
            continue
        recurrence = "每年" if word == "每年度" else word
        when = _RECUR_WHEN.match(text[m.end():])
        end = m.end() + (when.end() if when else 0)
        out.append(DeadlineMatch(text[m.start():end], (m.start(), end), recurrence=recurrence))
    return out


_NAMES_A_DOCUMENT = re.compile(r"^[^，,；;。：:]{0,15}?(?:行动方案|方案|规划|纲要|计划|行动|目标)")
_MAKES_A_DOCUMENT = re.compile(r"(?:制定|编制|出台|印发|落实|实施|研究制定)$")


def _names_a_document(text: str, d: DeadlineMatch) -> bool:
    """"制定2030年前碳排放达峰行动方案": the year is part of what is drawn up, not a deadline."""
    return bool(_MAKES_A_DOCUMENT.search(text[:d.span[0]]) and _NAMES_A_DOCUMENT.match(text[d.span[1]:]))


# Each grammar (``heading``: the text is a heading, which some of them read differently) with the
# words one of which every match of it contains: most clauses name no time at all, and a grammar
# whose words are absent is not scanned. Kept in this order: matches with equal spans keep it.
_GRAMMARS = (
    (_month_ranges, ("月",)),
    (_ranges, ("年",)),
    (_absolute, ("年",)),
    (_month_only, ("月",)),
    (_relative, ("年",)),
    (_five_year, ("五", "世纪")),          # "十四五", "本世纪中叶"
    (_plan_period, ("期",)),
    (_horizons, ("期",)),
    (_relative_year, ("年",)),            # 今年, 年底前, 全年, 下半年 …
    (_recurring, ("每", "年", "常态化", "按")),
)
_GRAMMAR_CUES = tuple((grammar, frozenset(cues)) for grammar, cues in _GRAMMARS)
_CUES = frozenset(cue for _, cues in _GRAMMARS for cue in cues)


def find_deadlines(text: str, context: Union[DeadlineContext, tuple[int, int], None] = (2021, 2025),
                   heading: bool = False) -> list[DeadlineMatch]:
    """Every distinct deadline in ``text``, in reading order, overlapping matches dropped.
    ``context``: a DeadlineContext, or just the plan period as (first year, last year)."""
    ctx = context if isinstance(context, DeadlineContext) else DeadlineContext(period=context)
    written, text = text, to_halfwidth(text)          # same length: spans index the text as written
    present = {cue for cue in _CUES if cue in text}      # each cue looked for once, not once per grammar
    found = [d for grammar, cues in _GRAMMAR_CUES if not cues.isdisjoint(present)
             for d in grammar(text, ctx, heading)]
    found = [d for d in found if d.recurrence or not _names_a_document(text, d)]
    for d in found:
        d.expression = written[d.span[0]:d.span[1]]
    found.sort(key=lambda d: (d.span[0], -(d.span[1] - d.span[0])))
    kept: list[DeadlineMatch] = []
    for d in found:
        if kept and d.span[0] < kept[-1].span[1]:
            continue
        if any((k.date, k.start, k.recurrence) == (d.date, d.start, d.recurrence)
               and (not d.recurrence or k.expression == d.expression) for k in kept):
            continue                      # the same deadline said twice in one sentence
        kept.append(d)
    return kept


def first_date(matches: list[DeadlineMatch]) -> Optional[str]:
    """The first dated (not recurring) deadline: what a task or target is tied to."""
    return next((d.date for d in matches if d.date), None)


_DEFINES_NEAR = re.compile(r"(?P<which>近期|远期)(?:规划)?(?:水平年|目标年)?(?:为|[（(](?:至|到)?)(?P<year>(?:19|20)\d{2})年")


def horizons(texts, period: Optional[tuple[int, int]]) -> tuple[Optional[tuple[int, int]], Optional[tuple[int, int]]]:
    """The near and far horizons a document defines ("近期规划水平年为2010年", "远期（2020年）")."""
    near = far = None
    # one scan of the texts joined by a line break (which no definition holds, so none spans two
    # texts): the same definitions in the same order as a scan per text, without ~100 calls a document
    for m in _DEFINES_NEAR.finditer("\n".join(text or "" for text in texts)):
        year = int(m.group("year"))
        if m.group("which") == "近期" and near is None:
            near = ((period[0] if period else year), year)
        elif m.group("which") == "远期" and far is None:
            far = year
    if far is not None:
        far = ((near[1] + 1) if near else (period[0] if period else far), far)
    return near, far
