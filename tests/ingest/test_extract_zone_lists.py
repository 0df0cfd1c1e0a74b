"""Wordings read this round from real special emergency plans and local regulations (a development set
kept out of the repository): zones listed before the committee that runs them, and a list whose items
are given a short name before it goes on. Constructed sentences in those wordings."""

from __future__ import annotations

from ingest_helpers import mentions_by_clause

_PART = "一、组织体系\n\n"


def _bodies(tmp_path, text: str) -> set[tuple[str, str]]:
    found = mentions_by_clause(tmp_path, text, "某市", "city", "某市危险化学品事故应急预案", _PART, opening=40)
    return set().union(*found.values())


def test_zones_listed_before_their_committee_share_it(tmp_path):
    found = _bodies(tmp_path, "高新技术开发区、经济技术开发区和滨江风景区管委会负责组织本区应急处置工作。")
    assert {("高新技术开发区管委会", "lead"), ("经济技术开发区管委会", "lead"), ("滨江风景区管委会", "lead")} <= found


def test_places_listed_before_other_bodies_stay_places(tmp_path):
    # (no committee after them: 重点地区 and 园区 are where, not who)
    found = _bodies(tmp_path, "重点地区、园区和企业要落实安全生产主体责任。")
    assert not any(body.endswith(("地区", "园区")) for body, _role in found)


def test_a_list_given_a_short_name_goes_on_with_one_role(tmp_path):
    found = _bodies(tmp_path, "各区政府、滨江风景区管委会（以下称各区政府）及市有关部门按照各自职责和权限，"
                              "负责组织、实施本区、本部门危险化学品事故应急处置工作。")
    assert {("区政府", "lead"), ("滨江风景区管委会", "lead")} <= found
    found = _bodies(tmp_path, "市应急局（以下称市局）及市有关部门负责组织危险化学品事故应急处置工作。")
    assert ("某市应急管理局", "lead") in found
