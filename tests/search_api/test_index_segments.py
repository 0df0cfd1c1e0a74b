"""A segmented index (base + deltas + tombstones) searches like one rebuilt from scratch.

Hand-built records and the deterministic CharEmbedder of test_index; every index here is flat
(exact), so scores and rankings must be equal, not close.
"""

from __future__ import annotations

import json
import os
import shutil

import numpy as np
import pytest

from search_api.errors import UserError
from search_api.index import update as update_module
from search_api.index.bm25 import KeywordIndex
from search_api.index.builder import build_index
from search_api.index.search import SearchIndex
from search_api.index.tokens import tokenize
from search_api.index.update import NeedsRebuild, update_index
from test_index import CharEmbedder, clause, make_records

QUERIES = ["瓶装液化气瓶改管", "燃气管网改造", "危险化学品安全风险", "应急指挥中心", "消防救援装备", "主要任务"]
FILTERS = [{}, {"plan": "plan-b"}, {"kind": "regulation"}, {"sector": "城镇燃气"}, {"has_deadline": True},
           {"section_kind": "tasks"}]


def records_by_id():
    return {r.meta.id: r for r in make_records()}


def changed_plan_b():
    record = records_by_id()["plan-b"]
    record.root.children[0].children[0].children.append(
        clause("plan-b/chp_1/para_1/cl_4", "新增森林防火物资储备，推进燃气管网改造。"))
    return record


def build(tmp_path, name, records):
    emb = CharEmbedder()
    build_index(records, tmp_path / name, tmp_path / "cache", embedder=emb)
    return tmp_path / name


def linked_copy(src, dst):
    """What a new generation starts as: hard links of the live index."""
    shutil.copytree(src, dst, copy_function=os.link)
    return dst


def results(index_dir, exact_ties: bool = False):
    """Every query x filter x method, as (id, score, bm25, dense), in rank order.

    Units of equal score: one segment written in index order (a build, a compaction) ranks them
    exactly as a rebuild (``exact_ties``). Across segments the dense side's order of tied units
    is not FAISS's (which follows its heap), so there ties are sorted by id, and of the units
    tied with the last hit, which make the cut is left open (only their number and score count)."""
    index = SearchIndex.open(index_dir, CharEmbedder())
    out = {}
    for q in QUERIES:
        for f in FILTERS:
            for method in ("hybrid", "bm25", "dense"):
                hits = [(h.clause_id, h.score, h.bm25, h.dense) for h in index.search(q, k=10, method=method, **f)]
                if not exact_ties:
                    hits = sorted(hits, key=lambda t: (-t[1], t[0]))
                    cut = hits[-1][1] if len(hits) == 10 else None
                    hits = (len(hits), [h for h in hits if h[1] != cut])
                out[(q, method, json.dumps(f))] = hits
    return out


def similar_results(index_dir, source):
    index = SearchIndex.open(index_dir, CharEmbedder())
    return sorted(((h.clause_id, h.score) for h in index.similar(source, k=5)), key=lambda t: (-t[1], t[0]))


@pytest.fixture()
def base(tmp_path):
    """plan-a and the law: the live index an incremental change starts from."""
    recs = records_by_id()
    return build(tmp_path, "base", [recs["plan-a"], recs["law-c"]])


def test_delta_equals_rebuild(base, tmp_path):
    recs = records_by_id()
    work = linked_copy(base, tmp_path / "work")
    stats = update_index(work, [recs["plan-b"]], ["plan-b"], tmp_path / "cache", embedder=CharEmbedder(),
                         compact_fraction=10)
    meta = json.loads((work / "index.json").read_text("utf-8"))
    assert [s["units"] for s in meta["segments"]] == [14, 4], "plan-b went into a delta segment"
    full = build(tmp_path, "full", [recs["plan-a"], recs["plan-b"], recs["law-c"]])
    assert results(work) == results(full)
    assert similar_results(work, "plan-a/chp_3/sec_1/item_5/para_1/cl_1") == \
        similar_results(full, "plan-a/chp_3/sec_1/item_5/para_1/cl_1")
    assert similar_results(work, "plan-b/chp_1/para_1/cl_1") == similar_results(full, "plan-b/chp_1/para_1/cl_1")
    full_meta = json.loads((full / "index.json").read_text("utf-8"))
    assert {k: stats[k] for k in ("clauses", "rows", "headings")} == \
        {k: full_meta[k] for k in ("clauses", "rows", "headings")}


