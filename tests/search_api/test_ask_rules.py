"""The parts of owner questions and focused search that need no build: the matter lexicon,
jurisdictions, how a clause assigns a body, table rows as text, everyday query words.
(The measured quality on the gold set is test_ask_quality.py.)"""

from __future__ import annotations

import pytest

from ingest.jurisdiction import CITY, COUNTY, NATIONAL, PROVINCE, jurisdiction_of
from ingest.records import ActorMention, DocumentMeta, DocumentRecord, Node
from search_api.index.units import keyword_text, row_text, units_of
from search_api.service.ask import OTHER_PREDICATE_PENALTY, OwnerQuestions, Pair, _grades, _names, _weigh_own_predicates
from search_api.service.duties import (ASSIGNING, DIRECT, GENERAL, MENTION, SANCTIONS, action_verbs, assigns_nothing,
                                       is_authority, is_generic, next_body, own_predicate, performs, states_remit, strength,
                                       written_name)
from ingest.elided import carried_leads
from search_api.service.focus import SearchFocus
from search_api.service.jurisdictions import NATIONAL_PLAN_TIER, NATIONAL_STATUTE_TIER, PLACE_TIER
from search_api.service.matters import recognise_matters
from search_api.service.spans import longest_matches


@pytest.mark.parametrize("question, matters", [
    ("我们县里的燃气管道归哪个部门管？", ["城镇燃气"]),
    ("商场里的自动扶梯谁来监管？", ["消防", "特种设备"]),       # 商场: a crowded place of 消防 too
    ("工厂工人得了尘肺病归谁管", ["职业病"]),
    ("春节放鞭炮归哪个部门管", ["烟花爆竹"]),
    ("重庆发生洪涝、干旱，由谁统一指挥？", ["防汛抗旱", "气象灾害"]),     # 干旱 names both
    ("小区快递柜坏了找谁", []),
    ("想开一家危险品运输公司，道路运输许可找哪个部门办？", ["危险化学品", "道路交通"]),
    # a matter's word inside a longer everyday word: 行车 (a crane) in 自行车, 动车 in 机动车,
    # 病毒 in 电脑病毒 (ontology/matter_lookalikes.tsv; test_matter_words.py audits the lexicon)
    ("电动自行车充电安全归哪个部门管？", ["消防"]),
    ("小区里非机动车乱停放谁管", ["道路交通"]),
    ("机动车违停找谁", ["道路交通"]),
    ("单位的电脑病毒谁来查？", []),
    ("厂里的行车吊坏了谁负责", ["特种设备"]),
    ("家里自来水停水了找哪个部门？", ["城市供水"]),
    ("防空洞平时归谁管", ["人民防空"]),
    # everyday words for a river's sand, a city's drains and the pipes under its streets
    ("河里有人偷偷挖沙找谁", ["河道管理"]),
    ("马路上的下水道堵了归哪个部门管", ["城市排水"]),
    ("马路底下埋的各种管线归谁管", ["城市管线"]),
    ("路上新画的标线不清楚找谁", ["道路交通"]),
    # a warning is of any hazard: 预警 alone names no weather (its 暴雨预警, 预警信号 do)
    ("灾害监测、风险会商和灾害预警由谁来开展？", []),
    ("暴雨预警是谁发布的？", ["气象灾害"]),
])
def test_matters_are_found_by_statutory_terms_and_everyday_words(question, matters):
    assert [m.name for m in recognise_matters(question)] == matters


def test_longest_word_takes_the_text_first():
    assert longest_matches("山东省燃气管道", ["山东", "山东省", "燃气", "燃气管道"]) == [(0, "山东省"), (3, "燃气管道")]


@pytest.mark.parametrize("title, category, region, level, expect", [
    ("城镇燃气管理条例", "行政法规", None, None, (NATIONAL, None, None)),
    ("中华人民共和国消防法", "行政法", None, None, (NATIONAL, None, None)),
    ("青岛市燃气管理条例", "DLC/山东地方法规", None, None, (CITY, "青岛", "山东")),
    ("深圳经济特区安全生产监督管理条例", "DLC/广东地方法规", None, None, (CITY, "深圳", "广东")),
    ("浙江省消防条例", "DLC/浙江地方法规", None, None, (PROVINCE, "浙江", None)),
    ("重庆市消防条例", "DLC/重庆地方法规", None, None, (PROVINCE, "重庆", None)),
    ("苏州市吴江区“十四五”应急管理规划", None, "吴江区", "district", (COUNTY, "吴江", None)),
    ("国家气象灾害应急预案", None, "全国", "national", (NATIONAL, None, None)),
    # a place written with the one above it, in the metadata or at the title's head: the last is the place
    ("进一步明确我区安全生产监管职责分工", None, "六安市金安区", "county", (COUNTY, "金安", "六安")),
    ("某某规划", None, "山东省济南市", None, (CITY, "济南", "山东")),
    ("济南市历下区地震应急预案", None, None, None, (COUNTY, "历下", "济南")),
    ("青岛市市场监督管理条例", None, None, None, (CITY, "青岛", None)),      # 市场 is no district
    ("济南市县级应急预案", None, None, None, (CITY, "济南", None)),
    ("新乡市居民住宅区消防安全管理条例", "DLC/河南地方法规", None, None, (CITY, "新乡", "河南")),   # a city's statute
])
def test_every_document_knows_its_jurisdiction(title, category, region, level, expect):
    j = jurisdiction_of(DocumentMeta(id="x", title=title, category=category, region=region, level=level))
    assert (j.level, j.place, j.parent) == expect


