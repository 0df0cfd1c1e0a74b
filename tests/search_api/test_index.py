"""Index pieces with hand-built records and a deterministic embedder (no model).

The real model and the real corpus are exercised in test_index_real.py; here
every part (units, embedding cache, FAISS, BM25, fusion, filters, highlights,
precedents, atomic rebuilds) is checked with inputs small enough to reason about.
"""

from __future__ import annotations

import hashlib
import os

import numpy as np
import pytest

from ingest.records import (Deadline, DocumentMeta, DocumentRecord, Facts, Indicator, Node,
                            SectorTag)
from search_api.index import dense
from search_api.index import fusion
from search_api.model.base import TextEmbedder
from search_api.model.embcache import EmbeddingCache, embed_with_cache
from search_api.errors import UserError
from search_api.index.highlight import find_spans, merge_spans
from search_api.index.builder import build_index
from search_api.index.search import SearchIndex
from search_api.index.units import collect_units, node_label


class CharEmbedder(TextEmbedder):
    """Bag of character bigrams hashed into 64 dims, L2-normalised: texts that share
    wording are close, which is all the dense side needs to be testable."""

    model_id = "test-char-bigrams"
    dim = 64

    def __init__(self):
        self.embedded: list[str] = []

    def _vec(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, np.float32)
        for a, b in zip(text, text[1:]):
            v[int(hashlib.md5((a + b).encode()).hexdigest(), 16) % self.dim] += 1
        n = np.linalg.norm(v)
        return v / n if n else v

    def embed_passages(self, texts, batch_size=32, progress=None):
        self.embedded.extend(texts)
        return np.stack([self._vec(t) for t in texts])

    def embed_queries(self, texts):
        return np.stack([self._vec(t) for t in texts])


def clause(cid: str, text: str) -> Node:
    return Node(id=cid, kind="clause", text=text)


