"""corpus/plans.toml: the shipped manifest and clear errors for broken ones."""

from __future__ import annotations

import pytest
from ingest_helpers import CORPUS, KUNSHAN, WUJIANG



def test_shipped_manifest(corpus_items):
    assert set(corpus_items) == {WUJIANG, KUNSHAN}
    path, meta = corpus_items[WUJIANG]
    assert path == CORPUS / "wujiang-14fyp-emergency-management.txt" and path.is_file()
    assert (meta.region, meta.level, meta.period_start, meta.period_end, meta.vision_year, meta.kind) == (
        "吴江区", "district", 2021, 2025, 2035, "plan")
    assert corpus_items[KUNSHAN][1].issuer == "昆山市人民政府"


def test_detected_source_formats_match_the_manifest(seeds):
    assert seeds[WUJIANG].meta.source_format == "pdf-text"
    assert seeds[KUNSHAN].meta.source_format == "docx-text"


BROKEN = [
    ("[[plan]\nid = ", "not valid TOML"),
    ("title = 'x'\n", "expected one or more [[plan]]"),
    ('title = "x"\n[[plan]]\nid = "a"\ntitle = "t"\nfile = "plan.txt"\n', "unknown key(s) title"),
    ('[[collection]]\nfile = "plan.txt"\n', "a collection is a .jsonl or .jsonl.gz file"),
    ('[[collection]]\nfile = "laws.jsonl"\nkind = "plan"\n', "kind must be one of law, regulation, report"),
    ('[[collection]]\nfile = "laws.jsonl"\nid = "x"\n', "[[collection]] #1: unknown key(s) id"),
    ('[[collection]]\nfile = "gone.jsonl"\n', "gone.jsonl: listed in plans.toml ([[collection]] #1) but the file does not exist"),
    ('[[plan]]\nid = "a"\nfile = "plan.txt"\n', "'title' is required"),
    ('[[plan]]\nid = "a"\ntitle = "t"\nfile = "plan.txt"\nregoin = "x"\n', "unknown key(s) regoin"),
    ('[[plan]]\nid = "a"\ntitle = "t"\nfile = "plan.txt"\nperiod = [2021]\n', "period must be"),
    ('[[plan]]\nid = "a"\ntitle = "t"\nfile = "plan.txt"\ndate = "2021-13-01"\n', "date must be an ISO date"),
    ('[[plan]]\nid = "吴江"\ntitle = "t"\nfile = "plan.txt"\n', "must be ASCII"),
    ('[[plan]]\nid = "a"\ntitle = "t"\nfile = "plan.txt"\nkind = "novel"\n', "kind must be one of"),
    ('[[plan]]\nid = "a"\ntitle = "t"\nfile = "gone.txt"\n', "gone.txt: listed in plans.toml (a) but the file does not exist"),
    ('[[plan]]\nid = "a"\ntitle = "t"\nfile = "plan.txt"\n[[plan]]\nid = "a"\ntitle = "u"\nfile = "plan.txt"\n',
     "id 'a' is listed twice"),
]


@pytest.mark.parametrize("toml,problem", BROKEN)
def test_broken_manifest_is_one_clear_error(tmp_path, toml, problem):
    from ingest.errors import IngestError
    from ingest.pipeline import load_corpus

    (tmp_path / "plan.txt").write_text("一、总则\n加强管理。\n", encoding="utf-8")
    (tmp_path / "laws.jsonl").write_text('{"title": "t", "content": "第一条 x。"}\n', encoding="utf-8")
    (tmp_path / "plans.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(IngestError) as err:
        load_corpus(tmp_path)
    assert problem in str(err.value) and "\n" not in str(err.value)


@pytest.mark.parametrize("written", ['"2021-03-05"', "2021-03-05"])
def test_document_date_quoted_or_bare(tmp_path, written):
    from ingest.pipeline import load_corpus

    (tmp_path / "plan.txt").write_text("一、总则\n加强管理。\n", encoding="utf-8")
    (tmp_path / "plans.toml").write_text(f'[[plan]]\nid = "a"\ntitle = "t"\nfile = "plan.txt"\ndate = {written}\n',
                                         encoding="utf-8")
    [(_, meta)] = load_corpus(tmp_path)
    assert meta.date == "2021-03-05"


def test_missing_manifest_or_folder(tmp_path):
    from ingest.errors import IngestError
    from ingest.pipeline import load_corpus

    with pytest.raises(IngestError, match="plans.toml: missing"):
        load_corpus(tmp_path)
    with pytest.raises(IngestError, match="corpus folder not found"):
        load_corpus(tmp_path / "nowhere")


def test_collection_entry_lists_every_statute_of_a_json_lines_file(tmp_path):
    """[[collection]] puts a file of many statutes in a corpus: ids and titles come from each line."""
    import json

    from ingest.pipeline import ingest_path, load_corpus

    (tmp_path / "plan.txt").write_text("一、总则\n加强管理。\n", encoding="utf-8")
    lines = [{"title": "某市燃气管理条例", "content": "# 某市燃气管理条例\n\n第一条 燃气管理部门负责燃气安全。"},
             {"title": "中华人民共和国消防法", "content": "# 中华人民共和国消防法\n\n第一条 预防火灾。"}]
    (tmp_path / "laws.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines),
                                         encoding="utf-8")
    (tmp_path / "plans.toml").write_text(
        '[[plan]]\nid = "a"\ntitle = "某规划"\nfile = "plan.txt"\n\n'
        '[[collection]]\nfile = "laws.jsonl"\nregion = "某市"\n', encoding="utf-8")
    items = load_corpus(tmp_path)
    assert [p.name for p, _ in items] == ["plan.txt", "laws.jsonl"]
    records = [r for path, meta in items for r in ingest_path(path, meta)]
    assert [r.meta.title for r in records] == ["某规划", "某市燃气管理条例", "中华人民共和国消防法"]
    assert [r.meta.kind for r in records] == ["plan", "regulation", "law"]
    assert records[1].meta.id.startswith("regulation-") and records[2].meta.id.startswith("law-")
    assert records[1].meta.region == records[2].meta.region == "某市"