@pytest.mark.parametrize("text, surface, role, expect", [
    ("县级以上地方人民政府燃气管理部门负责本行政区域内的燃气管理工作。", "燃气管理部门", "lead", ASSIGNING),
    ("市城市管理主管部门是本市燃气行政主管部门。", "市城市管理主管部门", "lead", ASSIGNING),
    ("县级人民政府对本行政区域内突发事件的应对工作负责；", "县级人民政府", "lead", ASSIGNING),
    ("跨区(市)的突发事件应对工作，由市人民政府负责。", "市人民政府", "lead", ASSIGNING),
    ("省人力资源社会保障厅: 负责协调、指导受灾地区做好受灾技校学生紧急转移安置工作；", "省人力资源社会保障厅", "lead", ASSIGNING),
    ("各级应急管理部门具体组织、协调和管理灾情报告工作", "各级应急管理部门", "lead", ASSIGNING),
    ("重大事故由国务院电力监管机构组织事故调查组进行调查。", "国务院电力监管机构", "lead", DIRECT),
    ("县级以上人民政府应当加强对燃气工作的领导，并将燃气工作纳入国民经济和社会发展规划。", "县级以上人民政府", "lead",
     GENERAL),
    ("应当立即向所在地人民政府、有关主管部门或者指定的专业机构报告。", "所在地人民政府", "lead", MENTION),
    ("应当服从履行统一领导职责或者组织处置突发事件的人民政府的指挥。", "人民政府", "lead", MENTION),
    ("市、区县（自治县）人民政府防汛抗旱指挥机构采取以上措施。", "市、区县（自治县）人民政府", "lead", MENTION),
    ("违反本条例规定的，由特种设备安全监督管理部门责令限期改正。", "特种设备安全监督管理部门", "lead", MENTION),
    ("在紧急防汛期，地方人民政府防汛指挥部必须由人民政府负责人主持工作。", "人民政府", "lead", DIRECT),
    # the act's object between the body and its verb
    ("消防救援机构应当对机关、团体、企业、事业等单位遵守消防法律、法规的情况依法进行监督检查。", "消防救援机构", "lead",
     DIRECT),
    ("受灾地区县级人民政府应急管理部门应当立即向本级人民政府和上一级人民政府应急管理部门报告。",
     "受灾地区县级人民政府应急管理部门", "lead", DIRECT),
    # … the ones reported to are its objects, also when listed after 和 or placed by where the matter is
    ("受灾地区县级人民政府应急管理部门应当立即向本级人民政府和上一级人民政府应急管理部门报告。",
     "上一级人民政府应急管理部门", "mentioned", MENTION),
    ("建设单位应当向场所所在地的县级以上地方人民政府消防救援机构申请消防安全检查。",
     "县级以上地方人民政府消防救援机构", "lead", MENTION),
    # a circumstance is no duty: 监督检查 inside 在…中, the report is another's
    ("消防救援机构在消防监督检查中发现重大火灾隐患的，应当由应急管理部门书面报告本级人民政府。", "消防救援机构",
     "mentioned", MENTION),
    # 依据各自职责， before the verb
    ("县级以上地方人民政府卫生行政部门、劳动保障行政部门依据各自职责，负责本行政区域内职业病防治的监督管理工作。",
     "县级以上地方人民政府卫生行政部门", "lead", ASSIGNING),
    ("县级以上人民政府根据实际需要设立的森林防灭火指挥机构，负责组织、协调和指导本行政区域内的森林防火工作。",
     "县级以上人民政府", "lead", GENERAL),
    # a power it may use is no assignment of the matter
    ("公安派出所可以负责日常消防监督检查、开展消防宣传教育。", "公安派出所", "lead", DIRECT),
    ("住房城乡建设主管部门依法履行建设工程消防设计审查、消防验收、备案和抽查职能。", "住房城乡建设主管部门", "lead",
     ASSIGNING),
    # the supervision of a part of the matter handed to a body
    ("房屋建筑工地用起重机械的安装、使用的监督管理，由建设行政主管部门依照有关法律、法规的规定执行。", "建设行政主管部门",
     "lead", ASSIGNING),
    # the bodies 会同 lists are its objects, the last one too
    ("会同省水利厅、省卫生健康委做好受灾地区饮用水水源地环境监测监督。", "省卫生健康委", "cooperate", MENTION),
    # a body the clause does not write (a duty-list item under its heading)
    ("（四）负责消防产品使用环节的监督检查；", "消防救援机构", "lead", ASSIGNING),
    # … or a working group's duty field, its lead named in the fields before it
    ("主要职责：负责现场治安警戒和交通管制。", "市公安局", "lead", ASSIGNING),
    ("（五）依法实施消防监督检查；", "公安机关消防机构", "lead", DIRECT),
    # an office housed in a department: the duty after it is the office's
    ("城市市区的防汛指挥机构办事机构设在水行政主管部门或者城市建设行政主管部门，负责管理所辖范围内的防汛日常工作。",
     "城市市区的防汛指挥机构办事机构", "lead", ASSIGNING),
    ("城市市区的防汛指挥机构办事机构设在水行政主管部门或者城市建设行政主管部门，负责管理所辖范围内的防汛日常工作。",
     "城市建设行政主管部门", "mentioned", MENTION),
    ("指挥部办公室设在市应急管理局，负责指挥部日常工作。", "市应急管理局", "mentioned", MENTION),
    # 统一管理 gives the whole matter; what a body must not do is none of its duties
    ("市人民防空主管部门统一管理全市人民防空工作。", "市人民防空主管部门", "lead", ASSIGNING),
    ("建设单位未取得审核通知书的，规划行政管理部门不得签发建设工程规划许可证。", "规划行政管理部门", "mentioned", MENTION),
    # a partner or a basis set off by commas before the duty: still the body's duty, not another body's
    ("市、县（市）文化和旅游主管部门应会同有关部门，根据城市总体规划和上级旅游业发展规划，编制本地区旅游业发展总体规划。",
     "市、县（市）文化和旅游主管部门", "lead", DIRECT),
    ("市应急管理局会同有关部门，市公安局负责现场警戒。", "市应急管理局", "lead", GENERAL),
    # a body set up for a purpose: the duty after the comma is its own (a remit verb there already was)
    ("设立太原市城镇燃气事故应急指挥部（以下简称市燃气应急指挥部），指挥协调全市燃气事故预防处置工作。",
     "太原市城镇燃气事故应急指挥部", "lead", DIRECT),
    ("国务院设立国家防汛抗旱总指挥部，负责领导、组织全国的防汛抗旱工作。", "国家防汛抗旱总指挥部", "lead", ASSIGNING),
    ("县级以上人民政府应当设立应急指挥机构，其他部门予以配合。", "应急指挥机构", "lead", GENERAL),
    # the issuer of a text the clause cites: a verb inside the title is none of its own
    ("第一条为加强对人工影响天气工作的管理，根据国务院《人工影响天气管理条例》，结合本省实际，制定本规定。", "国务院",
     "mentioned", MENTION),
])
def test_strength_reads_the_verb_after_the_body(text, surface, role, expect):
    assert strength(text, surface, role) == expect


