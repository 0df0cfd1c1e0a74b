"""CLI commands: indicators, deadlines, actors, tasks — the facts extracted from each document."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from ingest.extract.sectors import resolve_sector
from ingest.records import DocumentRecord
from search_api.cli.commands.corpus import DataOpt, JsonOpt, print_json
from search_api.datadir import records as stored
from search_api.datadir.generations import DataDir
from search_api.errors import UserError


def _record(data: Optional[Path], doc_id: str) -> DocumentRecord:
    gen = DataDir(data).require_current()
    if not stored.has_record(gen, doc_id):
        raise UserError(f"no such document: {doc_id}")
    return stored.load_record(gen, doc_id)


def indicator_rows(record: DocumentRecord) -> list[dict]:
    return [{"id": i.id, "name": i.name, "comparator": i.comparator, "value": i.value, "unit": i.unit,
             "attribute": i.attribute, "table": i.table, "clause_id": i.clause_id}
            for i in record.facts.indicators]


def deadline_rows(record: DocumentRecord) -> list[dict]:
    # start / recurrence extend the documented shape: intervals ("十四五期间") and "每年"
    return [{"clause_id": d.clause_id, "text": d.text, "date": d.date, "expression": d.expression,
             "start": d.start, "recurrence": d.recurrence}
            for d in record.facts.deadlines]


def task_rows(record: DocumentRecord, sector: Optional[str] = None) -> list[dict]:
    return [{"id": t.id, "clause_ids": t.clause_ids, "text": t.text, "verb": t.verb, "sectors": t.sectors,
             "actors": [{"actor_id": m.actor_id, "role": m.role, "surface": m.surface} for m in t.actors],
             "deadline": t.deadline, "indicator_ids": t.indicator_ids, "key_project": t.key_project}
            for t in record.facts.tasks if sector is None or sector in t.sectors]


def actor_rows(records: list[DocumentRecord]) -> list[dict]:
    """Actors merged across documents by canonical name, each with its mentions."""
    merged: dict[str, dict] = {}
    for record in records:
        for actor in record.facts.actors:
            row = merged.setdefault(actor.id, {"id": actor.id, "name": actor.name, "kind": actor.kind,
                                               "region": actor.region, "level": actor.level,
                                               "aliases": [], "documents": [], "mentions": []})
            row["aliases"] += [a for a in actor.aliases if a not in row["aliases"]]
            row["documents"].append(record.meta.id)
        for m in record.facts.mentions:
            merged[m.actor_id]["mentions"].append({"document": record.meta.id, "clause_id": m.clause_id,
                                                   "role": m.role, "surface": m.surface})
    return sorted(merged.values(), key=lambda r: (-len(r["mentions"]), r["id"]))


def _table(columns: list[str], rows: list[list]) -> None:
    table = Table(*columns)
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    Console().print(table)


def register(app: typer.Typer) -> None:
    @app.command()
    def indicators(plan_id: str, data: Optional[Path] = DataOpt, as_json: bool = JsonOpt) -> None:
        """List a plan's indicators (table rows and quantified targets in the text)."""
        rows = indicator_rows(_record(data, plan_id))
        if as_json:
            print_json(rows)
        else:
            _table(["name", "comparator", "value", "unit", "attribute", "table"],
                   [[r["name"], r["comparator"], r["value"], r["unit"], r["attribute"], r["table"]] for r in rows])

    @app.command()
    def deadlines(plan_id: str, data: Optional[Path] = DataOpt, as_json: bool = JsonOpt) -> None:
        """List a plan's deadlines: dates, intervals and recurring commitments."""
        rows = deadline_rows(_record(data, plan_id))
        if as_json:
            print_json(rows)
        else:
            _table(["date", "expression", "clause_id", "text"],
                   [[r["date"] or r["recurrence"], r["expression"], r["clause_id"], r["text"][:60]] for r in rows])

    @app.command()
    def actors(plan_id: Optional[str] = typer.Argument(None, help="Only this document (default: all)."),
               data: Optional[Path] = DataOpt, as_json: bool = JsonOpt) -> None:
        """List responsible bodies with their roles and the clauses naming them."""
        if plan_id:
            records = [_record(data, plan_id)]
        else:
            records = list(stored.iter_records(DataDir(data).require_current()))
        rows = actor_rows(records)
        if as_json:
            print_json(rows)
        else:
            def roles(r):
                counts: dict[str, int] = {}
                for m in r["mentions"]:
                    counts[m["role"]] = counts.get(m["role"], 0) + 1
                return ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
            _table(["actor", "kind", "region", "mentions", "roles"],
                   [[r["name"], r["kind"], r["region"], len(r["mentions"]), roles(r)] for r in rows])

    @app.command()
    def tasks(plan_id: str,
              sector: Optional[str] = typer.Option(None, "--sector", help="Only tasks about this sector (城镇燃气, 燃气 …)."),
              data: Optional[Path] = DataOpt, as_json: bool = JsonOpt) -> None:
        """List a plan's tasks: lead verb, sectors, bodies and roles, deadline, linked indicators."""
        wanted = None
        if sector:
            wanted = resolve_sector(sector)
            if wanted is None:
                raise UserError(f"unknown sector: {sector} (see ontology/sectors.ttl for the labels)")
        rows = task_rows(_record(data, plan_id), wanted)
        if as_json:
            print_json(rows)
        else:
            _table(["verb", "sectors", "actors", "deadline", "key", "text"],
                   [[r["verb"], "|".join(r["sectors"]), "|".join(f"{a['actor_id']}({a['role']})" for a in r["actors"]),
                     r["deadline"], "★" if r["key_project"] else "", r["text"][:50]] for r in rows])
