"""Readers: one file -> plain text plus tables, nothing more.

Every reader returns a ``RawDocument``; cleaning and structure happen later
(ingest.clean, ingest.structure). Supported: .txt (UTF-8, UTF-8 BOM, UTF-16 BOM,
GB18030/GBK detected from the bytes), .md (statute markdown), .docx, .pdf (text
layer), .html/.htm. JSON Lines of statutes (.jsonl, .jsonl.gz) hold many documents
and are streamed by ``ingest.readers.statutes.iter_jsonl``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ingest.errors import IngestError


@dataclass
class RawTable:
    rows: list[list[str]]
    line: int   # number of text lines before the table: it sits between line and line + 1


@dataclass
class RawDocument:
    text: str                      # lines separated by "\n"
    source_format: str             # txt | statute-md | docx | pdf | html
    tables: list[RawTable] = field(default_factory=list)
    encoding: Optional[str] = None
    title: Optional[str] = None    # when the container states it (HTML <title>, JSON "title")


SINGLE_DOCUMENT_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".docx", ".pdf", ".html", ".htm")
MULTI_DOCUMENT_SUFFIXES = (".jsonl", ".jsonl.gz")


def suffix_of(path: Path) -> str:
    name = path.name.lower()
    return ".jsonl.gz" if name.endswith(".jsonl.gz") else path.suffix.lower()


def read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise IngestError(path, "no such file")
    if path.is_dir():
        raise IngestError(path, "is a directory, not a document")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise IngestError(path, f"cannot read file: {exc.strerror or exc}") from None


def read_document(path: Path) -> RawDocument:
    """Read one single-document file (not .jsonl) into text plus tables."""
    suffix = suffix_of(path)
    if suffix in (".txt", ".text"):
        from ingest.readers.textfile import read_text_file
        return read_text_file(path)
    if suffix in (".md", ".markdown"):
        from ingest.readers.statutes import read_markdown_file
        return read_markdown_file(path)
    if suffix == ".docx":
        from ingest.readers.docx import read_docx
        return read_docx(path)
    if suffix == ".pdf":
        from ingest.readers.pdf import read_pdf
        return read_pdf(path)
    if suffix in (".html", ".htm"):
        from ingest.readers.html import read_html
        return read_html(path)
    supported = " ".join(SINGLE_DOCUMENT_SUFFIXES + MULTI_DOCUMENT_SUFFIXES)
    raise IngestError(path, f"unsupported file type {suffix or '(no extension)'!r}; supported: {supported}")
