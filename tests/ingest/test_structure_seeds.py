"""The structure tree of the two shipped seed plans (issue 2, "Done when")."""

from __future__ import annotations

import re
from ingest_helpers import KUNSHAN, WUJIANG, find, kids, shape



def test_parts_and_sections_of_both_plans(seeds):
    expected = {WUJIANG: [2, 3, 8, 5, 4], KUNSHAN: [3, 3, 8, 6, 4]}
    for doc_id, counts in expected.items():
        parts = kids(seeds[doc_id].root, "part")
        got = [len(kids(p, "section")) for p in parts]
        print(f"\n{doc_id}: {len(parts)} parts, sections per part {got}")
        assert got == counts
        assert [p.number for p in parts] == ["一、", "二、", "三、", "四、", "五、"]
        assert find(seeds[doc_id].root, "三、").heading == "主要任务"


def test_kunshan_special_campaigns_have_items_one_to_eight(seeds):
    section = find(seeds[KUNSHAN].root, "三、", "（三）")
    assert section.heading == "聚焦专项整治，增强安全事故防范能力"
    items = kids(section, "item")
    assert [i.number for i in items] == [f"{n}." for n in range(1, 9)]
    assert items[0].heading == "危险化学品专项整治"
    # the inline heading's body ("严格危险化学品企业…") is the item's paragraph
    assert kids(items[0], "paragraph")[0].text.startswith("严格危险化学品企业和化工园区")


def test_inline_heading_is_split_from_its_body(seeds):
    section = find(seeds[KUNSHAN].root, "五、", "（一）")
    assert section.heading == "加强组织领导"
    [body] = section.children
    assert body.kind == "paragraph" and body.text.startswith("全面加强政府在规划实施过程中的推动作用")
    assert all(c.kind == "clause" for c in body.children) and len(body.children) >= 3


def test_preface_and_title(seeds):
    for doc_id, heading in ((WUJIANG, "序言"), (KUNSHAN, "前言")):
        root = seeds[doc_id].root
        preface = root.children[0]
        assert (preface.kind, preface.id, preface.heading) == ("preface", f"{doc_id}/preface", heading)
        assert kids(preface, "paragraph")
    assert seeds[WUJIANG].root.heading == "苏州市吴江区“十四五”应急管理规划"


def test_topic_lead_ins(seeds):
    item = find(seeds[WUJIANG].root, "一、", "（二）", "1.")
    topics = kids(item, "topic")
    assert [(t.number, t.heading) for t in topics][:2] == [("——", "国家政策层面"), ("——", "政府制度层面")]
    risk = find(seeds[WUJIANG].root, "三、", "（四）", "2.")
    labels = [t.heading for t in kids(risk, "topic")]
    assert labels[:3] == ["化工及危险化学品安全", "工贸安全", "建筑施工安全"]
    assert "城镇燃气安全" in labels
    challenges = find(seeds[KUNSHAN].root, "一、", "（二）")
    assert [t.number for t in kids(challenges, "topic")] == ["一是", "二是", "三是", "四是"]


def test_eids_follow_the_tree(seeds):
    root = seeds[KUNSHAN].root
    item = find(root, "三、", "（二）", "1.")
    assert item.id == f"{KUNSHAN}/chp_3/sec_2/item_1"
    clause = item.children[0].children[2]
    assert clause.id == f"{KUNSHAN}/chp_3/sec_2/item_1/para_1/cl_3"
    ids = [n.id for r in seeds.values() for n in r.nodes()]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9-]+(/[a-z]+_\d+|/preface)*", i) for i in ids)


def test_no_page_furniture_or_bookmarks_in_any_clause(seeds):
    furniture = re.compile(r"—\s*\d+\s*—|\[bookmark|_Toc|_Hlk|\u3000")
    bad = [c.text for r in seeds.values() for c in r.clauses() if furniture.search(c.text)]
    assert bad == []


def test_no_clause_is_cut_at_a_hard_wrap_or_page_break(seeds):
    clauses = [c.text for c in seeds[WUJIANG].clauses()]
    # wrapped over two lines, the second one starting a new page
    assert sum("流动叉车在厂际间道路上行驶因部门监管缺位，违法违规引发的事故呈高发态势" in c for c in clauses) == 1
    # a sentence split by the "— 47 —" footer
    assert any("会商联通。" in c for c in clauses)
    # every clause of the wrapped plan ends a sentence (none stops at a line end)
    open_ended = [c for c in clauses if c[-1] not in "。；！？：”）"]
    print(f"\nWujiang: {len(clauses)} clauses, {len(open_ended)} without sentence end: {open_ended[:5]}")
    assert len(open_ended) <= len(clauses) * 0.02


def test_spans_and_line_map_point_back(seeds):
    for record in seeds.values():
        text = record.clean_text
        for node in record.nodes():
            if node.kind in ("clause", "cell", "paragraph"):
                assert text[node.span[0]:node.span[1]] == node.text, node.id
        assert len(record.line_map) == text.count("\n") + 1
        assert record.line_map == sorted(record.line_map)
    # Wujiang's 五、 heading sits on source line 2144 of the PDF text
    record = seeds[WUJIANG]
    part = find(record.root, "五、")
    line_no = record.clean_text.count("\n", 0, part.span[0])
    assert record.line_map[line_no] == 2144


def test_same_file_same_ids(corpus_items, seeds):
    from ingest.pipeline import ingest_path

    for doc_id, (path, meta) in corpus_items.items():
        [again] = ingest_path(path, meta)
        assert shape(again.root) == shape(seeds[doc_id].root)
        assert again.clean_text == seeds[doc_id].clean_text
