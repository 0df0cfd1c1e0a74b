"""The grid of an HTML <table> element (BeautifulSoup), shared by the HTML reader and by
the tables found inside markdown and text (ingest.readers.markup)."""

from __future__ import annotations


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