def test_replace_and_remove_equal_rebuild_and_removed_units_never_appear(base, tmp_path):
    recs = records_by_id()
    work = linked_copy(base, tmp_path / "work")
    kw = dict(embedder=CharEmbedder(), compact_fraction=10)
    update_index(work, [recs["plan-b"]], ["plan-b"], tmp_path / "cache", **kw)
    update_index(work, [changed_plan_b()], ["plan-b"], tmp_path / "cache", **kw)       # replace
    full = build(tmp_path, "full", [recs["plan-a"], changed_plan_b(), recs["law-c"]])
    assert results(work) == results(full)

    update_index(work, [], ["plan-a"], tmp_path / "cache", **kw)                        # remove
    meta = json.loads((work / "index.json").read_text("utf-8"))
    assert len(meta["segments"]) == 3 and len(meta["segments"][0]["removed"]) == 12
    alone = build(tmp_path, "alone", [changed_plan_b(), recs["law-c"]])
    assert results(work) == results(alone)
    index = SearchIndex.open(work, CharEmbedder())
    assert len(index) == 7
    for q in QUERIES:
        for method in ("hybrid", "bm25", "dense"):
            hits = index.search(q, k=50, method=method)
            assert not any(h.plan_id == "plan-a" for h in hits), (q, method)
    for source in ("plan-b/chp_1/para_1/cl_1", "law-c/chp_1/art_1/cl_1"):
        assert all(not h.plan_id == "plan-a" for h in index.similar(source, k=20, other_plans=False))
    with pytest.raises(UserError, match="no such clause"):
        index.clause("plan-a/chp_3/sec_1/item_5/para_1/cl_1")
    assert index.search("燃气", plan="plan-a") == []
    assert set(index.score_units("燃气", ["plan-a/chp_1/para_1/cl_1", "plan-b/chp_1/para_1/cl_4"])) == \
        {"plan-b/chp_1/para_1/cl_4"}
    # the replaced units: the live (delta) version is the one found
    assert index.clause("plan-b/chp_1/para_1/cl_1")["text"].startswith("推行瓶装液化气")


def test_compaction_equals_rebuild_and_reads_no_record_or_cache(base, tmp_path):
    recs = records_by_id()
    work = linked_copy(base, tmp_path / "work")
    update_index(work, [recs["plan-b"]], ["plan-b"], tmp_path / "cache", embedder=CharEmbedder(),
                 compact_fraction=10)
    emb = CharEmbedder()
    shutil.rmtree(tmp_path / "cache")   # compaction copies stored vectors and postings
    stats = update_index(work, [], ["law-c"], tmp_path / "cache", embedder=emb, compact_fraction=0)
    meta = json.loads((work / "index.json").read_text("utf-8"))
    assert [(s["units"], s["removed"]) for s in meta["segments"]] == [(16, [])]
    assert sorted(p.name for p in work.iterdir() if p.is_dir()) == [meta["segments"][0]["name"]]
    assert emb.embedded == [] and stats["compact_seconds"] >= 0
    full = build(tmp_path, "full", [recs["plan-b"], recs["plan-a"]])   # a build orders documents by id
    assert results(work, exact_ties=True) == results(full, exact_ties=True)


