"""Bad input: one clear IngestError naming the file and the problem; odd but real input ingests."""

from __future__ import annotations

import random
import time

import pytest
from hostile_files import EMPTY_PDF, damaged_docx_bytes, docx_bytes as _docx_bytes, nested_headings_text, zip_without_document as _zip_without_document
from ingest_helpers import kids


SMALL_PLAN = ("某区安全生产“十四五”规划\n一、总体要求\n（一）指导思想\n"
              "坚持人民至上、生命至上，统筹发展和安全。到2025年，生产安全事故死亡人数下降15%。\n")


BAD = [
    ("empty.txt", b"", "file is empty"),
    ("blank.txt", " \n\t\n\u3000\n".encode("utf-8"), "only whitespace"),
    ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary file (a PNG image)"),
    ("nul.txt", b"\x00ab\x00cd" * 500, "binary file"),
    ("random.txt", (lambda rng: bytes(rng.randrange(0x80, 0x100) for _ in range(4000)))(random.Random(3)),
     "undecodable"),
    ("symbols.txt", ("%$#@!&*" * 200 + "\n").encode() * 10, "no recognisable structure"),
    ("numbers.txt", b"12 34 56\n78 90 12\n" * 20, "no recognisable structure"),
    ("one-line.txt", ("安全生产责任必须落实到位" * 600_000).encode("utf-8")[:20_000_000], "without a sentence end"),
    ("broken.docx", _docx_bytes(SMALL_PLAN)[:700], "not a valid .docx"),
    ("notdocx.docx", _zip_without_document(), "not a valid .docx"),
    ("damaged.docx", damaged_docx_bytes(), "not a valid .docx"),   # found while counting paragraphs
    ("scanned.pdf", EMPTY_PDF, "no text layer"),
    ("truncated.pdf", EMPTY_PDF[:60], "PDF"),
    ("bad.jsonl", b'{"title": "x", "content": "# x\\n\\n\\u7b2c\\u4e00\\u6761 \\u597d\\u3002"}\n{oops\n', "line 2: not valid JSON"),
    ("nothing.jsonl", b"\n\n", "no documents"),
    ("image.png", b"\x89PNG\r\n\x1a\n", "unsupported file type"),
]


@pytest.mark.parametrize("name,payload,problem", BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_one_clear_error(tmp_path, name, payload, problem):
    from ingest.errors import IngestError
    from ingest.pipeline import ingest_path

    path = tmp_path / name
    path.write_bytes(payload)
    started = time.perf_counter()
    with pytest.raises(IngestError) as err:
        ingest_path(path)
    message = str(err.value)
    print(f"\n{name}: {message} ({time.perf_counter() - started:.2f}s)")
    assert name in message and problem in message
    assert "\n" not in message
    assert time.perf_counter() - started < 30


def test_missing_file_and_directory(tmp_path):
    from ingest.errors import IngestError
    from ingest.pipeline import ingest_path

    with pytest.raises(IngestError, match="no such file"):
        ingest_path(tmp_path / "gone.txt")
    (tmp_path / "dir.txt").mkdir()
    with pytest.raises(IngestError, match="is a directory"):
        ingest_path(tmp_path / "dir.txt")


def _ingest_bytes(tmp_path, name, payload):
    from ingest.pipeline import ingest_path

    path = tmp_path / name
    path.write_bytes(payload)
    [record] = ingest_path(path)
    return record


def test_plain_sentences_without_headings_are_paragraphs(tmp_path):
    record = _ingest_bytes(tmp_path, "notes.txt",
                           "加强燃气安全管理。落实企业主体责任！\n\n完善应急预案；开展演练。\n".encode("utf-8"))
    assert [c.kind for c in record.root.children] == ["paragraph", "paragraph"]
    assert [c.text for c in record.clauses()] == ["加强燃气安全管理。", "落实企业主体责任！", "完善应急预案；", "开展演练。"]
    assert record.meta.id == "notes" and record.meta.kind == "plan"


def test_control_characters_and_a_stray_nul_are_cleaned(tmp_path):
    text = SMALL_PLAN.replace("坚持", "坚\x00持\x07\x1b").replace("统筹", "\u202e统\u200f筹\u202c")
    record = _ingest_bytes(tmp_path, "control.txt", text.encode("utf-8"))
    first = next(record.clauses()).text
    assert first.startswith("坚持人民至上") and "统筹发展" in first


def test_mixed_utf8_and_gbk_lines(tmp_path):
    record = _ingest_bytes(tmp_path, "mixed.txt", SMALL_PLAN[:20].encode("utf-8") + b"\n"
                           + SMALL_PLAN[20:].encode("gbk"))
    assert record.meta.encoding.startswith("mixed")
    assert any("生产安全事故死亡人数下降15%" in c.text for c in record.clauses())


def test_unbalanced_brackets_do_not_swallow_sentences(tmp_path):
    text = SMALL_PLAN.replace("统筹发展和安全。", "统筹《发展和“安全（。")
    record = _ingest_bytes(tmp_path, "unbalanced.txt", text.encode("utf-8"))
    clauses = [c.text for c in record.clauses()]
    assert clauses[-1] == "到2025年，生产安全事故死亡人数下降15%。"


def test_deep_nesting(tmp_path):
    record = _ingest_bytes(tmp_path, "nested.txt", nested_headings_text().encode("utf-8"))
    leaf = record.root.children[2].children[2].children[2].children[2]
    assert leaf.id == "nested/chp_3/sec_3/item_3/item_3" and leaf.heading == "第3.3.3.3小项"
    assert kids(leaf, "paragraph")[0].children[0].text == "加强安全监管，落实责任。"
