"""Paragraphs of PDF→markdown conversions (MinerU style).

In markdown a paragraph runs until a blank line; the converter also ends a line inside a
paragraph where the PDF wrapped it ("…减灾委或应急管理部  " / "门通报预警信息…"), and a page
break cuts a paragraph with a blank line in the middle of a sentence ("…需政府救助人" /
"" / "数60万人以上。"). So lines are joined into paragraphs:

* consecutive lines join, unless the next one opens a numbered item, a bullet or a working
  group's field ("牵头单位：…", ingest.fields) or goes on with a run of fields ("责任单位：…" /
  "检查范围：…"), or the first is a short label ("附件1") — lines
  of a list or table of contents stay apart;
* across a blank line, a paragraph that stops mid-sentence (its last character is neither
  a sentence end, a closing bracket nor a colon) is continued by the next one, unless either
  is a heading line (``#``), a numbered item or a field, or a table stands between them
  ("成员单位：市委宣传部、市公安局" ends without punctuation, "主要职责：…" is the next field).
Spaces between Chinese characters (letter-spaced headings "启 动 条 件", OCR gaps) go.
"""

from __future__ import annotations

import re

from ingest.fields import next_field, opens_field
from ingest.headings import after_plan_number, starts_numbered_heading

PARAGRAPH_END = "。！？；：…"       # a paragraph may end after these (shared with the PDF layout)
CLOSERS = "”’）」』】》)\"'"
_BULLET = re.compile(r"^[•●○◆◇■□▪▸►✓√\-*·]\s*")
# a heading of two short parts ("坚持走可持续发展道路，促进经济发展与人口、资源、环境相协调")
_TWO_PART_HEADING = re.compile(r"^[^，。；：]{2,20}，[^，。；：]{2,20}$")
MAX_LABEL = 12           # "附件1" — a short line without punctuation is a label, never continued
MAX_NUMBERED_LABEL = 24  # the same for a numbered heading line


def opens_item(text: str) -> bool:
    return starts_numbered_heading(text) or bool(_BULLET.match(text))


def paragraphs(lines: list[tuple[str, int]], standalone: frozenset) -> list[tuple[str, int, bool]]:
    """(text, first source line, is a heading line) for each paragraph of ``lines``
    ((text, 1-based source line) of the non-blank text lines, in order; ``None`` text marks
    a table between them)."""
    out: list[list] = []          # [parts, first line, last line, heading?]
    for text, lineno in lines:
        if text is None:          # a table: nothing joins across it
            out.append([None, lineno, lineno, True])
            continue
        heading = (lineno - 1) in standalone
        prev = out[-1] if out else None
        # (a line indented by a web page's copy, "  （一）组织…", opens its item all the same)
        opening = text.lstrip()
        if prev is not None and prev[0] is not None and not heading and not prev[3] and not opens_item(opening) \
                and not opens_field(opening) and not next_field(prev[0][-1], opening):
            last = prev[0][-1]
            adjacent = lineno == prev[2] + 1
            # across a page break, a label ("附件") stands alone unless a comma asks for more
            label_next = _is_label(text) and last.rstrip()[-1:] not in "，、"
            if (adjacent and not _is_label(last)) or (not adjacent and _stops_mid_sentence(last)
                                                        and not _is_label(last) and not label_next):
                prev[0].append(text)
                prev[2] = lineno
                continue
        out.append([[text], lineno, lineno, heading])
    return [(" ".join(p[0]), p[1], p[3]) for p in out if p[0] is not None]


_CJK = "\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2014-\u201f\u2026"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")


def join_cjk_gaps(text: str) -> str:
    """No space between two Chinese characters or punctuation marks ("启 动 条 件")."""
    return _CJK_GAP.sub("", text) if " " in text else text


def _stops_mid_sentence(text: str) -> bool:
    """A numbered line may be an item's heading without sentence end, so it stops mid-sentence
    only after a comma or inside a bracket ("…由当地县市区（园" / "" / "区）政府负责。"), or when it
    is too long for a heading and lists ("（2）当地应急部门向同级政府提出调动人民解放军、武警" / "" /
    "参加抢险支援需求，…"; not a heading of two short parts, "（七）坚持…道路，促进…相协调")."""
    text = text.rstrip()
    if not text or text[-1] in PARAGRAPH_END + ":" + CLOSERS:
        return _open_bracket(text)
    if not opens_item(text) or text[-1] in "，、" or _open_bracket(text):
        return True
    words = after_plan_number(text)
    return len(text) > MAX_NUMBERED_LABEL and "、" in words and not _TWO_PART_HEADING.match(words)


def _open_bracket(text: str) -> bool:
    """The text ends inside a bracket it opened a few characters before."""
    opened = max(text.rfind("（"), text.rfind("("))
    return opened > max(text.rfind("）"), text.rfind(")")) and len(text) - opened <= 12 \
        and not any(ch in text[opened:] for ch in PARAGRAPH_END)


def _is_label(text: str) -> bool:
    """A short line without punctuation: "附件1", or a numbered heading "（1）联合值班值守"."""
    text = text.strip()
    numbered = opens_item(text)
    limit = MAX_NUMBERED_LABEL if numbered else MAX_LABEL
    # (the 、 of the number itself, "一、总则", is no punctuation of the words)
    words = after_plan_number(text) if numbered else text
    return len(text) <= limit and not any(ch in words for ch in "，。；、,")