def _own(text: str, body: str, others: tuple[str, ...]) -> str:
    at = text.find(body)
    return text[slice(*own_predicate(text, at, at + len(body), [(text.find(o), text.find(o) + len(o)) for o in others]))]


def test_a_sentence_that_gives_several_bodies_several_matters_parts_their_predicates():
    text = "规划部门负责制定避险避难场所和救灾疏散通道专项规划，城乡管委、园林、教育等部门负责实施并维护。"
    assert _own(text, "规划部门", ("城乡管委", "园林", "教育")) == "负责制定避险避难场所和救灾疏散通道专项规划，"
    # bodies listed together share what follows the last of them
    assert _own(text, "城乡管委", ("规划部门", "园林", "教育")) == "等部门负责实施并维护"
    # a body another sets to work does not take that one's predicates: the work is the first one's too
    text = "市卫生健康委员会组织医疗卫生部门做好因灾伤病人员救治、受灾人员心理抚慰等工作。"
    assert "心理抚慰" in _own(text, "市卫生健康委员会", ("医疗卫生部门",))
    # bodies listed before one predicate share it ("由A（以下简称…）及B，负责…"); the members of a group do not
    text = "由原平市大面积停电事件应急指挥部（以下简称市指挥部）及事发地乡（镇、街道）指挥机构，负责我市大面积停电事件应对工作。"
    first, second = "原平市大面积停电事件应急指挥部", "事发地乡（镇、街道）指挥机构"
    until = next_body(text, text.find(first) + len(first), [(text.find(second), text.find(second) + len(second))])
    assert until is None and strength(text, first, "lead", text.find(first), until=until) == ASSIGNING
    text = "救护和防疫组：由卫健部门牵头，由农业农村部门和红十字会组成，负责医疗救护和人畜共患疫情控制工作；"
    member = text.find("农业农村部门")
    assert strength(text, "农业农村部门", "lead", member, until=next_body(
        text, member + len("农业农村部门"), [(text.find("红十字会"), text.find("红十字会") + 4)])) == DIRECT
    # (负责制定 is a duty, 负责制 a responsibility system)
    assert strength("规划部门负责制定避险避难场所专项规划，城乡管委负责实施。", "规划部门", "lead", 0) == ASSIGNING


