"""Statutes: chapters, articles, paragraphs; the whole scale collection ingests in minutes."""

from __future__ import annotations

import time

import pytest
from ingest_helpers import SHARED, kids


REFERENCE = SHARED / "reference" / "emergency_laws.jsonl"
SCALE = SHARED / "scale" / "laws.jsonl.gz"


@pytest.fixture(scope="module")
def reference_records():
    from ingest.pipeline import ingest_path

    return ingest_path(REFERENCE)


def _by_title(records, title):
    [record] = [r for r in records if r.meta.title == title]
    return record


def test_gas_regulation_has_eight_chapters_and_article_five(reference_records):
    record = _by_title(reference_records, "城镇燃气管理条例")
    chapters = kids(record.root, "chapter")
    assert [c.number for c in chapters] == [f"第{n}章" for n in "一二三四五六七八"]
    assert chapters[0].heading == "总则" and chapters[-1].heading == "附则"
    [art5] = [a for a in kids(chapters[0], "article") if a.number == "第五条"]
    assert art5.id == f"{record.meta.id}/chp_1/art_5"
    paragraphs = kids(art5, "paragraph")
    assert [p.children[0].text for p in paragraphs] == [
        "国务院建设主管部门负责全国的燃气管理工作。",
        "县级以上地方人民政府燃气管理部门负责本行政区域内的燃气管理工作。",
        "县级以上人民政府其他有关部门依照本条例和其他有关法律、法规的规定，在各自职责范围内负责有关燃气管理工作。",
    ]
    # enumerations inside an article stay paragraphs of that article
    [art15] = [a for c in chapters for a in kids(c, "article") if a.number == "第十五条"]
    # (written "(一)" in the source: half-width brackets around Chinese read as full width)
    assert [p.text[:3] for p in art15.children][1:6] == ["（一）", "（二）", "（三）", "（四）", "（五）"]
    # revision notes before <!-- INFO END --> are the preface, not an article
    assert record.root.children[0].kind == "preface"
    assert record.meta.kind == "regulation" and record.meta.category == "行政法规"


def test_every_reference_statute_has_articles_with_their_written_numbers(reference_records):
    without = [r for r in reference_records if not any(n.kind == "article" for n in r.nodes())]
    print(f"\n{len(reference_records)} statutes; without articles: {[r.meta.title for r in without]}")
    assert len(reference_records) == 159
    # only an entry whose text is just title and enactment note (no 第一条 anywhere) has none
    assert all("第一条" not in r.clean_text for r in without) and len(without) <= 1
    assert len({r.meta.id for r in reference_records}) == 159
    for record in (r for r in reference_records if r not in without):
        articles = [n for n in record.nodes() if n.kind == "article"]
        assert articles[0].id.endswith("/art_1"), (record.meta.title, articles[0].id)
    assert {r.meta.kind for r in reference_records} == {"law", "regulation"}
    assert _by_title(reference_records, "中华人民共和国安全生产法").meta.kind == "law"


@pytest.mark.slow
def test_scale_collection_streams_in_minutes():
    from ingest.pipeline import iter_records

    started = time.perf_counter()
    docs = clauses = chars = 0
    ids = set()
    for record in iter_records(SCALE):
        docs += 1
        chars += len(record.clean_text)
        clauses += sum(1 for _ in record.clauses())
        ids.add(record.meta.id)
    seconds = time.perf_counter() - started
    print(f"\nscale: {docs} documents, {chars:,} characters, {clauses:,} clauses in {seconds:.1f}s "
          f"({chars / seconds / 1e6:.2f} M chars/s)")
    assert docs == 2981 and len(ids) == docs
    assert clauses > 300_000
    assert seconds < 600
