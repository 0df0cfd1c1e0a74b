"""Small hand-built records shaped like the two seed plans (no ingest needed)."""

from __future__ import annotations

from pathlib import Path

from ingest.records import (
    Actor, ActorMention, Citation, Deadline, DocumentMeta, DocumentRecord, Facts, Indicator, Node,
    Provenance, SectorTag, Task,
)
from kg.build import build_graph
from search_api.datadir.generations import DataDir, write_json_atomic
from search_api.datadir.manifest import document_summary
from search_api.datadir.records import write_record


def _clause(doc: str, path: str, text: str) -> Node:
    return Node(id=f"{doc}/{path}", kind="clause", text=text)


def kunshan() -> DocumentRecord:
    d = "kunshan-14fyp-safety"
    table = Node(id=f"{d}/chp_2/table_1", kind="table", heading="昆山市“十四五”期间安全生产类主要指标", children=[
        Node(id=f"{d}/chp_2/table_1/row_3", kind="row", children=[
            Node(id=f"{d}/chp_2/table_1/row_3/cell_1", kind="cell", text="3"),
            Node(id=f"{d}/chp_2/table_1/row_3/cell_2", kind="cell", text="亿元地区生产总值生产安全事故死亡率降至"),
            Node(id=f"{d}/chp_2/table_1/row_3/cell_3", kind="cell", text="0.0112"),
            Node(id=f"{d}/chp_2/table_1/row_3/cell_4", kind="cell", text="约束性"),
        ]),
        Node(id=f"{d}/chp_2/table_1/row_9", kind="row", children=[
            Node(id=f"{d}/chp_2/table_1/row_9/cell_2", kind="cell", text="年均十万人口火灾死亡率"),
            Node(id=f"{d}/chp_2/table_1/row_9/cell_3", kind="cell", text="＜0.15%"),
        ]),
    ])
    gas = _clause(d, "chp_3/sec_3/item_2/para_1/cl_1",
                  "严格落实《城镇燃气管理条例》，由市住建局牵头、市应急管理局配合，到2022年底完成瓶装液化气用户“瓶改管”。")
    project = _clause(d, "chp_4/sec_1/item_1/para_1/cl_1",
                      "依据《中华人民共和国安全生产法》实施城市生命线安全工程，2023年底前建成燃气管网监测系统。")
    root = Node(id=d, kind="document", children=[
        Node(id=f"{d}/chp_2", kind="part", number="二", heading="发展目标", children=[table]),
        Node(id=f"{d}/chp_3", kind="part", number="三", heading="主要任务", children=[
            Node(id=f"{d}/chp_3/sec_3", kind="section", number="（三）", heading="专项整治", children=[
                Node(id=f"{d}/chp_3/sec_3/item_2", kind="item", number="2.", heading="城镇燃气", children=[
                    Node(id=f"{d}/chp_3/sec_3/item_2/para_1", kind="paragraph", text=gas.text, children=[gas])])])]),
        Node(id=f"{d}/chp_4", kind="part", number="四", heading="重点工程", children=[
            Node(id=f"{d}/chp_4/sec_1", kind="section", number="（一）", heading="安全工程", children=[
                Node(id=f"{d}/chp_4/sec_1/item_1", kind="item", number="1.", children=[
                    Node(id=f"{d}/chp_4/sec_1/item_1/para_1", kind="paragraph", text=project.text,
                         children=[project])])])]),
    ])
    lead = ActorMention("昆山市住房和城乡建设局", gas.id, "lead", "市住建局", Provenance(gas.id, (20, 24), "spacy-ruler:v1"))
    coop = ActorMention("昆山市应急管理局", gas.id, "cooperate", "市应急管理局", Provenance(gas.id, (27, 33), "spacy-ruler:v1"))
    facts = Facts(
        indicators=[
            Indicator(id=f"{d}/ind_3", name="亿元地区生产总值生产安全事故死亡率", comparator="<=", value=0.0112,
                      attribute="约束性", table="安全生产类", text="0.0112", clause_id=f"{d}/chp_2/table_1/row_3",
                      provenance=Provenance(f"{d}/chp_2/table_1/row_3", None, "table:v1")),
            Indicator(id=f"{d}/ind_9", name="年均十万人口火灾死亡率", comparator="<", value=0.15, unit="%",
                      attribute="约束性", table="安全生产类", text="＜0.15%", clause_id=f"{d}/chp_2/table_1/row_9",
                      provenance=Provenance(f"{d}/chp_2/table_1/row_9", None, "table:v1")),
        ],
        deadlines=[Deadline(gas.id, gas.text, "到2022年底", date="2022-12-31",
                            provenance=Provenance(gas.id, (30, 36), "regex:deadline:v1")),
                   Deadline(project.id, project.text, "2023年底前", date="2023-12-31",
                            provenance=Provenance(project.id, (12, 19), "regex:deadline:v1"))],
        actors=[Actor("昆山市住房和城乡建设局", "昆山市住房和城乡建设局", ["市住建局"], region="昆山市", level="city"),
                Actor("昆山市应急管理局", "昆山市应急管理局", ["市应急管理局", "市应急局"], region="昆山市", level="city")],
        mentions=[lead, coop],
        tasks=[Task(id=f"{gas.id}/task", clause_ids=[gas.id], text=gas.text, verb="完成", sectors=["城镇燃气"],
                    actors=[lead, coop], deadline="2022-12-31", provenance=Provenance(gas.id, None, "task-rules:v1")),
               Task(id=f"{project.id}/task", clause_ids=[project.id], text=project.text, verb="实施",
                    sectors=["城镇燃气"], deadline="2023-12-31", key_project=True,
                    provenance=Provenance(project.id, None, "task-rules:v1"))],
        sectors=[SectorTag(gas.id, "城镇燃气", "cue:v1"), SectorTag(project.id, "城镇燃气", "cue:v1")],
        citations=[Citation(gas.id, "城镇燃气管理条例", "《城镇燃气管理条例》", target_doc="城镇燃气管理条例",
                            provenance=Provenance(gas.id, (4, 14), "citation:v1")),
                   Citation(project.id, "中华人民共和国安全生产法", "《中华人民共和国安全生产法》",
                            provenance=Provenance(project.id, (2, 17), "citation:v1"))],
    )
    meta = DocumentMeta(id=d, title="昆山市安全发展和应急管理“十四五”规划暨安全发展城市建设规划", region="昆山市",
                        level="county-level city", issuer="昆山市人民政府", period_start=2021, period_end=2025,
                        vision_year=2035, source_format="docx-text")
    return DocumentRecord(meta=meta, root=root, facts=facts)