def make_records() -> list[DocumentRecord]:
    a = "plan-a"
    gas_item = Node(id=f"{a}/chp_3/sec_1/item_5", kind="item", number="5.", heading="城镇燃气安全", children=[
        Node(id=f"{a}/chp_3/sec_1/item_5/para_1", kind="paragraph", children=[
            clause(f"{a}/chp_3/sec_1/item_5/para_1/cl_1", "规范瓶装液化气市场经营秩序，推进餐饮场所瓶改管。"),
            clause(f"{a}/chp_3/sec_1/item_5/para_1/cl_2", "到2025年完成老旧燃气管网改造。"),
        ])])
    fire = Node(id=f"{a}/chp_3/sec_2", kind="section", number="（二）", heading="提升消防救援能力", children=[
        Node(id=f"{a}/chp_3/sec_2/para_1", kind="paragraph", children=[
            clause(f"{a}/chp_3/sec_2/para_1/cl_1", "加强消防站建设，配齐消防救援装备。")])])
    table = Node(id=f"{a}/table_1", kind="table", heading="主要指标", children=[
        Node(id=f"{a}/table_1/row_1", kind="row", children=[
            Node(id=f"{a}/table_1/row_1/cell_1", kind="cell", text="管线入廊率"),
            Node(id=f"{a}/table_1/row_1/cell_2", kind="cell", text="100%"),
            Node(id=f"{a}/table_1/row_1/cell_3", kind="cell", text="预期性")])])
    root_a = Node(id=a, kind="document", children=[
        Node(id=f"{a}/chp_1", kind="part", number="一", heading="现状与形势", children=[
            Node(id=f"{a}/chp_1/para_1", kind="paragraph", children=[
                clause(f"{a}/chp_1/para_1/cl_1", "十三五期间燃气安全专项整治取得成效。")])]),
        Node(id=f"{a}/chp_2", kind="part", number="二", heading="发展目标", children=[table]),
        Node(id=f"{a}/chp_3", kind="part", number="三", heading="主要任务", children=[
            Node(id=f"{a}/chp_3/sec_1", kind="section", number="（一）", heading="强化重点行业安全监管",
                 children=[gas_item]),
            fire])])
    facts_a = Facts(
        deadlines=[Deadline(clause_id=f"{a}/chp_3/sec_1/item_5/para_1/cl_2", text="", expression="到2025年",
                            date="2025-12-31")],
        sectors=[SectorTag(clause_id=f"{a}/chp_3/sec_1/item_5/para_1/cl_1", sector="城镇燃气"),
                 SectorTag(clause_id=f"{a}/chp_3/sec_1/item_5/para_1/cl_2", sector="城镇燃气"),
                 SectorTag(clause_id=f"{a}/chp_3/sec_2/para_1/cl_1", sector="消防")],
        indicators=[Indicator(id=f"{a}/ind_1", name="管线入廊率", comparator="=", value=100, unit="%",
                              deadline="2025-12-31", clause_id=f"{a}/table_1/row_1/cell_2")])
    b = "plan-b"
    root_b = Node(id=b, kind="document", children=[
        Node(id=f"{b}/chp_1", kind="part", number="一", heading="主要任务", children=[
            Node(id=f"{b}/chp_1/para_1", kind="paragraph", children=[
                clause(f"{b}/chp_1/para_1/cl_1", "推行瓶装液化气配送制和销售实名制，大力推进瓶改管工作。"),
                clause(f"{b}/chp_1/para_1/cl_2", "建设区应急指挥中心。"),
                clause(f"{b}/chp_1/para_1/cl_3", "开展危险化学品企业安全风险分级管控。")])])])
    law = "law-c"
    root_c = Node(id=law, kind="document", children=[
        Node(id=f"{law}/chp_1", kind="chapter", number="第一章", heading="总则", children=[
            Node(id=f"{law}/chp_1/art_1", kind="article", number="第一条", children=[
                clause(f"{law}/chp_1/art_1/cl_1", "为了加强燃气管理，保障燃气供应，制定本条例。")])])])
    return [
        DocumentRecord(meta=DocumentMeta(id=a, title="甲区规划"), root=root_a, facts=facts_a),
        DocumentRecord(meta=DocumentMeta(id=b, title="乙市规划"), root=root_b),
        DocumentRecord(meta=DocumentMeta(id=law, title="燃气管理条例", kind="regulation"), root=root_c),
    ]


@pytest.fixture()
def built(tmp_path):
    emb = CharEmbedder()
    stats = build_index(make_records(), tmp_path / "index", tmp_path / "cache", embedder=emb)
    return SearchIndex.open(tmp_path / "index", emb), stats, emb, tmp_path


# -- units -------------------------------------------------------------------

def test_units_carry_paths_rows_sectors_and_deadlines():
    units = {u.id: u for u in collect_units(make_records())}
    gas = units["plan-a/chp_3/sec_1/item_5/para_1/cl_2"]
    assert gas.section_path == ["三、主要任务", "（一）强化重点行业安全监管", "5.城镇燃气安全"]
    assert gas.has_deadline and gas.sectors == ["城镇燃气"] and gas.section_kind == "tasks"
    row = units["plan-a/table_1/row_1"]
    assert row.unit_kind == "row" and row.text == "管线入廊率 100% 预期性"
    assert row.has_deadline, "an indicator deadline on a cell counts for its row"
    assert row.section_kind == "table"
    assert units["plan-a/chp_1/para_1/cl_1"].section_kind == "situation"
    art = units["law-c/chp_1/art_1/cl_1"]
    assert art.section_path == ["第一章 总则", "第一条"] and art.section_kind == "statute"
    assert not any(u.id.endswith("cell_1") for u in units.values()), "cells are indexed through their row"
    heading = units["plan-a/chp_3/sec_1/item_5"]
    assert heading.unit_kind == "heading" and heading.text == "城镇燃气安全"
    assert heading.section_path == ["三、主要任务", "（一）强化重点行业安全监管"]
    assert units["plan-a/chp_2"].section_kind == "goals", "a heading's own words decide its section kind"


