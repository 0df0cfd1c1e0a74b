"""Readers: the same plan in other encodings and containers gives the same tree."""

from __future__ import annotations

import gzip
import json

import pytest
from ingest_helpers import CORPUS, KUNSHAN, SHARED, WUJIANG, find, kids, shape, tables


KUNSHAN_TXT = CORPUS / "kunshan-14fyp-safety-development.txt"
WUJIANG_TXT = CORPUS / "wujiang-14fyp-emergency-management.txt"


def _ingest(path, meta):
    from ingest.pipeline import ingest_path

    [record] = ingest_path(path, meta)
    return record


@pytest.mark.parametrize("doc_id,source,encoding", [
    (WUJIANG, WUJIANG_TXT, "gb18030"),
    (KUNSHAN, KUNSHAN_TXT, "gbk"),
    (KUNSHAN, KUNSHAN_TXT, "utf-8-sig"),
    (WUJIANG, WUJIANG_TXT, "utf-16"),
])
def test_other_encodings_give_the_same_tree(tmp_path, seeds, corpus_items, doc_id, source, encoding):
    # the file name says nothing about the encoding: it is detected from the bytes
    path = tmp_path / "plan.txt"
    path.write_bytes(source.read_text("utf-8").encode(encoding))
    record = _ingest(path, corpus_items[doc_id][1])
    print(f"\n{encoding}: detected {record.meta.encoding}, {sum(1 for _ in record.clauses())} clauses")
    assert record.meta.encoding in {"gb18030": ("gb18030",), "gbk": ("gb18030",),
                                    "utf-8-sig": ("utf-8-sig",), "utf-16": ("utf-16",)}[encoding]
    assert shape(record.root) == shape(seeds[doc_id].root)
    assert record.clean_text == seeds[doc_id].clean_text


def _kunshan_as_docx(path):
    """Write the DOCX-extracted Kunshan text back into a real .docx: paragraphs and tables."""
    import re

    import docx

    document = docx.Document()
    rows, row = [], []

    def flush_table():
        if row:
            rows.append(list(row))
            row.clear()
        if rows:
            table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            for i, cells in enumerate(rows):
                for j, cell in enumerate(cells):
                    table.cell(i, j).text = cell
            rows.clear()

    for line in KUNSHAN_TXT.read_text("utf-8").split("\n"):
        line = re.sub(r"\[bookmark: [^\]]*\]", "", line)   # real .docx bookmarks are not text
        if line.startswith("\t"):
            row.append(line.strip())
        elif not line.strip():
            if row:
                rows.append(list(row))
                row.clear()
        else:
            flush_table()
            document.add_paragraph(line)
    flush_table()
    document.save(path)


def test_docx_with_real_tables_gives_the_same_tree(tmp_path, seeds, corpus_items):
    path = tmp_path / "kunshan.docx"
    _kunshan_as_docx(path)
    record = _ingest(path, corpus_items[KUNSHAN][1])
    assert record.meta.source_format == "docx"
    assert [len(t.children) for t in tables(record)] == [13, 7, 2]
    assert shape(record.root) == shape(seeds[KUNSHAN].root)
    assert record.clean_text == seeds[KUNSHAN].clean_text


