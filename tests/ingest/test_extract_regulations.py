"""Wordings read this round from real excerpts of local regulations, government rules, special
emergency plans and goal lists (a development set kept out of the repository): 负责 before a word
that opens with 人 (人工影响天气), the people's congress named with its term, two armed forces
joined by 和, a numbered target whose responsibility note follows it on the same line, and a duty
to draw up (负责制定). Constructed sentences in those wordings."""

from __future__ import annotations

from ingest_helpers import extract_document, mentions_by_article, mentions_by_clause


def _targets(folder, title: str, body: str, region: str = "某市", level: str = "city", kind: str = "plan", **meta):
    """The indicators of a small plan (or ``kind`` of text) ``title`` whose markdown after its title is ``body``."""
    _record, facts = extract_document(folder, title, f"# {title}\n\n{body}", kind, region, level, **meta)
    return facts.indicators


def test_responsible_for_a_word_that_opens_with_ren_is_a_duty_not_a_person(tmp_path):
    found = mentions_by_article(tmp_path, "某省人工影响天气管理规定",
                                "第四条 县级以上气象主管机构负责人工影响天气工作的组织实施和指导管理。\n\n"
                                "第五条 市人民防空主管部门负责人防工程的监督管理。\n\n"
                                "第六条 指挥部由本级人民政府负责人担任总指挥。", "某省", "province")
    assert ("气象主管机构", "lead") in found["art_4"]
    assert any(role == "lead" for body, role in found["art_5"] if body.endswith("人民防空主管部门"))
    # (a person still: 本级人民政府负责人 is its head, not the government acting)
    assert ("本级人民政府", "lead") not in found["art_6"]


def test_a_people_congress_named_with_its_term_is_the_places_congress(tmp_path):
    found = mentions_by_clause(tmp_path, "（1997年7月25日吉林省第八届人民代表大会常务委员会第三十二次会议通过）\n\n"
                               "第一条 为了做好防汛抗洪工作，制定本条例。", "吉林省", "province", "吉林省防汛条例", "")
    bodies = {body for found_ in found.values() for body, _role in found_}
    assert "吉林省人民代表大会常务委员会" in bodies
    assert not any("第八届" in body for body in bodies)


def test_two_armed_forces_joined_by_he_are_two_bodies(tmp_path):
    found = mentions_by_article(tmp_path, "某省防汛条例",
                                "第六条 驻本省的中国人民解放军和武装警察部队应当执行防汛抢险任务。\n\n"
                                "第七条 防汛指挥机构由有关部门、当地驻军和人民武装部负责人组成。\n\n"
                                "第八条 国务院和地方各级人民政府有关部门设立经济普查机构。", "某省", "province")
    assert {("人民解放军", "lead"), ("武装警察部队", "lead")} <= found["art_6"]
    bodies = {body for body, _role in found["art_7"]}
    assert {"驻军", "人民武装部"} <= bodies and not any("驻军部" in body for body in bodies)
    # a government's departments share their head: no 国务院 acting on its own
    assert not any(body == "国务院" for body, _role in found["art_8"])


def test_a_numbered_target_with_its_note_on_the_same_line_is_text(tmp_path):
    record, facts = extract_document(tmp_path, "某省应急体系建设规划主要目标分工",
                                     "# 某省应急体系建设规划主要目标分工\n\n（二）事故灾难类指标\n\n"
                                     "3.道路交通事故万车死亡率下降到6.0以下。（省公安厅牵头，省交通运输厅配合）\n\n"
                                     "4.水上人命救助有效率达到90%。（省交通运输厅牵头）\n", "plan", "某省", "province",
                                     date="2006-06-01", period_start=2006, period_end=2010)
    texts = [c.text for c in record.clauses()]
    assert any(t.startswith("道路交通事故万车死亡率下降到6.0以下") for t in texts)
    assert {(i.comparator, i.value, i.unit) for i in facts.indicators} >= {("<=", 6.0, None), (">=", 90.0, "%")}
    assert ("某省公安厅", "lead") in {(m.actor_id, m.role) for m in facts.mentions}