def test_node_label_truncates_run_on_headings():
    label = node_label(Node(id="x", kind="item", number="1.", heading="很" * 100))
    assert label.startswith("1.很") and label.endswith("…") and len(label) < 50


# -- pieces ------------------------------------------------------------------

def test_embedding_cache_embeds_each_text_once(tmp_path):
    emb = CharEmbedder()
    texts = ["甲乙丙", "丁戊己", "甲乙丙"]
    with EmbeddingCache(tmp_path) as cache:
        vecs, new, reused = embed_with_cache(texts, emb.model_id, emb.dim, emb.embed_passages, cache)
    assert (new, reused) == (2, 1) and emb.embedded == ["甲乙丙", "丁戊己"]
    np.testing.assert_allclose(vecs[0], vecs[2])
    with EmbeddingCache(tmp_path) as cache:   # a fresh connection: it was persisted
        vecs2, new2, reused2 = embed_with_cache(texts, emb.model_id, emb.dim, emb.embed_passages, cache)
        assert cache.count() == 2
    assert (new2, reused2) == (0, 3) and len(emb.embedded) == 2
    np.testing.assert_array_equal(vecs, vecs2)
    with EmbeddingCache(tmp_path) as cache:   # another model id is another key
        _, new3, _ = embed_with_cache(texts[:1], "other-model", emb.dim, emb.embed_passages, cache)
    assert new3 == 1


def test_embedding_cache_with_several_workers_embeds_the_same_batches(tmp_path):
    """workers > 1 (a serving engine, one thread per call): the calls run on other threads,
    each with one of the batches one worker would make, and the vectors are the same."""
    import threading

    texts = [f"第{i}条" + "甲乙丙丁戊己庚辛"[: i % 8] for i in range(23)] + ["第0条"]
    results = {}
    for workers in (1, 2):
        emb = CharEmbedder()
        calls: list[tuple[str, tuple]] = []

        def embed(batch, emb=emb, calls=calls):
            calls.append((threading.current_thread().name, tuple(batch)))
            return emb.embed_passages(batch)

        with EmbeddingCache(tmp_path / str(workers)) as cache:
            vecs, new, reused = embed_with_cache(texts, emb.model_id, emb.dim, embed, cache, batch=5,
                                                 workers=workers)
            assert cache.count() == 23
        assert (new, reused) == (23, 1)
        results[workers] = (vecs, sorted(batch for _, batch in calls), {name for name, _ in calls})
    np.testing.assert_array_equal(results[1][0], results[2][0])
    assert results[1][1] == results[2][1] and len(results[1][1]) == 5      # 23 texts in batches of 5
    assert results[1][2] == {threading.current_thread().name}
    assert threading.current_thread().name not in results[2][2]