def test_of_one_sentences_bodies_the_one_whose_predicates_hold_the_question_leads():
    def pair(actor: str, strength_: int) -> Pair:
        return Pair("cl", "doc", actor, actor, strength_, 1.0, (0, 0), False, score=1.0)
    planner, keeper = pair("规划部门", ASSIGNING), pair("城乡管委", ASSIGNING)
    _weigh_own_predicates([planner, keeper], [0.8, 0.0])
    assert planner.score == 1.0 and keeper.score == pytest.approx(1.0 - OTHER_PREDICATE_PENALTY)
    # "A牵头，B配合，做好X": X follows B, but B only cooperates: A keeps its score
    lead, helper = pair("A", ASSIGNING), pair("B", GENERAL)
    _weigh_own_predicates([lead, helper], [0.0, 0.8])
    assert lead.score == 1.0 and helper.score == 1.0
    # no body's predicates hold the question's words: nothing to tell them apart
    a, b = pair("A", ASSIGNING), pair("B", ASSIGNING)
    _weigh_own_predicates([a, b], [0.0, 0.0])
    assert a.score == b.score == 1.0


def _performs(text: str, body: str, question: str, others: tuple[str, ...] = ()) -> bool:
    at = text.find(body)
    spans = [(text.find(o), text.find(o) + len(o)) for o in others]
    return performs(text, at, at + len(body), action_verbs(question), spans)


def test_the_body_that_performs_the_act_asked_about():
    assert action_verbs("暴雨预警是谁发布的？") == ["发布"]
    assert action_verbs("电网停电事故由谁组织调查？") == ["调查"]
    assert action_verbs("我们县里的燃气管道归哪个部门管？") == []
    assert action_verbs("衡阳洪水来了，群众转移由谁负责？") == ["转移"]       # asks who is in charge of it
    assert action_verbs("汛期抗洪抢险由谁统一指挥？") == []                 # 抢险 names the matter here
    assert action_verbs("县里发生自然灾害有人员伤亡，谁负责向上报告灾情？") == ["报告"]   # 向上报告 is no 上报
    # the topic's head is after its last 的: 抢险 qualifies the 现场 of what is asked about
    assert action_verbs("衡阳防汛抢险现场的医疗救护和防疫由哪个部门牵头？") == []
    assert action_verbs("衡阳防汛抢险现场的受灾群众转移由谁负责？") == ["转移"]
    # the act follows the body as its predicate …
    assert _performs("各级气象主管机构所属的气象台站应当按照职责向社会统一发布灾害性天气警报。", "气象台站", "谁发布")
    assert _performs("较大事故、一般事故由事故发生地电力监管机构组织事故调查组进行调查。", "电力监管机构", "由谁组织调查")
    assert _performs("电力监管机构、安全生产监督管理部门应当对整改情况进行调查。", "电力监管机构", "谁调查",
                     others=("安全生产监督管理部门",))           # listed with another body: still its own act
    # … not the head of a noun (发布系统, 调查组, 控制措施) …
    assert not _performs("县级以上地方人民政府应当建立和完善气象灾害预警信息发布系统，并保证设施的正常运转。",
                         "县级以上地方人民政府", "谁发布")
    assert not _performs("县级以上地方人民政府应当组建事故调查组。", "县级以上地方人民政府", "谁调查")
    # … nor another body's act after it, nor the act of one it only orders or is named by
    text = "市应急管理局及时下达生活类救灾物资动用指令，市粮食和物资储备局12小时内调运到位。"
    assert _performs(text, "市粮食和物资储备局", "由谁调运", others=("市应急管理局",))
    assert not _performs(text, "市应急管理局", "由谁调运", others=("市粮食和物资储备局",))
    assert not _performs("省粮食和储备局根据省应急厅的动用指令紧急调拨帐篷。", "省应急厅", "谁调拨",
                         others=("省粮食和储备局",))
    # a consent asked for is given by the body it is asked of ("须经X批准", "取得X同意")
    assert action_verbs("在青岛往河里新建一个排污口，得经哪个部门同意？") == ["同意"]
    assert _performs("设立交通检查站须经省人民政府批准，不得乱设卡。", "省人民政府", "要经谁批准")
    assert _performs("建设单位新建排污口应当取得生态环境主管部门同意。", "生态环境主管部门", "得经哪个部门同意",
                     others=("建设单位",))
    assert not _performs("建设单位新建排污口应当取得生态环境主管部门同意。", "生态环境主管部门", "由谁批准",
                         others=("建设单位",))
    assert not _performs("广播、电视等媒体应当向气象台站索取并及时发布预警信号。", "气象台站", "谁发布")
    # a permit is a noun (许可证), the permission an act (负责…的许可)
    assert not _performs("公安机关负责核发剧毒化学品购买许可证。", "公安机关", "许可找哪个部门办")
    assert _performs("交通运输主管部门负责危险化学品道路运输、水路运输的许可以及运输工具的安全管理。", "交通运输主管部门",
                     "许可找哪个部门办")
    # a duty list under its body's heading: the body is not written in the clause
    assert performs("管理分配中央下达和省级救灾款物并监督发放；", None, 0, ["发放"])


