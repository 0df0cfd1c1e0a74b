"""Plain-text files: detect binary content and the encoding from the bytes.

UTF-8 (with or without BOM) and UTF-16 with BOM are read directly; anything else is
identified by charset-normalizer (GB18030/GBK/GB2312 are decoded as GB18030, their
superset). A file mixing UTF-8 and GBK lines (pasted together) is decoded line by line.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Optional

from ingest.errors import IngestError
from ingest.readers import RawDocument, read_bytes

_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"%PDF": "a PDF file (use the .pdf extension)",
    b"PK\x03\x04": "a ZIP archive (a .docx? use the .docx extension)",
    b"\x1f\x8b": "gzip-compressed",
    b"\x7fELF": "an executable",
}
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "cp936", "euc_cn"}


def read_text_file(path: Path, format: Optional[str] = None, markdown_name: bool = False,
                   encoding: Optional[str] = None) -> RawDocument:
    """Decode (as ``encoding`` when given), then read as ``format`` or, when not given, as
    what the text holds."""
    from ingest.readers.markup import detect_format, text_document

    data = read_bytes(path)
    text, encoding = decode_bytes(path, data, encoding)
    return text_document(text, format or detect_format(text, markdown_name), encoding)


def decode_bytes(path: Path, data: bytes, encoding: Optional[str] = None) -> tuple[str, str]:
    """(text, encoding name) or IngestError for empty, binary or undecodable input.
    ``encoding`` (``ingest --encoding``) is used as given, strictly; otherwise the encoding is
    detected among those of Chinese plans (UTF-8, UTF-16 with BOM, the GB family): text that
    looks like another encoding (invalid UTF-8 read as cp1251 would be mojibake) is refused."""
    if not data.strip():
        raise IngestError(path, "file is empty" if not data else "file contains only whitespace")
    if encoding:
        return _forced(path, data, encoding)
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _not_blank(path, data.decode(enc)), enc
            except UnicodeDecodeError:
                raise IngestError(path, f"undecodable bytes: starts with a {enc} byte-order mark "
                                        f"but is not valid {enc}") from None
    _refuse_binary(path, data)
    try:
        return _not_blank(path, data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and "end of data" in exc.reason:
            # truncated in the middle of the last character: keep the rest
            return _not_blank(path, data[:exc.start].decode("utf-8")), "utf-8"
    lines = data.split(b"\n")
    valid_utf8 = sum(1 for line in lines if not line.isascii() and _utf8_line(line) is not None)
    if valid_utf8 and valid_utf8 < sum(1 for line in lines if not line.isascii()):
        return _not_blank(path, _decode_mixed(lines)), "mixed utf-8/gb18030"
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    guess = best.encoding.lower() if best is not None else None
    if guess in _GB_FAMILY or guess in _CHINESE_OTHER:
        encoding = "gb18030" if guess in _GB_FAMILY else guess
        try:
            return _not_blank(path, data.decode(encoding)), encoding
        except UnicodeDecodeError:
            pass
    detected = f" (it looks most like {guess})" if guess else ""
    raise IngestError(path, f"undecodable bytes: not valid in any encoding tried ({', '.join(TRIED)}){detected}; "
                            "give the file's encoding with --encoding")


TRIED = ("utf-8", "utf-16 with BOM", "gb18030/gbk/gb2312", "big5")
_CHINESE_OTHER = {"big5", "big5hkscs", "cp950"}


def _forced(path: Path, data: bytes, encoding: str) -> tuple[str, str]:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise IngestError(path, f"unknown encoding {encoding!r} (--encoding)") from None
    try:
        return _not_blank(path, data.decode(encoding)), encoding
    except UnicodeDecodeError as exc:
        raise IngestError(path, f"undecodable bytes: not valid {encoding} at byte {exc.start} (--encoding)") from None


def _refuse_binary(path: Path, data: bytes) -> None:
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise IngestError(path, f"binary file ({what}), not text")
    head = data[:65536]
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if head.count(0) > len(head) / 100 or controls > len(head) / 10:
        raise IngestError(path, "binary file (NUL/control bytes), not text")


def _utf8_line(line: bytes):
    """The line as UTF-8 text when it plausibly is: GBK bytes that happen to form valid
    UTF-8 decode to Latin/Greek/Cyrillic letters (U+0080–U+1FFF), real Chinese does not."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return None if any("\u0080" <= ch < "\u2000" for ch in text) else text


def _decode_mixed(lines: list[bytes]) -> str:
    out = []
    for line in lines:
        text = _utf8_line(line)
        out.append(text if text is not None else line.decode("gb18030", errors="replace"))
    return "\n".join(out)


def _not_blank(path: Path, text: str) -> str:
    if not text.strip():
        raise IngestError(path, "file contains only whitespace")
    return text
