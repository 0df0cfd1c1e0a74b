"""Bytes of odd and broken documents, shared by the ingest and reliability bad-input tests."""

from __future__ import annotations

import io
import zipfile


def docx_bytes(text: str) -> bytes:
    """A real .docx with one paragraph per line of ``text``."""
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PKG = "http://schemas.openxmlformats.org/package/2006"
_DOCX_TYPES = (f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{_PKG}/content-types">'
               '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
               '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
               'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
               '</Types>')
_DOCX_RELS = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}/relationships">'
              '<Relationship Id="rId1" Target="word/document.xml" Type="http://schemas.openxmlformats.org/'
              'officeDocument/2006/relationships/officeDocument"/></Relationships>')


def write_long_docx(path, lines) -> None:
    """A minimal .docx (``path``: a file name or a binary file) with one paragraph per item of
    ``lines``, its XML streamed into the zip:
    python-docx's add_paragraph looks for the section properties among all the body's children
    each time (20 000 paragraphs take 20 s, 4 times as many 16 times as long), so a document of
    a million is written here directly."""
    from xml.sax.saxutils import escape

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _DOCX_TYPES)
        z.writestr("_rels/.rels", _DOCX_RELS)
        with z.open("word/document.xml", "w") as part:
            part.write(f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{_W}"><w:body>'.encode())
            for line in lines:
                part.write(f"<w:p><w:r><w:t>{escape(line)}</w:t></w:r></w:p>".encode())
            part.write(b"<w:sectPr/></w:body></w:document>")


def damaged_docx_bytes() -> bytes:
    """A .docx whose main part's compressed data is damaged: it fails only as it is inflated."""
    buf = io.BytesIO()
    write_long_docx(buf, (f"第{n}项工作按期完成。" for n in range(2000)))
    data = bytearray(buf.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + 100   # past the local header
    data[start:start + 200] = bytes(b ^ 0x5A for b in data[start:start + 200])
    return bytes(data)


def zip_without_document() -> bytes:
    """A zip archive that is not a .docx (no word/document.xml)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "x")
    return buf.getvalue()


# A minimal valid one-page PDF with no text layer; truncate it for a broken one.
EMPTY_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
             b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
             b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
             b"trailer<</Root 1 0 R>>\n%%EOF\n")

PNG_MAGIC = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8


def nested_headings_text() -> str:
    """A plan nested four levels deep: 一、 > （一） > 1. > （1）, three of each."""
    lines = ["深度嵌套测试规划"]
    for i, part in enumerate("一二三", 1):
        lines.append(f"{part}、第{i}部分")
        for j, sec in enumerate("一二三", 1):
            lines.append(f"（{sec}）第{i}.{j}节")
            for k in range(1, 4):
                lines.append(f"{k}.第{i}.{j}.{k}条目")
                for m in range(1, 4):
                    lines.append(f"（{m}）第{i}.{j}.{k}.{m}小项。加强安全监管，落实责任。")
    return "\n".join(lines) + "\n"