def test_sanctions_are_acts_a_question_asks_about():
    assert action_verbs("济南自来水公司擅自停水，由哪个部门来处罚？") == ["处罚"]
    assert action_verbs("平顶山河里有人偷偷挖沙，该找哪个部门查处？") == ["查处"]
    assert action_verbs("违规燃放由谁罚款") == ["罚款"] and "罚款" in SANCTIONS
    # a penalty article writes the sanction its own way: "责令改正，对单位处…罚款" is the 处罚 asked about
    fine = "违反本条例规定升放孔明灯的，由公安机关责令改正，对单位处一万元以上五万元以下罚款。"
    assert _performs(fine, "公安机关", "在铁路旁放孔明灯由哪个部门处罚？")
    assert not _performs(fine, "公安机关", "铁路旁放孔明灯由哪个部门管理？")
    assert not _performs("公安机关负责铁路沿线治安管理。", "公安机关", "在铁路旁放孔明灯由哪个部门处罚？")


def test_a_body_in_a_lead_field_of_a_tasks_note_has_the_task_as_its_duty():
    note = "大型群众性活动安全监管（牵头主责单位：市公安局，各相关单位配合）"
    assert strength(note, "市公安局", "lead", note.find("市公安局")) == DIRECT
    note = "（牵头单位：市应急局、市公安局；配合单位：市交通局）"
    assert strength(note, "市公安局", "lead", note.find("市公安局")) == DIRECT
    assert strength(note, "市交通局", "cooperate", note.find("市交通局")) == GENERAL


def test_the_department_a_copula_names_is_in_charge_and_its_complement_is_no_body():
    text = "市建设行政管理部门是本市建设工程质量和安全的综合监督管理部门，并负责相关专业建设工程的监督管理。"
    assert strength(text, "市建设行政管理部门", "lead", 0) == ASSIGNING
    assert strength(text, "安全的综合监督管理部门", "mentioned", text.find("安全的综合")) == MENTION


def test_penalties_closing_articles_and_remits():
    assert assigns_nothing("违反本条例第三十五条规定的，由公安机关责令改正")
    assert assigns_nothing("浙江省人民政府发布的《管理办法》同时废止。")
    assert states_remit("县级以上地方人民政府燃气管理部门负责本行政区域内的燃气管理工作。")
    assert not states_remit("燃气管理部门应当建立燃气安全监督管理制度。")
    assert states_remit("县级以上地方各级人民政府应急管理部门依照本法，对本行政区域内安全生产工作实施综合监督管理。")
    assert strength("县级以上地方各级人民政府应急管理部门依照本法，对本行政区域内安全生产工作实施综合监督管理。",
                    "县级以上地方各级人民政府应急管理部门", "lead") == ASSIGNING
    # a body whose name says 主管 is not given a remit by that alone
    assert not states_remit("县级以上地方人民政府建设行政主管部门应当根据本级人民政府的要求，制定本行政区域内应急救援预案。")
    # in a statute's general provisions, a sentence that opens with the body and gives it a field's
    # management is its remit, scope word or not; elsewhere, or as one duty among others, it is not
    general = "reg/chp_1/art_4/para_2/cl_1"
    assert states_remit("公安机关负责道路交通安全管理工作。", general)
    assert states_remit("市、县（区）公安部门负责烟花爆竹燃放的安全管理工作。", "reg/art_4/para_2/cl_1")
    assert states_remit("城乡建设主管部门是城市管线综合管理部门，负责建立城市管线综合管理协调机制。", general)
    assert not states_remit("公安机关负责道路交通安全管理工作。", "reg/chp_5/art_40/para_1/cl_1")
    assert not states_remit("市人民政府建立应急指挥机构，负责突发事件应对工作。", general)
    assert strength("城乡建设主管部门是城市管线综合管理部门，负责建立城市管线综合管理协调机制。",
                    "城乡建设主管部门", "lead") == ASSIGNING
    # the subject a plan makes answerable for the matter
    assert strength("各级政府是应对本行政区域发生一般、较大森林火灾先期处置的行政主体。", "各级政府", "lead", 0) == ASSIGNING
    # a body whose decisions the text follows ("按照X的部署") takes no act of the sentence
    text = "按照党中央、国务院和各级政府决策部署，坚持人民至上，依法有力有序有效处置森林火灾。"
    assert strength(text, "党中央", "mentioned", 2) == MENTION
    assert not _performs(text, "国务院", "由谁处置")


@pytest.mark.parametrize("name, generic", [
    ("有关部门", True), ("县级以上人民政府有关部门", True), ("负有安全生产监督管理职责的部门", True),
    ("主管部门", True), ("办事机构", True), ("县级以上地方各级人民政府", False), ("燃气管理部门", False),
    ("公安机关", False), ("负责特种设备安全监督管理的部门", False), ("国务院负责特种设备安全监督管理的部门", False),
    ("有关的部门", True), ("负责的部门", True), ("人民政府", True), ("有关人民政府", True), ("县级人民政府", False),
    ("市人民政府", False),
    # the short form of a level's government is as specific as its full name
    ("县政府", False), ("各级政府", False), ("政府", True),
])
def test_generic_bodies(name, generic):
    assert is_generic(name) == generic


