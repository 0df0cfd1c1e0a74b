"""Lists of administrative levels sharing one government ("省、自治区、直辖市人民政府",
"市、县级人民政府", "市和区、县人民政府"): one body per level, in the role the list has.
Before, jieba's cut decided what was left ("直辖|市人民政府" -> 市人民政府, mentioned)."""

from __future__ import annotations

import pytest
from ingest_helpers import mentions_by_article

ARTICLES = """第一章 总则

第一条 省、自治区、直辖市人民政府应当加强对本行政区域内安全生产工作的领导。

第二条 国务院有关部门和各省、自治区、直辖市人民政府可以根据本条例制定实施细则。

第三条 市和区、县人民政府应当将安全生产工作纳入国民经济和社会发展规划。

第四条 灾区各市、县级人民政府制定相应的灾后恢复重建实施方案。

第五条 省、自治区、直辖市人民政府指定的部门承担核事故应急协调委员会的日常工作。

第六条 县级人民政府确定的房屋征收部门组织实施本行政区域的房屋征收与补偿工作。

第七条 发生事故的单位应当立即向所在地乡、镇人民政府报告。
"""


@pytest.fixture(scope="module")
def mentions(tmp_path_factory) -> dict[str, set[tuple[str, str]]]:
    return mentions_by_article(tmp_path_factory.mktemp("levels"), "某某安全条例", ARTICLES, "全国", "national")


def test_every_level_of_a_list_is_a_body(mentions):
    assert mentions["art_1"] == {("省人民政府", "lead"), ("自治区人民政府", "lead"), ("直辖市人民政府", "lead")}
    assert mentions["art_3"] == {("市人民政府", "lead"), ("区人民政府", "lead"), ("县人民政府", "lead")}
    assert ("乡人民政府", "mentioned") in mentions["art_7"] and ("镇人民政府", "mentioned") in mentions["art_7"]


def test_a_level_list_after_another_body_shares_its_role(mentions):
    assert mentions["art_2"] == {("国务院有关部门", "lead"), ("省人民政府", "lead"), ("自治区人民政府", "lead"),
                                 ("直辖市人民政府", "lead")}


def test_the_grade_and_scope_words_of_a_list(mentions):
    # "级" written once after the last level belongs to each; "灾区各" scopes the whole list
    assert mentions["art_4"] == {("市级人民政府", "lead"), ("县级人民政府", "lead")}


def test_a_body_named_after_a_list_of_governments(mentions):
    assert mentions["art_5"] == {("省人民政府指定的部门", "lead"), ("自治区人民政府指定的部门", "lead"),
                                 ("直辖市人民政府指定的部门", "lead")}
    # a body with a name of its own keeps it: no government is split off "确定的房屋征收部门"
    assert ("房屋征收部门", "lead") in mentions["art_6"]
    assert not any(body.startswith("县级人民政府确定") for body, _ in mentions["art_6"])


def test_a_level_written_with_one_alternative_before_the_last_is_one_item(tmp_path):
    from ingest_helpers import mentions_by_item

    [counties, statute_like, closing] = mentions_by_item(tmp_path, [
        "各县（市）、区政府应成立粮食应急工作指挥部。",
        "市、县（区）、镇人民政府及其有关部门应当组织开展宣传活动。",
        "区、县（市）人民政府负责本地区的应急工作。"], "某某市", "city")
    bodies = {b for b, _r, _s in counties}
    assert {"县（市）政府", "区政府"} <= bodies and "某某市人民政府" not in bodies   # 县（市）: no list of 县 and 市
    assert {"县（区）人民政府", "镇人民政府"} <= {b for b, _r, _s in statute_like}
    assert {b for b, _r, _s in closing} == {"区、县（市）人民政府"}             # closed by it: one category, as before


def test_levels_counted_before_their_governments_are_each_a_body(tmp_path):
    # "县、乡镇两级政府", "县乡两级政府": the count says how many governments; each level's own, in full
    from ingest_helpers import mentions_by_item
    [first, second] = mentions_by_item(tmp_path, ["森林火灾扑救工作由县、乡镇两级政府负责。",
                                                  "县乡两级人民政府要落实防火责任。"], "某某县", "county")
    assert {(body, role) for body, role, _ in first} == {("某某县人民政府", "lead"), ("乡镇人民政府", "lead")}
    assert {(body, role) for body, role, _ in second} == {("某某县人民政府", "lead"), ("乡人民政府", "lead")}


def test_a_hostile_run_of_levels_is_read_in_linear_time():
    # 乡镇 is one level or two: a pattern trying both splits of each would take 2^n steps
    import time

    from ingest.extract.level_lists import _LEVEL_LIST
    for text in ("，" + "乡镇" * 3000 + "X政府", "，" + "乡镇、" * 3000 + "X政府", "，" + "县乡" * 3000 + "两级X政府"):
        started = time.process_time()
        _LEVEL_LIST.search(text)
        assert time.process_time() - started < 1.0