def test_changes_never_touch_the_live_index(base, tmp_path):
    before = {p: p.read_bytes() for p in base.rglob("*") if p.is_file()}
    expected = results(base)
    work = linked_copy(base, tmp_path / "work")
    update_index(work, [changed_plan_b()], ["plan-a"], tmp_path / "cache", embedder=CharEmbedder(),
                 compact_fraction=0)   # a delta, tombstones and a compaction
    assert {p: p.read_bytes() for p in base.rglob("*") if p.is_file()} == before
    assert results(base) == expected


def test_an_interrupted_change_leaves_the_previous_index_usable(base, tmp_path, monkeypatch):
    expected = results(base)
    work = linked_copy(base, tmp_path / "work")

    def crash(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(update_module, "write_meta", crash)   # after the delta segment is written
    with pytest.raises(KeyboardInterrupt):
        update_index(work, [changed_plan_b()], ["plan-a"], tmp_path / "cache", embedder=CharEmbedder())
    assert results(base) == expected
    assert results(work) == expected, "until index.json is replaced, a half-changed copy reads as before"


def test_old_single_segment_index_is_refused_clearly(base, tmp_path):
    old = tmp_path / "old"
    old.mkdir()
    (old / "index.json").write_text(json.dumps({"format": 1, "model_id": CharEmbedder.model_id}), "utf-8")
    with pytest.raises(UserError, match="older policykg.*policykg build"):
        SearchIndex.open(old, CharEmbedder())
    with pytest.raises(NeedsRebuild):   # the pipeline then rebuilds it from the records
        update_index(old, [], ["plan-a"], tmp_path / "cache", embedder=CharEmbedder())


def test_bm25_scores_equal_bm25s_bit_for_bit():
    """The formula the index scored with before segments (bm25s, its defaults): the regression
    golden depends on these exact floats."""
    bm25s = pytest.importorskip("bm25s")
    texts = [u for r in make_records() for u in _all_text(r.root)] + ["", "燃气燃气燃气 管网"]
    tokens = [tokenize(t) or ["\x00"] for t in texts]
    reference = bm25s.BM25()
    reference.index(tokens, show_progress=False)
    ours = KeywordIndex.build(texts)
    for query in QUERIES + ["燃气 燃气 管网", "无此词"]:
        known = [t for t in tokenize(query) if t in reference.vocab_dict]
        expected = np.asarray(reference.get_scores(known), np.float32) if known else np.zeros(len(texts), np.float32)
        np.testing.assert_array_equal(ours.scores(query), expected)


def test_token_cache_tokenises_each_text_once(tmp_path):
    first = build_index(make_records(), tmp_path / "one", tmp_path / "cache", embedder=CharEmbedder())
    again = build_index(make_records(), tmp_path / "two", tmp_path / "cache", embedder=CharEmbedder())
    assert first["tokenised"] > 0 and again["tokenised"] == 0
    assert results(tmp_path / "one") == results(tmp_path / "two")


def _all_text(node):
    if node.text:
        yield node.text
    for child in node.children:
        yield from _all_text(child)


def test_a_change_whose_texts_are_cached_loads_no_model(base, tmp_path, monkeypatch):
    recs = records_by_id()
    build(tmp_path, "warm", [recs["plan-b"]])            # plan-b's texts are now in the cache
    loads = []

    def load(*args, **kwargs):
        loads.append(args)
        return CharEmbedder()

    monkeypatch.setattr(update_module, "load_embedder", load)
    work = linked_copy(base, tmp_path / "work")
    stats = update_index(work, [recs["plan-b"]], ["plan-b"], tmp_path / "cache", compact_fraction=10)
    assert loads == [] and stats["embedded"] == 0
    update_index(work, [changed_plan_b()], ["plan-b"], tmp_path / "cache", compact_fraction=10)
    assert len(loads) == 1, "a new text needs the model"
    full = build(tmp_path, "full", [recs["plan-a"], changed_plan_b(), recs["law-c"]])
    assert results(work) == results(full)
