"""Statute markdown and JSON Lines of statutes.

Markdown (the reference collection's format)::

    # 城镇燃气管理条例                  <- title
    2010年11月19日 国务院令第583号公布   <- revision lines
    <!-- INFO END -->
    ## 第一章 总则                      <- chapter
    第一条 为了加强城镇燃气管理，……      <- one article per paragraph

Each entry's text is read by ``ingest.readers.markup`` (statute or plan markdown by what
it holds: a government work report has no articles). JSON Lines: one document per line
with fields title, content (markdown as above), optional path, category, year;
``.jsonl.gz`` is decompressed while streaming.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional

from ingest.errors import IngestError
from ingest.limits import (MAX_JSON_DEPTH, UNZIPPED_FACTOR, check_input_file, check_unzipped_size,
                           json_depth_exceeded, max_input_bytes)
from ingest.readers import RawDocument, read_bytes, suffix_of
from ingest.readers.markup import detect_format, text_document


@dataclass
class JsonlEntry:
    line: int                  # 1-based line in the .jsonl file
    title: str
    raw: RawDocument
    path: Optional[str]        # the entry's own source path inside its collection
    category: Optional[str]
    year: Optional[int]
    sha256: str


def iter_jsonl(path: Path) -> Iterator[JsonlEntry]:
    """Stream the entries of a .jsonl / .jsonl.gz file, one document per line."""
    check_input_file(path)
    opener = gzip.open if suffix_of(path) == ".jsonl.gz" else open
    seen_any = False
    unpacked, limit = 0, UNZIPPED_FACTOR * max_input_bytes()
    try:
        with opener(path, "rb") as f:
            for lineno, raw_line in enumerate(f, 1):
                unpacked += len(raw_line)
                if unpacked > limit:
                    check_unzipped_size(path, unpacked)
                if not raw_line.strip():
                    continue
                seen_any = True
                yield _entry(path, lineno, raw_line)
    except (OSError, EOFError, zlib.error) as exc:
        raise IngestError(path, f"cannot read compressed JSON Lines: {exc}") from None
    if not seen_any:
        raise IngestError(path, "file is empty" if not read_bytes(path) else "file contains no documents")


def _entry(path: Path, lineno: int, raw_line: bytes) -> JsonlEntry:
    if json_depth_exceeded(raw_line):
        raise IngestError(path, f"line {lineno}: JSON nested deeper than {MAX_JSON_DEPTH} levels")
    try:
        obj = json.loads(raw_line)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise IngestError(path, f"line {lineno}: not valid JSON ({exc.__class__.__name__})") from None
    if not isinstance(obj, dict):
        raise IngestError(path, f"line {lineno}: expected a JSON object")
    content, title = obj.get("content"), obj.get("title")
    if not isinstance(content, str) or not content.strip():
        raise IngestError(path, f"line {lineno}: no 'content' text")
    if not isinstance(title, str) or not title.strip():
        raise IngestError(path, f"line {lineno}: no 'title'")
    year = obj.get("year")
    return JsonlEntry(
        line=lineno,
        title=title.strip(),
        raw=text_document(content, detect_format(content, markdown_name=True), "utf-8", title.strip()),
        path=obj.get("path") if isinstance(obj.get("path"), str) else None,
        category=obj.get("category") if isinstance(obj.get("category"), str) else None,
        year=year if isinstance(year, int) else None,
        sha256=hashlib.sha256(raw_line.rstrip(b"\r\n")).hexdigest(),
    )
