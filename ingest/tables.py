"""Tables: real ones from .docx/.html, and the two text renderings found in plan files.

* DOCX-extracted text: one tab-prefixed cell per line, rows separated by blank lines.
* PDF-extracted text: an indicator table flattened into lines after a header line
  "序号 指标名称 规划目标 指标属性"; a row starts with its serial number and may wrap
  over several lines and even a page break ("5 道路运输生产安全事故死亡 ≥20 预期性" /
  " 人数下降（%）" is one row). Columns are told apart by their content: the 属性 cell is
  约束性/预期性, the target is a comparator+number ("＞15", "≥75", "100%") or, when there
  is none, the text written under the name ("流域骨干工程按照防御100年一遇…").
Only that four-column indicator layout is recognised in flattened text; other flattened
tables stay paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ingest.headings import SENTENCE_END, starts_numbered_heading
from ingest.normalize import normalize_line

ATTRIBUTES = ("约束性", "预期性", "指导性")
_VALUE = re.compile(r"^[＞＜≥≤><=≧≦~～]?\s*-?\d+(?:\.\d+)?\s*(?:%|％|‰|个|名|人|家|次|万|亿)?$")
SERIAL_HEADERS = ("序号", "编号", "序")
MAX_CAPTION = 60


@dataclass
class TableBlock:
    caption: Optional[str]
    columns: Optional[list[str]]      # header cells, when the first row is a header
    rows: list[list[str]]             # data rows
    line: int                         # 1-based source line of the table (caption or first row)
    header_line: int = 0              # source line of the header row
    row_lines: list[int] = field(default_factory=list)   # source line of each data row
    start: int = 0                    # offset in clean_text (set by clean.render)
    row_starts: list[int] = field(default_factory=list)  # offset of each data row line


# the title of a plan's box of key projects or figures ("专栏2 应急救援能力提升重点工程"), set as a table
# or as a line of text by conversions
BOX_TITLE = re.compile(r"^\s*专栏\s*[\d一二三四五六七八九十]+")


def is_caption(text: str) -> bool:
    """A short line without sentence end that is not a numbered heading: a table title."""
    text = text.strip()
    return (0 < len(text) <= MAX_CAPTION and text[-1] not in SENTENCE_END + "：:，,"
            and (text.startswith("表") or not starts_numbered_heading(text)))


def split_header(rows: list[list[str]]) -> tuple[Optional[list[str]], list[list[str]]]:
    if len(rows) < 2:
        return None, rows
    first = rows[0]
    labels = first[0].strip() in SERIAL_HEADERS or (
        not any(ch.isdigit() for cell in first for ch in cell)
        and all(len(cell) <= 12 for cell in first))
    return (first, rows[1:]) if labels else (None, rows)


def table_from_rows(rows: list[list[str]], caption: Optional[tuple[str, int]], line: int,
                    row_lines: Optional[list[int]] = None) -> TableBlock:
    columns, data = split_header([[_tidy_cell(c) for c in row] for row in rows])
    lines = row_lines or [line] * len(rows)
    return TableBlock(caption=caption[0] if caption else None, columns=columns, rows=data,
                      line=caption[1] if caption else lines[0], header_line=lines[0],
                      row_lines=lines[len(rows) - len(data):])


def _tidy_cell(text: str) -> str:
    return " ".join(normalize_line(text.replace("\t", " ")).split())


_CONTINUED = re.compile(r"^续表")


def continues(previous: TableBlock, table: TableBlock) -> bool:
    """A table that goes on from the one right before it: split by a page break (nothing but
    blank lines between, no caption of its own) or captioned 续表."""
    return table.caption is None or bool(_CONTINUED.match(table.caption))


def carry_columns(previous: TableBlock, table: TableBlock) -> TableBlock:
    """A 续表 further on, without a header of its own, has the columns of the table it continues."""
    if table.caption and _CONTINUED.match(table.caption) and previous.columns:
        if table.columns is None and all(len(r) == len(previous.columns) for r in table.rows):
            table.columns = previous.columns
        elif table.columns is not None and len(table.columns) == len(previous.columns) \
                and table.columns != previous.columns:
            table.rows.insert(0, table.columns)       # its first row was data, not a header
            table.row_lines.insert(0, table.header_line)
            table.columns = previous.columns
    return table


def merge_tables(previous: TableBlock, table: TableBlock) -> TableBlock:
    """One table of both; a header the continuation repeats is dropped."""
    rows = list(table.rows)
    lines = list(table.row_lines)
    if table.columns and table.columns != previous.columns:
        rows.insert(0, table.columns)            # the continuation's first row was data
        lines.insert(0, table.header_line)
    previous.rows += rows
    previous.row_lines += lines
    return previous


# -- DOCX-extracted text: tab-prefixed cells -----------------------------------------

def find_tab_table(lines: list[str], i: int) -> Optional[tuple[int, list[list[str]], list[int]]]:
    """If a tab-cell table starts at ``lines[i]``: (end index, rows, row source lines)."""
    if not lines[i].startswith("\t"):
        return None
    rows: list[list[str]] = []
    row_lines: list[int] = []
    current: list[str] = []
    j = i
    while j < len(lines) and (lines[j].startswith("\t") or not lines[j].strip()):
        if lines[j].startswith("\t"):
            if not current:
                row_lines.append(j + 1)
            current.append(lines[j].strip())
        elif current:
            rows.append(current)
            current = []
        j += 1
    if current:
        rows.append(current)
    if len(rows) < 2 or sum(len(r) >= 2 for r in rows) < len(rows) / 2:
        return None
    while j > i and not lines[j - 1].strip():
        j -= 1
    return j, rows, row_lines


# -- PDF-extracted text: flattened indicator table --------------------------------------

def flat_indicator_header(line: str) -> Optional[list[str]]:
    tokens = line.split()
    if (len(tokens) == 4 and tokens[0] in SERIAL_HEADERS and "指标" in "".join(tokens[1:3])
            and tokens[-1].endswith("属性")):
        return tokens
    return None


@dataclass
class _FlatRow:
    serial: str
    line: int
    first: list[str]                       # tokens after the serial on its own line
    more: list[list[str]] = field(default_factory=list)   # tokens of the following lines

    def tokens(self) -> list[str]:
        return self.first + [t for line in self.more for t in line]

    def complete(self) -> bool:
        toks = self.tokens()
        if not any(t in ATTRIBUTES for t in toks):
            return False
        if any(_VALUE.match(t) for t in toks):
            return True
        text = [t for t in toks if t not in ATTRIBUTES]
        return bool(text) and text[-1][-1] in SENTENCE_END

    def cells(self) -> list[str]:
        toks = self.tokens()
        attribute = next((t for t in toks if t in ATTRIBUTES), "")
        values = [t for t in toks if _VALUE.match(t)]
        if values:
            target = values[0]
            name = "".join(t for t in toks if t not in ATTRIBUTES and t is not target)
        elif self.first:
            name = "".join(self.first)
            target = "".join(t for line in self.more for t in line if t not in ATTRIBUTES)
        else:
            name = "".join(self.more[0]) if self.more else ""
            target = "".join(t for line in self.more[1:] for t in line if t not in ATTRIBUTES)
        return [self.serial, name, target, attribute]


def find_flat_table(lines: list[str], i: int, is_furniture) -> Optional[tuple[int, list[list[str]], list[int]]]:
    """If ``lines[i]`` is a flattened indicator-table header: (end index, rows, row source lines)."""
    header = flat_indicator_header(lines[i])
    if header is None:
        return None
    rows: list[_FlatRow] = []
    j = i + 1
    while j < len(lines):
        text = lines[j].strip()
        if not text or is_furniture(text):
            j += 1
            continue
        tokens = text.split()
        if tokens[0] == str(len(rows) + 1):
            rows.append(_FlatRow(tokens[0], j + 1, tokens[1:]))
        elif not rows or starts_numbered_heading(text):
            break
        elif rows[-1].complete() and not _next_serial_follows(lines, j, len(rows) + 1, is_furniture):
            break   # a complete last row: what follows is running text
        else:
            rows[-1].more.append(tokens)
        j += 1
    if len(rows) < 2:
        return None
    return j, [header] + [r.cells() for r in rows], [i + 1] + [r.line for r in rows]


def _next_serial_follows(lines: list[str], j: int, serial: int, is_furniture, lookahead: int = 3) -> bool:
    """Does row ``serial`` start within the next few lines (a row continued over a page)?"""
    seen = 0
    for line in lines[j + 1:]:
        text = line.strip()
        if not text or is_furniture(text):
            continue
        if text.split()[0] == str(serial):
            return True
        seen += 1
        if seen >= lookahead:
            return False
    return False
