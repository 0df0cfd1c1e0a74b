"""A duty table as a PDF's text layer gives it (a gazette's "序号 成员单位 应急职责" table copied as text):
each row's number and body stand on one line, *in the middle* of the duty text they own, because the
PDF centres the short cells vertically beside the long one:

    负责组织、协调事故现场环境应急监测、预警和环境损害
    12 市生态环境局
    评估工作，组织制定环境应急处置方案，参与事故调查。
    协调施救所需的施工机械、救援器材和其它特种设备，负
    13 市住房和城乡建设局 责协调和指导恢复城市供水、供气、供热、市政照明等公
    用设施运行，保障居民基本生活需要。

Read as text, every row's duty is cut in two and glued to its neighbour's. The rows are put back
together: a row's duty is the lines before its label (since the previous row ended), the text on the
label's line, and the lines after it up to the one that ends its sentence, at least as many lines as
stood before (the label is centred). The header names the table ("成员单位" and "…职责"), row numbers
run on one by one (a page may start mid-table), and the body on each label line is a body's name.
"""

from __future__ import annotations

import re
from typing import Callable, Optional

from ingest.headings import starts_numbered_heading
from ingest.normalize import normalize_line
from ingest.tables import SERIAL_HEADERS

_BODY_COLUMN = re.compile(r"^(?:成员|责任|牵头|参与)?(?:单位|部门)(?:名称)?$")
_DUTY_COLUMN = re.compile(r"(?:职责|任务|分工)$")
# a row's label: its number, then a body's name (what bodies' names end with), then maybe text
_LABEL = re.compile(r"^(\d{1,3})\s+([\u4e00-\u9fff（）()]{2,30}?(?:局|委|办|厅|部|院|会|队|中心|公司|政府|办公室|"
                    r"集团|所|站|署|处|银行|分行|社|台|馆|团|区|室|组|联))(?:\s+(.+))?$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_ENDS_SENTENCE = ("。", "！", "？")
_LOOKAHEAD = 8            # lines after a finished row in which the next row's label may come


def _header(line: str) -> Optional[list[str]]:
    tokens = line.split()
    if not 2 <= len(tokens) <= 3 or not _DUTY_COLUMN.search(tokens[-1]) or not _BODY_COLUMN.match(tokens[-2]):
        return None
    if len(tokens) == 3 and tokens[0] not in SERIAL_HEADERS:
        return None
    return tokens


def find_flat_duty_table(lines: list[str], i: int, is_furniture: Callable[[str], bool]
                         ) -> Optional[tuple[int, list[list[str]], list[int]]]:
    """If ``lines[i]`` heads a duty table laid out as text: (end index, header + rows, their source
    lines), as ingest.tables.find_flat_table gives an indicator table's."""
    header = _header(lines[i].strip())
    if header is None:
        return None
    rows: list[_Row] = []
    pending: list[str] = []          # lines before the next row's label: the start of its duty
    end = j = i + 1                  # end: after the last line a row took
    while j < len(lines):
        text = normalize_line(lines[j].strip())
        j += 1
        if not text or is_furniture(text) or not _CJK.search(text):
            continue                 # page furniture, a header in a broken font
        label = _LABEL.match(text)
        if label and (not rows or int(label.group(1)) == int(rows[-1].serial) + 1):
            if rows and not rows[-1].done:
                pending = rows[-1].give_back() + pending
            rows.append(_Row(label.group(1), label.group(2), j, pending, label.group(3)))
            pending = []
            end = j
            continue
        if rows and not rows[-1].done:
            if len(rows[-1].after) >= max(rows[-1].owed, 0) + _LOOKAHEAD:
                rows[-1].give_back()         # a duty that never ends: the table ended with what it owed
                end = rows[-1].end
                break
            rows[-1].take(text, j)
            end = j
            continue
        if len(pending) >= _LOOKAHEAD or starts_numbered_heading(text):
            break                    # running text after (or instead of) the table
        pending.append(text)
    if len(rows) < 2:
        return None
    width = len(header)
    return end, [header] + [row.cells()[-width:] for row in rows], [i + 1] + [row.line for row in rows]


class _Row:
    def __init__(self, serial: str, body: str, line: int, before: list[str], inline: Optional[str]):
        self.serial, self.body, self.line = serial, body, line
        self.before = before + ([inline] if inline else [])
        # (a label line holding text is the middle line of its duty: one line fewer is owed after it)
        self.owed = len(before) - (1 if inline else 0)
        self.after: list[str] = []
        self.after_lines: list[int] = []      # where each line after the label ends (an index into the lines)

    @property
    def end(self) -> int:
        return self.after_lines[-1] if self.after_lines else self.line

    def take(self, text: str, end: int) -> None:
        self.after.append(text)
        self.after_lines.append(end)

    @property
    def done(self) -> bool:
        """Its duty ends a sentence, with at least as many lines after the label as it owes."""
        lines = self.before + self.after
        return bool(lines) and lines[-1].endswith(_ENDS_SENTENCE) and len(self.after) >= self.owed

    def give_back(self) -> list[str]:
        """A duty that never ended its sentence keeps the lines it owes; the rest are the next row's."""
        keep = max(self.owed, 0)
        back, self.after, self.after_lines = self.after[keep:], self.after[:keep], self.after_lines[:keep]
        return back

    def cells(self) -> list[str]:
        return [self.serial, self.body, "".join(self.before + self.after)]