def test_parties_are_no_authorities():
    assert not is_authority("特种设备使用单位", "organisation")
    assert not is_authority("村民委员会", "organisation")
    assert not is_authority("供电公司", "enterprise")
    # (a company a plan names as itself, 国网衡阳供电公司, answers for its duties: test_open_matters.py)
    assert is_authority("公安机关交通管理部门", "role")
    # a team a body sets up for the occasion answers no "which department" ("由X组织事故调查组")
    assert not is_authority("事故调查组", "organisation") and not is_authority("联合督导组", "organisation")
    # the organ of a party bound by the duty is no authority either
    assert not is_authority("生产经营单位的安全生产管理机构", "organisation")


def test_a_leader_in_charge_is_no_assignment():
    # 负责同志 / 负责人 name a person in charge; the body is not given the matter
    assert strength("由市政府主要负责同志担任安委会主任。", "市政府", "lead") < ASSIGNING


def test_incident_grades():
    # a question about a 重大 incident may be answered by the national body a clause gives 重大 ones
    assert _grades("电网发生重大停电事故，由谁组织调查？") == {"重大"}
    assert _grades("特别重大事故、重大事故由国务院电力监管机构组织事故调查组进行调查。") == {"特别重大", "重大"}
    assert _grades("较大事故、一般事故由事故发生地电力监管机构组织事故调查组进行调查。") == {"较大", "一般"}
    assert not _grades("重大危险源归谁管") and not _grades("一般来说，汛期由谁负责")


def test_a_title_names_a_matter_by_its_longest_word():
    [health] = [m for m in recognise_matters("突发传染病疫情谁负责调查") if m.name == "突发公共卫生事件"]
    assert _names("突发公共卫生事件应急条例", health)
    assert not _names("重大动物疫情应急条例", health)     # 疫情 of animals: another matter's word
    [fire] = recognise_matters("商场的消防安全检查归谁管")
    assert _names("中华人民共和国消防法", fire)
    # the matter's name inside a longer word of it (地质灾害应急), whatever word the question used (山体滑坡)
    [geo] = recognise_matters("山体滑坡有人遇难，遗体由哪个部门处置？")
    assert _names("天津市突发地质灾害应急预案", geo)
    # an emergency plan for one kind of event, named by any of the matter's statutory terms (交通事故 of 道路交通)
    [road] = recognise_matters("沈阳发生重大车祸，媒体报道和舆论引导由哪个部门协调？")
    assert _names("沈阳市重特大道路交通事故处置应急预案", road)
    [relief] = [m for m in recognise_matters("灾后救助归谁管") if m.name == "自然灾害救助"]
    assert not _names("汶川地震灾后恢复重建条例", relief)      # a statute on one part of it: its first terms only


def test_the_subject_a_clause_leaves_out_is_carried_over():
    def lead(clause_id: str, name: str) -> ActorMention:
        return ActorMention(name, clause_id, "lead", name)

    art8, art12 = "r/chp_2/art_8", "r/chp_2/art_12"
    clauses = [(f"{art8}/para_1/cl_1", "第八条 公安机关消防机构应当履行下列职责："),
               (f"{art8}/para_2/cl_1", "第八条 （一）依法实施消防监督检查；"),
               (f"{art8}/para_3/cl_1", "第八条 （二）指导公安派出所开展消防宣传；"),
               (f"{art12}/para_3/cl_1", "第十二条 住房城乡建设部门对物业服务企业履行消防安全责任情况进行监督管理；"),
               (f"{art12}/para_3/cl_2", "第十二条 负责居民住宅所用外墙保温材料的监督管理。"),
               (f"{art12}/para_4/cl_1", "第十二条 负责本条例的解释。")]
    mentions = {f"{art8}/para_1/cl_1": [lead(f"{art8}/para_1/cl_1", "公安机关消防机构")],
                f"{art8}/para_3/cl_1": [ActorMention("公安派出所", f"{art8}/para_3/cl_1", "mentioned", "公安派出所")],
                f"{art12}/para_3/cl_1": [lead(f"{art12}/para_3/cl_1", "住房城乡建设部门")]}
    carried = carried_leads(clauses, mentions)
    assert [m.actor_id for m in carried[f"{art8}/para_2/cl_1"]] == ["公安机关消防机构"]
    assert [m.actor_id for m in carried[f"{art8}/para_3/cl_1"]] == ["公安机关消防机构"]
    assert carried[f"{art12}/para_3/cl_2"][0].clause_id == f"{art12}/para_3/cl_2"
    assert [m.actor_id for m in carried[f"{art12}/para_3/cl_2"]] == ["住房城乡建设部门"]
    assert f"{art12}/para_4/cl_1" not in carried        # another paragraph: no subject to carry
    assert f"{art12}/para_3/cl_1" not in carried