def test_a_duty_to_draw_up_is_no_responsibility_system(tmp_path):
    record, _facts = extract_document(tmp_path, "某市防震减灾规划", "# 某市防震减灾规划\n\n一、重点任务\n\n"
                                      "1.各县区负责制定本地区避难场所专项规划\n\n2.各县区负责实施并维护\n",
                                      "plan", "某市", "city")
    # the line is text (a duty), not an item's title
    assert [c.text for c in record.clauses()][:1] == ["各县区负责制定本地区避难场所专项规划"]


def test_a_share_of_units_that_reach_a_state_is_a_target(tmp_path):
    indicators = _targets(tmp_path, "某市综合防灾减灾规划", "一、主要目标\n\n"
                          "到2025年，90%以上的乡镇（街道）建成标准化应急管理站。\n\n"
                          "重点行业领域规模以上企业100%实现安全生产标准化达标。\n\n"
                          "全市80%的社区达到综合减灾示范社区标准。\n",
                          date="2021-06-01", period_start=2021, period_end=2025)
    found = {(i.comparator, i.value, i.unit): i.name for i in indicators}
    assert found[(">=", 90.0, "%")] == "乡镇（街道）建成标准化应急管理站比例"
    assert ("=", 100.0, "%") in found and ("=", 80.0, "%") in found


def test_a_share_bounding_a_class_of_cases_is_no_target(tmp_path):
    assert _targets(tmp_path, "某市道路交通安全违法行为记分办法",
                    "一、记分\n\n（一）驾驶载客汽车载人超过核定人数百分之五十以上未达到百分之百的；\n") == []


def test_the_magnitude_a_place_withstands_is_a_target_and_a_trigger_is_not(tmp_path):
    indicators = _targets(tmp_path, "某市防震减灾规划", "一、主要目标\n\n"
                          "到2025年，城市基本具备综合抵御6级左右地震的能力。\n\n"
                          "重点监视防御区的城市具备抵御6.5级地震的能力。\n\n"
                          "二、应急准备\n\n发生5级以上地震时，立即启动四级响应。\n",
                          date="2021-06-01", period_start=2021, period_end=2025)
    assert {(i.comparator, i.value, i.unit) for i in indicators} == {("~", 6.0, "级"), (">=", 6.5, "级")}


def test_a_return_period_a_city_copes_with_is_a_standard_not_a_class(tmp_path):
    indicators = _targets(tmp_path, "某省排涝水目标任务", "一、目标\n\n中心城区能有效应对不低于50年一遇的暴雨。\n\n"
                          "二、响应\n\n发生超过50年一遇的洪水时，启动一级响应。\n", "某省", "province",
                          date="2017-03-01", period_start=2017, period_end=2017)
    assert [(i.comparator, i.value, i.unit) for i in indicators] == [(">=", 50.0, "年一遇")]


def test_helping_within_its_remit_is_cooperating(tmp_path):
    found = mentions_by_article(tmp_path, "某市旅游业管理条例",
                                "第八条 公安部门应当在各自职责范围内配合文化和旅游主管部门做好旅游行业管理工作。\n\n"
                                "第九条 工商、公安、卫生等行政管理部门，应在各自职责范围内配合文化和旅游主管部门做好旅游行业管理工作。\n\n"
                                "第十条 公安部门应当在各自职责范围内做好旅游安全管理工作。\n\n"
                                "第十一条 机动车维修单位发现送修车辆有盗抢嫌疑的，应当立即报告公安机关，并配合调查。",
                                "某市", "city")
    assert ("公安部门", "cooperate") in found["art_8"]
    assert {("工商行政管理部门", "cooperate"), ("卫生行政管理部门", "cooperate")} <= found["art_9"]
    assert ("公安部门", "lead") in found["art_10"]
    assert ("公安机关", "cooperate") not in found["art_11"]      # the one reported to, not the helper


