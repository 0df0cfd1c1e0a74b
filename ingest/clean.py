"""Cleaning: raw text + tables -> blocks (one logical paragraph or one table each).

* Artefacts removed: ``[bookmark: _Toc…]`` (DOCX converters), page footers ("— 47 —",
  "- 3 -", "第 3 页 共 9 页"), control characters, zero-width and bidi marks.
* Full-width / non-breaking spaces become ordinary spaces; runs of spaces collapse.
* Hard wraps of PDF-extracted text (detected: most lines the same width, ~28 CJK
  characters) are re-joined; a paragraph ends at a short line, or at a line ending in
  。！？；： unless that line is full width *and* has no trailing space (the PDF text
  marks paragraph ends with one). Never joined: into a line that starts a numbered
  heading or list item (一、 （一） 1. （1） 第X章 …) or across a table. A full-width
  heading line without sentence end is a heading broken over two lines and is joined. Spaces between CJK characters
  and digits that the PDF layout introduced ("到 2023 年") are removed in that layout.
* ``render`` lays the blocks out as ``clean_text`` (one line per paragraph, per table
  caption, header and row; cells separated by tabs) with ``line_map`` back to the source.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Union

from ingest.fields import next_field, opens_field
from ingest.flat_duty_table import find_flat_duty_table
from ingest.flattened import unflatten
from ingest.headings import starts_numbered_heading
from ingest.inline_items import opening, split_items
from ingest.mdlayout import CLOSERS, PARAGRAPH_END, join_cjk_gaps, paragraphs
from ingest.normalize import normalize_line
from ingest.readers import RawDocument
from ingest.tables import (BOX_TITLE, TableBlock, carry_columns, continues, find_flat_table, find_tab_table,
                           is_caption, merge_tables, table_from_rows)
from ingest.toc import drop_toc

_ARTEFACT = re.compile(r"\[bookmark: [^\]]*\]")
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_ODD_SPACE = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_FOOTER = re.compile(r"^(?:[-—–－―]+\s*\d{1,4}\s*[-—–－―]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?)$")
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u2014-\u201f\u2026"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}\d])|(?<=[{_CJK}\d])\s+(?=[{_CJK}])")


@dataclass
class TextBlock:
    text: str
    line: int            # 1-based source line where the paragraph starts
    start: int = 0       # offset in clean_text (set by render)


Block = Union[TextBlock, TableBlock]


@dataclass
class CleanDocument:
    blocks: list[Block]
    clean_text: str
    line_map: list[int]
    layout: str                       # "wrapped" (PDF hard wraps re-joined) | "lines"
    artefacts: bool = False           # bookmark artefacts were seen (DOCX-extracted text)
    tab_tables: bool = False


def scrub(line: str) -> str:
    """Remove artefacts and invisible characters; keep leading tabs (table cells)."""
    if "[bookmark:" in line:
        line = _ARTEFACT.sub("", line)
    line = _INVISIBLE.sub("", line)
    return _ODD_SPACE.sub(" ", line)


def tidy(text: str, join_cjk: bool) -> str:
    text = " ".join(text.split())
    return _CJK_GAP.sub("", text) if join_cjk and " " in text else text


# A web page's own lines around a copied document: the information-disclosure fields of a government
# site ("索引号: …  组配分类: …", "发布机构: 宣城市应急管理局", "成文日期: | 2021-07-12 | 发布日期: | …"), the
# page's tools and trail ("【字体: 大 中 小】", "当前位置: 首页 > …"). A line that opens with such a field, or
# holds two of them, is the page's, not the document's ("发布机构" had been read as a body).
_PAGE_FIELD = (r"索引号|发布机构|组配分类|主题分类|体裁分类|公开目录|公开方式|公开范围|文号|发文字号|成文日期|发布日期|"
               r"发布时间|发表时间|生成日期|有效性|信息来源|来源|浏览次数|访问量|点击数|字体(?:大小)?|作者|"
               r"当前位置|您现在所在的位置|所在位置|收藏本页|打印本页|关闭窗口")
_PAGE_LINE = re.compile(rf"^[\s•·●|【\[]*(?:{_PAGE_FIELD})\s*(?:[:：|】\]\s]|$)")
_PAGE_FIELDS = re.compile(rf"(?:^|[\s|【】\[\]])(?:{_PAGE_FIELD})\s*[:：|】]")


# … and a line that is only a web address (a site's banner under its name: "www.ningwu.gov.cn")
_URL_LINE = re.compile(r"^(?:https?://|www\.)[!-~]+$", re.IGNORECASE)


def is_furniture(text: str) -> bool:
    text = text.strip()
    return bool(_FOOTER.match(text)) or (len(text) <= 300 and (
        bool(_PAGE_LINE.match(text)) or len(_PAGE_FIELDS.findall(text)) >= 2 or bool(_URL_LINE.match(text))))


# A list item's bullet ("● 市应急管理局：负责…", markdown's "- …"): no number, no word of the item.
# (A hyphen, an asterisk or a dot only with a space after it: "-5℃" keeps its sign.)
_LIST_BULLET = re.compile(r"^(?:[•●○◆◇■□▪▸►▶➢➤✓√★☆◎]\s*|[-*+·]\s+)")


def clean(raw: RawDocument) -> CleanDocument:
    text = raw.text
    artefacts = "[bookmark:" in text
    lines = [scrub(line) for line in text.split("\n")]
    units, tab_tables = _units(lines, raw)
    wrapped = raw.source_format in ("txt", "pdf") and _looks_wrapped(
        [u[1] for u in units if isinstance(u, tuple)])
    if raw.source_format == "markdown":
        blocks = _markdown_blocks(units, raw.standalone)
    else:
        blocks = _join_wrapped(units) if wrapped else _plain_blocks(units, raw.source_format == "pdf")
    blocks = _split_items(drop_toc(_boxes_as_text(blocks), lambda b: b.text if isinstance(b, TextBlock) else None))
    blocks = [TextBlock(_LIST_BULLET.sub("", b.text), b.line) if isinstance(b, TextBlock) else b for b in blocks]
    doc = CleanDocument(blocks=[b for b in blocks if not isinstance(b, TextBlock) or b.text],
                        clean_text="", line_map=[], layout="wrapped" if wrapped else "lines",
                        artefacts=artefacts, tab_tables=tab_tables)
    render(doc)
    return doc


# -- lines -> units (text lines and tables) ------------------------------------------

def _units(lines: list[str], raw: RawDocument):
    """Text lines as (kind, raw text, source line) tuples, interleaved with TableBlocks."""
    anchored = {}
    for table in raw.tables:
        anchored.setdefault(table.line, []).append(table)
    units: list = []
    tab_tables = False
    i = 0
    while i <= len(lines):
        for table in anchored.get(i, ()):
            block = table_from_rows(table.rows, _take_caption(units), line=table.source_line or max(i, 1))
            if units and isinstance(units[-1], TableBlock) and continues(units[-1], block):
                units[-1] = merge_tables(units[-1], block)
            else:
                previous = next((u for u in reversed(units) if isinstance(u, TableBlock)), None)
                units.append(carry_columns(previous, block) if previous else block)
        if i == len(lines):
            break
        tab = find_tab_table(lines, i)
        found = tab or find_flat_table(lines, i, is_furniture) or find_flat_duty_table(lines, i, is_furniture)
        if found:
            end, rows, row_lines = found
            tab_tables = tab_tables or tab is not None
            units.append(table_from_rows(rows, _take_caption(units), line=row_lines[0], row_lines=row_lines))
            i = end
            continue
        stripped = lines[i].strip()
        if stripped and not is_furniture(stripped):
            units += [("line", normalize_line(piece), i + 1) for piece in unflatten(lines[i])]
        i += 1
    return units, tab_tables


def _take_caption(units: list):
    """The line just before a table is its caption when it reads like one."""
    if units and isinstance(units[-1], tuple) and is_caption(tidy(units[-1][1], False)):
        _, text, line = units.pop()
        return tidy(text, False), line
    return None


def _markdown_blocks(units, standalone: frozenset) -> list[Block]:
    """Paragraphs between the tables, laid out by ingest.mdlayout."""
    blocks: list[Block] = []
    run: list[tuple[str, int]] = []

    def flush():
        # normalised again: a number cut by a line end ("1万间或 3 0 0 0 户") is whole only now
        blocks.extend(TextBlock(join_cjk_gaps(normalize_line(tidy(text, False))), line) for text, line, _ in
                      paragraphs(run, standalone))
        run.clear()

    for unit in units:
        if isinstance(unit, TableBlock):
            flush()
            blocks.append(unit)
        else:
            run.append((unit[1], unit[2]))
    flush()
    return blocks


def _boxes_as_text(blocks: list[Block]) -> list[Block]:
    """A plan's box ("专栏2 …重点工程" and its paragraphs) that a conversion set as a table of one
    column: its cells are paragraphs, read as the text around them."""
    out: list[Block] = []
    for b in blocks:
        if not (isinstance(b, TableBlock) and _is_box(b)):
            out.append(b)
            continue
        cells = [(b.caption, b.line)] if b.caption else []
        cells += [(b.columns[0], b.header_line or b.line)] if b.columns else []
        cells += [(row[0] if row else "", line) for row, line in zip(b.rows, b.row_lines or [b.line] * len(b.rows))]
        out.extend(TextBlock(text.strip(), line) for text, line in cells if text and text.strip())
    return out


def _is_box(table: TableBlock) -> bool:
    """One column, prose in it, and a box's title as its caption or first cell ("专栏2 …"): other
    one-column tables (a distribution list, a note) stay tables."""
    rows = [[c for c in row if c and c.strip()] for row in table.rows]
    one_column = (not table.columns or len([c for c in table.columns if c and c.strip()]) <= 1) and all(
        len(r) <= 1 for r in rows)
    first = table.caption or (table.columns[0] if table.columns else None) or next((r[0] for r in rows if r), "")
    return one_column and bool(BOX_TITLE.match(first or "")) and any(
        len(r[0]) >= 30 and "。" in r[0] for r in rows if r)



def _split_items(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    context: dict[int, int] = {}      # the last number seen per marker style
    for block in blocks:
        if not isinstance(block, TextBlock):
            out.append(block)
            continue
        cuts = split_items(block.text, context)
        bounds = (([0] if cuts[0] else []) + cuts if cuts else [0]) + [len(block.text)]
        for a, b in zip(bounds, bounds[1:]):
            piece = TextBlock(block.text[a:b].strip(), block.line)
            marker = opening(piece.text)
            if marker and marker[1] is not None:
                context[marker[0]] = marker[1]
            out.append(piece)
    return out


def _plain_blocks(units, join_cjk: bool) -> list[Block]:
    return [TextBlock(tidy(u[1], join_cjk), u[2]) if isinstance(u, tuple) else u for u in units]


# -- hard-wrap detection and re-joining ------------------------------------------------

def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text)


def _looks_wrapped(raw_lines: list[str]) -> bool:
    """Most lines share one width of 10–80 CJK characters and do not end sentences."""
    # a line of more than 200 characters is no hard wrap: skip measuring it character by character
    widths = sorted(display_width(line.strip()) if len(line) < 200 else 10**6 for line in raw_lines)
    if len(widths) < 8:
        return False
    full = widths[int(len(widths) * 0.8)]
    if not 20 <= full <= 160:
        return False
    near_full = sum(1 for w in widths if w >= full * 0.85)
    open_ended = sum(1 for line in raw_lines if line.strip()[-1] not in PARAGRAPH_END + CLOSERS)
    return near_full >= len(widths) * 0.5 and open_ended >= len(widths) * 0.5


def _join_wrapped(units) -> list[Block]:
    widths = sorted(display_width(u[1].strip()) if len(u[1]) < 200 else 10**6
                    for u in units if isinstance(u, tuple))
    full = widths[int(len(widths) * 0.8)]
    blocks: list[Block] = []
    parts: list[str] = []
    first_line = 0
    prev_raw = ""

    def flush():
        if parts:
            blocks.append(TextBlock(_concat(parts), first_line))
            parts.clear()

    for unit in units:
        if isinstance(unit, TableBlock):
            flush()
            blocks.append(unit)
            prev_raw = ""
            continue
        _, raw_line, lineno = unit
        text = tidy(raw_line, True)
        if parts and (_ends_paragraph(prev_raw, full) or starts_numbered_heading(text) or opens_field(text)
                      or next_field(tidy(prev_raw, True), text)):
            flush()
        if not parts:
            first_line = lineno
        parts.append(text)
        prev_raw = raw_line
    flush()
    return blocks


def _ends_paragraph(raw_line: str, full: int) -> bool:
    text = raw_line.strip()
    width = display_width(text)
    if width < full * 0.85:
        return True
    last = text.rstrip(CLOSERS)[-1:] or text[-1]
    if last in PARAGRAPH_END:
        # A full line ending in 。 may still wrap; the PDF text marks real ends with a space.
        return raw_line != raw_line.rstrip()
    return False


def _concat(parts: list[str]) -> str:
    out = parts[0]
    for part in parts[1:]:
        sep = " " if out[-1:].isascii() and out[-1:].isalnum() and part[:1].isascii() and part[:1].isalpha() else ""
        out += sep + part
    return out


# -- layout -----------------------------------------------------------------------------

def render(doc: CleanDocument) -> None:
    """Lay blocks out as clean_text; record offsets on blocks and the source line map."""
    out: list[str] = []
    line_map: list[int] = []
    pos = 0

    def add(text: str, source_line: int) -> int:
        nonlocal pos
        start = pos
        out.append(text)
        line_map.append(source_line)
        pos += len(text) + 1
        return start

    for block in doc.blocks:
        if isinstance(block, TextBlock):
            block.start = add(block.text, block.line)
            continue
        block.start = pos
        if block.caption:
            add(block.caption, block.line)
        if block.columns:
            add("\t".join(block.columns), block.header_line or block.line)
        block.row_starts = [add("\t".join(row), source_line)
                            for row, source_line in zip(block.rows, block.row_lines)]
    doc.clean_text = "\n".join(out)
    doc.line_map = line_map