def test_html_paragraphs_and_tables(tmp_path):
    path = tmp_path / "plan.html"
    path.write_text("""<html><head><title>某区安全生产规划</title><style>p{}</style></head><body>
      <h1>某区安全生产规划</h1>
      <h2>一、总体要求</h2><p>坚持人民至上。统筹发展和安全；守住底线！</p>
      <h2>二、主要指标</h2>
      <table><caption>表1 主要指标</caption>
        <tr><th>序号</th><th>指标</th><th>目标</th><th>指标属性</th></tr>
        <tr><td>1</td><td>生产安全事故死亡人数下降</td><td>＞15%</td><td>约束性</td></tr>
        <tr><td>2</td><td>亿元GDP死亡率</td><td>＜0.02</td><td>预期性</td></tr>
      </table>
      <p>到<b>2025年</b>，完成全部任务。</p></body></html>""", encoding="utf-8")
    from ingest.pipeline import ingest_path

    [record] = ingest_path(path)
    root = record.root
    assert (record.meta.id, record.meta.title, record.meta.source_format) == ("plan", "某区安全生产规划", "html")
    assert [c.text for c in kids(find(root, "一、"), "paragraph")[0].children] == [
        "坚持人民至上。", "统筹发展和安全；", "守住底线！"]
    [table] = tables(record)
    assert table.heading == "表1 主要指标"
    assert [[(c.heading, c.text) for c in r.children] for r in table.children][1] == [
        ("序号", "2"), ("指标", "亿元GDP死亡率"), ("目标", "＜0.02"), ("指标属性", "预期性")]
    assert kids(find(root, "二、"), "paragraph")[0].text == "到2025年，完成全部任务。"


def _text_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a real text layer (Helvetica, ASCII), written by hand."""
    stream = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(
        "(" + line.replace("(", r"\(").replace(")", r"\)") + ") Tj T*" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = "%PDF-1.4\n", []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n{body}\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n"
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return out.encode("latin-1")


def test_pdf_text_layer(tmp_path):
    path = tmp_path / "Safety Plan 2021.pdf"
    path.write_bytes(_text_pdf(["Safety Plan", "1. Scope", "This plan covers every district.",
                                "2. Targets", "Deaths fall by 15 percent by 2025."]))
    from ingest.pipeline import ingest_path

    [record] = ingest_path(path)
    assert record.meta.id == "safety-plan-2021" and record.meta.source_format == "pdf"
    assert record.root.heading == "Safety Plan"
    items = kids(record.root, "item")
    assert [(i.number, i.heading) for i in items] == [("1.", "Scope"), ("2.", "Targets")]
    assert items[1].children[0].text == "Deaths fall by 15 percent by 2025."


def _reference_law(title: str) -> dict:
    with open(SHARED / "reference" / "emergency_laws.jsonl", encoding="utf-8") as f:
        for line in f:
            entry = json.loads(line)
            if entry["title"] == title:
                return entry
    raise AssertionError(title)


def test_statute_markdown_file(tmp_path):
    entry = _reference_law("城镇燃气管理条例")
    path = tmp_path / "chengzhen-ranqi.md"
    path.write_text(entry["content"], encoding="utf-8")
    from ingest.pipeline import ingest_path

    [record] = ingest_path(path)
    assert (record.meta.id, record.meta.kind, record.meta.title) == (
        "chengzhen-ranqi", "regulation", "城镇燃气管理条例")
    assert len(kids(record.root, "chapter")) == 8
    assert "<!--" not in record.clean_text and "#" not in record.clean_text


def test_jsonl_gz_is_streamed_with_stable_unique_ids(tmp_path):
    gas = _reference_law("城镇燃气管理条例")
    fire = _reference_law("中华人民共和国消防法")
    path = tmp_path / "laws.jsonl.gz"
    again = dict(gas, path="行政法规/城镇燃气管理条例(2010-11-19).md")   # same title, other version
    with gzip.open(path, "wt", encoding="utf-8") as f:
        for entry in (gas, fire, again):
            f.write(json.dumps(entry, ensure_ascii=False) + "\n")
    from ingest.pipeline import ingest_path, iter_records

    records = ingest_path(path)
    ids = [r.meta.id for r in records]
    print("\n" + "\n".join(f"{r.meta.id}  {r.meta.kind:<10} {r.meta.title}" for r in records))
    assert len(set(ids)) == 3 and all(i.isascii() for i in ids)
    assert [r.meta.kind for r in records] == ["regulation", "law", "regulation"]
    assert [r.meta.id for r in iter_records(path)] == ids
    assert records[0].meta.source_file == gas["path"] and records[0].meta.category == "行政法规"