def test_a_one_character_alternative_inside_a_name_and_travel_agencies(tmp_path):
    found = mentions_by_article(tmp_path, "某市旅游业管理条例",
                                "第十五条 旅游景区（点）管理机构应当加强对旅游景区（点）的管理。\n\n"
                                "第二十三条 旅行社组织旅游，应当与旅游者签订书面合同。\n\n"
                                "第三十条 诊所、卫生室（所）、门诊部等基层医疗卫生机构应当报告疫情。",
                                "某市", "city")
    assert any(body == "旅游景区（点）管理机构" for body, _role in found["art_15"])
    assert ("旅行社", "subject") in found["art_23"]
    assert not any(body.endswith("（所）部") for body, _role in found.get("art_30", set()))


def test_a_lead_time_before_an_event_named_with_de(tmp_path):
    """"在举办大型活动的二十个工作日前向公安机关申请" (not only "在活动举办日的20日前"): a minimum lead time."""
    indicators = _targets(tmp_path, "某市大型活动安全条例",
                          "第十四条 承办者应当在举办大型活动的二十个工作日前向公安机关申请安全许可。\n\n"
                          "第十五条 承办者应当在原举办时间的五个工作日前向公安机关提出变更申请。\n", kind="regulation")
    found = {(i.comparator, i.value, i.unit) for i in indicators}
    assert {(">=", 20.0, "个工作日"), (">=", 5.0, "个工作日")} <= found


def test_a_time_limit_before_jiang_youguan_is_no_forecast(tmp_path):
    """"在一小时内将有关情况报告…": 将有 of 将有关 is no forecast ("未来24小时内将有暴雨" is one)."""
    indicators = _targets(tmp_path, "某市学生伤害事故预防条例",
                          "第十八条 发生较大伤害事故的，学校应当在一小时内将有关情况报告教育行政部门。\n\n"
                          "第十九条 气象台预计未来24小时内将有暴雨的，应当发布预警。\n", kind="regulation")
    assert {(i.comparator, i.value, i.unit) for i in indicators} == {("<=", 1.0, "小时")}


def test_a_rules_floor_or_ceiling_written_with_its_modal(tmp_path):
    """"不得小于", "不应低于", "不得大于": the rule's bound, not the descriptive 小于/大于 of a class."""
    indicators = _targets(tmp_path, "某市危险化学品安全管理规定",
                          "第十条 危险化学品仓库与居民区的安全距离不得小于一千米。\n\n"
                          "第十一条 每班值班人员不应少于二名。\n\n"
                          "第十二条 单次爆破的炸药量不得大于十公斤，发动机排量不得大于五十毫升。\n", kind="regulation")
    found = {(i.comparator, i.value, i.unit) for i in indicators}
    assert found == {(">=", 1000.0, "米"), (">=", 2.0, "名"), ("<=", 10.0, "公斤"), ("<=", 50.0, "毫升")}


def test_a_thing_a_rule_requires_of_a_size_is_a_target_and_a_class_of_things_is_not(tmp_path):
    """"应当设置面积不少于十平方米的专用仓库" requires a store of that size; "身高不足1.2米的儿童" /
    "树龄一百年以上的古树" are classes; "在距离加油站一百米以外的地点燃放" is a minimum distance."""
    indicators = _targets(tmp_path, "某市烟花爆竹安全管理规定",
                          "第八条 批发企业应当设置面积不少于十平方米的专用仓库。\n\n"
                          "第九条 燃放烟花爆竹应当在距离加油站一百米以外的地点进行。\n\n"
                          "第十条 对树龄一百年以上的古树实行特级保护。\n\n"
                          "第十一条 身高低于一点二米的儿童应当由成年人陪同乘坐。\n", kind="regulation")
    found = {(i.name, i.comparator, i.value, i.unit) for i in indicators}
    assert found == {("专用仓库面积", ">=", 10.0, "平方米"), ("距离加油站", ">=", 100.0, "米")}
