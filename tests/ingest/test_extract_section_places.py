"""A province's bulletin reports on its cities one section each, headed by a short line that
opens with the city ("武汉市多举措提升…"): the local bodies of that section are the city's."""

from __future__ import annotations

import pytest

from ingest.extract import extract_facts
from ingest.extract.actors import section_place
from ingest.pipeline import ingest_path
from ingest.records import DocumentMeta

BULLETIN = """# 湖北省安全生产工作简报

# 省应急管理厅开展重大隐患整改督办

省应急管理厅紧盯危险化学品重点领域，现场督办重大隐患整改。

# 武汉市多举措提升重大事故隐患排查质量

武汉市采取多项举措扎实推进专项行动。

市安委办每日收集汇总重大事故隐患排查情况，每周调度。

# 十堰市召开整治违规施工联席会

市安委办要开展暗访督查，切实整治违规施工。

# 全省地质灾害防治形势总体稳定

市应急局要加强值班值守。

一、下一步工作

宜昌市开展专项检查

市应急局要加强执法检查。

二、有关要求

市安委办要加强统筹。
"""


@pytest.fixture(scope="module")
def bodies(tmp_path_factory) -> list[tuple[str, str]]:
    path = tmp_path_factory.mktemp("bulletin") / "湖北省安全生产工作简报.md"
    path.write_text(BULLETIN, "utf-8")
    [record] = ingest_path(path, DocumentMeta(id="bulletin", title="湖北省安全生产工作简报", kind="report",
                                              region="湖北省", level="province"))
    record.facts = extract_facts(record)
    nodes = {n.id: n for n in record.root.walk()}
    return [(nodes[m.clause_id].text[:6], m.actor_id) for m in record.facts.mentions]


def test_a_citys_section_scopes_its_local_bodies(bodies):
    assert ("市安委办每日", "武汉市安委办") in bodies
    assert ("市安委办要开", "十堰市安委办") in bodies
    assert ("省应急管理厅", "湖北省应急管理厅") in bodies     # the province's own bodies stay its own


def test_a_heading_about_no_place_ends_the_section(bodies):
    assert ("市应急局要加", "市应急管理局") in bodies


@pytest.mark.parametrize("text, region, expected", [
    ("武汉市多举措提升重大事故隐患排查质量", "湖北省", (True, "武汉市")),
    ("恩施州部署汛期地质灾害防治工作", "湖北省", (True, "恩施州")),
    ("全市安全生产形势总体稳定", "湖北省", (True, None)),             # a scope word, not a place
    ("苏州市召开防汛工作会议", "苏州市", (True, None)),               # the document's own kind
    ("7月12日，十堰市召开联席会", "湖北省", (False, None)),           # a sentence, not a heading
])
def test_section_place(text, region, expected):
    assert section_place(text, region) == expected


def test_the_section_ends_with_the_part_its_line_is_in(bodies):
    assert ("市应急局要加", "宜昌市应急管理局") in bodies
    assert ("市安委办要加", "市安委办") in bodies         # 二、 is another part: no place of its own
