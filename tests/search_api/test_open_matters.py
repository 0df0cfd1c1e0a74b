"""Owner questions beyond the matter lexicon, parts of a named matter, and the duty lists of plans:
the rules that need no build. (Measured on the real documents: test_ask_quality.py, tests/gold/ask/questions_open.tsv.)"""

from __future__ import annotations

from dataclasses import replace

import pytest

from search_api.index.tokens import segment, words
from search_api.service.ask import _touches
from search_api.service.duties import (ASSIGNING, DIRECT, GENERAL, MENTION, asked_topic, asks_who, is_authority,
                                       named_enterprise, strength)
from search_api.service.matters import (LOOSE_COVERAGE, OPEN_COVERAGE, circumstance_words, open_matter, open_topic_text,
                                       recognise_matters, topic_text)


def _open(question: str, weights: dict[str, float] | None = None):
    weigh = lambda ws: [(weights or {}).get(w, 1.0) for w in ws]  # noqa: E731
    return open_matter(words(topic_text(question)), weigh, segment)


# -- open matters ----------------------------------------------------------------------------

def test_a_question_the_lexicon_does_not_cover_is_named_by_its_own_words():
    assert recognise_matters("灾后保险理赔归哪个部门管？") == []
    matter = _open("灾后保险理赔归哪个部门管？")
    assert matter.found == ("灾后", "保险", "理赔")
    assert matter.about("负责指导保险公司及时做好灾后保险理赔事宜。")
    assert not matter.about("保险公司应当及时赔付。")          # 保险 alone: a third of the words


def test_only_a_question_asking_who_has_an_open_matter():
    assert asks_who("灾后保险理赔归哪个部门管？") and asks_who("救灾募捐活动由谁组织？")
    assert not asks_who("今年的工作重点是什么")


def test_spoken_padding_names_nothing():
    matter = _open("平时小区广场舞音响太吵该找哪个部门？")
    assert "平时" not in matter.found and "该" not in matter.found
    assert _open("归哪个部门管？") is None
    # where, said of the place the question names, is no part of what it asks about
    matter = _open("山东境内输油、输气的长输管道，保护工作归哪个部门管？")
    assert "境内" not in matter.found and "管道" in matter.found


def test_rare_words_weigh_more_than_common_ones():
    # 灾后 is common in the plans, 通信设施 and 抢修 are not: a clause without 灾后 still holds the matter
    matter = _open("灾后通信设施抢修由哪个部门负责？", {"灾后": 1.0, "通信": 4.0, "设施": 3.0, "抢修": 4.0})
    assert matter.about("负责…受灾地区通信设施的抢修等工作")
    assert not matter.about("负责灾后通信保障")


def test_a_word_is_held_by_its_parts():
    """广播电视 in "广播、电视系统设施的应急抢修"."""
    matter = _open("灾区的广播电视设施抢修由哪个部门指导？", {"广播电视": 4.0})
    assert "广播电视" in matter.found
    assert matter.about("负责指导灾区广播、电视系统设施的应急抢修和恢复重建工作")
    assert not matter.about("负责指导灾区电视系统设施的应急抢修")   # 广播 missing: its word is not held


def test_a_word_is_held_by_parts_that_cover_it_whichever_others_are_missing():
    """中小学生 in "中小学的学生" (中小学 and 学生; 小学生 is not written there)."""
    matter = _open("中小学生在学校受伤的事故预防归哪个部门管？", {"中小学生": 4.0})
    assert "中小学生" in matter.found
    assert matter.share("中小学的学生") == pytest.approx(4.0 / sum(matter.weights))
    assert matter.share("小学生的作业") == 0.0    # 中小 missing: the word is not covered


def test_a_conjunction_left_on_a_word_and_a_questions_framing_words_name_nothing():
    # jieba cuts "监督检查和行政执法" as 监督 | 检查和 | 行政 | 执法; 方面 only frames the question
    matter = _open("供水方面的监督检查和行政执法由哪个机构负责？")
    assert "检查" in matter.found and "检查和" not in matter.found and "方面" not in matter.found
    assert matter.about("水务执法总队具体负责本市供水的监督检查工作，并实施行政处罚")


def test_an_open_matter_leaves_out_the_asking_verb_the_examples_in_brackets_and_the_compound():
    def found(question: str) -> tuple[str, ...]:
        return open_matter(words(open_topic_text(question)), lambda ws: [1.0] * len(ws), segment).found

    assert "牵头" not in found("二次供水设施的运行维护费用怎么定价，由哪个部门牵头？")
    assert "主管" not in found("城市自来水供应归哪个部门主管？")
    assert "管理" not in found("人防工程建设归哪个部门统一管理？")
    assert found("小区二次供水（水箱、加压泵房）归哪个部门管？") == ("二次", "供水")
    assert "编制" in found("突发地质灾害应急预案由哪个部门负责编制？")     # the act asked about stays
    # (a named matter's part keeps its verb: "防汛专家组由谁牵头" is answered by "专家组：由市防办牵头")
    assert "牵头" in topic_text("防汛专家组由谁牵头？")


