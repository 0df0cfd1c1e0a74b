"""Word .docx: paragraphs and real tables, in document order (python-docx)."""

from __future__ import annotations

import re
from pathlib import Path

from ingest.errors import IngestError
from ingest.limits import check_paragraphs, check_unzipped_size
from ingest.readers import RawDocument, RawTable, read_bytes


def read_docx(path: Path) -> RawDocument:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    read_bytes(path)   # clear errors for missing, special or oversized files
    _check_archive(path)
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises zipfile/KeyError/ValueError for broken files
        raise IngestError(path, f"not a valid .docx file ({exc.__class__.__name__})") from None
    lines: list[str] = []
    tables: list[RawTable] = []
    _keep_text_after_entities(document.element.body)
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            # a paragraph with soft line breaks is still one paragraph
            lines.append(Paragraph(element, document).text.replace("\n", " "))
        elif tag == "tbl":
            rows = _table_rows(Table(element, document))
            if rows:
                tables.append(RawTable(rows=rows, line=len(lines)))
    return RawDocument(text="\n".join(lines), source_format="docx", tables=tables)


def _keep_text_after_entities(body) -> None:
    """python-docx reads a text element's .text only: after an entity reference (left
    unexpanded: no entity is ever resolved, so no billion laughs) the rest sits in the
    reference's tail and was dropped. Fold each text element's pieces back into its text."""
    from docx.oxml.ns import qn

    for t in body.iter(qn("w:t")):
        if len(t):
            text = "".join(piece for piece in t.xpath("text()"))
            for child in list(t):
                t.remove(child)
            t.text = text


def _check_archive(path: Path) -> None:
    """Refuse a zip bomb, then a document of too many paragraphs, before python-docx parses
    it into a tree (ingest.limits)."""
    import zipfile
    import zlib

    try:
        with zipfile.ZipFile(path) as archive:
            check_unzipped_size(path, sum(info.file_size for info in archive.infolist()))
            check_paragraphs(path, _paragraph_count(archive))
    # a damaged member fails as it is inflated: zlib.error, EOFError (truncated), BadZipFile (CRC)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise IngestError(path, f"not a valid .docx file ({exc.__class__.__name__})") from None


_PARAGRAPH = re.compile(rb"<w:p[\s/>]")   # <w:p>, <w:p w:rsidR=…>, <w:p/>; not <w:pPr>
_CHUNK = 1 << 20


def _paragraph_count(archive) -> int:
    """Paragraph elements in the main part, read in chunks (a match is 5 bytes, so the 4 bytes
    kept from the previous chunk complete a split one and never hold a whole one)."""
    try:
        part = archive.open("word/document.xml")
    except KeyError:
        return 0   # not a Word document: python-docx says so
    count, tail = 0, b""
    with part:
        while chunk := part.read(_CHUNK):
            data = tail + chunk
            count += len(_PARAGRAPH.findall(data))
            tail = data[-4:]
    return count


def _table_rows(table) -> list[list[str]]:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:          # merged cells repeat: keep each once
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(p.text for p in cell.paragraphs).strip())
        if any(cells):
            rows.append(cells)
    return rows
