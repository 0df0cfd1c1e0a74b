"""Readers: one file -> plain text plus tables, nothing more.

Every reader returns a ``RawDocument``; cleaning and structure happen later
(ingest.clean, ingest.structure). Supported: .txt (UTF-8, UTF-8 BOM, UTF-16 BOM,
GB18030/GBK detected from the bytes), .md, .docx, .pdf (text layer), .html/.htm. A text
file is plain text, plan markdown or statute markdown by what it holds
(``ingest.readers.markup``), whatever its name; an explicit ``format`` overrides both the
name and the content. JSON Lines of statutes (.jsonl, .jsonl.gz) hold many documents
and are streamed by ``ingest.readers.statutes.iter_jsonl``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ingest.errors import IngestError
from ingest.limits import check_input_file, check_paragraphs


@dataclass
class RawTable:
    rows: list[list[str]]
    line: int   # number of text lines before the table: it sits between line and line + 1
    source_line: Optional[int] = None   # 1-based line of the file the table was written on


@dataclass
class RawDocument:
    text: str                      # lines separated by "\n"
    source_format: str             # txt | markdown | statute-md | docx | pdf | html
    tables: list[RawTable] = field(default_factory=list)
    encoding: Optional[str] = None
    title: Optional[str] = None    # when the container states it (HTML <title>, JSON "title")
    standalone: frozenset = frozenset()   # 0-based lines that stand alone (markdown headings)


SINGLE_DOCUMENT_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".docx", ".pdf", ".html", ".htm")
MULTI_DOCUMENT_SUFFIXES = (".jsonl", ".jsonl.gz")
# What ``format`` may name: the text formats are told apart by content unless named.
FORMATS = ("txt", "markdown", "statute-md", "html", "docx", "pdf")


def suffix_of(path: Path) -> str:
    name = path.name.lower()
    return ".jsonl.gz" if name.endswith(".jsonl.gz") else path.suffix.lower()


def read_bytes(path: Path) -> bytes:
    """The file's bytes: only a regular file within the size limit is read (ingest.limits)."""
    check_input_file(path)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise IngestError(path, f"cannot read file: {exc.strerror or exc}") from None


def read_document(path: Path, format: Optional[str] = None, encoding: Optional[str] = None) -> RawDocument:
    """Read one single-document file (not .jsonl) into text plus tables; ``format`` (one of
    FORMATS) overrides what the file name and the content suggest; ``encoding`` forces the
    text encoding of a text or HTML file. A document of more lines than the paragraph limit is
    refused before its structure is built (ingest.limits)."""
    raw = _read_by_format(path, format, encoding)
    check_paragraphs(path, raw.text.count("\n") + 1)
    return raw


def _read_by_format(path: Path, format: Optional[str], encoding: Optional[str]) -> RawDocument:
    suffix = suffix_of(path)
    if format is not None and format not in FORMATS:
        raise IngestError(path, f"unknown format {format!r}; one of {', '.join(FORMATS)}")
    if format in ("txt", "markdown", "statute-md") or (format is None and suffix in (
            ".txt", ".text", ".md", ".markdown")):
        from ingest.readers.textfile import read_text_file
        return read_text_file(path, format, markdown_name=suffix in (".md", ".markdown"), encoding=encoding)
    if format == "docx" or (format is None and suffix == ".docx"):
        from ingest.readers.docx import read_docx
        return read_docx(path)
    if format == "pdf" or (format is None and suffix == ".pdf"):
        from ingest.readers.pdf import read_pdf
        return read_pdf(path)
    if format == "html" or (format is None and suffix in (".html", ".htm")):
        from ingest.readers.html import read_html
        return read_html(path, encoding)
    supported = " ".join(SINGLE_DOCUMENT_SUFFIXES + MULTI_DOCUMENT_SUFFIXES)
    raise IngestError(path, f"unsupported file type {suffix or '(no extension)'!r}; supported: {supported}")
