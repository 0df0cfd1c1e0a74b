"""Lines whose paragraph breaks were lost: a web page copied as one line, a converter that wrote a
whole part as one paragraph. The breaks survive as whitespace where Chinese text never has any:
after a sentence's end ("…请求扩大应急。 市现场救援指挥部成员单位职责 (1)南昌铁路局…"), before a numbered
heading or item ("…负责人组成。 2.1.4 现场工作组 黄南州…"), and between a numbered heading and its text
("2.1.4 现场工作组 黄南州重大沙尘暴应急领导小组…"). Such a line is cut there, so that its headings and
items are read as the document's structure. A line is taken for flattened only when it is long and
holds several such breaks; short lines and running text keep their spaces (numbers, Latin words).
"""

from __future__ import annotations

import re

MIN_LENGTH = 200          # characters: a paragraph of a normal document rarely runs this long with breaks
MIN_BREAKS = 3

_CJK = r"\u4e00-\u9fff"
# a numbered heading or item opening after whitespace: "2.1.3 ", "(1)", "（二）", "一、", "第三章"
_MARKER = (r"(?:\d{1,2}(?:[.．]\d{1,2}){1,3}\s*(?=[" + _CJK + r"])|[（(](?:\d{1,2}|[一二三四五六七八九十]{1,3})[）)]"
           r"|[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十百]{1,4}[章节条])")
_BREAK = re.compile(r"(?<=[。；;！？：:])\s+(?=[" + _CJK + r"（(\[【“])|\s+(?=" + _MARKER + r")")
# a decimal heading's short title, then its text after a space: "2.1.4 现场工作组 黄南州…"
_HEADING_THEN_TEXT = re.compile(r"^(\d{1,2}(?:[.．]\d{1,2}){1,3}\s*[" + _CJK + r"（）()、]{2,30}?)\s+(?=[" + _CJK + r"])")


def unflatten(line: str) -> list[str]:
    """The paragraphs a flattened ``line`` holds, or ``[line]``."""
    if len(line) < MIN_LENGTH or len(_BREAK.findall(line)) < MIN_BREAKS:
        return [line]
    out = []
    for piece in _BREAK.split(line):
        piece = piece.strip()
        m = _HEADING_THEN_TEXT.match(piece)
        out += [m.group(1), piece[m.end():]] if m else [piece]
    return [p for p in out if p]