def test_the_coverage_threshold_is_two_thirds():
    assert OPEN_COVERAGE == pytest.approx(2 / 3)
    matter = _open("商品过度包装归哪个部门管？")
    assert matter.found == ("商品", "过度", "包装")
    assert matter.about("加强对商品过度包装的监督管理")
    assert matter.about("加强对过度包装的监督管理")                  # two of three equal words
    assert not matter.about("加强对商品的监督管理")


def test_read_loosely_a_third_of_the_weight_is_enough():
    """The second reading, in the asked place's own texts only (OwnerQuestions.ask): "郑州农村自建房" is
    that city's "农村房屋使用安全监督管理"."""
    assert LOOSE_COVERAGE == pytest.approx(1 / 3)
    matter = _open("郑州农村自建房住着不安全，谁负责监督管理？", {"郑州": 0.0, "农村": 2.0, "自建房": 6.0, "安全": 1.0, "监督管理": 1.0})
    clause = "县（市、区）房屋使用安全管理部门负责本辖区内农村房屋使用安全监督管理工作"
    assert not matter.about(clause)                                   # 4 of 10
    assert replace(matter, coverage=LOOSE_COVERAGE).about(clause)
    assert not replace(matter, coverage=LOOSE_COVERAGE).about("加强农村安全生产")   # 3 of 10


def test_the_title_of_a_plan_about_the_matter_holds_its_words_for_its_clauses():
    from search_api.service.ask import _about_in
    matter = _open("无锡市供水危机时蓝藻的打捞归哪个部门管？", {"无锡市": 0.0})
    title = "无锡市突发供水危机专项应急预案"
    assert not matter.about("市水利局：负责蓝藻的打捞工作。")
    assert _about_in(matter, "市水利局：负责蓝藻的打捞工作。", title)
    assert not _about_in(matter, "市气象局：负责提供气象预报。", title)      # the title alone holds no duty


def test_who_is_responsible_is_question_wording():
    assert "负责" not in topic_text("盐田区各街道每年的安全检查安排由谁负责？")
    assert "负责" not in topic_text("这件事归谁负责？")


def test_a_matter_named_only_inside_another_named_matters_term_is_its_aspect():
    # 交通安全 is 道路交通's word, but the question is about ships: 内河交通安全 is 水上交通's term
    assert [m.name for m in recognise_matters("内河船舶的交通安全监督管理归哪个部门管？")] == ["水上交通"]
    assert [m.name for m in recognise_matters("路口的交通安全设施归哪个部门管？")] == ["道路交通"]


def test_seismic_prospecting_is_no_earthquake():
    assert recognise_matters("石油地震勘探造成的损害谁来补偿？") == []
    assert [m.name for m in recognise_matters("地震后的房屋鉴定归谁管？")] == ["地震"]


# -- who a plan's duty list makes answerable ---------------------------------------------------

@pytest.mark.parametrize("name, place, expect", [
    ("国网衡阳供电公司", True, True),
    ("中石油衡阳分公司", True, True),
    ("中铁沈阳局集团", False, True),
    ("省电力公司", False, True),
    ("南航集团", False, True),
    ("企业集团", False, False),
    ("供电公司", False, False),
    ("保险公司", False, False),
    ("生产经营单位", False, False),
    ("市场主体登记公司", False, False),
    ("国网衡阳供电公司的安全管理机构", True, False),
])
def test_a_company_named_as_itself_answers_like_a_department(name, place, expect):
    assert named_enterprise(name, place) is expect
    assert is_authority(name, "enterprise", named_place=place) is expect


def test_a_duty_under_a_heading_that_names_the_body_is_its_remit():
    text = "指导监督城市公共供水、燃气、污水处理等市政公用设施防汛抗旱安全运行。"
    assert strength(text, "市城管执法局", "lead", headed=True) == ASSIGNING
    assert strength(text, "市城管执法局", "lead") == DIRECT
    # an item carried over from a statute's lead-in stays a duty within the matter
    assert strength("（三）组织有关部门和机构、专业技术人员、有关专家学者，随时对突发事件信息进行分析评估；",
                    "县级以上地方人民政府", "lead") == DIRECT


def test_a_body_asked_to_act_is_the_one_that_acts():
    text = "当事人双方对石油地震勘探损害补偿问题发生纠纷时，首先应当协商解决，协商不成的，提请当地县级人民政府及其指定的部门调解处理；"
    assert strength(text, "当地县级人民政府", "mentioned") >= DIRECT
    assert strength("应当报请本级人民政府批准", "本级人民政府", "mentioned") >= DIRECT
    assert strength("应当向所在地人民政府报告", "所在地人民政府", "mentioned") == MENTION


