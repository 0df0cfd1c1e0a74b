"""Wordings read this round from real excerpts of plans' task breakdowns and duty divisions (a
development set kept out of the repository): a task's "责任单位及责任人：" line, a body set up under a
short name that carries its level, a list's collective name between the bodies and their duty, a
level listed with 以及, and a county named by jieba only with its level. Constructed sentences in
those wordings."""

from __future__ import annotations

from ingest_helpers import mentions_by_clause, mentions_by_item


def _roles(found):
    return {(body, role) for body, role, _ in found}


def test_a_tasks_line_of_responsible_bodies_and_persons_gives_the_bodies(tmp_path):
    found = mentions_by_clause(tmp_path, "1.2009年底前，完成特勤消防三中队建设。\n\n"
                               "责任单位及责任人：呈贡县政府、市发改委、市财政局主要领导。\n\n"
                               "2.2009年底前，完成盘龙消防三中队建设。\n\n责任单位及责任人：盘龙区政府主要领导。",
                               "昆明市", "city", "昆明市消防站点建设责任分解", "一、消防站点建设\n\n", opening=8)
    assert {("呈贡县人民政府", "lead"), ("昆明市发改委", "lead"), ("昆明市财政局", "lead")} <= found["呈贡县政府、市发"]
    assert ("盘龙区人民政府", "lead") in found["盘龙区政府主要领"]


def test_a_body_set_up_under_a_short_name_with_a_level_is_that_levels(tmp_path):
    set_up, office, named = mentions_by_item(tmp_path, [
        "县政府设立防汛指挥部（以下简称“县防指”），负责全县防汛抗旱工作。",
        "县防指办公室设在县水利局，负责日常工作。", "县防指负责组织指挥全县防汛抢险。"], "某县", "county")
    assert ("某县防汛指挥部", "lead") in _roles(set_up)
    assert ("某县防汛指挥部办公室", "lead") in _roles(office)
    # the document's own short name, not the usual one's body (防汛抗旱指挥部)
    assert _roles(named) == {("某县防汛指挥部", "lead")}


def test_a_lists_collective_name_stands_between_the_bodies_and_their_duty(tmp_path):
    [called] = mentions_by_item(tmp_path, [
        "区公安分局、区卫生局（统称为联动单位），在各自职责范围内负责应急联动处置工作。"], "普陀区", "county")
    assert _roles(called) == {("普陀区公安分局", "lead"), ("普陀区卫生局", "lead")}


def test_a_level_listed_after_bodies_with_yiji_acts_with_them(tmp_path):
    streets, towns = mentions_by_item(tmp_path, ["区公安分局以及各街道负责应急联动处置工作。",
                                                 "各乡镇以及县直有关部门负责组织实施。"], "普陀区", "county")
    assert _roles(streets) == {("普陀区公安分局", "lead"), ("街道", "lead")}
    assert _roles(towns) == {("乡镇", "lead"), ("县直有关部门", "lead")}


def test_an_area_word_is_no_local_prefix(tmp_path):
    [area] = mentions_by_item(tmp_path, ["区域行政主管机构负责辖区内的先期处置。"], "普陀区", "county")
    assert _roles(area) == {("区域行政主管机构", "lead")}        # not 普陀区 + 域行政主管机构


def test_a_county_jieba_knows_only_with_its_level_keeps_its_name(tmp_path):
    [county] = mentions_by_item(tmp_path, ["呈贡县政府负责消防站建设用地保障。"], "昆明市", "city")
    assert _roles(county) == {("呈贡县人民政府", "lead")}       # jieba: 呈贡 (a verb) | 县政府
