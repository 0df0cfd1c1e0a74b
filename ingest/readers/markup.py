"""Text that may carry markup: plain text, plan markdown (PDF→markdown conversions) and
statute markdown, told apart by what the text holds, never by the file name.

* statute markdown: enough lines open with 第X条 (a statute is a run of articles);
* markdown: ``#`` heading lines, HTML or pipe tables, image links;
* plain text otherwise (a ``.md`` file without markup is still read as markdown).

Markdown ``#`` markers carry no level in these conversions (every heading is ``#``): they
are stripped and the line is only remembered as standing alone (``RawDocument.standalone``),
the numbering decides the level later. HTML comments and image lines are dropped; HTML
tables (one ``<table>`` per line, rowspan/colspan) and pipe tables become ``RawTable``s and
their lines are left blank, so line numbers still point into the source.
"""

from __future__ import annotations

import re
from typing import Optional

from ingest.headings import ARTICLE_RE
from ingest.readers import RawDocument, RawTable

TEXT_FORMATS = ("txt", "markdown", "statute-md")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_IMAGE = re.compile(r"^\s*!\[[^\]]*\]\([^)]*\)\s*$")
_TABLE_OPEN = re.compile(r"<table\b", re.I)
_TABLE_CLOSE = re.compile(r"</table\s*>", re.I)
_WRAPPER = re.compile(r"</?(?:html|body)\s*>", re.I)
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
MIN_ARTICLES = 3


def detect_format(text: str, markdown_name: bool) -> str:
    """``statute-md`` | ``markdown`` | ``txt`` from the text itself (``markdown_name``: the file
    is called .md, so markdown is the fallback instead of plain text)."""
    lines = text.split("\n")
    articles = [m for m in (ARTICLE_RE.match(_MD_HEADING.sub("", line).strip()) for line in lines) if m]
    first_article = any(m.group(2) in ("一", "1") for m in articles)
    if len(articles) >= MIN_ARTICLES or (len(articles) >= 2 and first_article):
        return "statute-md"
    headings = sum(1 for line in lines if _MD_HEADING.match(line))
    if headings >= 2 or _TABLE_OPEN.search(text) or any(_IMAGE.match(line) for line in lines) \
            or _has_pipe_table(lines):
        return "markdown"
    return "markdown" if markdown_name else "txt"


def text_document(text: str, fmt: str, encoding: Optional[str] = None,
                  title: Optional[str] = None) -> RawDocument:
    """A decoded text read as ``fmt`` (one of TEXT_FORMATS)."""
    if fmt == "txt" and not _TABLE_OPEN.search(text):
        return RawDocument(text=text, source_format="txt", encoding=encoding, title=title)
    lines = _COMMENT.sub(lambda m: "\n" * m.group().count("\n"), text).split("\n")
    lines, tables = lift_tables(lines)
    standalone = set()
    for i, line in enumerate(lines):
        if _IMAGE.match(line):
            lines[i] = ""
        elif fmt != "txt" and line.lstrip().startswith("#") and _MD_HEADING.match(line):
            lines[i] = _MD_HEADING.sub("", line, count=1)
            standalone.add(i)
    return RawDocument(text="\n".join(lines), source_format=fmt, tables=tables, encoding=encoding,
                       title=title, standalone=frozenset(standalone))


# -- tables written into the text ------------------------------------------------------

def lift_tables(lines: list[str]) -> tuple[list[str], list[RawTable]]:
    """HTML tables (possibly over several lines) and pipe tables out of ``lines``: their
    lines become blank and each table is anchored where it stood."""
    lines = list(lines)
    tables: list[RawTable] = []
    i = 0
    while i < len(lines):
        if _TABLE_OPEN.search(lines[i]):
            end = i
            while end < len(lines) - 1 and not _TABLE_CLOSE.search(lines[end]):
                end += 1
            markup = "\n".join(lines[i:end + 1])
            before, rows, after = _html_rows(markup)
            if rows:
                tables.append(RawTable(rows=rows, line=i, source_line=i + 1))
            lines[i] = before
            for j in range(i + 1, end + 1):
                lines[j] = ""
            if after:
                lines[end] = after
            i = end + 1
            continue
        if _PIPE_ROW.match(lines[i]) and i + 1 < len(lines) and _PIPE_RULE.match(lines[i + 1]):
            end = i + 2
            while end < len(lines) and _PIPE_ROW.match(lines[end]):
                end += 1
            rows = [_pipe_cells(lines[i])] + [_pipe_cells(line) for line in lines[i + 2:end]]
            tables.append(RawTable(rows=[r for r in rows if any(r)], line=i, source_line=i + 1))
            for j in range(i, end):
                lines[j] = ""
            i = end
            continue
        rows = _bare_pipe_rows(lines, i)
        if rows:
            tables.append(RawTable(rows=rows, line=i, source_line=i + 1))
            for j in range(i, i + len(rows)):
                lines[j] = ""
            i += len(rows)
            continue
        i += 1
    return lines, tables


# A pipe table as a web page's text gives it: no rule line, often no outer pipes ("序号 | 名 称 | 2025年目标 |
# 责任单位 | 备注 |" / "1 | 重特大生产安全事故起数 | 0 | 市安委会各成员单位 | |"): three rows or more of three
# cells or more under a header of labels, as many in each (a row may lack its empty last cell); one line of
# pipes is a site's menu.
_BARE_PIPES = re.compile(r"^[^|]*\|[^|]*\|")
# … its first row a header: short labels, no sentence ("序号", "2025年目标"; not a row of tasks cut from its header)
_HEADER_CELL = re.compile(r"^[^，。；,;]{0,12}$")
MIN_BARE_ROWS = 3


def _bare_pipe_rows(lines: list[str], i: int) -> list[list[str]]:
    """The rows (header first, each as wide as it) of a rule-less pipe table starting at line ``i``, or []."""
    if not _BARE_PIPES.match(lines[i]):
        return []
    header = _pipe_cells(lines[i])
    width = len(header)
    if width < 3 or not all(_HEADER_CELL.match(cell) for cell in header):
        return []
    rows = [header]
    end = i + 1
    while end < len(lines):     # (by index: the lines after are not copied for each header-like line)
        cells = _pipe_cells(lines[end]) if _BARE_PIPES.match(lines[end]) else []
        if not width - 1 <= len(cells) <= width:
            break
        rows.append(cells + [""] * (width - len(cells)))
        end += 1
    return rows if len(rows) >= MIN_BARE_ROWS else []


def _html_rows(markup: str) -> tuple[str, list[list[str]], str]:
    """(text before the table, its rows, text after it) — the HTML reader's table logic."""
    from bs4 import BeautifulSoup

    from ingest.readers.html_tables import table_grid

    start = _TABLE_OPEN.search(markup).start()
    close = None
    for close in _TABLE_CLOSE.finditer(markup):
        pass   # the last </table>: nested tables close inside it
    end = close.end() if close else len(markup)
    table = BeautifulSoup(markup[start:end], "lxml").find("table")
    rows = table_grid(table) if table is not None else []
    return _WRAPPER.sub("", markup[:start]).strip(), rows, _WRAPPER.sub("", markup[end:]).strip()


def _pipe_cells(line: str) -> list[str]:
    cells = line.strip().strip("|").split("|")
    return [" ".join(c.replace("<br>", " ").split()) for c in cells]


def _has_pipe_table(lines: list[str]) -> bool:
    return any(_PIPE_ROW.match(a) and _PIPE_RULE.match(b) for a, b in zip(lines, lines[1:])) or any(
        _bare_pipe_rows(lines, i) for i in range(len(lines)) if "|" in lines[i])
