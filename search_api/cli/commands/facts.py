"""CLI commands: indicators, deadlines, actors, tasks — the facts extracted from each document."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ingest.records import DocumentRecord
from search_api.cli.output import DataOpt, JsonOpt, print_json, print_table, settings
from search_api.datadir import records as stored
from search_api.datadir.generations import DataDir
from search_api.errors import UserError


def _record(data: Optional[Path], doc_id: str) -> DocumentRecord:
    gen = DataDir.of(settings(data)).require_current()
    if not stored.has_record(gen, doc_id):
        raise UserError(f"no such document: {doc_id}")
    return stored.load_record(gen, doc_id)


def register(app: typer.Typer) -> None:
    @app.command()
    def indicators(plan_id: str, data: Optional[Path] = DataOpt, as_json: bool = JsonOpt) -> None:
        """List a plan's indicators (table rows and quantified targets in the text)."""
        from search_api.service.views import indicator_listing

        rows = indicator_listing(_record(data, plan_id))
        if as_json:
            print_json(rows)
        else:
            print_table(["name", "comparator", "value", "unit", "attribute", "table"],
                        [[r["name"], r["comparator"], r["value"], r["unit"], r["attribute"], r["table"]] for r in rows])

    @app.command()
    def deadlines(plan_id: str, data: Optional[Path] = DataOpt, as_json: bool = JsonOpt) -> None:
        """List a plan's deadlines: dates, intervals and recurring commitments."""
        from search_api.service.views import deadline_listing

        rows = deadline_listing(_record(data, plan_id))
        if as_json:
            print_json(rows)
        else:
            print_table(["date", "expression", "clause_id", "text"],
                        [[r["date"] or r["recurrence"], r["expression"], r["clause_id"], r["text"][:60]] for r in rows])

    @app.command()
    def actors(plan_id: Optional[str] = typer.Argument(None, help="Only this document (default: all)."),
               data: Optional[Path] = DataOpt, as_json: bool = JsonOpt) -> None:
        """List responsible bodies with their roles and the clauses naming them."""
        from search_api.service.views import actor_listing

        if plan_id:
            records = [_record(data, plan_id)]
        else:
            records = list(stored.iter_records(DataDir.of(settings(data)).require_current()))
        rows = actor_listing(records)
        if as_json:
            print_json(rows)
        else:
            def roles(r):
                counts: dict[str, int] = {}
                for m in r["mentions"]:
                    counts[m["role"]] = counts.get(m["role"], 0) + 1
                return ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
            print_table(["actor", "kind", "region", "mentions", "roles"],
                        [[r["name"], r["kind"], r["region"], len(r["mentions"]), roles(r)] for r in rows])

    @app.command()
    def tasks(plan_id: str,
              sector: Optional[str] = typer.Option(None, "--sector", help="Only tasks about this sector (城镇燃气, 燃气 …)."),
              data: Optional[Path] = DataOpt, as_json: bool = JsonOpt) -> None:
        """List a plan's tasks: lead verb, sectors, bodies and roles, deadline, linked indicators."""
        from ingest.extract.sectors import resolve_sector
        from search_api.service.views import task_listing

        wanted = None
        if sector:
            wanted = resolve_sector(sector)
            if wanted is None:
                raise UserError(f"unknown sector: {sector} (see ontology/sectors.ttl for the labels)")
        rows = task_listing(_record(data, plan_id), wanted)
        if as_json:
            print_json(rows)
        else:
            print_table(["verb", "sectors", "actors", "deadline", "key", "text"],
                        [[r["verb"], "|".join(r["sectors"]), "|".join(f"{a['actor_id']}({a['role']})" for a in r["actors"]),
                          r["deadline"], "★" if r["key_project"] else "", r["text"][:50]] for r in rows])
