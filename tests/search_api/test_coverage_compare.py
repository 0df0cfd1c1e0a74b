"""Which way a draft's target or deadline differs from the reference's."""

import pytest

from ingest.records import Deadline, Indicator
from search_api.coverage.compare import compare_deadlines, compare_indicators, counterpart, name_likeness
from search_api.coverage.matching import neutral, place_words
from search_api.coverage.report import verdict_of


def ind(name, comparator, value, unit="%"):
    return Indicator(id=name, name=name, comparator=comparator, value=value, unit=unit)


@pytest.mark.parametrize("ref,draft,expected", [
    (ind("事故起数下降", ">", 20), ind("事故起数下降", ">", 25), "stricter"),
    (ind("事故起数下降", ">", 20), ind("事故起数下降", ">=", 15), "looser"),
    (ind("火灾死亡率", "<", 0.2), ind("火灾死亡率", "<", 0.15), "stricter"),    # lower is stricter for a ceiling
    (ind("响应时间", "<=", 12, "小时"), ind("响应时间", "<=", 24, "小时"), "looser"),
    (ind("覆盖率", "=", 100), ind("覆盖率", "=", 100), "same"),
    (ind("事故起数下降", ">=", 20), ind("事故起数下降", ">", 20), "stricter"),   # the bound itself excluded
    (ind("储备库", ">=", 1, "个"), ind("储备库", ">=", 1, "座"), "different"),
    (ind("覆盖率", ">=", 90), None, "absent"),
])
def test_indicator_comparison(ref, draft, expected):
    assert compare_indicators(ref, draft) == expected


def test_counterpart_by_name_and_unit():
    ref = ind("生产安全事故死亡人数下降（%）", ">", 20)
    others = [ind("生产安全事故起数下降", ">", 25), ind("生产安全事故死亡人数下降", ">", 10),
              ind("生产安全事故死亡人数下降", ">", 10, "人")]
    assert counterpart(ref, others) is others[1]
    assert counterpart(ref, [ind("森林覆盖率", ">=", 40)]) is None
    assert name_likeness("年均十万人口火灾死亡率", "十万人口火灾死亡率") > 0.8


def test_deadline_comparison():
    ref = Deadline(clause_id="a", text="", expression="到2025年", date="2025-12-31")
    assert compare_deadlines(ref, Deadline(clause_id="b", text="", expression="2024年底前", date="2024-12-31")) == "earlier"
    assert compare_deadlines(ref, Deadline(clause_id="b", text="", expression="2027年", date="2027-12-31")) == "later"
    every = Deadline(clause_id="a", text="", expression="每10日", recurrence="每10日")
    assert compare_deadlines(every, Deadline(clause_id="b", text="", expression="每 10日", recurrence="每 10日")) == "same"
    assert compare_deadlines(ref, None) == "absent"


def test_place_and_level_words_do_not_count():
    places = place_words(["吉林省自然灾害救助应急预案", "苏州市"])
    assert {"吉林", "苏州"} <= places
    assert neutral(["省", "市级", "省政府", "应急", "吉林", "救助"], places) == {"应急", "救助"}


def test_verdict_thresholds():
    assert [verdict_of(s, 0.8, 0.7) for s in (0.85, 0.8, 0.75, 0.69)] == ["covered", "covered", "partly", "missing"]


def test_a_provisions_own_words_score_as_its_text_does():
    """report.coverage hands Side.best the provision's words from its own side (tokens_of) instead
    of segmenting its text again: the same matches and scores, to the last bit."""
    import numpy as np

    from search_api.coverage.matching import Side
    from search_api.index.units import Unit

    places = frozenset(place_words(["吉林省救灾预案", "苏州市"]))
    texts = ["吉林省应急管理厅负责救灾物资储备。", "苏州市建立救灾物资储备库，完善调运机制。",
             "加强森林防火巡查。", "市级财政安排救灾资金。", "完善应急物资保障体系，提升物资调运能力。"]
    units = [Unit(id=f"d/{i}", plan_id="d", plan_title="", doc_kind="plan", unit_kind="clause", text=t)
             for i, t in enumerate(texts)]
    rng = np.random.default_rng(1)

    def embed(batch):
        v = rng.normal(size=(len(batch), 8)).astype(np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    ref = Side.of(units[:2], embed, places)
    draft = Side.of(units[2:], embed, places)
    for unit in ref.units:
        vector = ref.vector_of(unit.id)
        assert draft.best(unit.text, vector) == draft.best(unit.text, vector, tokens=ref.tokens_of(unit.id))