def test_a_subject_keeps_its_later_predicates_up_to_the_next_body():
    text = ("国务院铁路主管部门应当加强铁路运输安全监督管理，建立健全事故应急救援和调查处理的各项制度，"
            "按照国家规定的权限和程序，负责组织、指挥、协调事故的应急救援和调查处理工作。")
    assert strength(text, "国务院铁路主管部门", "lead", at=0) == ASSIGNING
    other = "甲部门应当加强监督管理，乙部门负责组织应急救援。"
    assert strength(other, "甲部门", "lead", at=0, until=other.index("乙部门")) == DIRECT


def test_the_second_of_two_bodies_joined_by_he_shares_the_duty_with_the_first():
    text = "县级以上地方人民政府市场监督管理部门和有关部门应当按照各自职责，加强对过度包装的监督管理。"
    assert strength(text, "县级以上地方人民政府市场监督管理部门", "lead", at=0) == DIRECT
    definition = "应急管理部门和对有关行业、领域的安全生产工作实施监督管理的部门统称负有安全生产监督管理职责的部门。"
    assert strength(definition, "应急管理部门", "mentioned", at=0) <= GENERAL


# -- a part of a named matter ----------------------------------------------------------------

def test_the_topic_asked_about_is_before_the_who():
    assert asked_topic("衡阳防汛抢险现场的医疗救护和防疫由哪个部门牵头？") == "衡阳防汛抢险现场的医疗救护和防疫由"
    assert asked_topic("谁负责衡阳的防汛物资储备？") == "负责衡阳的防汛物资储备？"     # nothing before it
    assert asked_topic("燃气安全") == "燃气安全"


def test_a_word_written_against_the_matters_word_is_part_of_its_phrase():
    # 基本 of 基本生活救助 qualifies the matter; 医疗救护 after 的 is a part of it of its own
    assert _touches("地震后受灾群众的基本生活救助归", "基本", ["生活救助"])
    assert not _touches("防汛抢险现场的医疗救护和防疫由", "医疗", ["防汛", "抢险"])


def test_the_share_of_a_part_a_clause_holds():
    part = _open("医疗救护和防疫", {"医疗": 1.0, "救护": 1.0, "防疫": 2.0})
    assert part.share("负责医疗救护、疾病控制和疫情控制工作；") == pytest.approx(0.5)
    assert part.share("负责医疗救护和卫生防疫工作。") == pytest.approx(1.0)
    assert part.share("市防指组织指挥全市防汛抗旱工作。") == 0.0


def test_a_questions_circumstance_weighs_less_than_what_it_asks():
    # "天津下大雪期间，|蔬菜的储存和上市供应由哪个部门负责组织": a clause on the vegetables need not say it snowed
    question = "下大雪期间，蔬菜的储存和上市供应由哪个部门负责组织？"
    topic = open_topic_text(question)
    circumstance = circumstance_words(topic, words)
    assert circumstance == {"大雪", "期间"}
    idf = {"大雪": 9.0, "期间": 5.0, "蔬菜": 10.0, "储存": 4.0, "上市": 9.0, "供应": 4.5, "负责": 3.0, "组织": 2.5}
    clause = "市农委：了解蔬菜生产、销售、储存等情况，组织好蔬菜上市和供应。"
    weigh = lambda ws: [idf.get(w, 1.0) for w in ws]  # noqa: E731
    assert open_matter(words(topic), weigh, segment, circumstance).about(clause)
    assert not open_matter(words(topic), weigh, segment).about(clause)


def test_a_question_whose_last_part_only_asks_who_has_no_circumstance():
    assert circumstance_words(open_topic_text("对燃气管道的巡查，由哪个部门负责？"), words) == set()
    assert circumstance_words(open_topic_text("燃气安全归哪个部门管？"), words) == set()


def test_an_event_the_asked_part_opens_with_is_its_time():
    # "雪灾时|灾区粮油供应由哪个部门保障": 雪灾 says when
    assert circumstance_words(open_topic_text("雪灾时灾区粮油供应由哪个部门保障？"), words) == {"雪灾"}
    assert circumstance_words(open_topic_text("防汛期间物资调拨由谁负责？"), words) == {"防汛"}


def test_a_word_naming_things_together_is_held_by_their_list():
    # "粮油" in "粮、油供应", "水电气" in "水、电、气": a list of the things the word names
    matter = open_matter(["粮油", "供应"], lambda ws: [1.0] * len(ws), segment)
    assert matter.about("确保灾民基本生活所需的粮、油供应。")
    assert not matter.about("确保灾民基本生活所需的粮食供应。")