def test_faiss_type_follows_threshold_and_filters(tmp_path):
    rng = np.random.default_rng(0)
    vecs = rng.normal(size=(6400, 16)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    flat = dense.build_faiss(vecs, threshold=10000)
    ivf = dense.build_faiss(vecs, threshold=1000)
    assert dense.index_type(flat) == "flat" and dense.index_type(ivf) == "ivf"
    assert dense.lists(ivf) == dense.ivf_lists(6400) and dense.lists(flat) == 0
    dense.save(ivf, tmp_path)
    reloaded = dense.load(tmp_path)
    assert dense.index_type(reloaded) == "ivf" and dense.lists(reloaded) == dense.ivf_lists(6400)
    exact = np.argsort(-(vecs @ vecs[7]))[:10]
    for index in (flat, ivf, reloaded):
        scores, pos = dense.search(index, vecs[7], 10)
        assert pos[0] == 7 and len(set(pos) & set(exact)) >= 8
        # A selective filter still fills k: the IVF probes more lists in proportion.
        allowed = np.arange(100, 130)
        _, fpos = dense.search(index, vecs[7], 10, allowed)
        assert len(fpos) == 10 and all(100 <= p < 130 for p in fpos)
        expected = 100 + np.argsort(-(vecs[100:130] @ vecs[7]))[:10]
        assert list(fpos) == list(expected)
        np.testing.assert_allclose(dense.vectors_at(index, np.array([3, 5])), vecs[[3, 5]], atol=1e-6)


def test_ivf_build_is_deterministic():
    rng = np.random.default_rng(1)
    vecs = rng.normal(size=(3000, 16)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    a, b = (dense.build_faiss(vecs, threshold=100) for _ in range(2))
    for q in vecs[:20]:
        np.testing.assert_array_equal(dense.search(a, q, 10)[1], dense.search(b, q, 10)[1])


def test_fusion_min_max_weights_and_scores_every_candidate():
    bm25_all = np.array([0.0, 10.0, 5.0, 0.0, 1.0], np.float32)
    stored = np.array([0.1, 0.2, 0.9, 0.8, 0.3], np.float32)
    d_pos = np.array([2, 3])
    asked: list[list[int]] = []

    def exact(p):
        asked.append(p.tolist())
        return stored[p]

    ranked = fusion.fuse(bm25_all, stored[d_pos], d_pos, exact, pool=2)
    assert sorted(asked[0]) == [1], "only the keyword-only candidate needs its dense score looked up"
    assert set(ranked.positions.tolist()) == {1, 2, 3}
    # pos 2: bm25 5/10 -> .5, dense (.9-.2)/(.9-.2) = 1 -> .3*.5 + .7*1 = .85
    got = dict(zip(ranked.positions.tolist(), ranked.score.tolist()))
    assert got[2] == pytest.approx(0.85) and ranked.positions[0] == 2
    assert got[1] == pytest.approx(0.3) and got[3] == pytest.approx(0.7 * (0.8 - 0.2) / 0.7)


def test_highlight_spans_merge_and_case():
    assert merge_spans([(5, 7), (0, 2), (1, 3), (7, 8)]) == [[0, 3], [5, 8]]
    text = "推进APP和app建设，推进瓶改管"
    assert find_spans(text, ["app", "推进"]) == [[0, 5], [6, 9], [12, 14]]


# -- the index ---------------------------------------------------------------

def test_search_explains_results(built):
    index, stats, _emb, _ = built
    assert stats["clauses"] == 18 and stats["rows"] == 1 and stats["headings"] == 9
    # two parts are both headed 主要任务: one text, embedded once
    assert stats["faiss_type"] == "flat" and stats["embedded"] == 17 and stats["cached"] == 1
    hits = index.search("瓶装液化气瓶改管", k=3)
    assert hits[0].clause_id.endswith("cl_1") and "瓶改管" in hits[0].text
    top = hits[0]
    assert top.plan_title in ("甲区规划", "乙市规划") and top.section_path and 0 < top.score <= 1
    spans = [top.text[s:e] for s, e in top.highlights]
    assert "瓶装液化气" in spans and all(s < e for s, e in top.highlights)
    d = top.to_dict()
    assert set(d) >= {"clause_id", "plan_id", "plan_title", "text", "score", "section_path", "highlights", "scores"}
    assert set(d["scores"]) == {"hybrid", "bm25", "dense"}


def test_table_rows_are_searchable(built):
    index = built[0]
    hits = index.search("管线入廊率目标", k=3)
    assert hits[0].clause_id == "plan-a/table_1/row_1" and hits[0].kind == "row"


@pytest.mark.parametrize("filters, expect", [
    ({"plan": "plan-b"}, lambda h: h.plan_id == "plan-b"),
    ({"kind": "regulation"}, lambda h: h.plan_id == "law-c"),
    ({"sector": "城镇燃气"}, lambda h: "城镇燃气" in h.sectors),
    ({"has_deadline": True}, lambda h: h.has_deadline),
    ({"section_kind": "situation"}, lambda h: h.section_kind == "situation"),
])
def test_filters_restrict_every_method(built, filters, expect):
    index = built[0]
    for method in ("hybrid", "bm25", "dense"):
        hits = index.search("燃气液化气安全管理", k=10, method=method, **filters)
        assert hits and all(expect(h) for h in hits), (method, filters)


def test_filter_with_no_match_returns_nothing(built):
    assert built[0].search("燃气", plan="no-such-plan") == []


def test_methods_rank_by_their_own_score(built):
    index = built[0]
    bm = index.search("危险化学品", method="bm25")
    assert bm[0].text.startswith("开展危险化学品") and bm[0].score == bm[0].bm25
    de = index.search("危险化学品", method="dense")
    assert [h.dense for h in de] == sorted((h.dense for h in de), reverse=True)


def test_similar_finds_precedent_in_other_plans(built):
    index = built[0]
    source = "plan-a/chp_3/sec_1/item_5/para_1/cl_1"
    hits = index.similar(source, k=3, other_plans=True)
    assert hits[0].clause_id == "plan-b/chp_1/para_1/cl_1"
    assert all(h.plan_id != "plan-a" for h in hits)
    same = index.similar(source, k=10, other_plans=False)
    assert source not in [h.clause_id for h in same] and any(h.plan_id == "plan-a" for h in same)
    assert index.clause(source)["section_path"][-1] == "5.城镇燃气安全"


def test_similar_needs_no_model(built, monkeypatch):
    """`policykg similar` opens the index without a model: precedents rank stored vectors."""
    from search_api.index import search as search_module

    index, _, _, tmp = built
    monkeypatch.setattr(search_module, "load_embedder", lambda *a, **k: pytest.fail("a model was loaded"))
    bare = search_module.open_index(tmp, tmp / "cache", with_model=False)
    source = "plan-a/chp_3/sec_1/item_5/para_1/cl_1"
    assert bare.embedder is None
    assert [h.to_dict() for h in bare.similar(source, k=3)] == [h.to_dict() for h in index.similar(source, k=3)]


@pytest.mark.parametrize("call, message", [
    (lambda ix: ix.search("   "), "empty"),
    (lambda ix: ix.search("燃" * 501), "limit"),
    (lambda ix: ix.search("燃气", k=0), "-k"),
    (lambda ix: ix.search("燃气", method="magic"), "method"),
    (lambda ix: ix.similar("nope/cl_1"), "no such clause"),
])
def test_bad_requests_are_user_errors(built, call, message):
    with pytest.raises(UserError, match=message):
        call(built[0])


def test_rebuild_reuses_embeddings_and_never_touches_linked_files(built):
    index, _stats, emb, tmp = built
    before = {p.name: p.read_bytes() for p in (tmp / "index").rglob("*") if p.is_file()}
    # An incremental build starts from hard links to the live generation's files.
    linked = tmp / "next"
    linked.mkdir()
    for p in (tmp / "index").rglob("*"):
        target = linked / p.relative_to(tmp / "index")
        if p.is_dir():
            target.mkdir(exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(p, target)
    records = make_records()
    records[1].root.children[0].children[0].children.append(clause("plan-b/chp_1/para_1/cl_4", "新增森林防火物资储备。"))
    emb2 = CharEmbedder()
    stats = build_index(records, linked, tmp / "cache", embedder=emb2)
    assert stats["embedded"] == 1 and stats["cached"] == 18 and emb2.embedded == ["一、主要任务：新增森林防火物资储备。"]   # a short clause after its heading
    after = {p.name: p.read_bytes() for p in (tmp / "index").rglob("*") if p.is_file()}
    assert after == before, "the previous generation's index files changed"
    assert SearchIndex.open(linked, emb2).search("森林防火物资")[0].clause_id == "plan-b/chp_1/para_1/cl_4"


def test_open_refuses_another_model(built):
    class Other(CharEmbedder):
        model_id = "something-else"
    with pytest.raises(UserError, match="built with model"):
        SearchIndex.open(built[3] / "index", Other())
