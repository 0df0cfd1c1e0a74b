"""HTML: block elements become lines, <table> elements become tables (BeautifulSoup)."""

from __future__ import annotations

from pathlib import Path

from ingest.readers import RawDocument, RawTable, read_bytes
from ingest.readers.textfile import decode_bytes

_BLOCK = {"p", "div", "section", "article", "header", "footer", "main", "li", "ul", "ol",
          "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dd", "dt", "dl",
          "tr", "caption", "figure", "figcaption", "address", "center", "body"}
_SKIP = {"script", "style", "noscript", "template", "head", "nav"}


def read_html(path: Path) -> RawDocument:
    from bs4 import BeautifulSoup

    text, encoding = decode_bytes(path, read_bytes(path))
    soup = BeautifulSoup(text, "lxml")
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    walker = _Walker()
    walker.walk(soup.body or soup)
    walker.flush()
    return RawDocument(text="\n".join(walker.lines), source_format="html",
                       tables=walker.tables, encoding=encoding, title=title or None)


class _Walker:
    def __init__(self):
        self.lines: list[str] = []
        self.tables: list[RawTable] = []
        self._current: list[str] = []

    def flush(self) -> None:
        line = "".join(self._current).strip()
        if line:
            self.lines.append(" ".join(line.split()))
        self._current = []

    def walk(self, element) -> None:
        from bs4 import Comment, NavigableString, Tag

        for child in element.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                self._current.append(str(child))
            elif isinstance(child, Tag):
                name = child.name.lower()
                if name in _SKIP:
                    continue
                if name == "br":
                    self.flush()
                elif name == "table":
                    self.flush()
                    self._table(child)
                elif name in _BLOCK:
                    self.flush()
                    self.walk(child)
                    self.flush()
                else:
                    self.walk(child)

    def _table(self, table) -> None:
        rows = table_grid(table)
        caption = table.find("caption")
        if caption is not None:
            self.lines.append(" ".join(caption.get_text(" ", strip=True).split()))
        if rows:
            self.tables.append(RawTable(rows=rows, line=len(self.lines)))


def table_grid(table) -> list[list[str]]:
    """The rows of a <table> element as a grid: a cell spanning rows or columns
    (rowspan/colspan) is repeated in every position it covers; empty rows are dropped."""
    grid: list[list[str]] = []
    pending: dict[int, tuple[int, str]] = {}    # column -> (rows still to fill, text) from a rowspan above
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is not table:
            continue   # rows of nested tables belong to their own cell text
        row: list[str] = []

        def fill_pending():
            while len(row) in pending:
                left, text = pending[len(row)]
                row.append(text)
                if left > 1:
                    pending[len(row) - 1] = (left - 1, text)
                else:
                    del pending[len(row) - 1]

        for td in tr.find_all(["td", "th"]):
            if td.find_parent("tr") is not tr:
                continue
            fill_pending()
            text = " ".join(td.get_text(" ", strip=True).split())
            rowspan, colspan = _span(td, "rowspan"), _span(td, "colspan")
            for _ in range(colspan):
                if rowspan > 1:
                    pending[len(row)] = (rowspan - 1, text)
                row.append(text)
        fill_pending()
        if any(row):
            grid.append(row)
    return grid


def _span(td, name: str) -> int:
    try:
        return max(1, min(int(td.get(name, 1)), 100))
    except (TypeError, ValueError):
        return 1
