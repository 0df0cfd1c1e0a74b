"""HTML: block elements become lines, <table> elements become tables (BeautifulSoup)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from ingest.readers import RawDocument, RawTable, read_bytes
from ingest.readers.html_tables import table_grid
from ingest.readers.textfile import decode_bytes

_BLOCK = {"p", "div", "section", "article", "header", "footer", "main", "li", "ul", "ol",
          "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dd", "dt", "dl",
          "tr", "caption", "figure", "figcaption", "address", "center", "body"}
_SKIP = {"script", "style", "noscript", "template", "head", "nav"}


def read_html(path: Path, encoding: Optional[str] = None) -> RawDocument:
    from bs4 import BeautifulSoup

    text, encoding = decode_bytes(path, read_bytes(path), encoding)
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
