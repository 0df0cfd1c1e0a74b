"""The read-model's lookup tables (search_api.datadir.lookups, search_api.service.tables) give
what tables built in memory from every record gave (the Service before it read on demand):
the same documents, facts, units, mentions, sectors and bodies, in the same order, and what
the Service gathered from every document's facts after start-up (indicators, tasks led, section
senses, duty clauses); on a generation built without the file, or with an older format of it,
too; and a clear error when a record or the file is bad."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow   # builds the corpus (and, for built_data, the reference laws)

from search_api.datadir import records as stored
from search_api.datadir.generations import DataDirError
from search_api.datadir.lookups import FILE
from search_api.index.units import units_of
from ingest.elided import duty_clauses
from search_api.service.tables import LookupTables


def eager_tables(gen: Path) -> dict:
    """What Service loaded at start before the lookup tables (the reference)."""
    t = {"metas": {}, "facts": {}, "units": {}, "clause_ids": defaultdict(list), "actors": {},
         "by_clause": defaultdict(list), "by_actor": defaultdict(list), "sectors": defaultdict(list),
         "indicators": [], "tasks_led": defaultdict(list), "duties": {}}
    for record in stored.iter_records(gen):
        doc = record.meta.id
        t["metas"][doc] = record.meta
        t["facts"][doc] = record.facts
        for unit in units_of(record):
            t["units"][unit.id] = unit
            if unit.unit_kind == "clause":
                t["clause_ids"][doc].append(unit.id)
        for actor in record.facts.actors:
            t["actors"].setdefault(actor.id, actor)
        for m in record.facts.mentions:
            t["by_clause"][m.clause_id].append(m)
            t["by_actor"][m.actor_id].append(m)
        for tag in record.facts.sectors:
            if tag.sector not in t["sectors"][tag.clause_id]:
                t["sectors"][tag.clause_id].append(tag.sector)
        # what Service.gathered() and Service._duty_clauses made from the facts after start-up
        t["indicators"] += [(doc, ind) for ind in record.facts.indicators]
        for task in record.facts.tasks:
            for actor_id in dict.fromkeys(m.actor_id for m in task.actors if m.role == "lead"):
                t["tasks_led"][actor_id].append((doc, task))
        clauses = [(c, t["units"][c].text) for c in t["clause_ids"][doc]]
        t["duties"][doc] = duty_clauses(record.facts, clauses,
                                        lambda c: t["units"][c].text if c in t["units"] else None)
    return t


def assert_same(tables: LookupTables, eager: dict) -> None:
    assert list(tables.metas) == list(eager["metas"])
    assert tables.metas == eager["metas"]
    for doc, facts in eager["facts"].items():
        assert tables.facts(doc) == facts
        assert tables.sections(doc) == facts.sections
        duties = eager["duties"][doc]
        assert tables.duty_texts(doc) == [(c, text) for c, (_, text) in duties.items()]
        assert tables.duty_mentions(list(duties)) == {c: mentions for c, (mentions, _) in duties.items()}
        assert tables.clauses_of(doc) == [eager["units"][c] for c in eager["clause_ids"][doc]]
    assert tables.unit_count == len(eager["units"])
    for unit_id, unit in eager["units"].items():
        assert tables.unit(unit_id) == unit
        assert tables.mentions_in(unit_id) == eager["by_clause"].get(unit_id, [])
        assert tables.sectors_of(unit_id) == eager["sectors"].get(unit_id, [])
    assert list(tables.actors()) == list(eager["actors"].values())
    for actor_id, actor in eager["actors"].items():
        assert tables.actor(actor_id) == actor
        assert tables.mentions_of(actor_id) == eager["by_actor"].get(actor_id, [])
    assert tables.mention_counts() == {a: len(ms) for a, ms in eager["by_actor"].items()}
    assert tables.indicators == eager["indicators"]
    for actor_id in {*eager["tasks_led"], *eager["actors"]}:
        assert tables.tasks_led(actor_id) == eager["tasks_led"].get(actor_id, [])
    assert sum(map(len, eager["duties"].values())) > 0 and any(eager["tasks_led"].values())
    assert tables.unit("no-such/clause") is None and tables.actor("no such body") is None
    with pytest.raises(KeyError):
        tables.facts("no-such-document")


def _gen(data: Path) -> Path:
    return (data / "current").resolve()


@pytest.mark.parametrize("build", ["built_corpus", "built_data"])
def test_tables_give_what_eager_tables_gave(build, request):
    """A full build (built_corpus) and an incremental one (built_data: the laws ingested after)."""
    gen = _gen(request.getfixturevalue(build))
    assert (gen / FILE).exists()
    tables = LookupTables(gen)
    try:
        assert_same(tables, eager_tables(gen))
    finally:
        tables.close()


def test_generation_without_the_file_is_read_from_its_records(data_copy):
    gen = _gen(data_copy)
    (gen / FILE).unlink()
    tables = LookupTables(gen)
    try:
        assert_same(tables, eager_tables(gen))
    finally:
        tables.close()
    assert not (gen / FILE).exists()     # serving never writes to a generation


def _make_older_format(gen: Path) -> None:
    """The file as a build before this format wrote it: format 1, without the later tables."""
    import sqlite3
    db = sqlite3.connect(gen / FILE)
    db.execute("UPDATE info SET format = 1")
    for table in ("indicators", "tasks_led", "duties"):
        db.execute(f"DROP TABLE {table}")
    db.commit()
    db.close()


def test_generation_with_an_older_format_is_read_from_its_records(data_copy, caplog):
    gen = _gen(data_copy)
    _make_older_format(gen)
    with caplog.at_level("WARNING", logger="policykg"):
        tables = LookupTables(gen)
    assert "earlier version (format 1)" in caplog.text and "policykg build" in caplog.text
    try:
        assert_same(tables, eager_tables(gen))
    finally:
        tables.close()


def test_corrupt_file_gives_clear_error(data_copy):
    gen = _gen(data_copy)
    (gen / FILE).unlink()
    (gen / FILE).write_bytes(b"not a database" * 100)
    with pytest.raises(DataDirError, match="rebuild"):
        LookupTables(gen)


@pytest.mark.parametrize("damage", ["missing", "corrupt"])
def test_bad_record_file_gives_clear_error(data_copy, damage):
    gen = _gen(data_copy)
    doc = sorted(p.stem for p in stored.records_dir(gen).glob("*.json"))[0]
    path = stored.record_path(gen, doc)
    path.unlink()
    if damage == "corrupt":
        path.write_text('{"meta": {"id": ', "utf-8")
    with pytest.raises(DataDirError, match=f"record of {doc}.*rebuild"):
        stored.load_record(gen, doc)


@pytest.mark.parametrize("live_has_tables", [True, False, "older format"])
def test_removing_a_document_removes_its_rows(data_copy, live_has_tables):
    """The new generation starts from the live one's rows (or, from a generation built before
    the tables or their format, from its records) less the removed document's."""
    from search_api.build.pipeline import remove_documents
    from search_api.datadir.generations import DataDir

    gen = _gen(data_copy)
    if not live_has_tables:
        (gen / FILE).unlink()
    elif live_has_tables == "older format":
        _make_older_format(gen)
    doc = sorted(p.stem for p in stored.records_dir(gen).glob("*.json"))[0]
    import os
    data = DataDir(data_copy, os.environ["POLICYKG_CACHE"])   # the suite's model and embeddings
    remove_documents([doc], data)
    new = _gen(data_copy)
    assert new != gen and (new / FILE).exists()
    tables = LookupTables(new)
    try:
        assert doc not in tables.metas
        assert_same(tables, eager_tables(new))
    finally:
        tables.close()


def test_duty_texts_keep_a_nul_and_escapes(tmp_path):
    """The duty clauses' texts are stored as they are and read back whole (a NUL included:
    cleaning removes them, but a text is never cut at one)."""
    import sqlite3
    import threading

    from search_api.datadir.lookups import TableWriter

    tables = LookupTables.__new__(LookupTables)   # just the tables, no generation
    db = sqlite3.connect(tmp_path / "lookups.sqlite", check_same_thread=False)
    TableWriter(db, unit_rows=lambda record: [], duty_rows=lambda record, units: [])
    tables._db, tables._lock = db, threading.Lock()
    texts = ["燃气\x00管理", "字面的\\u0000", "“引号”\"\\\n\t😀", "普通", None]
    db.executemany("INSERT INTO duties (doc, seq, clause_id, text, mentions) VALUES ('d', ?, ?, ?, '[]')",
                   [(seq, f"d/{seq}", text) for seq, text in enumerate(texts)])
    try:
        assert tables.duty_texts("d") == [(f"d/{seq}", text) for seq, text in enumerate(texts)]
        assert tables.duty_mentions(["d/0", "d/none"]) == {"d/0": []} and tables.duty_texts("other") == []
    finally:
        tables.close()