def test_a_fragment_is_read_with_the_words_before_it():
    text = "县级以上地方人民政府建设行政主管部门对本行政区域内的建设工程安全生产实施监督管理。"
    assert written_name(text, 12, 18) == ("县级以上地方人民政府建设行政主管部门", 0)
    text = "市人民政府设立衡阳市防汛抗旱指挥部（以下简称市防指）"
    assert written_name(text, 7, 17) == ("衡阳市防汛抗旱指挥部", 7)
    text = "建立指挥决策系统平台，提高政府应急指挥能力。"          # a verb governing the body is no part of it
    assert written_name(text, 13, 15) == ("政府", 13)
    text = "督促地方人民政府落实防汛责任。"
    assert written_name(text, 4, 8) == ("地方人民政府", 2)


def _pair(tier: int, relevance: float, charter: bool = False) -> Pair:
    return Pair("cl", "doc", "a", "特种设备安全监督管理部门", ASSIGNING, relevance, (tier, 0), False, charter=charter)


def test_the_place_asked_about_answers_from_the_charter_of_its_own_text():
    # "山东的锅炉…": the national 监察条例 names 锅炉 (relevant); 山东省特种设备安全条例 第五条 gives the whole
    # matter (特种设备) in its area and shares no word with the question; the place's law still answers
    national = _pair(NATIONAL_STATUTE_TIER, 1.1)
    assert OwnerQuestions._lead_tier([national, _pair(PLACE_TIER, 0.3, charter=True)]) == PLACE_TIER
    # a place text whose clause is neither relevant nor a charter does not
    assert OwnerQuestions._lead_tier([national, _pair(PLACE_TIER, 0.3)]) == NATIONAL_STATUTE_TIER
    # national texts compete on relevance: a statute's charter of a wider matter does not displace a
    # national plan's specific duty (督促船舶回港避风 of the 气象灾害 plan, not 内河交通安全管理条例 第四条)
    plan = _pair(NATIONAL_PLAN_TIER, 1.5)
    assert OwnerQuestions._lead_tier([_pair(NATIONAL_STATUTE_TIER, 0.2, charter=True), plan]) == NATIONAL_PLAN_TIER


def _cell(text: str) -> Node:
    return Node(id=f"c{text}", kind="cell", text=text)


def test_table_rows_read_with_their_column_labels():
    rows = [["一级区", "二级区", "合计", "合计"], ["一级区", "二级区", "数量（座）", "总库容（万m³）"],
            ["东部季风区", "华中华东地区", "4428", "304863"]]
    table = Node(id="t", kind="table", children=[Node(id=f"r{i}", kind="row", children=[_cell(c) for c in r])
                                                 for i, r in enumerate(rows)])
    assert row_text(table.children[2], table) == "东部季风区 华中华东地区 合计数量（座） 4428 合计总库容（万m³） 304863"
    assert row_text(table.children[0], table) == "一级区 二级区 合计 合计"


def test_a_row_whose_header_ingest_split_off_keeps_its_text_and_is_searchable_by_its_column_labels():
    # ingest split the header row off: each cell carries its column's name, the row only its cells
    heads = ["河流名称", "站名", "警戒水位", "保证水位"]
    row = Node(id="d/t/row_1", kind="row", children=[Node(id=f"d/t/row_1/cell_{j}", kind="cell", heading=h, text=c)
                                                     for j, (h, c) in enumerate(zip(heads, ["未水", "耒阳", "77.50", "80.00"]))])
    table = Node(id="d/t", kind="table", heading="衡阳市主要河流特征水位统计表", children=[row])
    record = DocumentRecord(meta=DocumentMeta(id="d", title="防汛抗旱应急预案"),
                            root=Node(id="d", kind="document", children=[table]))
    unit = next(u for u in units_of(record) if u.unit_kind == "row")
    assert unit.text == "未水 耒阳 77.50 80.00"              # what coverage, display and the goldens see
    assert keyword_text(unit) == "未水 耒阳 警戒水位 77.50 保证水位 80.00 衡阳市主要河流特征水位统计表"
    assert "keywords" not in unit.to_dict()


def test_everyday_query_words_join_the_keyword_side():
    assert SearchFocus.keyword_query("规划近期打算投多少钱？").split()[1:] == ["投资", "投资", "资金", "经费"]
    assert SearchFocus.keyword_query("衡阳站的警戒水位") == "衡阳站的警戒水位"


@pytest.mark.parametrize("name, surface, shown", [
    ("县级以上地方人民政府燃气管理部门", "燃气管理部门", "县级以上地方人民政府燃气管理部门"),   # the name holds it
    ("消防救援队伍", "消防救援机构", "消防救援机构"),        # written otherwise, and a body itself
    ("专职消防队伍", "基层专职", "专职消防队伍"),            # "基层专职|和兼职消防队伍": the head is shared
    ("盘龙区人民政府", "盘龙区政府", "盘龙区人民政府"),        # the short form of a government: its full name
    ("巫山县人民政府", "县政府", "巫山县人民政府"),            # a county plan's own 县政府: its full name
    # one level's body of a list of levels: by its own name
    ("郴州市人民政府安全生产监督管理部门", "市、县（市、区）人民政府安全生产监督管理部门", "郴州市人民政府安全生产监督管理部门"),
])
def test_a_body_is_shown_as_written_when_the_writing_names_a_body(name, surface, shown):
    from search_api.service.ask import _as_written

    assert _as_written(name, surface) == shown