def wujiang() -> DocumentRecord:
    d = "wujiang-14fyp-emergency"
    fire = Node(id=f"{d}/chp_2/table_1/row_11", kind="row", children=[
        Node(id=f"{d}/chp_2/table_1/row_11/cell_2", kind="cell", text="年均十万人火灾死亡率"),
        Node(id=f"{d}/chp_2/table_1/row_11/cell_3", kind="cell", text="＜0.2")])
    gas = _clause(d, "chp_3/sec_2/item_3/topic_1/para_1/cl_2",
                  "区应急管理局牵头推进餐饮场所瓶装液化石油气“瓶改管”，每年开展燃气安全专项检查。")
    root = Node(id=d, kind="document", children=[
        Node(id=f"{d}/chp_2", kind="part", number="二", heading="发展目标", children=[
            Node(id=f"{d}/chp_2/table_1", kind="table", children=[fire])]),
        Node(id=f"{d}/chp_3", kind="part", number="三", heading="主要任务", children=[
            Node(id=f"{d}/chp_3/sec_2", kind="section", number="（二）", children=[
                Node(id=f"{d}/chp_3/sec_2/item_3", kind="item", number="3.", children=[
                    Node(id=f"{d}/chp_3/sec_2/item_3/topic_1", kind="topic", heading="城镇燃气安全", children=[
                        Node(id=f"{d}/chp_3/sec_2/item_3/topic_1/para_1", kind="paragraph", text=gas.text,
                             children=[gas])])])])]),
    ])
    lead = ActorMention("吴江区应急管理局", gas.id, "lead", "区应急管理局", Provenance(gas.id, (0, 6), "spacy-ruler:v1"))
    facts = Facts(
        indicators=[Indicator(id=f"{d}/ind_11", name="年均十万人火灾死亡率", comparator="<", value=0.2,
                              attribute="约束性", text="＜0.2", clause_id=fire.id,
                              provenance=Provenance(fire.id, None, "table:v1"))],
        deadlines=[Deadline(gas.id, gas.text, "每年", recurrence="每年",
                            provenance=Provenance(gas.id, (25, 27), "regex:deadline:v1"))],
        actors=[Actor("吴江区应急管理局", "吴江区应急管理局", ["区应急管理局", "区应急局"], region="吴江区", level="district")],
        mentions=[lead],
        tasks=[Task(id=f"{gas.id}/task", clause_ids=[gas.id], text=gas.text, verb="推进", sectors=["城镇燃气"],
                    actors=[lead], provenance=Provenance(gas.id, None, "task-rules:v1"))],
        sectors=[SectorTag(gas.id, "城镇燃气", "topic:v1")],
    )
    meta = DocumentMeta(id=d, title="苏州市吴江区“十四五”应急管理规划", region="吴江区", level="district",
                        issuer="苏州市吴江区人民政府", period_start=2021, period_end=2025, vision_year=2035,
                        source_format="pdf-text")
    return DocumentRecord(meta=meta, root=root, facts=facts)


def gas_law() -> DocumentRecord:
    d = "城镇燃气管理条例"
    art = _clause(d, "chp_1/art_5/para_1/cl_1", "县级以上地方人民政府燃气管理部门负责本行政区域内的燃气管理工作。")
    root = Node(id=d, kind="document", children=[
        Node(id=f"{d}/chp_1", kind="chapter", number="第一章", heading="总则", children=[
            Node(id=f"{d}/chp_1/art_5", kind="article", number="第五条", children=[
                Node(id=f"{d}/chp_1/art_5/para_1", kind="paragraph", text=art.text, children=[art])])])])
    m = ActorMention("燃气管理部门", art.id, "lead", "县级以上地方人民政府燃气管理部门",
                     Provenance(art.id, (0, 16), "law-duty:v1"))
    facts = Facts(actors=[Actor("燃气管理部门", "燃气管理部门", kind="role", level="any")], mentions=[m],
                  sectors=[SectorTag(art.id, "城镇燃气", "cue:v1")])
    meta = DocumentMeta(id=d, title="城镇燃气管理条例", kind="regulation", level="national", category="燃气")
    return DocumentRecord(meta=meta, root=root, facts=facts)


def sample_records() -> list[DocumentRecord]:
    return [kunshan(), wujiang(), gas_law()]


REPO = Path(__file__).resolve().parents[2]


def make_generation(data: DataDir, records, progress=None) -> dict:
    """Write records + graph + manifest as one generation, the way the build pipeline does."""
    with data.lock(wait=True):
        with data.new_generation() as gen:
            for record in records:
                write_record(gen, record)
            stats = build_graph(records, gen / "graph", progress=progress)
            write_json_atomic(gen / "manifest.json", {
                "documents": [document_summary(r) for r in records], "graph": stats, "index": {}})
    return stats
