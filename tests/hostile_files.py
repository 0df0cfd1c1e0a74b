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
