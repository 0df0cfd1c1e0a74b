"""SHACL: the sample graph conforms; broken facts fail the build with a readable report."""

from __future__ import annotations

import pytest

from ingest.records import Deadline, Indicator, Provenance, SectionSense, Task
from kg.build import build_graph
from kg.errors import ValidationError
from kg.ontology import SectorIndex, vocabulary_graph
from kg.rdf import record_graph
from kg.validate import validate_graph
from sample_records import kunshan, sample_records


def test_sample_records_conform():
    sectors = SectorIndex(vocabulary_graph())
    for record in sample_records():
        outcome = validate_graph(record_graph(record, sectors))
        assert outcome.conforms, outcome.report


def test_range_and_approximate_targets_conform():
    record = kunshan()
    row = record.facts.indicators[0].clause_id
    record.facts.indicators += [
        Indicator(id=f"{row}/ind_10", name="增长", comparator="range", value=5.0, upper=5.5, unit="%", clause_id=row),
        Indicator(id=f"{row}/ind_11", name="涨幅", comparator="~", value=3.0, unit="%", clause_id=row)]
    record.meta.date = "2025-03-05"
    outcome = validate_graph(record_graph(record, SectorIndex(vocabulary_graph())))
    assert outcome.conforms, outcome.report


def _broken(mutate):
    record = kunshan()
    mutate(record)
    return record


CASES = {
    "attribute not 约束性/预期性": lambda r: setattr(r.facts.indicators[0], "attribute", "约束"),
    "numeric comparator without a value": lambda r: r.facts.indicators.append(
        Indicator(id="kunshan-14fyp-safety/ind_99", name="某指标", comparator=">", clause_id=r.facts.indicators[0].clause_id)),
    "range without its upper bound": lambda r: r.facts.indicators.append(
        Indicator(id="kunshan-14fyp-safety/ind_98", name="增长", comparator="range", value=5.0,
                  clause_id=r.facts.indicators[0].clause_id)),
    "upper bound on a target that is no range": lambda r: setattr(r.facts.indicators[0], "upper", 0.5),
    "comparator not in the vocabulary": lambda r: setattr(r.facts.indicators[0], "comparator", "≈"),
    "section sense not in the vocabulary": lambda r: r.facts.sections.append(
        SectionSense("kunshan-14fyp-safety/chp_3", "musings")),
    "task without a source clause": lambda r: r.facts.tasks.append(Task(id="x/task", clause_ids=[], text="无来源的任务")),
    "deadline without a date that is not recurring": lambda r: r.facts.deadlines.append(
        Deadline(r.facts.deadlines[0].clause_id, "t", "尽快", provenance=Provenance(r.facts.deadlines[0].clause_id))),
    "sector not in sectors.ttl": lambda r: setattr(r.facts.sectors[0], "sector", "不存在的领域"),
    "fact citing a clause that does not exist": lambda r: setattr(
        r.facts.indicators[0], "provenance", Provenance("kunshan-14fyp-safety/nowhere/cl_1", None, "table:v1")),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_violations_are_reported(case):
    record = _broken(CASES[case])
    outcome = validate_graph(record_graph(record, SectorIndex(vocabulary_graph())))
    print(f"\n{case}: conforms={outcome.conforms}")
    assert not outcome.conforms
    assert "Constraint Violation" in outcome.report


def test_violation_fails_the_build_with_readable_report(tmp_path):
    records = sample_records()
    records[0].facts.indicators[0].attribute = "约束"
    with pytest.raises(ValidationError) as err:
        build_graph(records, tmp_path / "graph")
    message = str(err.value)
    assert message.startswith("the graph does not conform to ontology/shapes.ttl")
    assert "document kunshan-14fyp-safety" in message
    assert "indicatorAttribute" in message and "约束" in message