def test_a_body_a_county_or_district_sets_up_is_that_levels():
    from search_api.service.ask import _SET_UP_BELOW
    assert _SET_UP_BELOW.search("蓟州区人民政府设立")
    assert _SET_UP_BELOW.search("各县（市、区）、乡（镇）人民政府应当设立")
    assert not _SET_UP_BELOW.search("市人民政府设立")
    assert not _SET_UP_BELOW.search("自治区人民政府设立")      # a province


def test_the_place_a_question_names_is_left_out_of_its_scoring():
    """The place chose the texts; a clause naming "平顶山…管委会" is no more about 平顶山's rivers than
    "市水行政主管部门…负责" is."""
    from search_api.service.jurisdictions import Jurisdictions
    places = Jurisdictions()
    places.__dict__["_place_names"] = {"平顶山": "平顶山", "平顶山市": "平顶山"}     # (as a loaded text gives them)
    assert places.without_places("平顶山的河道归哪个部门管？").strip() == "的河道归哪个部门管？"
    assert places.without_places("平顶山市的河道归谁管").strip() == "的河道归谁管"
    assert places.without_places("河道归谁管").strip() == "河道归谁管"


def test_the_asking_wording_and_spoken_padding_name_no_matter():
    from search_api.service.matters import open_matter, topic_text
    assert "机构" not in topic_text("派现场工作组下去的是哪个机构？")
    matter = open_matter(["派", "现场工作组", "下去"], lambda ws: [1.0] * len(ws), lambda w: [])
    assert matter.found == ("现场工作组",)


def test_a_body_or_its_office_acting_after_an_event_is_assigned():
    """"X领导小组或其办公室应在特大沙尘暴灾害发生后派出赴现场工作组": X (or its office) is to dispatch it."""
    text = "黄南州重大沙尘暴应急领导小组或其办公室应在特大沙尘暴灾害发生后派出赴现场工作组。"
    assert strength(text, "黄南州重大沙尘暴应急领导小组", "lead", 0) >= DIRECT


def test_a_body_sanctioned_or_named_after_a_verb_is_not_the_actor():
    """"对…未能及时整改的区镇（街道）实施约谈": the townships are interviewed, not interviewing ("由X约谈…": X acts);
    "…业务建立健全政府与社会力量沟通协调机制": the government's name does not reach back over 建立健全."""
    from search_api.service.duties import written_name
    text = "实施安全生产巡查制度，对安全生产阶段性工作不力，未能及时整改的区镇（街道）实施约谈。"
    assert strength(text, "区镇（街道）", "lead") == MENTION
    assert strength("对超标的，由市环境保护主管部门约谈该县人民政府。", "市环境保护主管部门", "lead") >= DIRECT
    line = "各项应急管理工作业务建立健全政府与社会力量沟通协调机制。"
    assert written_name(line, line.index("政府"), line.index("政府") + 2)[0] == "政府"


def test_a_statutes_remit_written_with_guanli_assigns_the_matter():
    # "X管理本市的Y工作" is the competent authority's remit, as "X负责本行政区域内的Y工作" is
    assert strength("市人民防空主管部门管理本市的人民防空工作。", "市人民防空主管部门", "lead") == ASSIGNING
    assert strength("区、县人民防空主管部门管理本区、县的人民防空工作。", "区、县人民防空主管部门", "lead") == ASSIGNING


@pytest.mark.parametrize("text, surface", [
    ("发展计划、规划、建设、公安等部门按照各自的职责依法做好人民防空工作。", "规划"),
    ("有关部门在各自职责范围内负责有关的燃气管理工作。", "有关部门"),
])
def test_bodies_acting_each_within_its_own_remit_frame_the_matter(text, surface):
    assert strength(text, surface, "lead") == GENERAL


def test_a_division_made_within_each_remit_gives_each_its_part():
    # "按照各自职责，分别负责A和B": a division of the matter, not a frame around it
    text = "上海海事局、市交通行政管理部门按照各自职责，分别负责海上搜寻救助责任区域和内河通航水域的水上搜救相关工作。"
    assert strength(text, "市交通行政管理部门", "lead") == ASSIGNING


def test_the_body_named_before_the_others_within_their_remits_keeps_its_duty():
    text = "县级以上地方人民政府市场监督管理部门和有关部门应当按照各自职责，加强对过度包装的监督管理。"
    assert strength(text, "县级以上地方人民政府市场监督管理部门", "lead") == DIRECT


def test_a_lower_levels_body_is_told_by_its_level_even_where_the_event_is():
    from search_api.service.ask import _LOWER_LEVEL

    assert _LOWER_LEVEL.match("县（市）人民政府确定的管理部门")
    assert _LOWER_LEVEL.match("事发地乡（镇、街道）大面积停电事件指挥机构")      # where the event is: still the town's
    assert not _LOWER_LEVEL.match("事发地区人民政府")                             # 事发地区: the region, no level
    assert not _LOWER_LEVEL.match("县级以上地方人民政府")
